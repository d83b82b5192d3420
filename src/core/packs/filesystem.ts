// Deleting, overwriting and re-permissioning files, judged by what the path
// holds: the filesystem root, HOME, a system directory, the workspace, a
// database file, a backup or VCS internals are gated; build outputs, temp
// files and single files in the workspace are routine and stay quiet.
import { hasFlag, positionals, optionValue } from '../args';
import { fileEffects, isRemote, MKFS_RE, RSYNC_DELETE_FLAGS, type FileEffect } from '../effects';
import { classifyPath, displayPath, homeOf, isCredentialStore, type PathInfo } from '../paths';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';

// Commands whose arguments name files they change (redirects are checked for every command).
const FILE_COMMANDS = new Set([
  'rm', 'unlink', 'rmdir', 'shred', 'srm', 'wipe', 'mv', 'cp', 'install', 'ln', 'rsync', 'dd', 'truncate',
  'sed', 'gsed', 'perl', 'tee', 'chmod', 'chown', 'chgrp', 'rimraf', 'del', 'del-cli',
  // Writes hidden in option values, folders and patches (effectsMore.ts).
  'tar', 'gtar', 'bsdtar', 'zip', 'unzip', 'curl', 'wget', 'touch', 'patch', 'ed', 'ex',
]);
const DISK_TOOLS = new Set(['fdisk', 'sfdisk', 'gdisk', 'cgdisk', 'cfdisk', 'sgdisk', 'parted', 'wipefs', 'blkdiscard', 'diskutil', 'cryptsetup', 'fsck', 'e2fsck', 'xfs_repair', 'mdadm']);
const VOLUME_TOOLS = new Set(['lvremove', 'vgremove', 'pvremove', 'zpool', 'zfs']);

const TRASH_ALT = 'delete only the specific paths you mean inside the workspace, or ask the user to do it';
const KEEP_COPY_ALT = 'copy it aside first, or ask the user to delete it';

type Scope = 'tree' | 'contents' | 'sweep' | 'single';

interface DeleteOpts {
  recursive: boolean;
  force: boolean;
  /** `rm`, `rsync --delete`, `shred` …: how the summary names the action. */
  tool: string;
}

function finding(id: string, severity: number, summary: string, target: string, alternative?: string): Finding {
  const f: Finding = { id, severity, summary, target };
  if (alternative) f.alternative = alternative;
  return f;
}

function scopeOf(p: PathInfo, recursive: boolean): Scope {
  if (p.pattern !== undefined && (p.glob || p.dynamic)) return 'sweep';
  if (p.everything) return recursive ? 'tree' : 'contents';
  return recursive ? 'tree' : 'single';
}

function verb(o: DeleteOpts, scope: Scope): string {
  if (o.tool === 'rsync') return 'mirrors with --delete into';
  if (o.tool === 'shred' || o.tool === 'srm' || o.tool === 'wipe') return 'irrecoverably shreds';
  if (scope === 'tree') return 'recursively deletes';
  if (scope === 'contents') return 'deletes every file in';
  return 'deletes';
}

/** `$DIR/` or `$DIR/*`: with the variable empty or unset this is `/`. */
const EMPTY_VAR_ROOT_RE = /^\$(?:\w+|\{\w+\})\/\.?\*?$/;

