// Whether someone can replace a file depends on every folder above it, up to
// `/`: a folder they may write lets them rename another entry into its place.
// The launcher's reach, the service socket's trust and install's check of
// what the service runs each judge those folders by their own rule; this is
// the one bounded walk they share.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const MAX_FOLDER_DEPTH = 64;

/** The file with links resolved and its stat, or why it cannot be examined. */
export function examined(file: string): { real: string; st: fs.Stats } | { problem: string } {
  try {
    const real = fs.realpathSync(file);
    return { real, st: fs.statSync(real) };
  } catch (err) {
    return { problem: `${file} cannot be examined (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
}

export interface Folder {
  dir: string;
  /** lstat of the folder: a symbolic link is reported as one, never followed. */
  st: fs.Stats;
}

/**
 * The folders above `file`, nearest first, ending with `/`, each with its
 * lstat; or why they cannot all be examined. No more than MAX_FOLDER_DEPTH.
 */
export function foldersUp(file: string): { folders: Folder[] } | { problem: string } {
  const folders: Folder[] = [];
  let dir = path.dirname(file);
  for (let i = 0; i < MAX_FOLDER_DEPTH; i++) {
    try {
      folders.push({ dir, st: fs.lstatSync(dir) });
    } catch (err) {
      return {
        problem: `${dir} cannot be examined (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      };
    }
    const up = path.dirname(dir);
    if (up === dir) return { folders };
    dir = up;
  }
  return { problem: `${file} lies deeper than ${MAX_FOLDER_DEPTH} folders` };
}
