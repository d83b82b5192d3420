// What a request the guard lets through (allow, or an ask the host may
// still run) writes: the files of an edit, the write targets of a shell
// command, as the engine read it. The walk hands them to the state's ledger
// (state/ledger.ts), so a later background launch of one of them asks.
import * as path from 'node:path';
import type { WorkspaceLocation } from '../config/workspace';
import { fileEffects } from '../effects';
import { makeContext, type Reading } from '../engine';
import { dialectsFor } from '../parse/detect';
import { normalize } from '../parse/normalize';
import type { HookRequest } from '../hosts/types';
import type { AnalysisContext } from '../types';
import { mayWrite } from './mayWrite';

/**
 * Files a shell command writes, as the engine reads it (redirects, cp/mv/tee
 * targets, sed -i …), in every reading the engine judged the line in: what
 * any of them writes is the agent's. `readings` are the engine's own
 * (reused); without them the line is read here.
 */
export function shellWrites(
  command: string,
  cwd: string,
  env: Record<string, string>,
  ctx: AnalysisContext,
  shell?: HookRequest['shell'],
  readings?: readonly Reading[],
): string[] {
  // Commands that may write a file: only these are read for their targets.
  if (!mayWrite(command)) return [];
  const out: string[] = [];
  for (const dialect of dialectsFor(command, { ...(shell ? { shell } : {}), windows: ctx.windows === true })) {
    const known = readings?.find((r) => r.dialect === dialect);
    for (const cmd of known ? known.commands : normalize({ command, cwd, env, dialect }, ctx).commands) {
      for (const e of fileEffects(cmd, ctx))
        if ((e.kind === 'write' || e.kind === 'truncate') && !e.dynamic) out.push(e.path);
    }
  }
  return out;
}

/** The files a request may write, absolute. Never throws: an unreadable command writes nothing known. */
export function agentWrites(
  req: HookRequest,
  loc: WorkspaceLocation,
  env: Record<string, string>,
  readings?: readonly Reading[],
): string[] {
  try {
    if (req.kind === 'edit')
      return (req.targets ?? []).filter((t) => t.op !== 'delete').map((t) => path.resolve(loc.cwd, t.path));
    if (req.kind === 'shell' && req.command)
      return shellWrites(
        req.command,
        loc.cwd,
        env,
        makeContext({ workspace: loc.workspace }, env),
        req.shell,
        readings,
      );
  } catch {
    // Unreadable command: nothing recorded, the judgment already stands.
  }
  return [];
}
