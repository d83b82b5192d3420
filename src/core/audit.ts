// The audit log: one JSON line per decision, appended to a file in the state
// directory (outside every workspace). A later step chains the lines with
// hashes; records stay flat and stable so that can be added without
// rewriting them. Writing the log never changes a decision.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Decision } from './types';

export interface AuditRecord {
  /** ISO time of the decision. */
  time: string;
  /** Door that decided: `claude`, `cursor`, `copilot` (hooks), later `terminal`, `cli`. */
  host: string;
  /** Host event (`PreToolUse`, `beforeShellExecution`, …). */
  event?: string;
  /** Tool name as the host spelled it. */
  tool?: string;
  kind?: 'shell' | 'edit' | 'mcp' | 'other';
  command?: string;
  paths?: string[];
  mcp?: { server?: string; tool: string };
  cwd?: string;
  workspace?: string;
  /** What the agent host was told. */
  decision: Decision;
  /** What the policy decided before any human answered (differs from `decision` after an approval). */
  policy?: Decision;
  /** How an `ask` ended: a human in the editor allowed or denied it, or no editor answered. */
  approval?: 'allow' | 'deny' | 'unanswered';
  score: number;
  /** Finding ids, in order. */
  findings: string[];
  /** Finding ids about what a written script would do when run. */
  warnings?: string[];
  environment?: { name: string; production: boolean };
  monitored?: Decision;
  /** Match text of the workspace rule that decided. */
  rule?: string;
  sessionId?: string;
  /** Why the call could not be judged (unreadable input, invalid config, internal error). */
  error?: string;
}

/** Longest command or path kept in a record; the rest is cut, visibly. */
const MAX_FIELD = 8192;

export function auditFile(stateDir: string): string {
  return path.join(stateDir, 'audit.jsonl');
}

function clip(s: string): string {
  return s.length > MAX_FIELD ? `${s.slice(0, MAX_FIELD)}…[${s.length - MAX_FIELD} more characters]` : s;
}

export function serializeAudit(record: AuditRecord): string {
  const r: AuditRecord = { ...record };
  if (r.command !== undefined) r.command = clip(r.command);
  if (r.paths) r.paths = r.paths.map(clip);
  if (r.error !== undefined) r.error = clip(r.error);
  return JSON.stringify(r) + '\n';
}

/**
 * Appends one record. One `write` with O_APPEND, so concurrent hooks do not
 * interleave lines. Returns the error instead of throwing: the caller's
 * decision stands either way.
 */
export function appendAudit(stateDir: string, record: AuditRecord): { ok: true } | { ok: false; error: string } {
  const line = serializeAudit(record);
  const file = auditFile(stateDir);
  // Non-blocking: a FIFO planted at the log's path must not hold the hook (and its exit code) forever.
  const flag = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | (fs.constants.O_NONBLOCK ?? 0);
  const append = () => {
    const fd = fs.openSync(file, flag, 0o600);
    try {
      fs.writeSync(fd, line);
    } finally {
      fs.closeSync(fd);
    }
  };
  try {
    try {
      append();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      append();
    }
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
