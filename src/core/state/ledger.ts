// The files agents wrote: by an edit tool, or by a shell command the guard let
// through (which files: frontdoor/agentWrites.ts). Kept small in the state
// folder so a later background launch of one of them (`nohup python3 x.py &`)
// can be recognised as code nobody reviewed being started where no one
// watches it. Bounded: the newest entries win.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openOwnLog } from './ownLog';
import { replaceFile } from './replaceFile';

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
      replaceFile(file, [...kept, ...clean].join('\n') + '\n', 0o600);
      return;
    }
    // Never through a link of either kind planted at its path (ownLog.ts).
    const { fd } = openOwnLog(file, { what: 'record of files agents wrote', makeFolder: true });
    try {
      fs.writeSync(fd, clean.join('\n') + '\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // The ledger only adds caution; a failure to write it must not block the agent's work.
  }
}
