// Which workspace a tool call belongs to: the folder the editor has open, not
// whatever folder an agent can make look like a project. An agent that runs
// `git init sub` and works in `sub` must not leave the workspace's rules
// behind, so a nested `.git` never moves the root: the host's declared roots
// come first, then the nearest `.agentguard.json` (all the way up), and only
// then the nearest `.git`.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WorkspaceLocation {
  /** Absolute workspace root. */
  workspace: string;
  /** Absolute working directory of the tool call. */
  cwd: string;
}

function contains(root: string, p: string, api: typeof path.posix = path): boolean {
  const rel = api.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !api.isAbsolute(rel));
}

const WINDOWS_PATH = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/** How far up the tree the search goes: deeper paths than this are not real. */
const MAX_LEVELS = 256;

/**
 * `roots` are the folders the host says are open (Cursor `workspace_roots`,
 * Claude's `CLAUDE_PROJECT_DIR`); `processCwd` is where the hook was started,
 * used only when the payload names no directory at all. Order: the nearest
 * folder holding `.agentguard.json` at or above the innermost declared root
 * that holds the cwd (a config below the open folder does not move it), else
 * that root; with no declared root, the nearest `.agentguard.json` above the
 * cwd past any `.git`, else the nearest `.git`, else the cwd.
 */
export function findWorkspace(
  payloadCwd: string | undefined,
  roots: readonly string[],
  processCwd: string,
  exists: (p: string) => boolean = fs.existsSync,
): WorkspaceLocation {
  // A host on Windows names `C:\\…` folders: they are read as Windows reads them, whatever this process runs on.
  const api = [payloadCwd, ...roots].some((p) => p !== undefined && WINDOWS_PATH.test(p)) ? path.win32 : path;
  const absRoots = roots.map((r) => api.resolve(processCwd, r));
  const cwd = payloadCwd
    ? api.resolve(absRoots[0] ?? processCwd, payloadCwd)
    : (absRoots[0] ?? api.resolve(processCwd));
  const enclosing = absRoots.filter((r) => contains(r, cwd, api)).sort((a, b) => b.length - a.length)[0];
  let nearestGit: string | undefined;
  for (let dir = enclosing ?? cwd, i = 0; i < MAX_LEVELS; dir = api.dirname(dir), i++) {
    if (exists(api.join(dir, '.agentguard.json'))) return { workspace: dir, cwd };
    if (!enclosing && nearestGit === undefined && exists(api.join(dir, '.git'))) nearestGit = dir;
    if (api.dirname(dir) === dir) break;
  }
  return { workspace: enclosing ?? nearestGit ?? cwd, cwd };
}
