// Deleting, overwriting and re-permissioning files, judged by what the path
// holds: the filesystem root, HOME, a system directory, the workspace, a
// database file, a backup or VCS internals are gated; build outputs, temp
// files and single files in the workspace are routine and stay quiet.
import { hasFlag, positionals } from '../command/args';
import * as path from 'node:path';
import { fileEffects, isMkfs, type FileEffect } from '../effects';
import { outputOptionWords } from '../effects/databaseOutputs';
import { linksMadeBefore } from '../parse/normalize';
import { onlyEditBackups } from './filesystem/editBackups';
import { regeneratedLater } from './filesystem/regenerated';
import { classifyPath, homeOf, type PathInfo } from '../command/paths';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { judgeDiskTool, judgeMkfs, judgeVolumeTool } from './filesystem/disks';
import {
  type DeleteOpts,
  judgeDelete,
  judgeMove,
  judgeRemoteMirror,
  judgeUnknownDestroyed,
  judgeWrite,
} from './filesystem/paths';
import { aclOwnerMode, chmodMode, chownOwner, judgeChmod } from './filesystem/permissions';
import { listedNames, substitutionNames } from './filesystem/listedNames';
import { finding } from './common/finding';
import { mayHideOptions } from './common/splitOptions';
import { judgeProgramEdit } from './filesystem/programEdits';
import { landedOverwrite } from './filesystem/landedOverwrites';

/**
 * Programs judged here even when no local file effect is read from them: `… | rm -rf` (its targets unknown) and
 * rsync to or from another host (a remote mirror). Every other program is judged exactly when the effects module
 * (effects/index.ts, fileEffects) reads a file it writes, deletes, moves or re-permissions from it, so a reader added
 * there is judged here too (a list of programs kept here let `… | sponge ~/.ssh/…` and `lvremove … >/dev/null` through).
 */
const JUDGED_WITHOUT_EFFECTS = new Set(['rm', 'rsync']);
/**
 * Programs whose file effects are read for the guard's own paths (protectedPaths.ts) but judged by their own packs:
 * git's discards and checkouts (the git pack), a sandbox's mounts (inside its own namespace), and the local side of a
 * copy to or from another host or a container (the transfer packs). A program missing here is judged twice, never
 * not at all.
 */
const JUDGED_ELSEWHERE = new Set([
  'git',
  'bwrap',
  'scp',
  'sftp',
  'rclone',
  'lftp',
  'docker',
  'podman',
  'kubectl',
  'oc',
  'gsutil',
  'gcloud',
  'aws',
  'az',
]);
/** Programs whose moves go to the desktop's trash: recoverable, judged only where the guard's own paths are (protectedPaths.ts). */
const TRASHERS = new Set(['trash-put', 'trash']);
const DISK_TOOLS = new Set([
  'fdisk',
  'sfdisk',
  'gdisk',
  'cgdisk',
  'cfdisk',
  'sgdisk',
  'parted',
  'wipefs',
  'blkdiscard',
  'diskutil',
  'cryptsetup',
  'fsck',
  'e2fsck',
  'xfs_repair',
  'mdadm',
]);
const VOLUME_TOOLS = new Set(['lvremove', 'vgremove', 'pvremove', 'zpool', 'zfs']);

