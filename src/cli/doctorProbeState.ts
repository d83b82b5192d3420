// `agentguard doctor` on an account with no state folder yet: its probes run
// the wired hooks for real, and a hook that judges a call makes the account's
// state folder to record it there (core/state writableStateDir). Doctor only
// looks, so what its probes made goes again — the whole folder, and only when
// all it holds is theirs: nothing a human keeps (a kill switch, confirmed
// folders, snapshots), and an audit log of doctor's samples alone. Anything
// else (a hook of an agent's that ran meanwhile) keeps the folder, as it is.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DANGEROUS_SAMPLE, HARMLESS_SAMPLE } from '../core/frontdoor/setup';
import { accountHome, defaultStateDir } from '../core/frontdoor/launch';

/** What a hook judging doctor's samples leaves: a folder holding anything else (a kill switch, confirmed policies, snapshots) is kept. */
const PROBES_MAKE = ['audit.jsonl', 'audit.head', 'audit.lock', 'code-cache', 'config-cache', 'sandbox', 'calls'];
/** Doctor's samples make a few entries per wired event; a log past this is not theirs alone. */
const MAX_PROBE_LOG_BYTES = 1024 * 1024;

/** The account's default state folder when it is not there yet (doctor then clears what its probes make), else undefined. */
export function missingStateFolder(): string | undefined {
  const dir = defaultStateDir(accountHome());
  return fs.existsSync(dir) ? undefined : dir;
}

function onlyProbes(dir: string, since: number): boolean {
  if (!fs.readdirSync(dir).every((e) => PROBES_MAKE.includes(e))) return false;
  const log = path.join(dir, 'audit.jsonl');
  if (!fs.existsSync(log)) return true;
  if (fs.statSync(log).size > MAX_PROBE_LOG_BYTES) return false;
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .every((line) => {
      const e = JSON.parse(line) as { time?: unknown; command?: unknown; kind?: unknown };
      const sample = (e.command === HARMLESS_SAMPLE || e.command === DANGEROUS_SAMPLE) && e.kind === 'shell';
      return sample && typeof e.time === 'string' && Date.parse(e.time) >= since - 1000;
    });
}

/**
 * Removes `dir` (missingStateFolder's, made since `since`) when all in it is
 * the probes'; moved aside first, so a hook that writes meanwhile makes a
 * folder of its own rather than losing its entry. A note when it is kept.
 */
export function clearProbeTraces(dir: string, since: number): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const aside = path.join(path.dirname(dir), `.${path.basename(dir)}.doctor-${process.pid}`);
  try {
    fs.renameSync(dir, aside);
  } catch (err) {
    return `the state folder ${dir} the probes made could not be removed (${(err as Error).message})`;
  }
  let ours = false;
  try {
    ours = onlyProbes(aside, since);
  } catch {
    ours = false;
  }
  if (ours) {
    fs.rmSync(aside, { recursive: true, force: true });
    return undefined;
  }
  try {
    fs.renameSync(aside, dir);
    return undefined;
  } catch (err) {
    return `the state folder ${dir} was made again while doctor ran; what was there before is at ${aside} (${(err as Error).message})`;
  }
}

/** A folder for a check that keeps a cache in the state folder (the sandbox's), where the account has none yet. */
export function scratchState<T>(dir: string, use: (dir: string) => T): T {
  if (fs.existsSync(dir)) return use(dir);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-doctor-'));
  try {
    return use(scratch);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
