// Which hook-file record is in force. With an AgentGuard service named in
// the managed policy, the record is the service's: `install` sends it, the
// service keeps it in its own state folder and publishes a read-only copy
// into the developer's socket folder (serviceHookRecord.ts),
// and the shadow check and doctor read that copy. The developer's own
// `hook-files.json` — one the agent could rewrite together with a hook
// file — is then not read. A copy that is there but cannot be believed
// (a process of the developer could have written it, or it does not parse)
// throws, and the shadow check asks; none there yet is an empty record, the
// same as before any install. Without a service: the developer's own record.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keptBaselineRoot } from '../policy/baseline';
import { readRegularFile } from '../state/regularFile';
import {
  HOOK_RECORD,
  hookFileStates,
  parseHookRecord,
  readHookRecord,
  type HookFileState,
  type RecordedHookFile,
} from '../launcher/hookRecord';

/** The service's published copy, when a service is named: the folder and file must not be this user's to write. */
function keptRecord(root: string): RecordedHookFile[] {
  const me = process.getuid?.();
  const file = path.join(root, HOOK_RECORD);
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!st) return [];
  const dir = fs.lstatSync(root);
  for (const [what, s] of [
    [root, dir],
    [file, st],
  ] as const)
    if (s.uid === me || (s.mode & 0o022) !== 0) throw new Error(`${what} is not the AgentGuard service's alone`);
  if (!st.isFile()) throw new Error(`${file} is not a file`);
  const read = readRegularFile(file, 256 * 1024);
  if (!read.ok) throw new Error(read.error);
  return parseHookRecord(read.text);
}

/** The record in force; throws where the service's copy is there but cannot be believed. */
export function hookRecordInForce(stateDir: string): RecordedHookFile[] {
  const root = keptBaselineRoot();
  if (root !== undefined) return keptRecord(root);
  return recordMissing(stateDir) ? [] : readHookRecord(stateDir);
}

/** No record (no install yet), what most calls find: one stat, not the exception readHookRecord's stat throws. */
function recordMissing(stateDir: string): boolean {
  try {
    return fs.statSync(path.join(stateDir, HOOK_RECORD), { throwIfNoEntry: false }) === undefined;
  } catch {
    return false; // readHookRecord says what it is
  }
}

/** Doctor's word on each hook file against the record in force, or why the service's copy cannot be read. */
export function hookFileStatesInForce(stateDir: string): { states: HookFileState[]; unreadable?: string } {
  try {
    return { states: hookFileStates(hookRecordInForce(stateDir)) };
  } catch (err) {
    return { states: [], unreadable: (err as Error).message };
  }
}
