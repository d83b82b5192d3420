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
