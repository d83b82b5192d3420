// Approvals the AgentGuard service keeps. When the editor (or the terminal
// door, through the editor) records that a human answered an approval, the
// answer goes to the service, which writes it into the log it keeps and
// holds an allow for a short while; the hook that asked takes it from there
// (once) before it lets the call run. An allow the service did not record is
// not trusted. What this proves: every approval a call ran on is in a log no
// process of the developer can rewrite, recorded before the call ran, for
// that very request, used once. Who recorded it the service checks where it
// can (channels/service/peerCheck.ts: only the editor's extension host); a
// service without the capabilities for that takes a record from any process
// of the developer, which then stands in its log, where it cannot be erased.
// Neither proves that a human clicked, only that the editor recorded it; and
// the check of who recorded it is worth only what the kernel backs (each
// record's `peerProof`, launcher/yama.ts): without Yama any process of the
// developer can drive the editor.
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { appendAudit, type AuditResult } from '../state/audit';
import { readRegularFile } from '../state/regularFile';
import type { PeerProof } from '../launcher/yama';

/** An allow waits this long for the hook that asked: it asks the moment the editor answers. */
export const APPROVAL_TTL_MS = 120_000;
/** Allows held at once per developer: more are the oldest dropped (a flood cannot grow the file). */
const MAX_HELD = 64;

interface Held {
  digest: string;
  at: number;
  /** What the service's check of who recorded it was worth (absent in a file an older service wrote). */
  peerProof?: PeerProof;
}

const PROOFS: readonly unknown[] = ['kernel', 'recorded', 'authenticated'] satisfies PeerProof[];

function heldFile(dir: string): string {
  return path.join(dir, 'approvals.json');
}

function readHeld(dir: string, now: number): Held[] {
  const read = readRegularFile(heldFile(dir), 64 * 1024);
  if (!read.ok) return [];
  try {
    const v = JSON.parse(read.text) as unknown;
    if (!Array.isArray(v)) return [];
    return v.filter(
      (h: Held) =>
        h &&
        typeof h.digest === 'string' &&
        typeof h.at === 'number' &&
        now - h.at >= 0 &&
        now - h.at <= APPROVAL_TTL_MS,
    );
  } catch {
    return [];
  }
}

function writeHeld(dir: string, held: readonly Held[]): void {
  const file = heldFile(dir);
  replaceFile(file, JSON.stringify(held.slice(-MAX_HELD)), 0o600);
}

/** The editor's record of a human's answer: logged; an allow is held for the hook that asked. */
export function recordApproval(
  dir: string,
  digest: string,
  decision: 'allow' | 'deny',
  summary: string | undefined,
  now: Date,
  peerProof: PeerProof = 'recorded',
): AuditResult {
  const logged = appendAudit(
    dir,
    {
      time: now.toISOString(),
      host: 'service',
      event: 'approval.recorded',
      decision,
      approval: decision,
      score: 0,
      findings: [],
      subjectDigest: digest,
      peerProof,
      ...(summary ? { command: summary } : {}),
    },
    { sequence: true },
  );
  if (!logged.ok || decision !== 'allow') return logged;
  writeHeld(dir, [...readHeld(dir, now.getTime()), { digest, at: now.getTime(), peerProof }]);
  return logged;
}

/**
 * The hook's question: did the service record an allow of this request, and
 * on what proof (so the hook's record of the call says what the service's
 * does)? Taken once; the answer is logged either way.
 */
export function useApproval(
  dir: string,
  digest: string,
  now: Date,
): { ok: true; approved: boolean; peerProof?: PeerProof } | { ok: false; error: string } {
  const held = readHeld(dir, now.getTime());
  const at = held.findIndex((h) => h.digest === digest);
  if (at !== -1) writeHeld(dir, [...held.slice(0, at), ...held.slice(at + 1)]);
  const approved = at !== -1;
  const kept = held[at]?.peerProof;
  const peerProof = approved && PROOFS.includes(kept) ? kept : undefined;
  const logged = appendAudit(
    dir,
    {
      time: now.toISOString(),
      host: 'service',
      event: approved ? 'approval.used' : 'approval.unrecorded',
      decision: approved ? 'allow' : 'deny',
      score: 0,
      findings: approved ? [] : ['approval.unrecorded'],
      subjectDigest: digest,
      // What the recorded allow was proven by, so every used approval says it in the log too.
      ...(peerProof ? { peerProof } : {}),
    },
    { sequence: true },
  );
  if (!logged.ok) return { ok: false, error: logged.error };
  return { ok: true, approved, ...(peerProof ? { peerProof } : {}) };
}
