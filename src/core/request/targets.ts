// Which other workspaces a call reaches. A workspace's rules and protected
// paths hold for every call that acts in it, wherever the call starts: `cd
// ../acme-api && git push` from a sibling folder, `git -C ~/code/acme-api
// push` from /tmp, or an edit of ../acme-api/migrations/1.sql. The call is
// judged once more in each such workspace, with that workspace's confirmed
// policy, and the stricter verdict stands.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readGlobalOptions } from '../command/globalOptions';
import { findWorkspace, type WorkspaceLocation } from '../config/workspace';
import type { HookRequest } from '../hosts/types';
import type { SimpleCommand, Verdict } from '../types';

/** Bounded: a line that names more folders than this is judged in the first ones only. */
const MAX_DIRS = 16;
const MAX_WORKSPACES = 4;

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith('/') ? root : root + '/');
}

/** The folder one simple command acts in: its cwd, moved by `git -C`, `make -C`, `terraform -chdir=`, `npm --prefix`. */
export function actingDir(cmd: SimpleCommand): string {
  return readGlobalOptions(cmd.argv, cmd.cwd).dir ?? cmd.cwd;
}

/** Folders a request acts in, other than the call's own working folder. */
export function requestDirs(
  req: HookRequest,
  loc: WorkspaceLocation,
  commands: () => readonly SimpleCommand[],
): string[] {
  const out = new Set<string>();
  if (req.kind === 'shell') {
    for (const cmd of commands()) {
      if (cmd.remote) continue;
      const dir = actingDir(cmd);
      if (dir !== loc.cwd) out.add(dir);
      if (out.size >= MAX_DIRS) break;
    }
  } else if (req.kind === 'edit') {
    for (const t of req.targets ?? []) {
      const dir = path.dirname(path.resolve(loc.cwd, t.path));
      if (dir !== loc.cwd) out.add(dir);
      if (out.size >= MAX_DIRS) break;
    }
  }
  return [...out];
}

/**
 * Workspaces with a policy of their own (`.agentguard.json` at or above the
 * folder) that the request acts in, other than the call's own. A folder
 * inside the call's workspace counts only when a nearer policy holds it.
 */
export function otherWorkspaces(
  dirs: readonly string[],
  loc: WorkspaceLocation,
  exists: (p: string) => boolean = fs.existsSync,
): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    const found = findWorkspace(dir, [], dir, exists).workspace;
    if (found === loc.workspace || out.includes(found) || !exists(path.join(found, '.agentguard.json'))) continue;
    // A folder above the call's workspace does not hold it unless the command acts outside it.
    if (inside(found, loc.workspace) && inside(loc.workspace, dir)) continue;
    out.push(found);
    if (out.length >= MAX_WORKSPACES) break;
  }
  return out;
}

const RANK = { allow: 0, ask: 1, deny: 2 } as const;

/** The stricter of two verdicts; on a tie the first stands. */
export function stricter(a: Verdict, b: Verdict): Verdict {
  return RANK[b.decision] > RANK[a.decision] ? b : a;
}