/** `ls`/`find`/`echo` in front of `xargs rm`: the names xargs passes, when the producer says. */
function xargsWords(cmd: SimpleCommand): string[] | undefined {
  return cmd.stdinFrom ? listedNames(cmd.stdinFrom) : undefined;
}

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const argv = cmd.argv;
  const name = argv[0] ?? '';
  if (DISK_TOOLS.has(name)) return wrap(judgeDiskTool(name, argv));
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => {
    if (f) out.push(f);
  };
  // Whatever its output is redirected to (`lvremove -f vg/lv >/dev/null 2>&1`).
  if (VOLUME_TOOLS.has(name)) push(judgeVolumeTool(name, argv));
  const mkfs = isMkfs(name);
  // Read once a command: the guard's protected paths ask for the same effects (effects/recent.ts). A program judged
  // elsewhere is judged here for where its output is redirected alone (`git log > ~/.bashrc`).
  const all = fileEffects(cmd, ctx);
  const effects = JUDGED_ELSEWHERE.has(name) ? all.filter((e) => cmd.redirects.some((r) => r.target === e.path)) : all;
  if (effects.length === 0 && !mkfs && !JUDGED_WITHOUT_EFFECTS.has(name)) return out.length ? out : undefined;

  const home = homeOf(cmd.env, ctx);

  if (mkfs) push(judgeMkfs(name, effects, cmd, ctx));

  const force =
    (name === 'rm' && hasFlag(argv, ['-f', '--force'])) || name === 'rimraf' || name === 'del' || name === 'del-cli';
  if (
    name === 'rm' &&
    (hasFlag(argv, ['-r', '-R', '--recursive']) || force) &&
    cmd.stdinFrom &&
    positionals(argv).length === 0 &&
    !argv.includes('--help') &&
    !argv.includes('--version')
  ) {
    // `… | rm -rf`: rm reads no names from stdin, so what the author meant to delete is unknown.
    push(
      finding(
        'fs.rm-unknown-target',
        45,
        'rm -rf is fed from a pipe: the paths it was meant to delete are unknown',
        'stdin',
        'list the paths and delete them by name',
      ),
    );
  }

  let moveDest: PathInfo | undefined;
  if (name === 'mv') {
    const w = effects.filter((e) => e.kind === 'write').pop();
    moveDest = w ? classifyPath(w.path, cmd.cwd, cmd.env, ctx) : undefined;
  }
  const mode = name === 'chmod' ? chmodMode(argv) : name === 'setfacl' ? aclOwnerMode(argv) : undefined;
  const owner = name === 'chown' ? chownOwner(argv) : undefined;
  if (name === 'rsync') push(judgeRemoteMirror(argv, ctx.windows === true));

  // A path a plain listing prints (`rm $(ls)`, `ls | xargs mv -t /tmp`) is judged as each name it lists.
  const listed = effects.flatMap((e) => {
    const names = e.path === '$XARGS_INPUT' ? xargsWords(cmd) : substitutionNames(e.path);
    return names ? names.map((n) => ({ ...e, path: n })) : [e];
  });
  // `rm $X`: an unquoted word known only at run time may carry `-rf` (splitOptions.ts).
  const hidden = name === 'rm' && cmd.dynamic.includes(true) && mayHideOptions(cmd);
  for (const e of listed) {
    if (e.kind === 'delete' && dotnetOutput(e.path, effects, cmd, ctx)) continue;
    if (e.kind === 'delete') {
      const tool = name === 'rsync' || (name === 'robocopy' && !argv.some((a) => /^\/move$/i.test(a))) ? 'rsync' : name;
      const opts: DeleteOpts = {
        recursive: !!e.recursive || hidden,
        force: force || tool === 'rsync' || hidden,
        tool,
        asOnDisk: cmd.remote === undefined && !ctx.lineMade,
        follows: e.follow === true,
      };
      const p = lineMadeOrRemakes(classifyPath(e.path, cmd.cwd, cmd.env, ctx), cmd, ctx);
      push(judgeDelete(p, opts, ctx, home));
      push(judgeUnknownDestroyed(name, p));
      const through = throughLineLink(p.abs, !!e.follow, cmd, ctx);
      if (through) push(judgeDelete(through, opts, ctx, home));
    } else if (e.kind === 'move') {
      // Into the trash: recoverable, and judged only where the guard's own paths are (protectedPaths.ts).
      if ((name === 'gio' && argv[1] === 'trash') || TRASHERS.has(name)) continue;
      push(judgeMove(classifyPath(e.path, cmd.cwd, cmd.env, ctx), moveDest, ctx, home));
    } else if (e.kind === 'chmod') {
      push(judgeChmod(name, classifyPath(e.path, cmd.cwd, cmd.env, ctx), e, mode, ctx, home, owner));
    } else if (!mkfs) {
      const p = moveDest && e.kind === 'write' ? moveDest : classifyPath(e.path, cmd.cwd, cmd.env, ctx);
      if (name === 'mv' && p.location === 'null-device') continue;
      const effect: FileEffect = e.kind === 'write' && replacesDest(name, argv) ? { ...e, kind: 'truncate' } : e;
      push(judgeWrite(p, effect, ctx, home, cmd.remote === undefined));
      push(judgeProgramEdit(p, effect, cmd, ctx, home));
      push(judgeUnknownDestroyed(name, p));
    }
  }
  // `tar -xf x.tar -C ~/notes`, `rsync -a src/ ~/notes/`: the files that land over ones already there.
  if (!mkfs) push(landedOverwrite(cmd, ctx, home));
  return out.length ? dedupe(out) : undefined;
}

/**
 * A path the line itself makes or makes again: the backups an in-place edit before it wrote (`sed -i.bak … &&
 * rm *.bak`), a folder a code generator after it writes (`rm -rf gen && buf generate`).
 */
function lineMadeOrRemakes(p: PathInfo, cmd: SimpleCommand, ctx: AnalysisContext): PathInfo {
  if (p.backup && !p.dynamic && onlyEditBackups(p.abs, cmd, ctx)) return { ...p, backup: false };
  if (p.location === 'workspace-inside' && !p.glob && !p.dynamic && !p.regenerable && regeneratedLater(p.abs, cmd, ctx))
    return { ...p, regenerable: true };
  return p;
}

/**
 * `ln -sfn ~ build && rm -rf build/`: a delete through a link made earlier on
 * the line (its contents: a trailing `/`, or a path below it) acts on the
 * link's target, which the disk does not show yet.
 */
