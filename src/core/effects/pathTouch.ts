// A path a command or an edit touches, and whether that touch reaches a
// given path: directly, as a parent deleted or moved whole, or through a glob.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import type { FileEffect, FileEffectKind } from './types';
import { isWindowsCwd, resolveWindows, toSlashForm } from '../command/winPaths';

const posix = path.posix;

export function isAncestorOrSelf(dir: string, p: string): boolean {
  if (dir === '/') return true;
  // `p.startsWith(dir + '/')` without building that string: asked several times for every path a line touches.
  return p === dir || (p.length > dir.length && p.charCodeAt(dir.length) === 47 && p.startsWith(dir));
}

/** A path touched by a command or an edit; `tree` when everything below it goes too (delete, move, chmod of a directory). */
export interface Touch {
  kind: FileEffectKind;
  /** Absolute; glob characters kept for dynamic words. */
  path: string;
  /** The static directory a dynamic word lives in (`migrations/*.sql` → `migrations`); equal to `path` otherwise. */
  dir: string;
  tree: boolean;
  /** For a pure glob (`*.log`, a find pattern): what it can match. A glob only hits what it matches. */
  glob?: RegExp;
  /** A trailing `/`: a symlink at the path is gone through (`rm -rf link/` empties what it points to). */
  follow?: boolean;
  /** A permission, owner, ACL or attribute change that recurses (`chmod -R`): it reaches everything below the path. */
  recursive?: boolean;
  /**
   * A single file whose name is known only at run time but ends in a literal extension after its last expansion
   * (`backup-$(date +%F).tgz`): it is some file of that ending, not anything at all in its folder.
   */
  nameEnds?: string;
}

/** The literal end of a word after its last expansion, when it names a file extension and nothing else. */
const EXPANSION_TAIL = /(?:\$\{[^}]*\}|\$\(.*\)|\$[A-Za-z_]\w*|\$[0-9@*#?$!-]|`[^`]*`)([^$`]*)$/s;
function fileNameEnd(p: string): string | undefined {
  const tail = EXPANSION_TAIL.exec(p)?.[1];
  return tail !== undefined && /^[\w.-]*\.[A-Za-z0-9]{1,12}$/.test(tail) ? tail : undefined;
}

// Shell `*` skips dotfiles (`rm -rf *` leaves .git and .agentguard.json); find's `**` patterns do not.
const globCache = new Map<string, RegExp | false>();
export function globRegex(absGlob: string): RegExp | false {
  let re = globCache.get(absGlob);
  if (re === undefined) {
    if (globCache.size > 128) globCache.clear();
    re = new Minimatch(absGlob, { dot: absGlob.includes('**') }).makeRe();
    globCache.set(absGlob, re);
  }
  return re;
}

// The same glob, asked whether it matches something *below* a path (minimatch's partial match).
const reachCache = new Map<string, Minimatch>();
function reachesBelow(absGlob: string, target: string): boolean {
  let m = reachCache.get(absGlob);
  if (!m) {
    if (reachCache.size > 128) reachCache.clear();
    m = new Minimatch(absGlob, { dot: absGlob.includes('**'), partial: true });
    reachCache.set(absGlob, m);
  }
  return m.match(target);
}

/**
 * A place named as a config or script file is (`opencode.json`, `settings.local.json`, `hooks.yaml`): nothing lies
 * below it, so a glob of `*\/target` reaching into a folder of that name reaches no hook file, which the host reads as one.
 */
const FILE_NAMED = /\.(?:json|jsonc|json5|js|mjs|cjs|ts|toml|ya?ml|md)$/;
function namedAsFile(target: string): boolean {
  return FILE_NAMED.test(target.slice(target.lastIndexOf('/') + 1));
}

/**
 * Whether a glob touch reaches `target`: it matches it, it can match
 * something inside it (`~/.local/*\/*\/audit.*` reaches AgentGuard's state
 * folder), or (going whole) it matches one of its parent directories.
 */
export function globHits(t: Touch, target: string): boolean {
  const re = t.glob!;
  if (re.test(target)) return true;
  // Not for `**` (find's patterns): it reaches below every folder, and what is there is the disk's to say.
  if (target.startsWith(t.dir) && !t.path.includes('**') && !namedAsFile(target) && reachesBelow(t.path, target))
    return true;
  if (!t.tree) return false;
  for (let q = posix.dirname(target); q.length >= t.dir.length && q !== '/'; q = posix.dirname(q)) {
    if (re.test(q)) return true;
  }
  return false;
}

/** `target` goes with the touch because a directory holding it is deleted, moved or re-permissioned whole. */
export function takesWith(t: Touch, target: string): boolean {
  if (t.glob) return globHits(t, target);
  // One file, never a folder: it takes with it only a file of the same ending in its folder or below.
  if (t.nameEnds !== undefined && !t.tree) return isAncestorOrSelf(t.dir, target) && target.endsWith(t.nameEnds);
  return (t.tree || t.dir !== t.path) && isAncestorOrSelf(t.dir, target);
}

export function touchOf(e: FileEffect, cwd: string): Touch | undefined {
  let p = e.path;
  if (isWindowsCwd(p)) {
    // A Windows path in the slash form (`C:/x`, `//server/share/x`).
    p = toSlashForm(p);
  } else if (!p.startsWith('/')) {
    // A dynamic word that could not be resolved: judge its static prefix, if it has one.
    if (/^[$`~]/.test(p)) return undefined;
    p = isWindowsCwd(cwd) ? resolveWindows(cwd, p) : posix.resolve(cwd, p);
  } else if (p.includes('/.') || p.includes('//')) {
    p = posix.normalize(p);
  }
  let dir = p;
  let glob: RegExp | false = false;
  if (e.dynamic) {
    const cut = p.search(/[*?[$`]/);
    if (cut !== -1) dir = p.slice(0, cut).replace(/\/[^/]*$/, '') || '/';
    if (!/[$`]/.test(p)) glob = globRegex(p);
  }
  // A whole tree goes with a move or a recursive delete. A recursive chmod of a parent changes
  // modes, not contents: it is no tree, but reaches what lies below (reachingBelow).
  const tree = e.kind === 'move' || (e.kind === 'delete' && (e.recursive === true || (e.dynamic && !glob)));
  const out: Touch = glob ? { kind: e.kind, path: p, dir, tree, glob } : { kind: e.kind, path: p, dir, tree };
  if (e.follow) out.follow = true;
  if (e.kind === 'chmod' && e.recursive) out.recursive = true;
  const nameEnds = e.dynamic && !glob && !e.recursive ? fileNameEnd(p) : undefined;
  if (nameEnds !== undefined) out.nameEnds = nameEnds;
  return out;
}

/**
 * A recursive permission or owner change (`chmod -R 777 ~/.local`) as a touch
 * of everything below its path: AgentGuard's own files below it get their
 * modes, owner or ACL changed as surely as if named, so for those it counts
 * as a touch of the folder whole. Undefined for any other touch.
 */
export function reachingBelow(t: Touch): Touch | undefined {
  return t.kind === 'chmod' && t.recursive && !t.tree ? { ...t, tree: true } : undefined;
}

export function hitsPath(t: Touch, target: string): boolean {
  if (t.glob) return globHits(t, target);
  return isAncestorOrSelf(target, t.path) || takesWith(t, target);
}
