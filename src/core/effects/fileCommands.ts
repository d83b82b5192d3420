// The file commands every shell has (rm, mv, cp, ln, install, rsync, dd,
// truncate, sed -i, perl -i, tee, sponge, sort -o, uniq, chmod and kin, mkfs):
// which files each one deletes, writes, truncates, moves or re-permissions,
// read from its words alone. fileEffects() (index.ts) runs this first for
// every command; tools whose writes hide in option values are in toolWrites.ts.
import { hasFlag, optionValue, positionals } from '../command/args';
import {
  SHRED_VALUE_OPTS,
  CP_VALUE_OPTS,
  LN_VALUE_OPTS,
  INSTALL_VALUE_OPTS,
  RSYNC_VALUE_OPTS,
  TRUNCATE_VALUE_OPTS,
  SED_VALUE_OPTS,
  TEE_VALUE_OPTS,
  MKFS_VALUE_OPTS,
} from '../command/valueOptions';
import { isInPlaceEditor, type InPlaceEditor } from '../command/inPlaceEditors';
import { permissionTargets } from './permissions';
import { readSedScripts, sedScriptTexts } from './sedScripts';
import type { EffectSink } from './types';

/** Where the file commands report what they touch; `drives` as in isRemote. */
export interface FileCommandSink extends EffectSink {
  readonly drives: boolean;
}

export const RSYNC_DELETE_FLAGS = [
  '--delete',
  '--delete-before',
  '--delete-during',
  '--delete-delay',
  '--delete-after',
  '--delete-excluded',
  '--del',
  '--mirror',
];
export const MKFS_RE = /^(?:mkfs(?:\..+)?|mke2fs|mkswap|mkdosfs|mkntfs|newfs(?:_.+)?)$/;

/** MKFS_RE's answer; most names start with neither `mk` nor `newfs` and skip compiling it. */
export function isMkfs(name: string): boolean {
  return (name.startsWith('mk') || name.startsWith('newfs')) && MKFS_RE.test(name);
}

/** A redirect target that is not a file: fd duplications and device sinks. */
export function isFileTarget(t: string): boolean {
  if (!t || t[0] === '&' || /^\d+$/.test(t) || t === '-') return false;
  return !(
    t === '/dev/null' ||
    t === '/dev/stdout' ||
    t === '/dev/stderr' ||
    t === '/dev/tty' ||
    t === '/dev/zero' ||
    t.startsWith('/dev/fd/') ||
    t.startsWith('/proc/self/fd/')
  );
}

/**
 * `host:path` or `user@host:path` (rsync, scp): not a local file. `${X:?}/…` is a variable, not a host.
 * `C:\x` is a Windows drive. `C:/x` and a bare `h:` are a drive where `drives` (the default: Windows,
 * or a caller that cannot tell), but scp and rsync on a POSIX system read a one-letter name as a host.
 */
export function isRemote(word: string, drives = true): boolean {
  if (!REMOTE_RE.test(word)) return false;
  if (!DRIVE_RE.test(word)) return true;
  return !drives && word[2] !== '\\';
}
const DRIVE_RE = /^[A-Za-z]:(?:[\\/]|$)/;
const REMOTE_RE = /^(?:[\w.-]+@)?[\w.-]+:/;

/** Source and destination words of a cp/mv/ln/install-style command (`-t DIR` aware). */
function sourcesAndDest(argv: readonly string[], valueOpts: readonly string[]): { sources: string[]; dest?: string } {
  const pos = positionals(argv, valueOpts);
  const target = optionValue(argv, ['-t', '--target-directory']);
  if (target !== undefined) return { sources: pos, dest: target };
  if (pos.length < 2) return { sources: [], dest: undefined };
  return { sources: pos.slice(0, -1), dest: pos[pos.length - 1] };
}

/** A cp option given alone, in a cluster of short ones (`-al` holds `l`), or by a long name. */
export function cpFlag(argv: readonly string[], letters: string, long: readonly string[]): boolean {
  return argv.some(
    (a) =>
      long.includes(a) || (a.length > 1 && a[0] === '-' && a[1] !== '-' && [...letters].some((l) => a.includes(l))),
  );
}

