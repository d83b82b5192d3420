// The environment file a host loads from a folder above the workspace.
// Gemini CLI and Qwen Code look for `.gemini/.env` / `.qwen/.env`, then
// `.env`, in the folder they start in and in each folder above it, and load
// only the first they find: a `.env` in a parent of the workspace (one a
// repository was cloned into, or one an edit tool reached) sets variables
// for their hooks and shell commands whenever the workspace holds none.
// Read from the hosts' own code: Gemini CLI 0.61.0's findEnvFile walks to
// the filesystem root (the home's files, found on the way or after it, are
// the user's); Qwen Code 0.24.4's findEnvFiles starts from the folder with
// its links resolved and ends at the home (whose files are the user's),
// passing over a parent folder only where the user marked it untrusted,
// which this does not read (so it may count a file Qwen Code skips: more
// asks, never fewer). Gemini CLI's `advanced.ignoreLocalEnv` (or
// `--ignore-env`) makes its search pass over a plain `.env` outside the home
// and go on to a `.gemini/.env` further up (its findEnvFile; gemini-cli pull
// request 26445): the hook cannot see a flag, so both searches are made.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface EnvSearch {
  /** Relative to a folder, in the order the host looks: the first found ends the search. */
  files: readonly string[];
  /** The search ends at the home even where it holds none of them (Qwen Code); else only where it holds one. */
  endsAtHome: boolean;
  /** The search starts from the workspace with its links resolved (Qwen Code). */
  realStart: boolean;
  /**
   * Of `files`, those the host may be told to pass over outside the home
   * (Gemini CLI's `advanced.ignoreLocalEnv` setting or `--ignore-env` flag:
   * a project's plain `.env`), which the hook cannot see: the search is
   * made both ways, and each file found is looked at.
   */
  passable?: readonly string[];
}

/** Most folders the search climbs: deeper paths are not real ones. */
const MAX_FOLDER_DEPTH = 64;

const exists = (file: string): boolean => {
  try {
    return fs.statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // One that cannot be examined may be the host's: it is looked at, and what cannot be read is asked.
    return true;
  }
};

/**
 * The files of `search` the host may load from a folder above `workspace`
 * (absolute): the first found, and where some may be passed over, the first
 * of the others too; none where the workspace holds one of its own (which
 * the search reaches first) or the first found is the home's (the user
 * level). A path deeper than MAX_FOLDER_DEPTH throws, and the call is asked.
 */
export function envFilesAbove(workspace: string, home: string, search: EnvSearch): string[] {
  const found = [envFileAbove(workspace, home, search)];
  if (search.passable?.length) found.push(firstAbove(workspace, home, search, search.passable));
  return [...new Set(found.filter((f): f is string => f !== undefined))];
}

/** The first file of `search` the host loads from a folder above `workspace`, none passed over. */
export function envFileAbove(workspace: string, home: string, search: EnvSearch): string | undefined {
  return firstAbove(workspace, home, search, []);
}

/** The first file of `search` above `workspace`, those of `passed` passed over outside the home. */
function firstAbove(workspace: string, home: string, search: EnvSearch, passed: readonly string[]): string | undefined {
  let dir = path.resolve(workspace);
  if (search.realStart) {
    try {
      dir = fs.realpathSync(dir);
    } catch {
      // The host, too, starts from the folder as given where it cannot resolve it.
    }
  }
  const homeDir = path.resolve(home);
  const holds = (folder: string) =>
    search.files
      .filter((f) => folder === homeDir || !passed.includes(f))
      .map((f) => path.join(folder, f))
      .find(exists);
  if (holds(path.resolve(workspace)) || holds(dir)) return undefined;
  for (let depth = 0; depth < MAX_FOLDER_DEPTH; depth++) {
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
    const found = holds(dir);
    if (dir === homeDir && (found || search.endsAtHome)) return undefined;
    if (found) return found;
  }
  throw new Error(`${workspace} lies more than ${MAX_FOLDER_DEPTH} folders deep`);
}
