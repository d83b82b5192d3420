// Writes, moves and mirrors: commands that replace what a path holds, and what that loses.
import { hasFlag, positionals } from '../../command/args';
import { RSYNC_VALUE_OPTS } from '../../command/valueOptions';
import { isRemote, RSYNC_DELETE_FLAGS, type FileEffect } from '../../effects';
import { displayPath, type PathInfo } from '../../command/paths';
import type { AnalysisContext, Finding } from '../../types';
import { finding } from '../common/finding';
import { isFreshName } from '../../command/freshNames';

export const KEEP_COPY_ALT = 'copy it aside first, or ask the user to delete it';

const KNOWN_HOSTS_RE = /\/known_hosts[^/]*$/;

/** Where a file lies outside the workspace and every system, temp or device place: the user's and others' own files. */
export const OUTSIDE_OWN = new Set<PathInfo['location']>([
  'home',
  'home-inside',
  'other-home',
  'workspace-ancestor',
  'outside',
]);

/**
 * Judges one written or truncated path; `local`: it is this machine's (not a remote host's), so what the disk holds
 * now tells whether the write replaces a file.
 */
export function judgeWrite(
  p: PathInfo,
  e: FileEffect,
  ctx: AnalysisContext,
  home: string,
  local = false,
): Finding | undefined {
  const truncate = e.kind === 'truncate';
  const what = p.dynamic ? p.word : displayPath(p.abs, ctx, home);
  switch (p.location) {
    case 'device':
      return finding(
        'fs.write-device',
        95,
        `overwrites the disk device ${p.abs}: everything on it is destroyed`,
        p.abs,
        'write to an image file instead',
      );
    case 'root':
    case 'system-top':
    case 'system': {
      if (p.abs === '/proc/sysrq-trigger')
        return finding(
          'fs.write-system',
          95,
          'writes the kernel sysrq trigger (crash, reboot or kill every process)',
          p.abs,
        );
      return finding(
        'fs.write-system',
        truncate ? 60 : 50,
        `${truncate ? 'overwrites' : 'writes to'} ${what}, a system file outside the workspace`,
        what,
        'change files inside the workspace, or ask the user to apply system changes',
      );
    }
    case 'temp':
    case 'temp-root':
    case 'null-device':
      return undefined;
  }
  // `cp app.db backups/app-$(date +%F).db`, or a backup under a name no file has yet, makes a new file: no database is replaced.
  const newBackup = p.backup && !p.dynamic && ctx.stat !== undefined && !ctx.stat(p.abs);
  if (p.dataFile && !isFreshName(p.dynamic ? p.word : p.abs) && !newBackup) {
    return finding(
      'fs.overwrite-data-file',
      truncate ? 60 : 50,
      `${truncate ? 'empties or overwrites' : 'writes into'} the database file ${what}`,
      what,
      `${KEEP_COPY_ALT} (e.g. cp FILE FILE.bak)`,
    );
  }
  const inHome = p.location === 'home-inside';
  // Keys and authorized_keys decide who gets in: adding a line there grants access.
  // Appending a host key to known_hosts (`ssh-keyscan host >> ~/.ssh/known_hosts`) only records a server.
  if (
    inHome &&
    (p.credential || p.abs.startsWith(home + '/.ssh/')) &&
    !(e.kind === 'write' && KNOWN_HOSTS_RE.test(p.abs))
  ) {
    return finding(
      'fs.write-credential',
      60,
      `${truncate ? 'overwrites' : 'writes to'} the credential file ${what}`,
      what,
      'ask the user to change credentials',
    );
  }
  // A `.bak` copy is a backup being made, not a config being replaced.
  if (truncate && inHome && p.homeChild && /\/\.[^/]+$/.test(p.abs) && !p.regenerable && !p.backup) {
    return finding(
      'fs.overwrite-home-config',
      50,
      `overwrites ${what}, a configuration file in the home directory`,
      what,
      'append to it (>>) or edit the one line you mean',
    );
  }
  // `> ~/notes/todo.txt`, `shred ~/thesis.tex`, `cp x ~/other/app.conf`: a file outside the workspace emptied or
  // replaced is lost as surely as one deleted, which asks (`fs.rm-outside-workspace`). A name no file has yet is new.
  if (truncate && local && OUTSIDE_OWN.has(p.location) && !p.regenerable && !p.backup && existingFile(p, ctx)) {
    return finding(
      'fs.overwrite-outside-workspace',
      45,
      `empties or replaces ${what}, an existing file outside the workspace: what it held is lost`,
      what,
      KEEP_COPY_ALT,
    );
  }
  return undefined;
}

/**
 * The path names one regular file on disk now (not a folder or a value known only at run time), or is a glob
 * (`~/app/*.py`, find's matches under a folder) whose folder exists: its matches are not known, and any of them
 * may be such a file.
 */
