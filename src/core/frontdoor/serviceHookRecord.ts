// The hook-file record the AgentGuard service keeps. `agentguard install`
// (and the editor's repair) sends the record it made (each hook file's
// sha256, size, inode, change time and AgentGuard's entries); the service
// takes from it only which files to look at: it reads each one itself and
// keeps it only if it is clean (serviceHookCheck.ts), writes the record into
// its own state folder, logs it (`hooks.recorded`, with the digest of what
// was sent; `hooks.refused` for each file it would not keep) and publishes a
// read-only copy into the developer's socket folder, where the shadow check
// and doctor read it (launcher/hookRecordKept.ts) — the way confirmed
// policies are kept (servicePolicies.ts). So an agent that rewrites a hook
// file and sends `hooks.record` for it — anything it runs can reach the
// socket — gets its file refused, and the shadow check goes on reading it;
// what a record in force proves is that the service read the file clean, not
// that a human ran the install.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendAudit } from '../state/audit';
import { sha256Hex } from '../text/sha256';
import {
  HOOK_RECORD,
  MAX_RECORDED_FILES,
  parseHookRecord,
  readHookRecord,
  writeHookRecord,
  type RecordedHookFile,
} from '../launcher/hookRecord';
import { examineHookFile } from './serviceHookCheck';
import type { PolicyResult } from './servicePolicies';

const MAX_RECORD_PAYLOAD = 256 * 1024;

/** Copies the kept record into the developer's socket folder, readable by all, writable by the service alone. */
function publish(keptDir: string, publishDir: string): void {
  const from = path.join(keptDir, HOOK_RECORD);
  if (!fs.existsSync(from)) return;
  const to = path.join(publishDir, HOOK_RECORD);
  const tmp = `${to}.${process.pid}.tmp`;
  fs.copyFileSync(from, tmp);
  fs.chmodSync(tmp, 0o644);
  fs.renameSync(tmp, to);
}

/** The record published again (the socket folder is emptied at boot). */
export function republishHookRecord(keptDir: string, publishDir: string): void {
  publish(keptDir, publishDir);
}

/** Whether two records of a file say the same, the time of the install that made them aside. */
const sameRecord = (a: RecordedHookFile, b: RecordedHookFile): boolean =>
  JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });

/**
 * A record sent by `install` or the editor's repair: `{ files: [...] }` as
 * JSON. Each file not already kept as sent is examined (serviceHookCheck.ts)
 * and kept only if clean; one refused keeps what was kept for it before, and
 * is named in the audit log and in the error. A file the sent record leaves
 * out stays as kept: dropping the record of a file that held AgentGuard's
 * entry would let the shadow check forget it did. `home`: the developer's.
 */
export function keepHookRecord(
  keptDir: string,
  publishDir: string | undefined,
  payload: Buffer,
  now: Date,
  home: string | undefined,
): PolicyResult {
  if (payload.length > MAX_RECORD_PAYLOAD) return { ok: false, error: 'hooks.record: too large' };
  const text = payload.toString('utf8');
  let sent: RecordedHookFile[];
  try {
    sent = parseHookRecord(text);
  } catch (err) {
    return { ok: false, error: `hooks.record: ${(err as Error).message}` };
  }
  const before = readHookRecord(keptDir);
  const byFile = new Map(before.map((r) => [r.file, r]));
  const refused: string[] = [];
  let kept = 0;
  for (const file of sent.slice(0, MAX_RECORDED_FILES)) {
    const old = byFile.get(file.file);
    if (old && sameRecord(old, file)) continue;
    const examined = examineHookFile(file, old, home, now);
    if ('refused' in examined) refused.push(`${file.file}: ${examined.refused}`);
    else {
      byFile.set(file.file, examined.record);
      kept++;
    }
  }
  if (byFile.size > MAX_RECORDED_FILES)
    return { ok: false, error: `hooks.record: the record would hold more than ${MAX_RECORDED_FILES} files` };
  const after = [...byFile.values()];
  if (kept) {
    writeHookRecord(keptDir, after);
    if (publishDir) publish(keptDir, publishDir);
  }
  const log = (event: string, decision: 'allow' | 'deny', command: string) =>
    appendAudit(
      keptDir,
      { time: now.toISOString(), host: 'service', event, decision, score: 0, findings: [], command },
      { sequence: true },
    );
  for (const why of refused) {
    const logged = log('hooks.refused', 'deny', `hook file not recorded: ${why}`);
    if (!logged.ok) return { ok: false, error: logged.error };
  }
  const logged = log(
    'hooks.recorded',
    'allow',
    `hook files recorded: ${kept} of ${sent.length} file(s) examined and kept, sha256 ${sha256Hex(text)}`,
  );
  if (!logged.ok) return { ok: false, error: logged.error };
  return refused.length
    ? { ok: false, error: `hooks.record: refused ${refused.length} of ${sent.length} file(s): ${refused.join('; ')}` }
    : { ok: true };
}