/** Judges one deleted path; undefined when the deletion is routine. */
function judgeDelete(p: PathInfo, o: DeleteOpts, ctx: AnalysisContext, home: string): Finding | undefined {
  const scope = scopeOf(p, o.recursive);
  const base = p.base || p.abs;
  const where = displayPath(base, ctx, home);
  const prefix = where === '/' ? '' : where;
  const what = p.glob && p.everything ? `${prefix}/*`
    : p.glob || (p.dynamic && p.pattern !== undefined) ? `${prefix}/…/${p.pattern ?? '*'}`
    : p.dynamic ? p.word : displayPath(p.abs, ctx, home);
  const act = verb(o, p.location === 'unknown' ? 'single' : scope);

  if (p.location === 'unknown') {
    if (p.regenerable) return undefined;
    if (o.recursive && EMPTY_VAR_ROOT_RE.test(p.word)) {
      return finding('fs.rm-unknown-target', 85, `${act} ${p.word}: if the variable is empty or unset that is the filesystem root`, p.word, 'use ${VAR:?} so an empty variable aborts, or name the path');
    }
    const xargs = p.word === '$XARGS_INPUT';
    if (!o.recursive && !o.force && !xargs) return undefined;
    return finding('fs.rm-unknown-target', o.recursive ? 60 : 45,
      `${act} ${xargs ? 'paths read from a pipe' : p.word}, known only at run time`, p.word,
      'list the paths first and delete them by name');
  }

  // A variable after a known prefix may be empty: judge as the prefix's whole contents, but only ever ask.
  const cap = p.dynamic ? 85 : 100;
  const sev = (n: number) => Math.min(n, cap);
  const suffix = p.dynamic ? ` (${p.word}: the variable decides what, and may be empty)` : '';

  switch (p.location) {
    case 'root':
      if (scope === 'tree') return finding('fs.rm-root', sev(100), `${act} the whole filesystem (/)${suffix}`, '/', TRASH_ALT);
      if (scope === 'sweep' && p.regenerable) return undefined;
      return finding('fs.rm-root', scope === 'sweep' ? 80 : 60, `${act} ${what} across the whole filesystem${suffix}`, what, TRASH_ALT);
    case 'system-top':
      // `rm -rf /var/cache/*`: the contents of a package cache, not the directory.
      if (p.regenerable && p.everything) return undefined;
      if (scope === 'tree') return finding('fs.rm-system-dir', sev(95), `${act} the system directory ${base}${suffix}`, base, TRASH_ALT);
      return finding('fs.rm-system-dir', scope === 'single' ? 70 : 75, `${act} ${what}, a system location${suffix}`, what, TRASH_ALT);
    case 'system':
      if (p.regenerable) return undefined;
      return finding('fs.rm-system', scope === 'single' ? 60 : 80, `${act} ${what}, a system path outside the workspace${suffix}`, what, TRASH_ALT);
    case 'device':
    case 'null-device':
      return finding('fs.rm-system', 70, `${act} the device node ${p.abs}`, p.abs);
    case 'home':
    case 'other-home':
      if (scope === 'tree') return finding('fs.rm-home', sev(95), `${act} the home directory ${where} (every project, key and setting in it)${suffix}`, where, TRASH_ALT);
      if (scope === 'sweep' && p.regenerable) return undefined;
      return finding('fs.rm-home', scope === 'sweep' ? 60 : 70, `${act} ${what} in the home directory${suffix}`, what, TRASH_ALT);
    case 'temp-root':
      if (scope === 'tree' && !p.everything) return finding('fs.rm-temp-root', 60, `${act} the temp directory ${base} itself, which running programs rely on`, base, `delete inside it (${base}/NAME) instead`);
      return undefined;
    case 'temp':
      return undefined;
    case 'workspace':
      if (scope === 'tree') {
        const dots = /(?:^|\/)\.\*$/.test(p.word);
        return finding('fs.rm-workspace', sev(dots ? 85 : 80),
          `${act} the whole workspace${dots ? ' (and `.*` can match `..`, the parent)' : ''}${suffix}`, '.',
          'delete only the build outputs you mean (dist, node_modules …)');
      }
      if (scope === 'contents') return finding('fs.rm-workspace', 55, `${act} the workspace root${suffix}`, '.', 'delete the files you mean by name');
      if (scope === 'single') return undefined;
      return judgeWorkspaceInside(p, o, scope, act, what, suffix, ctx);
    case 'workspace-inside':
      return judgeWorkspaceInside(p, o, scope, act, what, suffix, ctx);
    case 'workspace-ancestor':
      if (scope === 'sweep' && p.regenerable) return undefined;
      if (scope === 'tree') return finding('fs.rm-outside-workspace', sev(85), `${act} ${where}, which contains the whole workspace${suffix}`, where, TRASH_ALT);
      return finding('fs.rm-outside-workspace', scope === 'single' ? 45 : 60, `${act} ${what}, outside the workspace${suffix}`, what, TRASH_ALT);
    case 'home-inside':
    case 'outside':
      return judgeOutside(p, scope, act, what, suffix);
  }
  return undefined;
}