/** The effects of one file command: nothing for a program that is none. */
export function commandEffects(name: string, argv: readonly string[], c: FileCommandSink): void {
  if (isInPlaceEditor(name)) return EDITOR_EFFECTS[name](name, argv, c);
  switch (name) {
    case 'rm': {
      const recursive = hasFlag(argv, ['-r', '-R', '--recursive']);
      for (const w of positionals(argv)) c.add('delete', w, recursive, w === '$XARGS_INPUT');
      return;
    }
    case 'rimraf':
    case 'del':
    case 'del-cli':
      // The npm packages behind `npx rimraf` / `npx del-cli`: rm -rf by another name (globs included).
      if (argv.includes('--dry-run')) return;
      for (const w of positionals(argv)) c.add('delete', w, true);
      return;
    case 'unlink':
    case 'rmdir':
      for (const w of positionals(argv)) c.add('delete', w);
      return;
    case 'shred': {
      const remove = hasFlag(argv, ['-u', '--remove']);
      for (const w of positionals(argv, SHRED_VALUE_OPTS)) c.add(remove ? 'delete' : 'truncate', w);
      return;
    }
    case 'srm':
    case 'wipe': {
      const recursive = hasFlag(argv, ['-r', '-R', '--recursive']);
      for (const w of positionals(argv, ['-l', '-x', '-p', '-Q', '-S', '-T'])) c.add('delete', w, recursive);
      return;
    }
    case 'mv': {
      const { sources, dest } = sourcesAndDest(argv, CP_VALUE_OPTS);
      for (const s of sources) c.add('move', s);
      if (dest) c.add('write', dest);
      return;
    }
    case 'cp':
    case 'install':
    case 'ln': {
      if (name === 'ln') {
        // The link is created (or, with -f, replaced) AT the destination. A hard link also
        // exposes its source: writing through the new name rewrites the source file.
        const { sources, dest } = sourcesAndDest(argv, LN_VALUE_OPTS);
        if (dest) c.add('write', dest);
        // `ln -s TARGET` alone makes the link in the working folder, under TARGET's name.
        const lone = dest === undefined ? positionals(argv, LN_VALUE_OPTS) : [];
        const named = lone.length === 1 ? lone[0].replace(/\/+$/, '').replace(/^.*\//, '') : '';
        if (named) c.add('write', named);
        if (!hasFlag(argv, ['-s', '--symbolic'])) for (const s of sources) c.add('write', s);
        return;
      }
      if (name === 'install' && hasFlag(argv, ['-d', '--directory'])) return;
      const { sources, dest } = sourcesAndDest(argv, name === 'install' ? INSTALL_VALUE_OPTS : CP_VALUE_OPTS);
      if (dest) c.add('write', dest);
      // `cp -l` (`-al` for a whole tree) makes hard links, not copies: as for `ln`, each source gets a second name
      // through which it is rewritten later.
      if (name === 'cp' && cpFlag(argv, 'l', ['--link']))
        for (const s of sources) c.add('write', s, cpFlag(argv, 'rRa', ['--recursive', '--archive']));
      return;
    }
    case 'rsync': {
      const pos = positionals(argv, RSYNC_VALUE_OPTS);
      // `-n`/`--dry-run` (alone or in a cluster: `-avn`): rsync only lists what it would do.
      if (pos.length < 2 || argv.some((a) => a === '--dry-run' || (/^-[a-zA-Z]+$/.test(a) && a.includes('n')))) return;
      const dest = pos[pos.length - 1];
      // `rsync -a src h:` on a POSIX system: `h:` is a host, not a drive of this machine.
      if (!isRemote(dest, c.drives)) {
        c.add('write', dest);
        if (hasFlag(argv, RSYNC_DELETE_FLAGS)) c.add('delete', dest, true);
      }
      if (hasFlag(argv, ['--remove-source-files']))
        for (const s of pos.slice(0, -1)) if (!isRemote(s, c.drives)) c.add('delete', s);
      return;
    }
    case 'dd': {
      // conv=notrunc overwrites in place; otherwise dd truncates the output first.
      const notrunc = argv.some((a) => a.startsWith('conv=') && a.includes('notrunc'));
      for (const a of argv) if (a.startsWith('of=')) c.add(notrunc ? 'write' : 'truncate', a.slice(3));
      return;
    }
    case 'truncate':
      for (const w of positionals(argv, TRUNCATE_VALUE_OPTS)) c.add('truncate', w);
      return;
    case 'tee': {
      const append = hasFlag(argv, ['-a', '--append']);
      for (const w of positionals(argv, TEE_VALUE_OPTS)) if (isFileTarget(w)) c.add(append ? 'write' : 'truncate', w);
      return;
    }
    case 'sponge': {
      // moreutils' `sponge FILE` soaks up its input, then writes it to FILE (`-a` appends).
      const file = positionals(argv)[0];
      if (file !== undefined && isFileTarget(file)) c.add(hasFlag(argv, ['-a']) ? 'write' : 'truncate', file);
      return;
    }
    case 'sort': {
      // `sort -o FILE` writes its output there (the input may be the same file).
      const out = optionValue(argv, ['-o', '--output']);
      if (out !== undefined) c.add('truncate', out);
      return;
    }
    case 'uniq': {
      // `uniq INPUT OUTPUT` writes OUTPUT.
      const pos = positionals(argv, [
        '-f',
        '--skip-fields',
        '-s',
        '--skip-chars',
        '-w',
        '--check-chars',
        '--group',
        '--all-repeated',
      ]);
      if (pos.length >= 2 && pos[1] !== '-') c.add('truncate', pos[1]);
      return;
    }
    case 'chmod':
    case 'chown':
    case 'chgrp':
    case 'setfacl':
    case 'chattr':
    case 'chflags':
      for (const t of permissionTargets(name, argv) ?? []) c.add('chmod', t.word, t.recursive);
      return;
    default:
      // mkfs.*, mke2fs …: the device or image is rewritten whole.
      if (isMkfs(name)) {
        // Option values differ per filesystem; the device is the /dev word, else the first positional.
        const pos = positionals(argv, MKFS_VALUE_OPTS);
        const dev = pos.find((w) => w.startsWith('/dev/')) ?? pos[0];
        if (dev) c.add('truncate', dev);
      }
  }
}

/** sed's effects: the files it edits in place (`-i`), and those its script's `w FILE` empties, in place or not. */
function sedEffects(_name: InPlaceEditor, argv: readonly string[], c: FileCommandSink): void {
  const pos = positionals(argv, SED_VALUE_OPTS);
  const texts = sedScriptTexts(argv, pos);
  const script = texts ? readSedScripts(texts) : undefined;
  // `w FILE` empties FILE when sed starts, in place or not.
  for (const w of script?.writes ?? []) if (isFileTarget(w)) c.add('truncate', w);
  // A script read from `-f FILE` is judged where the file can be read (sedFiles.ts).
  for (const w of sedInPlaceFiles(argv, pos) ?? []) c.add(script?.emptiesInput ? 'truncate' : 'write', w);
}

/** The files `sed -i` edits in place (`pos`: its positionals, when already read), or undefined when it edits none. */
export function sedInPlaceFiles(
  argv: readonly string[],
  pos: readonly string[] = positionals(argv, SED_VALUE_OPTS),
): readonly string[] | undefined {
  if (!hasFlag(argv, ['-i', '--in-place']) && !argv.some((a) => /^-[a-zA-Z]*i/.test(a) && !a.startsWith('--')))
    return undefined;
  // Without -e/-f the first positional is the script.
  return optionValue(argv, ['-e', '--expression', '-f', '--file']) === undefined ? pos.slice(1) : pos;
}

/** perl's and ruby's effects: the files they edit in place (`-pi -e …`). */
function scriptEditorEffects(name: InPlaceEditor, argv: readonly string[], c: FileCommandSink): void {
  // `perl -pi -e …`, `ruby -pi -e …`: each file operand is edited in place. Ruby's `-r`, `-I`, `-C` take a value
  // in the same word (`-ruri`), so its `-i` is looked for among the letters that take none.
  const inPlace = name === 'ruby' ? /^-[acdlnpsvwWyU]*i/ : /^-[a-zA-Z0-9]*i/;
  if (!argv.some((a) => inPlace.test(a) && !a.startsWith('--'))) return;
  const ruby = name === 'ruby';
  // The code a cluster ending in `e` takes (`-e CODE`, `-ne CODE`); the words left after options are the files.
  const takesCode = ruby ? /^-[a-zA-Z0-9]*e$/ : /^-[a-zA-Z0-9]*[eE]$/;
  const code = argv.filter((_a, k) => k > 1 && takesCode.test(argv[k - 1]));
  const pos = positionals(argv, ruby ? ['-e', '-r', '-I', '-C', '-E'] : ['-e', '-E', '-M', '-I', '-m']).filter(
    (w) => !code.includes(w),
  );
  // `perl -ni -e '' FILE`: -n (without -p) writes back only what the script prints, and one that prints nothing
  // leaves each file empty, as `sed -i d` does.
  const clusters = argv.filter((a) => /^-[a-zA-Z0-9]+$/.test(a));
  const n = clusters.some((a) => /^-[^e]*n/.test(a)) && !clusters.some((a) => /^-[^e]*p/.test(a));
  const empties = n && code.length > 0 && !code.some((t) => PRINTS.test(t));
  for (const w of code.length > 0 ? pos : pos.slice(1)) c.add(empties ? 'truncate' : 'write', w);
}

/** A perl or ruby script that writes lines out (anything else under -n writes nothing back). */
const PRINTS = /\b(?:print|printf|say|puts|putc|p|write|syswrite|STDOUT|\$stdout|\$>)\b|\$>/;

/** Each in-place editor's effects: a name added to IN_PLACE_EDITORS must be read here too. */
const EDITOR_EFFECTS: Readonly<Record<InPlaceEditor, typeof sedEffects>> = {
  sed: sedEffects,
  gsed: sedEffects,
  perl: scriptEditorEffects,
  ruby: scriptEditorEffects,
};