function throughLineLink(abs: string, follow: boolean, cmd: SimpleCommand, ctx: AnalysisContext): PathInfo | undefined {
  const links = linksMadeBefore(cmd);
  if (!links) return undefined;
  for (const [link, target] of links) {
    const rest = abs === link && follow ? '' : abs.startsWith(link + '/') ? abs.slice(link.length) : undefined;
    if (rest === undefined) continue;
    const dir = path.dirname(link);
    return classifyPath(target + rest + (rest === '' ? '/' : ''), dir, cmd.env, ctx);
  }
  return undefined;
}

/**
 * A .NET project's `bin` beside its `obj`: both are build output. Known when
 * the same command deletes `obj` too, or `obj` is there on disk.
 */
function dotnetOutput(
  p: string,
  effects: readonly { kind: string; path: string }[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): boolean {
  const m = /^(.*?)\/?bin$/i.exec(p);
  if (!m) return false;
  const obj = (m[1] ? m[1] + '/' : '') + 'obj';
  if (effects.some((e) => e.kind === 'delete' && e.path.toLowerCase() === obj.toLowerCase())) return true;
  const abs = obj.startsWith('/') || /^[A-Za-z]:\//.test(obj) ? obj : cmd.cwd + '/' + obj;
  return ctx.stat?.(abs)?.isFile === false;
}

/**
 * `cp SRC DEST`, `mv SRC DEST`, `install SRC DEST`, `ln -sf SRC DEST` with one
 * source and no recursion: DEST is a file whose content is replaced, as a
 * `>` redirect would (`cp /dev/null ~/.bashrc`). Several sources or `-r`
 * mean DEST is a directory that only gains entries.
 */
function replacesDest(name: string, argv: readonly string[]): boolean {
  if (name !== 'cp' && name !== 'mv' && name !== 'install' && name !== 'ln') return false;
  if (name === 'ln' && !hasFlag(argv, ['-f', '--force'])) return false;
  if (hasFlag(argv, ['-r', '-R', '--recursive', '-a', '--archive', '-t', '--target-directory', '-d', '--directory']))
    return false;
  const pos = positionals(argv, ['-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group']);
  return pos.length === 2 && !pos[1].endsWith('/');
}

function wrap(f: Finding | undefined): Finding[] | undefined {
  return f ? [f] : undefined;
}

/** One finding per id: the most severe, so a long argument list does not flood the prompt. */
function dedupe(list: Finding[]): Finding[] {
  if (list.length < 2) return list;
  const best = new Map<string, Finding>();
  for (const f of list) {
    const prev = best.get(f.id);
    if (!prev || f.severity > prev.severity) best.set(f.id, f);
  }
  return [...best.values()];
}

// Commands that only read files. Through ssh to a production host they are still reads.
const READ_ONLY = new Set([
  'ls',
  'cat',
  'head',
  'tail',
  'less',
  'more',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'du',
  'df',
  'stat',
  'file',
  'wc',
  'tree',
  'pwd',
  'realpath',
  'readlink',
  'basename',
  'dirname',
  'diff',
  'cmp',
  'md5sum',
  'sha1sum',
  'sha256sum',
  'shasum',
  'cksum',
  'nl',
  'tac',
  'od',
  'hexdump',
  'strings',
  'test',
  '[',
  'which',
  'whereis',
  'type',
  'echo',
  'printf',
  'true',
  'false',
]);
const FIND_ACTIONS = ['-delete', '-exec', '-execdir', '-ok', '-okdir', '-fprint', '-fprint0', '-fprintf', '-fls'];

function effect(cmd: SimpleCommand, ctx: AnalysisContext): 'read' | 'write' | undefined {
  const name = cmd.argv[0] ?? '';
  // A local redirect writes a local file; on a remote host it writes there.
  const remote = cmd.remote !== undefined;
  // What the program itself writes (effects/index.ts reads it, the one list of such programs); a local redirect is
  // left out, a remote one kept.
  // A database client's output file (`psql -o f`) is such a local write too.
  const drop = remote ? new Set<number>() : outputOptionWords(cmd.argv);
  const keep = (_: unknown, i: number) => !drop.has(i);
  const local = drop.size ? { argv: cmd.argv.filter(keep), dynamic: cmd.dynamic.filter(keep) } : {};
  const fx =
    remote || (cmd.redirects.length === 0 && drop.size === 0)
      ? fileEffects(cmd, ctx)
      : fileEffects({ ...cmd, ...local, redirects: [] }, ctx);
  if (fx.length || isMkfs(name)) return 'write';
  if (name === 'sed' || name === 'gsed') return 'read';
  if (name === 'find') return cmd.argv.some((a) => FIND_ACTIONS.includes(a)) ? undefined : 'read';
  return READ_ONLY.has(name) ? 'read' : undefined;
}

export const filesystemPack: Pack = { id: 'fs', commands: '*', analyze, effect };