function judgeTraits(p: PathInfo, scope: Scope, act: string, what: string, suffix: string, outside: boolean): Finding | undefined {
  if (p.credential) return finding('fs.rm-credential', outside ? 70 : 50, `${act} the credential file ${what}: it cannot be restored from git`, what, KEEP_COPY_ALT);
  // A stale `.git/index.lock` is removed routinely; the repository itself is not.
  if (p.vcs && !(!p.everything && !p.glob && /\.lock$/.test(p.abs))) {
    const whole = /\/\.(?:git|hg|svn)$/.test(p.abs) || scope !== 'single';
    return finding('fs.rm-vcs', whole ? 80 : 60, `${act} ${what}: version-control history, branches and stashes${suffix}`, what, 'leave the repository metadata alone; use git commands to change it');
  }
  if (p.backup) return finding('fs.rm-backup', 70, `${act} ${what}, a backup${suffix}`, what, 'keep backups; move them aside if space is needed');
  if (p.dataFile) return finding('fs.rm-data-file', 60, `${act} the database file ${what}${suffix}`, what, `${KEEP_COPY_ALT} (e.g. cp FILE FILE.bak)`);
  return undefined;
}

function judgeWorkspaceInside(p: PathInfo, o: DeleteOpts, scope: Scope, act: string, what: string, suffix: string, ctx: AnalysisContext): Finding | undefined {
  const t = judgeTraits(p, scope, act, what, suffix, false);
  if (t) return t;
  if (p.regenerable) return undefined;
  if (scope === 'sweep') {
    if (!p.source) return undefined;
    return finding('fs.rm-source-sweep', 55, `${act} every ${p.pattern} file under ${displayPathOfBase(p, ctx)}: a sweep over source files${suffix}`, what, 'list the matches first and delete specific files');
  }
  if (scope === 'single' || (scope === 'tree' && p.fileLike && !p.everything)) return undefined;
  if (o.tool === 'rsync') {
    return finding('fs.rsync-delete', 55, `${act} ${what}, removing every file there that the source lacks${suffix}`, what, 'run with --dry-run first, or drop --delete');
  }
  return finding('fs.rm-workspace-dir', 55, `${act} ${what}, which is not a build output: uncommitted work there is lost${suffix}`, what, 'use `git rm -r` so it stays recoverable, or delete only generated files');
}

function displayPathOfBase(p: PathInfo, ctx: AnalysisContext): string {
  return p.base ? displayPath(p.base, ctx) : '?';
}

function judgeOutside(p: PathInfo, scope: Scope, act: string, what: string, suffix: string): Finding | undefined {
  const t = judgeTraits(p, scope, act, what, suffix, true);
  if (t) return t;
  if (p.regenerable) return undefined;
  const sev = scope === 'tree' ? 70 : scope === 'single' ? 45 : 60;
  return finding('fs.rm-outside-workspace', p.homeChild && scope === 'tree' ? 75 : sev, `${act} ${what}, outside the workspace${suffix}`, what, TRASH_ALT);
}

const KNOWN_HOSTS_RE = /\/known_hosts[^/]*$/;

/** Judges one written or truncated path. */
function judgeWrite(p: PathInfo, e: FileEffect, ctx: AnalysisContext, home: string): Finding | undefined {
  const truncate = e.kind === 'truncate';
  const what = p.dynamic ? p.word : displayPath(p.abs, ctx, home);
  switch (p.location) {
    case 'device':
      return finding('fs.write-device', 95, `overwrites the disk device ${p.abs}: everything on it is destroyed`, p.abs, 'write to an image file instead');
    case 'root':
    case 'system-top':
    case 'system': {
      if (p.abs === '/proc/sysrq-trigger') return finding('fs.write-system', 95, 'writes the kernel sysrq trigger (crash, reboot or kill every process)', p.abs);
      return finding('fs.write-system', truncate ? 60 : 50, `${truncate ? 'overwrites' : 'writes to'} ${what}, a system file outside the workspace`, what, 'change files inside the workspace, or ask the user to apply system changes');
    }
    case 'temp':
    case 'temp-root':
    case 'null-device':
      return undefined;
  }
  if (p.dataFile) {
    return finding('fs.overwrite-data-file', truncate ? 60 : 50, `${truncate ? 'empties or overwrites' : 'writes into'} the database file ${what}`, what, `${KEEP_COPY_ALT} (e.g. cp FILE FILE.bak)`);
  }
  const inHome = p.location === 'home-inside';
  // Keys and authorized_keys decide who gets in: adding a line there grants access.
  // Appending a host key to known_hosts (`ssh-keyscan host >> ~/.ssh/known_hosts`) only records a server.
  if (inHome && (p.credential || p.abs.startsWith(home + '/.ssh/')) && !(e.kind === 'write' && KNOWN_HOSTS_RE.test(p.abs))) {
    return finding('fs.write-credential', 60, `${truncate ? 'overwrites' : 'writes to'} the credential file ${what}`, what, 'ask the user to change credentials');
  }
  // A `.bak` copy is a backup being made, not a config being replaced.
  if (truncate && inHome && p.homeChild && /\/\.[^/]+$/.test(p.abs) && !p.regenerable && !p.backup) {
    return finding('fs.overwrite-home-config', 50, `overwrites ${what}, a configuration file in the home directory`, what, 'append to it (>>) or edit the one line you mean');
  }
  return undefined;
}

