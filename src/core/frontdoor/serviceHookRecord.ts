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
// that a human ran the install. Its own record that it cannot read whole
// refuses every request: merged from nothing, the record of a file that held
// AgentGuard's entry would be lost, and the shadow check with it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { appendAudit } from '../state/audit';
import { sha256Hex } from '../text/sha256';
import {
  HOOK_RECORD,
  MAX_RECORDED_FILES,
  parseHookRecord,
  writeHookRecord,
  type RecordedHookFile,
} from '../launcher/hookRecord';
import { readRegularFile } from '../state/regularFile';
import { examineHookFile } from './serviceHookCheck';
import type { PolicyResult } from './servicePolicies';

const MAX_RECORD_PAYLOAD = 256 * 1024;
/** Most refused files a reply names (its line is bounded): the audit log names every one. */
const MAX_REFUSED_NAMED = 100;

/** A file the service would not record, and why. */
export interface RefusedHookFile {
  file: string;
  why: string;
}

/** `refused`: the files refused when the others were kept. */
export type HookRecordResult = PolicyResult | { ok: false; error: string; refused: RefusedHookFile[] };

/**
 * The record the service keeps, read strictly: none yet is an empty one;
 * one that is there but is no regular file of sane size, does not parse, or
 * holds an entry that is not a record of a hook file throws.
 */
function readKeptRecord(keptDir: string): RecordedHookFile[] {
  const read = readRegularFile(path.join(keptDir, HOOK_RECORD), MAX_RECORD_PAYLOAD);
  if (!read.ok) {
    if (read.missing) return [];
    throw new Error(read.error);
  }
  const files = parseHookRecord(read.text);
  const listed = (JSON.parse(read.text) as { files: unknown[] }).files.length;
  if (files.length !== listed)
    throw new Error(`${listed - files.length} of its ${listed} entries are not records of a hook file`);
  return files;
}

/** The line the service writes into its audit log for a hook-file record. */
const logTo =
  (keptDir: string, now: Date) =>
  (event: string, decision: 'allow' | 'deny', command: string): ReturnType<typeof appendAudit> =>
    appendAudit(
      keptDir,
      { time: now.toISOString(), host: 'service', event, decision, score: 0, findings: [], command },
      { sequence: true },
    );

/** Its own record, or the refusal (logged) of a request that would have to merge into one it cannot read. */
function keptOrRefused(keptDir: string, now: Date, op: string): RecordedHookFile[] | { ok: false; error: string } {
  try {
    return readKeptRecord(keptDir);
  } catch (err) {
    const why =
      `the service's own hook-file record cannot be read (${(err as Error).message}); it is left as it is and ` +
      `nothing is recorded until an administrator mends or removes ${path.join(keptDir, HOOK_RECORD)}`;
    const logged = logTo(keptDir, now)('hooks.refused', 'deny', `hook-file record not updated: ${why}`);
    return { ok: false, error: `${op}: ${why}${logged.ok ? '' : ` (nor could it be logged: ${logged.error})`}` };
  }
}

/** Copies the kept record into the developer's socket folder, readable by all, writable by the service alone. */
function publish(keptDir: string, publishDir: string): void {
  const from = path.join(keptDir, HOOK_RECORD);
  if (!fs.existsSync(from)) return;
  const to = path.join(publishDir, HOOK_RECORD);
  replaceFile(to, fs.readFileSync(from), 0o644);
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
): HookRecordResult {
  if (payload.length > MAX_RECORD_PAYLOAD) return { ok: false, error: 'hooks.record: too large' };
  const text = payload.toString('utf8');
  let sent: RecordedHookFile[];
  try {
    sent = parseHookRecord(text);
  } catch (err) {
    return { ok: false, error: `hooks.record: ${(err as Error).message}` };
  }
  const before = keptOrRefused(keptDir, now, 'hooks.record');
  if (!Array.isArray(before)) return before;
  const byFile = new Map(before.map((r) => [r.file, r]));
  const refused: RefusedHookFile[] = [];
  let kept = 0;
  for (const file of sent.slice(0, MAX_RECORDED_FILES)) {
    const old = byFile.get(file.file);
    if (old && sameRecord(old, file)) continue;
    const examined = examineHookFile(file, old, home, now);
    if ('refused' in examined) refused.push({ file: file.file, why: examined.refused });
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
  const log = logTo(keptDir, now);
  for (const { file, why } of refused) {
    const logged = log('hooks.refused', 'deny', `hook file not recorded: ${file}: ${why}`);
    if (!logged.ok) return { ok: false, error: logged.error };
  }
  const logged = log(
    'hooks.recorded',
    'allow',
    `hook files recorded: ${kept} of ${sent.length} file(s) examined and kept, sha256 ${sha256Hex(text)}`,
  );
  if (!logged.ok) return { ok: false, error: logged.error };
  if (!refused.length) return { ok: true };
  const named = refused.slice(0, MAX_REFUSED_NAMED).map((r) => ({ file: r.file, why: r.why.slice(0, 300) }));
  return {
    ok: false,
    error: `hooks.record: refused ${refused.length} of ${sent.length} file(s): ${named.map((r) => `${r.file}: ${r.why}`).join('; ')}`,
    refused: named,
  };
}
