// POSIX paths that are absolute and normal already: resolving or joining them changes nothing, and the engine's
// paths mostly are (a command's folder, the paths it touches), so its hottest joins skip Node's normalizing.
import * as path from 'node:path';

/** A `//`, `/./` or `/../` in a path, or a `/`, `/.` or `/..` ending it: what normalizing it would change. */
const NOT_NORMAL = /\/\.{0,2}(?:\/|$)/;

/**
 * Whether `p` is an absolute POSIX path that resolving returns as it is: no `//`, `.` or `..` in it and no `/`
 * ending it (`/` itself aside).
 */
export function isNormalAbsolute(p: string): boolean {
  return p.charCodeAt(0) === 47 && !NOT_NORMAL.test(p);
}

/** `path.join(dir, name)` for `name` one plain segment (no separator, not `.` or `..`). */
export function joinName(dir: string, name: string): string {
  if (path.sep !== '/') return path.join(dir, name);
  if (dir === '/') return '/' + name;
  return isNormalAbsolute(dir) ? dir + '/' + name : path.join(dir, name);
}

/**
 * `path.posix.join(dir, rel)` for `rel` relative and normal (`a/b`: no `//`, `.` or `..`, no `/` at either end),
 * as the guard's and the sandbox's built-in places are: a confined call joins a few hundred of them, and Node's
 * normalizing, run in V8's interpreter in a hook's short process, was most of the time those lists took.
 * Anything else is Node's own join.
 */
export function posixJoinRel(dir: string, rel: string): string {
  if (rel.length === 0 || !isNormalAbsolute('/' + rel)) return path.posix.join(dir, rel);
  if (dir === '/') return '/' + rel;
  return isNormalAbsolute(dir) ? dir + '/' + rel : path.posix.join(dir, rel);
}