/** Judges one moved source, given where it goes. */
function judgeMove(p: PathInfo, dest: PathInfo | undefined, ctx: AnalysisContext, home: string): Finding | undefined {
  const what = p.dynamic ? p.word : displayPath(p.abs, ctx, home);
  if (dest && dest.location === 'null-device') {
    return finding('fs.mv-to-dev-null', 70, `moves ${what} onto ${dest.abs}: it is destroyed`, what, 'delete it explicitly if that is the intent');
  }
  switch (p.location) {
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
  if (p.vcs && /\/\.(?:git|hg|svn)$/.test(p.abs)) return finding('fs.mv-vcs', 70, `moves ${what}, the repository's history`, what);
  if (p.credential && p.location === 'home-inside') return finding('fs.mv-credential', 60, `moves the credential file ${what}`, what);
  const destInside = dest && (dest.location === 'workspace' || dest.location === 'workspace-inside');
  if (p.location === 'workspace-inside' && dest && !destInside && !p.regenerable && (!p.fileLike || p.everything || p.glob)) {
    return finding('fs.mv-out-of-workspace', 50, `moves ${what} out of the workspace to ${dest.dynamic ? dest.word : displayPath(dest.abs, ctx, home)}`, what, 'copy it (cp -r) instead, so the workspace keeps it');
  }
  if (p.location === 'home-inside' && p.homeChild && !p.fileLike && dest && !destInside && !p.regenerable) {
    return finding('fs.mv-outside-workspace', 50, `moves ${what}, a folder in the home directory`, what);
  }
  return undefined;
}

/** `rsync --delete ./ host:/path`: files on the other host that the source lacks are removed. */
function judgeRemoteMirror(argv: readonly string[]): Finding | undefined {
  if (!hasFlag(argv, RSYNC_DELETE_FLAGS)) return undefined;
  const dest = positionals(argv, ['-e', '--rsh', '--exclude', '--include', '--filter', '-f', '--exclude-from', '--include-from', '--files-from', '--rsync-path']).pop();
  if (!dest || !isRemote(dest)) return undefined;
  return finding('fs.rsync-delete', 50, `mirrors into ${dest} with --delete: files there that the source lacks are removed on that host`, dest, 'run with --dry-run first, or drop --delete');
}

/** `ls`/`find`/`echo` in front of `xargs rm`: the names xargs passes, when the producer says. */
function xargsWords(cmd: SimpleCommand): string[] | undefined {
  const from = cmd.stdinFrom;
  if (!from || from.length === 0) return undefined;
  if (from[0] === 'find') {
    let root = '.';
    for (let i = 1; i < from.length; i++) {
      const a = from[i];
      if (a.startsWith('-') || a === '(' || a === '!') break;
      root = a;
      break;
    }
    const name = optionValue(from, ['-name', '-iname']);
    if (optionValue(from, ['-path', '-ipath', '-regex', '-iregex']) !== undefined && name === undefined) return undefined;
    return [`${root.replace(/\/+$/, '') || '/'}/**${name ? '/' + name : ''}`];
  }
  if (from[0] === 'ls') {
    const pos = positionals(from);
    return pos.length ? pos : ['*'];
  }
  if (from[0] === 'echo' || from[0] === 'printf') return positionals(from).filter((w) => !w.includes('%'));
  return undefined;
}

const DISK_READ_FLAGS = ['-l', '--list', '-d', '--dump', '-s', '--show-size', '-V', '--verify', '-p', '--print', '-h', '--help', '--version'];
const PARTED_WRITE_RE = /^(?:mklabel|mktable|mkpart|mkpartfs|rm|resizepart|resize|name|set|toggle|rescue|move|cp|mkfs)$/;
const DISKUTIL_WRITE_RE = /^(?:erase(?:Disk|Volume)|reformat|zeroDisk|randomDisk|secureErase|partitionDisk|splitPartition|mergePartitions|deleteContainer|deleteVolume|resizeVolume|addPartition)$/;

function judgeDiskTool(name: string, argv: readonly string[]): Finding | undefined {
  if (argv.includes('--help') || argv.includes('--version')) return undefined;
  const devices = argv.slice(1).filter((a) => a.startsWith('/dev/') || /^disk\d/.test(a));
  const target = devices[0] ?? argv.slice(1).filter((a) => !a.startsWith('-')).pop() ?? name;
  let destructive: boolean;
  switch (name) {
    case 'diskutil':
      destructive = argv.some((a) => DISKUTIL_WRITE_RE.test(a));
      break;
    case 'parted':
      destructive = argv.some((a) => PARTED_WRITE_RE.test(a)) || (!hasFlag(argv, ['-l', '--list']) && !argv.includes('print') && !argv.includes('p'));
      break;
    case 'wipefs':
      destructive = hasFlag(argv, ['-a', '--all', '-o', '--offset']);
      break;
    case 'blkdiscard':
      destructive = true;
      break;
    case 'cryptsetup':
      destructive = argv.some((a) => /^(?:luksFormat|erase|luksErase|luksKillSlot|reencrypt)$/.test(a));
      break;
    case 'fsck':
    case 'e2fsck':
    case 'xfs_repair':
      // Repairs rewrite metadata (and lose what they cannot fix); -n / -N only check.
      destructive = !hasFlag(argv, ['-n', '-N']) && (argv.some((a) => a.startsWith('/dev/')) || hasFlag(argv, ['-y', '-p', '-a', '-f', '-L']));
      break;
    case 'mdadm':
      destructive = hasFlag(argv, ['--zero-superblock', '--create', '-C', '--remove', '-r', '--fail', '-f', '--stop', '-S', '--grow', '-G']);
      break;
    case 'sgdisk':
      destructive = !hasFlag(argv, DISK_READ_FLAGS) || hasFlag(argv, ['-Z', '--zap-all', '-z', '--zap', '-o', '--clear', '-n', '--new', '-d', '--delete']);
      break;
    default: // fdisk, sfdisk, gdisk, cfdisk: interactive or scripted editors of the partition table.
      destructive = !hasFlag(argv, DISK_READ_FLAGS);
  }
  if (!destructive) return undefined;
  const onDevice = devices.length > 0;
  if (name === 'fsck' || name === 'e2fsck' || name === 'xfs_repair') {
    return finding('fs.repair-device', 70, `${name} repairs the filesystem on ${target} in place: what it cannot fix is dropped, and a mounted one is corrupted`, target, 'run it with -n first, on an unmounted device; ask the user');
  }
  if (name === 'mdadm') {
    return finding('fs.partition-device', 80, `mdadm changes the RAID array or member ${target}: its data can become unreadable`, target, 'ask the user');
  }
  return finding('fs.partition-device', onDevice ? 95 : 70, `${name} rewrites the partitions or signatures of ${target}: everything on it is lost`, target, 'work on a disk image file, or ask the user');
}

function judgeVolumeTool(name: string, argv: readonly string[]): Finding | undefined {
  const sub = argv[1];
  if (name === 'zfs' || name === 'zpool') {
    if (sub !== 'destroy' && sub !== 'labelclear') return undefined;
    const target = positionals(argv, [], 2)[0] ?? name;
    return finding('fs.volume-destroy', 85, `${name} ${sub} destroys ${target} and every snapshot of it`, target, 'take and keep a snapshot; ask the user');
  }
  const target = positionals(argv)[0] ?? name;
  return finding('fs.volume-destroy', 80, `${name} removes the volume ${target} and the data on it`, target, 'ask the user');
}

function judgeMkfs(name: string, effects: FileEffect[], cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const e = effects.find((x) => x.kind === 'truncate');
  if (!e) return undefined;
  const p = classifyPath(e.path, cmd.cwd, cmd.env, ctx);
  if (p.location === 'device' || p.abs.startsWith('/dev/')) {
    return finding('fs.mkfs-device', 95, `${name} formats ${p.abs}: everything on it is destroyed`, p.abs, 'format a disk image file instead');
  }
  if (p.location === 'workspace-inside' || p.location === 'temp') return undefined;
  return finding('fs.mkfs-device', 60, `${name} formats ${p.dynamic ? p.word : p.abs}, outside the workspace`, p.dynamic ? p.word : p.abs);
}

// Owner-only modes (600, 0700, go-rwx): tightening a key's permissions is the fix, not the problem.
const RESTRICTIVE_MODE_RE = /^(?:[0-7]?[0-7]00|[ugoa]*-[rwxXst]+|u[+=][rwx]+)$/;

function judgeChmod(name: string, p: PathInfo, e: FileEffect, mode: string | undefined, ctx: AnalysisContext, home: string): Finding | undefined {
  const what = p.dynamic ? p.word : displayPath(p.abs, ctx, home);
  const change = name === 'chmod' ? 'permissions' : 'ownership';
  const id = name === 'chmod' ? 'fs.chmod-system' : 'fs.chown-system';
  if (e.recursive) {
    switch (p.location) {
      case 'root':
        return finding(id, 95, `recursively changes the ${change} of the whole filesystem: the system stops working`, '/', 'change only the files you mean inside the workspace');
      case 'system-top': {
        // `/usr`, `/etc`: sudo, ssh and setuid binaries break. `/var/www`, `/usr/local`: bad, but people do it.
        const topLevel = p.abs.indexOf('/', 1) === -1;
        return finding(id, name === 'chmod' && topLevel ? 90 : 75, `recursively changes the ${change} of the system directory ${p.abs}`, p.abs, 'change only the files you mean');
      }
      case 'system':
        return finding(id, 60, `recursively changes the ${change} of ${what}, a system path`, what);
      case 'home':
      case 'other-home':
        return finding(id, 75, `recursively changes the ${change} of the home directory ${what} (keys and configs included)`, what, 'change only the files you mean');
      case 'workspace-ancestor':
        return finding(id, 50, `recursively changes the ${change} of ${what}, outside the workspace`, what);
      case 'unknown':
        return finding(id, 45, `recursively changes the ${change} of ${p.word}, known only at run time`, p.word);
    }
    if (!(name === 'chmod' && p.location === 'home-inside')) return undefined;
  }
  switch (p.location) {
    case 'root':
    case 'system-top':
    case 'system':
    case 'device':
      return finding(id, 50, `changes the ${change} of ${what}, a system path`, what, 'ask the user to apply system changes');
  }
  if (name === 'chmod' && p.location === 'home-inside' && mode && !RESTRICTIVE_MODE_RE.test(mode)) {
    if (p.credential) return finding('fs.chmod-credential', 50, `opens up the permissions of the credential file ${what}`, what, 'keep private keys at 600');
    // `chmod -R 777 ~/.ssh`, `chmod -R a+r ~/.aws`: the keys inside become readable by others (and ssh refuses them).
    if (!p.fileLike && isCredentialStore(p.abs, home) && opensToOthers(mode, !!e.recursive)) {
      return finding('fs.chmod-credential', 50, `opens up the permissions of ${what}, a folder of credentials`, what, 'keep credential folders at 700 and keys at 600');
    }
  }
  return undefined;
}

/**
 * The mode lets group or others in: read or write for a recursive change
 * (every key inside gets it), write for the folder alone (`755` on `~/.ssh`
 * only lists names).
 */
function opensToOthers(mode: string, recursive: boolean): boolean {
  const bits = recursive ? 6 : 2;
  if (/^[0-7]{3,4}$/.test(mode)) {
    const d = mode.slice(-2);
    return ((Number(d[0]) | Number(d[1])) & bits) !== 0;
  }
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m || m[2] === '-') continue;
    const others = m[1] === '' || /[goa]/.test(m[1]);
    if (others && (m[3].includes('w') || (recursive && m[3].includes('r')))) return true;
  }
  return false;
}