function existingFile(p: PathInfo, ctx: AnalysisContext): boolean {
  if (p.dynamic || !ctx.stat) return false;
  if (p.glob) return p.base !== '' && ctx.stat(p.base)?.isDir === true;
  const s = ctx.stat(p.abs);
  return s !== undefined && s.isFile && s.isDir !== true;
}

/** Judges one moved source, given where it goes. */
export function judgeMove(
  p: PathInfo,
  dest: PathInfo | undefined,
  ctx: AnalysisContext,
  home: string,
): Finding | undefined {
  const what = p.dynamic ? p.word : displayPath(p.abs, ctx, home);
  if (dest && dest.location === 'null-device') {
    return finding(
      'fs.mv-to-dev-null',
      70,
      `moves ${what} onto ${dest.abs}: it is destroyed`,
      what,
      'delete it explicitly if that is the intent',
    );
  }
  // `mv *.log logs/` moves some files of the folder, not the folder: judged as files inside it.
  const some = p.glob && !p.everything && p.pattern !== undefined && p.location === 'workspace';
  switch (some ? 'workspace-inside' : p.location) {
    case 'root':
    case 'system-top':
    case 'home':
    case 'other-home':
      return finding('fs.mv-critical', 85, `moves ${what} away: the system or home directory breaks`, what);
    case 'system':
      return finding('fs.mv-system', 60, `moves ${what}, a system path outside the workspace`, what);
    case 'workspace':
    case 'workspace-ancestor':
      return finding('fs.mv-workspace', 60, `moves ${what}, which holds the whole workspace`, what);
    case 'temp':
    case 'temp-root':
    case 'unknown':
      return undefined;
  }
  if (p.vcs && /\/\.(?:git|hg|svn)$/.test(p.abs))
    return finding('fs.mv-vcs', 70, `moves ${what}, the repository's history`, what);
  if (p.credential && p.location === 'home-inside')
    return finding('fs.mv-credential', 60, `moves the credential file ${what}`, what);
  const destInside = dest && (dest.location === 'workspace' || dest.location === 'workspace-inside');
  if (
    (p.location === 'workspace-inside' || some) &&
    dest &&
    !destInside &&
    !p.regenerable &&
    (!p.fileLike || p.everything || p.glob)
  ) {
    return finding(
      'fs.mv-out-of-workspace',
      50,
      `moves ${what} out of the workspace to ${dest.dynamic ? dest.word : displayPath(dest.abs, ctx, home)}`,
      what,
      'copy it (cp -r) instead, so the workspace keeps it',
    );
  }
  if (p.location === 'home-inside' && p.homeChild && !p.fileLike && dest && !destInside && !p.regenerable) {
    return finding('fs.mv-outside-workspace', 50, `moves ${what}, a folder in the home directory`, what);
  }
  return undefined;
}

/** `rsync -n`, `-an`, `--dry-run`: rsync only lists what it would change. */
export function rsyncDryRun(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--dry-run' || (/^-[a-zA-Z]+$/.test(a) && a.includes('n')));
}

/** `rsync --delete ./ host:/path`: files on the other host that the source lacks are removed. */
export function judgeRemoteMirror(argv: readonly string[], windows = false): Finding | undefined {
  if (!hasFlag(argv, RSYNC_DELETE_FLAGS) || rsyncDryRun(argv)) return undefined;
  const dest = positionals(argv, RSYNC_VALUE_OPTS).pop();
  if (!dest || !isRemote(dest, windows)) return undefined;
  return finding(
    'fs.rsync-delete',
    50,
    `mirrors into ${dest} with --delete: files there that the source lacks are removed on that host`,
    dest,
    'run with --dry-run first, or drop --delete',
  );
}

/** Programs whose work is destroying what they are pointed at, by the severity of that target left unknown. */
const DESTROYERS: ReadonlyMap<string, number> = new Map([
  // `dd of="$DEV"` may be a whole disk.
  ['dd', 60],
  ['shred', 50],
  ['wipe', 50],
  ['srm', 50],
  ['truncate', 45],
]);

/**
 * `dd if=/dev/zero of="$DEV"`, `shred "$F"`, `truncate -s 0 "$F"`: a program that destroys its target, pointed at
 * one known only at run time, may destroy any file or a disk. It asks as `rm -f "$F"` does.
 */
export function judgeUnknownDestroyed(name: string, p: PathInfo): Finding | undefined {
  const severity = DESTROYERS.get(name);
  if (severity === undefined || p.location !== 'unknown' || p.regenerable) return undefined;
  return finding(
    'fs.overwrite-unknown-target',
    severity,
    `${name} destroys what ${p.word} holds${name === 'dd' ? ' (a file, or a whole disk)' : ''}, known only at run time`,
    p.word,
    'name the file or device in full on the line, so it can be checked first',
  );
}
