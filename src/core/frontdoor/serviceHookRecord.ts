// The hook-file record the AgentGuard service keeps. `agentguard install`
// sends the record it made (each hook file's sha256, size, inode, change
// time and AgentGuard's entries); the service writes it into its own state
// folder, logs it (`hooks.recorded`, with the record's digest) and publishes
// a read-only copy into the developer's socket folder, where the shadow
// check and doctor read it (launcher/hookRecordKept.ts) — the way confirmed
// policies are kept (servicePolicies.ts). What this proves, as there: every
// record in force went through the service and stands in its log, so an
// agent that rewrites a hook file and the developer's own `hook-files.json`
// together changes nothing that is read; not that a human ran the install.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendAudit } from '../state/audit';
import { sha256Hex } from '../text/sha256';
import { HOOK_RECORD, parseHookRecord, writeHookRecord } from '../launcher/hookRecord';
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

/** A record sent by `install`: `{ files: [...] }` as JSON. */
export function keepHookRecord(
  keptDir: string,
  publishDir: string | undefined,
  payload: Buffer,
  now: Date,
): PolicyResult {
  if (payload.length > MAX_RECORD_PAYLOAD) return { ok: false, error: 'hooks.record: too large' };
  const text = payload.toString('utf8');
  let files;
  try {
    files = parseHookRecord(text);
  } catch (err) {
    return { ok: false, error: `hooks.record: ${(err as Error).message}` };
  }
  writeHookRecord(keptDir, files);
  if (publishDir) publish(keptDir, publishDir);
  const logged = appendAudit(
    keptDir,
    {
      time: now.toISOString(),
      host: 'service',
      event: 'hooks.recorded',
      decision: 'allow',
      score: 0,
      findings: [],
      command: `hook files recorded: ${files.length} file(s), sha256 ${sha256Hex(text)}`,
    },
    { sequence: true },
  );
  return logged.ok ? { ok: true } : { ok: false, error: logged.error };
}
