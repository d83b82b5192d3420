// What the readers of local installs share: where a path written on the line
// points, and how many binaries one install is read for.
import * as path from 'node:path';

const posix = path.posix;

/** Most binaries read for one install. */
export const MAX_BINARIES = 16;

/** `.`, `./x`, `../x`: a folder named from the working one. */
export const LOCAL = /^\.\.?(?:\/|$)/;

/** A path as the shell hands it over (`~` expanded), made absolute from `cwd`. */
export function abs(p: string, cwd: string, home: string): string {
  const t = p === '~' ? home : p.startsWith('~/') ? posix.join(home, p.slice(2)) : p;
  return posix.resolve(cwd, t);
}
