// One call, judged once. When a host runs AgentGuard's hook from its
// administrator-owned file (managedHookPlaces.ts) and from a workspace or user
// file too, every one of them starts for the same tool call, most hosts all
// at once. The first to claim the call judges it (one verdict, one audit
// entry, at most one question to a human); the others wait for its answer
// and give the host the very same one, so whichever answer the host reads,
// and however it combines them, the call was decided once.
//
// Only on a host that has a managed hook: elsewhere nothing duplicates, and
// the hook pays one failed open() to know. A claim lives in the state folder
// (which no agent may write); a claimant that died without answering is
// taken over, and an answer is reused only moments after it was given, so a
// later identical call is judged afresh.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile, writeFresh } from '../state/replaceFile';
import { agentGuardCommandsIn, managedHookPlace } from '../hosts/managedHookPlaces';
import type { HookAnswer } from '../hosts/messages';
import type { HostId } from '../hosts/types';
import { readRegularFile } from '../state/regularFile';
import { sha256HexAnySize } from '../text/sha256';

/** Duplicates of a call start within this of its answer (hosts launch them together; Windsurf one after another). */
export const DUPLICATE_WINDOW_MS = 5000;
const POLL_MS = 20;
const MAX_CLAIM_BYTES = 256 * 1024;
const MAX_SETTINGS_BYTES = 1024 * 1024;
/** Claims older than this are swept away when a new one is made. */
const SWEEP_AFTER_MS = 10 * 60_000;

export interface CallClaim {
  file: string;
}

export type CallRole =
  /** Nothing duplicates this call: judge it. */
  | { role: 'alone' }
  /** This process judges it and publishes its answer for the duplicates. */
  | { role: 'judge'; claim: CallClaim }
  /** Another process judged it: give the host this same answer, record nothing. */
  | { role: 'duplicate'; answer: HookAnswer };

interface ClaimRecord {
  pid: number;
  at: number;
  answer?: HookAnswer;
  answeredAt?: number;
}

/** Whether the host runs AgentGuard's hook from an administrator-owned file on this machine. */
export function managedHookInstalled(host: HostId): boolean {
  const place = managedHookPlace(host);
  if ('unsupported' in place) return false;
  const read = readRegularFile(place.file, MAX_SETTINGS_BYTES, { followSymlinks: true });
  return read.ok && agentGuardCommandsIn(read.text).some((c) => c.trim().endsWith(` ${host}`));
}

function canonical(value: unknown, depth = 0): unknown {
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => canonical(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value as object).sort())
    out[k] = canonical((value as Record<string, unknown>)[k], depth + 1);
  return out;
}

/** The call's identity: the host and its payload, field order aside. */
export function callKey(host: HostId, payload: unknown): string {
  return sha256HexAnySize(host, '\0', JSON.stringify(canonical(payload)));
}

function claimsDir(stateDir: string): string {
  return path.join(stateDir, 'calls');
}

function readClaim(file: string): ClaimRecord | undefined {
  const read = readRegularFile(file, MAX_CLAIM_BYTES);
  if (!read.ok) return undefined;
  try {
    const v = JSON.parse(read.text) as ClaimRecord;
    return typeof v.pid === 'number' && typeof v.at === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sweep(dir: string, now: number): void {
  try {
    for (const name of fs.readdirSync(dir).slice(0, 4096)) {
      const f = path.join(dir, name);
      const st = fs.lstatSync(f, { throwIfNoEntry: false });
      if (st && now - st.mtimeMs > SWEEP_AFTER_MS) fs.rmSync(f, { force: true });
    }
  } catch {
    // Old claims only take space.
  }
}

/** Creates the claim whole or not at all: written beside it, then linked into place (a link fails if the name exists). */
function tryClaim(file: string, now: number): boolean {
  const tmp = `${file}.${process.pid}.claim`;
  // Never through what stands at the name (a leftover, a planted link).
  writeFresh(tmp, JSON.stringify({ pid: process.pid, at: now } satisfies ClaimRecord), 0o600);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * This process's part in judging the call. `waitMs` bounds how long a
 * duplicate waits for the claimant's answer (an approval may take that long);
 * past it, or when the claimant is gone, it judges the call itself. Any error
 * here means "judge it": a duplicate judgment is safe, a lost one is not.
 */
export async function roleFor(
  host: HostId,
  payload: unknown,
  stateDir: string,
  waitMs: number,
  now = Date.now,
  managed = managedHookInstalled,
): Promise<CallRole> {
  try {
    if (!managed(host)) return { role: 'alone' };
    const dir = claimsDir(stateDir);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, callKey(host, payload));
    const deadline = now() + waitMs;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (tryClaim(file, now())) {
        if (attempt === 0 && Math.random() < 1 / 32) sweep(dir, now());
        return { role: 'judge', claim: { file } };
      }
      let claim = readClaim(file);
      while (claim && !claim.answer && alive(claim.pid) && now() < deadline) {
        await sleep(POLL_MS);
        claim = readClaim(file);
      }
      if (claim?.answer && claim.answeredAt !== undefined && now() - claim.answeredAt <= DUPLICATE_WINDOW_MS)
        return { role: 'duplicate', answer: claim.answer };
      // An old answer (a new call that looks the same), a dead or silent claimant, or an unreadable claim: start over.
      if (claim && !claim.answer && alive(claim.pid)) return { role: 'alone' };
      fs.rmSync(file, { force: true });
    }
    return { role: 'alone' };
  } catch {
    return { role: 'alone' };
  }
}

/** The claimant's answer, for the duplicates that wait on it. Never throws: they then judge the call themselves. */
export function publishAnswer(claim: CallClaim, answer: HookAnswer, now = Date.now()): void {
  try {
    const record: ClaimRecord = { pid: process.pid, at: now, answer, answeredAt: now };
    replaceFile(claim.file, JSON.stringify(record), 0o600);
  } catch {
    // A duplicate then judges the call itself once this process is gone.
  }
}
