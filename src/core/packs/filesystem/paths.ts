// One path at a time: whether deleting, writing or moving it is routine or
// must be asked about, from what the path holds and how much of it goes.
import { displayPath, type PathInfo } from '../../command/paths';
import type { AnalysisContext, Finding } from '../../types';
import { finding } from '../common/finding';
import { KEEP_COPY_ALT } from './writes';
import { CACHE_NAME, ignoredOutputFolder } from './ignoredOutputs';
import { declaredOutput } from './declaredOutputs';
export { judgeWrite, judgeMove, judgeRemoteMirror, judgeUnknownDestroyed } from './writes';

const TRASH_ALT = 'delete only the specific paths you mean inside the workspace, or ask the user to do it';

type Scope = 'tree' | 'contents' | 'sweep' | 'single';

export interface DeleteOpts {
  recursive: boolean;
  force: boolean;
  /** `rm`, `rsync --delete`, `shred` …: how the summary names the action. */
  tool: string;
  /** The path is this machine's as it is now: the command runs here and nothing earlier on the line made files. */
  asOnDisk?: boolean;
  /** False when the word has no trailing `/`: `rm` then removes a link at its last name, not what it points at. */
  follows?: boolean;
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

/** The per-user application folders under HOME, and a folder of one application inside them. */
const APP_FOLDER =
  /^\/(?:\.config|\.cache|\.local\/share|\.local\/state|Library\/(?:Application Support|Caches|Preferences|Logs)|AppData\/(?:Roaming|Local))\/[^/]+\/./;

/** `$DIR/` or `$DIR/*`: with the variable empty or unset this is `/`. */
const EMPTY_VAR_ROOT_RE = /^\$(?:\w+|\{\w+\})\/\.?\*?$/;

/** Judges one deleted path; undefined when the deletion is routine. */
export function judgeDelete(p: PathInfo, o: DeleteOpts, ctx: AnalysisContext, home: string): Finding | undefined {
  const scope = scopeOf(p, o.recursive);
  const base = p.base || p.abs;
  const where = displayPath(base, ctx, home);
  const prefix = where === '/' ? '' : where;
  const what =
    p.glob && p.everything
      ? `${prefix}/*`
      : p.glob || (p.dynamic && p.pattern !== undefined)
        ? `${prefix}/…/${p.pattern ?? '*'}`
        : p.dynamic
          ? p.word
          : displayPath(p.abs, ctx, home);
  const act = verb(o, p.location === 'unknown' ? 'single' : scope);

  if (p.location === 'unknown') {
    if (p.regenerable) return undefined;
    if (o.recursive && EMPTY_VAR_ROOT_RE.test(p.word)) {
      return finding(
        'fs.rm-unknown-target',
        85,
        `${act} ${p.word}: if the variable is empty or unset that is the filesystem root`,
        p.word,
        'use ${VAR:?} so an empty variable aborts, or name the path',
      );
    }
    const xargs = p.word === '$XARGS_INPUT';
    if (!o.recursive && !o.force && !xargs) return undefined;
    return finding(
      'fs.rm-unknown-target',
      o.recursive ? 60 : 45,
      `${act} ${xargs ? 'paths read from a pipe' : p.word}, known only at run time`,
      p.word,
      'list the paths first and delete them by name',
    );
  }

  // A variable after a known prefix may be empty: judge as the prefix's whole contents, but only ever ask.
  const cap = p.dynamic ? 85 : 100;
  const sev = (n: number) => Math.min(n, cap);
  const suffix = p.dynamic ? ` (${p.word}: the variable decides what, and may be empty)` : '';

  switch (p.location) {
    case 'root':
      if (scope === 'tree')
        return finding('fs.rm-root', sev(100), `${act} the whole filesystem (/)${suffix}`, '/', TRASH_ALT);
      if (scope === 'sweep' && p.regenerable) return undefined;
      return finding(
        'fs.rm-root',
        scope === 'sweep' ? 80 : 60,
        `${act} ${what} across the whole filesystem${suffix}`,
        what,
        TRASH_ALT,
      );
    case 'system-top':
      // `rm -rf /var/cache/*`: the contents of a package cache, not the directory.
      if (p.regenerable && p.everything) return undefined;
      if (scope === 'tree')
        return finding('fs.rm-system-dir', sev(95), `${act} the system directory ${base}${suffix}`, base, TRASH_ALT);
      return finding(
        'fs.rm-system-dir',
        scope === 'single' ? 70 : 75,
        `${act} ${what}, a system location${suffix}`,
        what,
        TRASH_ALT,
      );
    case 'system':
      if (p.regenerable) return undefined;
      return finding(
        'fs.rm-system',
        scope === 'single' ? 60 : 80,
        `${act} ${what}, a system path outside the workspace${suffix}`,
        what,
        TRASH_ALT,
      );
    case 'device':
    case 'null-device':
      return finding('fs.rm-system', 70, `${act} the device node ${p.abs}`, p.abs);
    case 'home':
    case 'other-home':
      if (scope === 'tree')
        return finding(
          'fs.rm-home',
          sev(95),
          `${act} the home directory ${where} (every project, key and setting in it)${suffix}`,
          where,
          TRASH_ALT,
        );
      if (scope === 'sweep' && p.regenerable) return undefined;
      return finding(
        'fs.rm-home',
        scope === 'sweep' ? 60 : 70,
        `${act} ${what} in the home directory${suffix}`,
        what,
        TRASH_ALT,
      );
    case 'temp-root':
      if (scope === 'tree' && !p.everything)
        return finding(
          'fs.rm-temp-root',
          60,
          `${act} the temp directory ${base} itself, which running programs rely on`,
          base,
          `delete inside it (${base}/NAME) instead`,
        );
      return undefined;
    case 'temp':
      return undefined;
    case 'workspace':
      if (scope === 'tree') {
        const dots = /(?:^|\/)\.\*$/.test(p.word);
        return finding(
          'fs.rm-workspace',
          sev(dots ? 85 : 80),
          `${act} the whole workspace${dots ? ' (and `.*` can match `..`, the parent)' : ''}${suffix}`,
          '.',
          'delete only the build outputs you mean (dist, node_modules …)',
        );
      }
      if (scope === 'contents')
        return finding(
          'fs.rm-workspace',
          55,
          `${act} the workspace root${suffix}`,
          '.',
          'delete the files you mean by name',
        );
      if (scope === 'single') return undefined;
      return judgeWorkspaceInside(p, o, scope, act, what, suffix, ctx);
    case 'workspace-inside':
      return judgeWorkspaceInside(p, o, scope, act, what, suffix, ctx);
    case 'workspace-ancestor':
      if (scope === 'sweep' && p.regenerable) return undefined;
      if (scope === 'tree')
        return finding(
          'fs.rm-outside-workspace',
          sev(85),
          `${act} ${where}, which contains the whole workspace${suffix}`,
          where,
          TRASH_ALT,
        );
      return finding(
        'fs.rm-outside-workspace',
        scope === 'single' ? 45 : 60,
        `${act} ${what}, outside the workspace${suffix}`,
        what,
        TRASH_ALT,
      );
    case 'home-inside':
      // One named file inside an application's own folder (`~/.config/htop/htoprc`, a cache entry): the application's to recreate.
      if (
        scope === 'single' &&
        !p.glob &&
        !p.dynamic &&
        !p.credential &&
        !p.vcs &&
        APP_FOLDER.test(p.abs.slice(home.length))
      )
        return undefined;
      return judgeOutside(p, scope, act, what, suffix);
    case 'outside':
      return judgeOutside(p, scope, act, what, suffix);
  }
  return undefined;
}

function judgeTraits(
  p: PathInfo,
  scope: Scope,
  act: string,
  what: string,
  suffix: string,
  outside: boolean,
): Finding | undefined {
  if (p.credential)
    return finding(
      'fs.rm-credential',
      outside ? 70 : 50,
      `${act} the credential file ${what}: it cannot be restored from git`,
      what,
      KEEP_COPY_ALT,
    );
  // A stale `.git/index.lock` is removed routinely; the repository itself is not.
  if (p.vcs && !(!p.everything && !p.glob && /\.lock$/.test(p.abs))) {
    const whole = /\/\.(?:git|hg|svn)$/.test(p.abs) || scope !== 'single';
    return finding(
      'fs.rm-vcs',
      whole ? 80 : 60,
      `${act} ${what}: version-control history, branches and stashes${suffix}`,
      what,
      'leave the repository metadata alone; use git commands to change it',
    );
  }
  if (p.backup)
    return finding(
      'fs.rm-backup',
      70,
      `${act} ${what}, a backup${suffix}`,
      what,
      'keep backups; move them aside if space is needed',
    );
  if (p.dataFile)
    return finding(
      'fs.rm-data-file',
      60,
      `${act} the database file ${what}${suffix}`,
      what,
      `${KEEP_COPY_ALT} (e.g. cp FILE FILE.bak)`,
    );
  return undefined;
}

function judgeWorkspaceInside(
  p: PathInfo,
  o: DeleteOpts,
  scope: Scope,
  act: string,
  what: string,
  suffix: string,
  ctx: AnalysisContext,
): Finding | undefined {
  const t = judgeTraits(p, scope, act, what, suffix, false);
  if (t) return t;
  if (p.regenerable) return undefined;
  if (scope === 'sweep') {
    if (!p.source) return undefined;
    return finding(
      'fs.rm-source-sweep',
      55,
      `${act} every ${p.pattern} file under ${displayPathOfBase(p, ctx)}: a sweep over source files${suffix}`,
      what,
      'list the matches first and delete specific files',
    );
  }
  // `rm -rf notes.txt` is one file by its name; `rm -rf src/Inventory.Core`, a .NET project folder, is not.
  const folderOnDisk = o.asOnDisk === true && !p.glob && ctx.stat?.(p.abs)?.isDir === true;
  if (scope === 'single' || (scope === 'tree' && p.fileLike && !p.everything && !folderOnDisk)) return undefined;
  if (scope === 'tree' && o.tool === 'rm' && (oneRegularFile(p, o, ctx) || missingDotFile(p, o, ctx))) return undefined;
  // Only rm is known not to go through a link at the last name it is given.
  const followsLast = p.glob || o.tool !== 'rm' || o.follows !== false;
  if (scope === 'tree' && o.asOnDisk && !p.glob && !p.dynamic && ignoredOutputFolder(p.abs, ctx, false, followsLast))
    return undefined;
  const folder = p.glob ? (p.everything ? p.base : undefined) : p.abs;
  // `rm -rf resources/_gen/*` empties the folder `rm -rf resources/_gen` would remove: the same output, judged alike.
  const emptied = p.glob && p.everything && folder !== undefined && folder.startsWith(ctx.workspace + '/');
  if (scope === 'tree' && o.asOnDisk && !p.dynamic && folder)
    if (declaredOutput(folder, ctx, followsLast) || (emptied && ignoredOutputFolder(folder, ctx))) return undefined;
  // Not there now, nothing earlier on the line made files, and the repository ignores it: it deletes nothing.
  if (scope === 'tree' && o.asOnDisk && !p.glob && !p.dynamic && ctx.stat && ctx.stat(p.abs) === undefined)
    if (ignoredOutputFolder(p.abs, ctx, true, followsLast)) return undefined;
  if (o.tool === 'rsync') {
    return finding(
      'fs.rsync-delete',
      55,
      `${act} ${what}, removing every file there that the source lacks${suffix}`,
      what,
      'run with --dry-run first, or drop --delete',
    );
  }
  return finding(
    'fs.rm-workspace-dir',
    55,
    `${act} ${what}, which is not a build output: uncommitted work there is lost${suffix}`,
    what,
    'use `git rm -r` so it stays recoverable, or delete only generated files',
  );
}

/**
 * `rm -rf .coverage`, `rm -rf Makefile`: the name looks like a folder, but on disk it is one regular file, so the
 * recursive flag deletes no more than `rm FILE` would; its traits were judged already. A missing path still asks:
 * the check cannot tell what will be there.
 */
function oneRegularFile(p: PathInfo, o: DeleteOpts, ctx: AnalysisContext): boolean {
  if (!o.asOnDisk || !ctx.stat || p.glob || p.dynamic || p.everything) return false;
  const s = ctx.stat(p.abs);
  return s !== undefined && s.isFile && s.isDir !== true;
}

/**
 * `rm -rf .terraform.lock.hcl`, `rm -rf .eslintrc.json` with no such file now and nothing earlier on the line making
 * one: a dot-name with an extension is named as a file is (`foo.txt` counts as one by its name alone), so it deletes
 * nothing a plain `rm` would not. A dot-name without one (`.venv`, `.next`), or one naming a cache (`.phpunit.cache`),
 * is named as a folder is, and still asks.
 */
function missingDotFile(p: PathInfo, o: DeleteOpts, ctx: AnalysisContext): boolean {
  if (!o.asOnDisk || !ctx.stat || p.glob || p.dynamic || p.everything) return false;
  const name = p.abs.slice(p.abs.lastIndexOf('/') + 1);
  return (
    /^\.[^./][^/]*\.[A-Za-z0-9]{1,10}$/.test(name) &&
    !name.endsWith('.d') &&
    !CACHE_NAME.test(name) &&
    ctx.stat(p.abs) === undefined
  );
}

function displayPathOfBase(p: PathInfo, ctx: AnalysisContext): string {
  return p.base ? displayPath(p.base, ctx) : '?';
}

function judgeOutside(p: PathInfo, scope: Scope, act: string, what: string, suffix: string): Finding | undefined {
  const t = judgeTraits(p, scope, act, what, suffix, true);
  if (t) return t;
  if (p.regenerable) return undefined;
  const sev = scope === 'tree' ? 70 : scope === 'single' ? 45 : 60;
  return finding(
    'fs.rm-outside-workspace',
    p.homeChild && scope === 'tree' ? 75 : sev,
    `${act} ${what}, outside the workspace${suffix}`,
    what,
    TRASH_ALT,
  );
}
