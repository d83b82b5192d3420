// The folders a host reads from its working folder up to the repository's
// root. Copilot CLI, started inside a Git repository, walks from its working
// folder up to the repository's root and loads every `.mcp.json` it finds on
// the way (https://docs.github.com/en/copilot/how-tos/copilot-cli/customize-copilot/add-mcp-servers,
// "Adding per-repository MCP servers"). The workspace AgentGuard finds may lie
// below that root (a `.agentguard.json` in one package of a larger
// repository, a folder the host declared): the folders above it are the
// host's too. The root is the nearest folder holding `.git`, a folder or the
// file of a worktree or submodule; outside a repository the host reads its
// working folder only, which the workspace walk reads already.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Most folders the walk climbs: a repository deeper than this below its root is not a real one, and is asked. */
export const MAX_GIT_WALK = 32;

/** Whether `dir` holds `.git`; one that cannot be examined throws, and the call is asked. */
function holdsGit(dir: string): boolean {
  return fs.statSync(path.join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
}

/**
 * The folders from `cwd` (absolute) up to the nearest one holding `.git`,
 * nearest first, that one included; none where no folder on the way up to
 * the filesystem root holds one. The home's own files are the user level:
 * the walk ends below it, and a home holding `.git` ends it there. More than
 * MAX_GIT_WALK folders up throws, and the call is asked.
 */
export function foldersUpToGitRoot(cwd: string, home: string): string[] {
  const homeDir = path.resolve(home);
  const folders: string[] = [];
  let dir = path.resolve(cwd);
  for (let i = 0; i < MAX_GIT_WALK; i++) {
    if (dir === homeDir) return holdsGit(dir) ? folders : [];
    folders.push(dir);
    if (holdsGit(dir)) return folders;
    const up = path.dirname(dir);
    if (up === dir) return [];
    dir = up;
  }
  throw new Error(`${cwd} lies more than ${MAX_GIT_WALK} folders below its repository's root`);
}