function chmodMode(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-R' || a === '--recursive' || (a.startsWith('--') && a !== '--')) continue;
    if (/^-[a-zA-Z]+$/.test(a) && !/^-[rwxXst]+$/.test(a)) continue;
    return a;
  }
  return undefined;
}

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const argv = cmd.argv;
  const name = argv[0] ?? '';
  const fileCmd = FILE_COMMANDS.has(name);
  const mkfs = !fileCmd && MKFS_RE.test(name);
  if (!fileCmd && !mkfs && cmd.redirects.length === 0) {
    if (DISK_TOOLS.has(name)) return wrap(judgeDiskTool(name, argv));
    if (VOLUME_TOOLS.has(name)) return wrap(judgeVolumeTool(name, argv));
    return undefined;
  }
  if (DISK_TOOLS.has(name)) return wrap(judgeDiskTool(name, argv));

  const home = homeOf(cmd.env, ctx);
  const effects = fileEffects(cmd, ctx);
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => { if (f) out.push(f); };

  if (mkfs) push(judgeMkfs(name, effects, cmd, ctx));

  const force = (name === 'rm' && hasFlag(argv, ['-f', '--force'])) || name === 'rimraf' || name === 'del' || name === 'del-cli';
  if (name === 'rm' && (hasFlag(argv, ['-r', '-R', '--recursive']) || force) && cmd.stdinFrom && positionals(argv).length === 0 && !argv.includes('--help') && !argv.includes('--version')) {
    // `… | rm -rf`: rm reads no names from stdin, so what the author meant to delete is unknown.
    push(finding('fs.rm-unknown-target', 45, 'rm -rf is fed from a pipe: the paths it was meant to delete are unknown', 'stdin', 'list the paths and delete them by name'));
  }

  let moveDest: PathInfo | undefined;
  if (name === 'mv') {
    const w = effects.filter((e) => e.kind === 'write').pop();
    moveDest = w ? classifyPath(w.path, cmd.cwd, cmd.env, ctx) : undefined;
  }
  const mode = name === 'chmod' ? chmodMode(argv) : undefined;
  if (name === 'rsync') push(judgeRemoteMirror(argv));

  for (const e of effects) {
    if (e.kind === 'delete') {
      const tool = name === 'rsync' ? 'rsync' : name;
      const words = e.path === '$XARGS_INPUT' ? xargsWords(cmd) : undefined;
      const opts: DeleteOpts = { recursive: !!e.recursive, force: force || name === 'rsync', tool };
      if (words) for (const w of words) push(judgeDelete(classifyPath(w, cmd.cwd, cmd.env, ctx), opts, ctx, home));
      else push(judgeDelete(classifyPath(e.path, cmd.cwd, cmd.env, ctx), opts, ctx, home));
    } else if (e.kind === 'move') {
      push(judgeMove(classifyPath(e.path, cmd.cwd, cmd.env, ctx), moveDest, ctx, home));
    } else if (e.kind === 'chmod') {
      push(judgeChmod(name, classifyPath(e.path, cmd.cwd, cmd.env, ctx), e, mode, ctx, home));
    } else if (!mkfs) {
      const p = moveDest && e.kind === 'write' ? moveDest : classifyPath(e.path, cmd.cwd, cmd.env, ctx);
      if (name === 'mv' && p.location === 'null-device') continue;
      push(judgeWrite(p, e.kind === 'write' && replacesDest(name, argv) ? { ...e, kind: 'truncate' } : e, ctx, home));
    }
  }
  return out.length ? dedupe(out) : undefined;
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
  if (hasFlag(argv, ['-r', '-R', '--recursive', '-a', '--archive', '-t', '--target-directory', '-d', '--directory'])) return false;
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
  'ls', 'cat', 'head', 'tail', 'less', 'more', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'du', 'df', 'stat', 'file', 'wc', 'tree',
  'pwd', 'realpath', 'readlink', 'basename', 'dirname', 'diff', 'cmp', 'md5sum', 'sha1sum', 'sha256sum', 'shasum', 'cksum',
  'nl', 'tac', 'od', 'hexdump', 'strings', 'test', '[', 'which', 'whereis', 'type', 'echo', 'printf', 'true', 'false',
]);
const FIND_ACTIONS = ['-delete', '-exec', '-execdir', '-ok', '-okdir', '-fprint', '-fprint0', '-fprintf', '-fls'];

function effect(cmd: SimpleCommand, ctx: AnalysisContext): 'read' | 'write' | undefined {
  const name = cmd.argv[0] ?? '';
  // A local redirect writes a local file; on a remote host it writes there.
  const remote = cmd.remote !== undefined;
  if (FILE_COMMANDS.has(name) || MKFS_RE.test(name) || (remote && cmd.redirects.length)) {
    const fx = fileEffects(remote ? cmd : { ...cmd, redirects: [] }, ctx);
    if (fx.length) return 'write';
    if (name === 'sed' || name === 'gsed') return 'read';
  }
  if (name === 'find') return cmd.argv.some((a) => FIND_ACTIONS.includes(a)) ? undefined : 'read';
  return READ_ONLY.has(name) ? 'read' : undefined;
}

export const filesystemPack: Pack = { id: 'fs', commands: '*', analyze, effect };
