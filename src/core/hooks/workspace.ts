// Which workspace a tool call belongs to: the nearest folder, from the call's
// working directory up, that holds `.agentguard.json` or `.git`. That is
// where the rules live, and what "inside the workspace" means to the packs.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WorkspaceLocation {
  /** Absolute workspace root. */
  workspace: string;
  /** Absolute working directory of the tool call. */
  cwd: string;
}

function contains(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * `roots` are the folders the host says are open (Cursor `workspace_roots`,
 * Claude's `CLAUDE_PROJECT_DIR`); `processCwd` is where the hook was started,
 * used only when the payload names no directory at all.
 */
export function findWorkspace(
  payloadCwd: string | undefined,
  roots: readonly string[],
  processCwd: string,
  exists: (p: string) => boolean = fs.existsSync,
): WorkspaceLocation {
  const absRoots = roots.map((r) => path.resolve(processCwd, r));
  const cwd = payloadCwd ? path.resolve(absRoots[0] ?? processCwd, payloadCwd) : absRoots[0] ?? path.resolve(processCwd);
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (exists(path.join(dir, '.agentguard.json')) || exists(path.join(dir, '.git'))) return { workspace: dir, cwd };
    if (path.dirname(dir) === dir) break;
  }
  // No marker anywhere: the innermost open folder holding the cwd, else the cwd itself.
  const enclosing = absRoots.filter((r) => contains(r, cwd)).sort((a, b) => b.length - a.length)[0];
  return { workspace: enclosing ?? cwd, cwd };
}
