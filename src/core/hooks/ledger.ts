// The files agents wrote: by an edit tool, or by a shell command the guard let
// through. Kept small in the state folder so a later background launch of one
// of them (`nohup python3 x.py &`) can be recognised as code nobody reviewed
// being started where no one watches it. Bounded: the newest entries win.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileEffects } from '../effects';
import { makeContext } from '../engine';
import type { HookRequest } from '../hosts/types';
import { normalize } from '../parse/normalize';
import { dialectsFor } from '../parse/detect';
import type { AnalysisContext } from '../types';

export const LEDGER_NAME = 'agent-written.txt';
/** Entries kept after a rewrite; the file is rewritten when it holds twice as many. */
const KEEP = 256;
const MAX_BYTES = 128 * 1024;

export function ledgerFile(stateDir: string): string {
  return path.join(stateDir, LEDGER_NAME);
}

/** Reads the ledger; a missing, oversized or non-regular file (FIFO, device) reads as empty and never blocks. */
export function readLedger(stateDir: string): Set<string> {
  const file = ledgerFile(stateDir);
  try {
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!st || !st.isFile() || st.size > MAX_BYTES) return new Set();
    return new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}

/** A lookup for AnalysisContext.agentWritten that reads the ledger only when first asked. */
export function ledgerLookup(stateDir: string): (absPath: string) => boolean {
  let entries: Set<string> | undefined;
  return (absPath) => {
    entries ??= readLedger(stateDir);
    return entries.has(path.resolve(absPath));
  };
}

/** Appends paths (absolute, one per line); trims to the newest KEEP entries when it grows past twice that. Never throws. */
export function recordWritten(stateDir: string, paths: readonly string[]): void {
  const clean = [...new Set(paths.filter((p) => path.isAbsolute(p) && !p.includes('\n')).map((p) => path.resolve(p)))];
  if (clean.length === 0) return;
  const file = ledgerFile(stateDir);
  try {
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    if (st && !st.isFile()) return;
    if (st && st.size > MAX_BYTES / 2) {
      const kept = [...readLedger(stateDir)].slice(-KEEP);
      fs.writeFileSync(file, [...kept, ...clean].join('\n') + '\n', { mode: 0o600 });
      return;
    }
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    fs.appendFileSync(file, clean.join('\n') + '\n', { mode: 0o600 });
  } catch {
    // The ledger only adds caution; a failure to write it must not block the agent's work.
  }
}

// Commands that may write a file: only these are normalised again to find their targets.
const MAY_WRITE = /[>]|\b(?:tee|cp|mv|install|curl|wget|dd|sed|ln|tar|unzip|rsync|touch|patch|perl|copy|move|xcopy|robocopy)\b|-(?:Content|Item|File)\b|Invoke-(?:WebRequest|RestMethod)|Out-File|::Write/i;

/** Files a shell command writes, as the engine reads it (redirects, cp/mv/tee targets, sed -i …). */
export function shellWrites(command: string, cwd: string, env: Record<string, string>, ctx: AnalysisContext, shell?: HookRequest['shell']): string[] {
  if (!MAY_WRITE.test(command)) return [];
  const out: string[] = [];
  // Every reading the engine judged the line in: what any of them writes is the agent's.
  for (const dialect of dialectsFor(command, { ...(shell ? { shell } : {}), windows: ctx.windows === true })) {
    for (const cmd of normalize({ command, cwd, env, dialect }, ctx).commands) {
      for (const e of fileEffects(cmd, ctx)) if ((e.kind === 'write' || e.kind === 'truncate') && !e.dynamic) out.push(e.path);
    }
  }
  return out;
}

/**
 * Records what a request the guard let through (allow, or ask the host may
 * still run) writes: the files of an edit, the write targets of a shell command.
 * The hook's one call after judging; never throws.
 */
export function recordAgentWrites(stateDir: string, req: HookRequest, workspace: string, cwd: string, env: Record<string, string>): void {
  try {
    if (req.kind === 'edit') {
      recordWritten(stateDir, (req.targets ?? []).filter((t) => t.op !== 'delete').map((t) => path.resolve(cwd, t.path)));
    } else if (req.kind === 'shell' && req.command) {
      recordWritten(stateDir, shellWrites(req.command, cwd, env, makeContext({ workspace }, env), req.shell));
    }
  } catch {
    // Unreadable command: nothing recorded, the judgment already stands.
  }
}
