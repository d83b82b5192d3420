// What a human did that a security team wants to know about, recorded in the
// same hash-chained audit log as every agent call (and shipped with it):
// the kill switch engaged or released from the editor, a loosening of the
// policy or monitor mode confirmed, a snapshot restored, the hosts' own
// sandboxes turned on, declined or taken back by install. Each is an entry
// whose `event` names it and whose `findings` carry the same id.
import { appendAudit, type AuditRecord, type AuditResult } from './audit';
import { isoTime } from '../text/isoTime';

export type AuditEventName =
  | 'killswitch.engaged'
  | 'killswitch.released'
  | 'policy.loosening-confirmed'
  | 'policy.monitor-confirmed'
  | 'policy.answer-harmless-confirmed'
  | 'snapshot.restored'
  | 'host-sandbox.installed'
  | 'host-sandbox.declined'
  | 'host-sandbox.uninstalled';

export interface AuditEvent {
  event: AuditEventName;
  /** The door it happened at: `editor` (a click) or `cli`. */
  by: 'editor' | 'cli';
  workspace?: string;
  /** What changed and why: the loosenings confirmed, the files restored, the kill switch's reason. */
  changes?: readonly string[];
  snapshot?: string;
  /** A human's confirmation of a loosening is an approval: what the check of the process that gave it is worth (launcher/yama.ts). */
  peerProof?: 'kernel' | 'recorded' | 'authenticated';
}

/** Records `e`; the result says whether it was written (the caller logs a failure, the human's action stands). */
export function recordEvent(stateDir: string, e: AuditEvent, now = new Date()): AuditResult {
  const halting = e.event === 'killswitch.engaged';
  const record: AuditRecord = {
    time: isoTime(now),
    host: e.by,
    event: e.event,
    decision: halting ? 'deny' : 'allow',
    score: halting ? 100 : 0,
    findings: [e.event],
  };
  if (e.workspace) record.workspace = e.workspace;
  if (e.changes?.length) record.changes = e.changes.slice(0, 100).map((c) => c.slice(0, 4096));
  if (e.snapshot) record.snapshot = { id: e.snapshot };
  if (e.peerProof) record.peerProof = e.peerProof;
  return appendAudit(stateDir, record);
}
