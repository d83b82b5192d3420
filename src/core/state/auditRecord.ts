// What one audit entry holds, how it is serialized, and the hash that chains it to the one before.
import { sha256Hex } from '../text/sha256';
import * as path from 'node:path';
import type { Decision } from '../types';

export interface AuditRecord {
  /** ISO time of the decision. */
  time: string;
  /** Door that decided: `claude`, `cursor`, `copilot` (hooks), `cli`, `ratelimit`. */
  host: string;
  /** Host event (`PreToolUse`, `beforeShellExecution`, …), or what happened (`ratelimit.tripped`). */
  event?: string;
  /** Tool name as the host spelled it. */
  tool?: string;
  kind?: 'shell' | 'edit' | 'mcp' | 'other';
  /** The whole command (up to MAX_FIELD characters; longer ones are cut and carry `commandSha256`). */
  command?: string;
  /** sha256 of the whole command, when it was cut. */
  commandSha256?: string;
  paths?: string[];
  mcp?: { server?: string; tool: string };
  cwd?: string;
  workspace?: string;
  /** What the agent host was told; `defer` is its "no decision" (its own permission flow decided). */
  decision: Decision | 'defer';
  /** What the policy decided before any human answered (differs from `decision` after an approval). */
  policy?: Decision;
  /** How an `ask` ended: a human in the editor allowed or denied it, or no editor answered. */
  approval?: 'allow' | 'deny' | 'unanswered';
  /**
   * For an approval: what the check of the process that answered (or recorded
   * it) is worth. `kernel`: Yama's ptrace_scope is 1 or more, so no other
   * process of the developer can drive the editor; `recorded`: it proves only
   * that the answer was recorded; `authenticated`: the developer typed their
   * password into polkit's prompt before the service recorded it.
   */
  peerProof?: 'kernel' | 'recorded' | 'authenticated';
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
  /** For a terminal line: whose terminal it was typed in (`agent-terminal`, `human-terminal`, `outside`). */
  origin?: string;
  /** Why the call could not be judged (unreadable input, invalid config, internal error). */
  error?: string;
  /** Snapshot taken before the call was let through, or why none was. */
  snapshot?: { id?: string; note?: string };
  /** `editor`: judged by the editor's judge for the hook (absent: in the hook's own process). */
  judge?: 'editor';
  /** How a shell command let through runs: `bubblewrap routine`, or `unconfined: why`. */
  confinement?: string;
  /** For an approval the AgentGuard service recorded or used: the approved request's digest. */
  subjectDigest?: string;
  /** Place in the log (1 for the first entry), stamped by the writer of a sequenced log (the AgentGuard service's): a receiver sees a gap or a rewind in it. */
  seq?: number;
  /** What changed, for an event a human caused (auditEvents.ts): the loosenings confirmed, the files restored. */
  changes?: string[];
}

/** A line as stored: the record plus its place in the chain. */
export type AuditEntry = AuditRecord & { prev: string; hash: string };

/** `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

/** Longest command or path kept whole (the hook reads at most 1 MiB of payload, so in practice all of it). */
const MAX_FIELD = 1024 * 1024;

export type AuditResult = { ok: true; seq?: number } | { ok: false; error: string };

export function auditFile(stateDir: string): string {
  return path.join(stateDir, 'audit.jsonl');
}

export function auditLock(stateDir: string): string {
  return path.join(stateDir, 'audit.lock');
}

export function sha256(text: string | Buffer): string {
  return sha256Hex(text);
}

function clip(s: string): string {
  return s.length > MAX_FIELD ? `${s.slice(0, MAX_FIELD)}…[${s.length - MAX_FIELD} more characters]` : s;
}

function bounded(record: AuditRecord): AuditRecord {
  const r: AuditRecord = { ...record };
  if (r.command !== undefined && r.command.length > MAX_FIELD) {
    r.commandSha256 = sha256(r.command);
    r.command = clip(r.command);
  }
  if (r.paths) r.paths = r.paths.map(clip);
  if (r.error !== undefined) r.error = clip(r.error);
  return r;
}

export function chained(record: AuditRecord, prev: string): { line: string; hash: string } {
  const body: Record<string, unknown> = { ...bounded(record), prev };
  delete body.hash;
  const unhashed = JSON.stringify(body);
  const hash = sha256(unhashed);
  return { line: `${unhashed.slice(0, -1)},"hash":${JSON.stringify(hash)}}\n`, hash };
}

/** The chained line for `record` after an entry whose hash is `prev`. */
export function serializeAudit(record: AuditRecord, prev: string = GENESIS): string {
  return chained(record, prev).line;
}

/** Where the hash of the last entry is kept as well, so removing entries at the end is seen too. */
export function auditHeadFile(stateDir: string): string {
  return path.join(stateDir, 'audit.head');
}

/** The hash an entry's line must carry: sha256 of the line without its `hash`. */
export function entryHash(entry: Record<string, unknown>): string {
  const body: Record<string, unknown> = { ...entry };
  delete body.hash;
  return sha256(JSON.stringify(body));
}
