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

/**
 * Bounded: a call acting in more folders than this, or in more other
 * workspaces with a policy of their own, is asked about (the caller says
 * so), never judged in the first ones only: a stricter policy past the bound
 * would not hold. Looking a folder up costs a few stats; judging the call
 * again in a workspace costs a whole judgment.
 */
export const MAX_DIRS = 256;
export const MAX_WORKSPACES = 4;

/** What a bounded look found, and whether there was more than it looked at. */
export interface Bounded<T> {
  found: T[];
  more: boolean;
}

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
): Bounded<string> {
  const out = new Set<string>();
  const add = (dir: string): boolean => {
    if (dir === loc.cwd || out.has(dir)) return true;
    if (out.size >= MAX_DIRS) return false;
    out.add(dir);
    return true;
  };
  let more = false;
  if (req.kind === 'shell') {
    for (const cmd of commands()) {
      if (!cmd.remote && !add(actingDir(cmd))) {
        more = true;
        break;
      }
    }
  } else if (req.kind === 'edit') {
    for (const t of req.targets ?? []) {
      if (!add(path.dirname(path.resolve(loc.cwd, t.path)))) {
        more = true;
        break;
      }
    }
  }
  return { found: [...out], more };
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
): Bounded<string> {
  const out: string[] = [];
  for (const dir of dirs) {
    const found = findWorkspace(dir, [], dir, exists).workspace;
    if (found === loc.workspace || out.includes(found) || !exists(path.join(found, '.agentguard.json'))) continue;
    // A folder above the call's workspace does not hold it unless the command acts outside it.
    if (inside(found, loc.workspace) && inside(loc.workspace, dir)) continue;
    if (out.length >= MAX_WORKSPACES) return { found: out, more: true };
    out.push(found);
  }
  return { found: out, more: false };
}

const RANK = { allow: 0, ask: 1, deny: 2 } as const;

/** The stricter of two verdicts; on a tie the first stands. */
export function stricter(a: Verdict, b: Verdict): Verdict {
  return RANK[b.decision] > RANK[a.decision] ? b : a;
}
