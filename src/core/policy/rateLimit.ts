// Trips the kill switch when an agent keeps hitting gates: more than
// `rateLimit.maxGated` gated (ask or deny) decisions within
// `rateLimit.windowSeconds`. PocketOS ran 47 destructive calls in nine
// seconds; a human cannot read that fast, so the machine stops it.
//
// Hook processes are short-lived and run in parallel, so every gated decision
// is one small O_APPEND write to a log in the state dir (the kernel makes each
// such write atomic and ordered), then the tail is counted. There is no
// read-modify-write that concurrent hooks could lose: the last of any burst
// to append sees every entry before its own. A decision that cannot be
// recorded is reported so the caller fails closed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendAudit } from '../state/audit';
import { openOwnLog } from '../state/ownLog';
import { isoTime } from '../text/isoTime';
import { DEFAULT_RATE_LIMIT } from '../config/defaults';
import type { Config } from '../config/schema';
import { readKillSwitch, writeKillSwitch } from '../state';

export const RATE_LIMIT_FILE = 'gated.log';
/** Past this size the log is renamed aside (its tail stays counted) and a new one starts. */
export const ROTATE_BYTES = 64 * 1024;
/** At most this many entries are counted: beyond it the limit is long exceeded. */
const MAX_COUNTED = 10_000;
/** An entry is `<epoch ms> <pid>\n`: well under this. */
const MAX_LINE_BYTES = 40;

export interface RateLimitOutcome {
  /** The limit was exceeded: the kill switch is engaged (now, or already was). */
  tripped: boolean;
  /** Gated decisions within the window, this one included. */
  count: number;
  /** The decision could not be recorded (`recorded: false`) or the switch not engaged: the caller must fail closed. */
  error?: string;
  /** False when the decision could not be written: the limiter would be blind to it. */
  recorded?: boolean;
}

export function rateLimitFile(stateDir: string): string {
  return path.join(stateDir, RATE_LIMIT_FILE);
}

/** Appends one entry with a single write on an O_APPEND descriptor (never through a link of either kind). */
function appendEntry(file: string, at: number, rotateBytes: number): void {
  // Its folder made only when the open says it is missing (a recursive mkdir on every gated call cost ~0.3 ms).
  const { fd, stats: st } = openOwnLog(file, { what: 'rate-limit log', makeFolder: true });
  try {
    const line = Buffer.from(`${at} ${process.pid}\n`);
    if (fs.writeSync(fd, line) !== line.length) throw new Error(`short write to ${file}`);
    if (st.size + line.length > rotateBytes) rotate(file, fd, at);
  } finally {
    fs.closeSync(fd);
  }
}

// Renamed to a unique name, so two rotating hooks never overwrite each
// other's file; entries appended to the old file after the rename still land
// in it and are still counted.
function rotate(file: string, fd: number, at: number): void {
  try {
    if (fs.statSync(file).ino !== fs.fstatSync(fd).ino) return; // someone rotated already
    fs.renameSync(file, `${file}.${at}-${process.pid}`);
  } catch {
    // Not rotated now: the next gated decision tries again; counting is unaffected.
  }
}

/** Epoch-ms entries from the last `bytes` of a file (non-blocking, regular files only). */
function tailEntries(file: string, bytes: number): number[] {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return [];
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return [];
    const len = Math.min(st.size, bytes);
    const buf = Buffer.alloc(len);
    const n = fs.readSync(fd, buf, 0, len, st.size - len);
    const lines = buf.toString('latin1', 0, n).split('\n');
    if (len < st.size) lines.shift(); // the first line may be cut
    return lines.map((l) => Number(l.split(' ')[0])).filter((t) => Number.isFinite(t) && t > 0);
  } finally {
    fs.closeSync(fd);
  }
}

/** The current log and the rotated ones that may still hold entries of this window. */
function logFiles(file: string, since: number): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file) + '.';
  const files = [file];
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return files;
  }
  for (const name of names) {
    if (!name.startsWith(base)) continue;
    const rotatedAt = Number(name.slice(base.length).split('-')[0]);
    if (!Number.isFinite(rotatedAt)) continue;
    if (rotatedAt >= since) files.push(path.join(dir, name));
    else if (rotatedAt < since - 3_600_000) fs.rmSync(path.join(dir, name), { force: true }); // long past every window
  }
  return files;
}

/**
 * Records one gated decision at `now` (epoch ms or Date) and engages the
 * kill switch (`by: 'rate-limit'`) when more than `maxGated` fall within the
 * window. Entries before the kill switch's last release do not count: a
 * human who released it starts a new window.
 */
export function recordGatedDecision(
  stateDir: string,
  config: Config | undefined,
  now: number | Date = Date.now(),
  rotateBytes = ROTATE_BYTES,
): RateLimitOutcome {
  const maxGated = config?.rateLimit?.maxGated ?? DEFAULT_RATE_LIMIT.maxGated;
  const windowSeconds = config?.rateLimit?.windowSeconds ?? DEFAULT_RATE_LIMIT.windowSeconds;
  const at = typeof now === 'number' ? now : now.getTime();
  const file = rateLimitFile(stateDir);

  try {
    appendEntry(file, at, rotateBytes);
  } catch (err) {
    return {
      tripped: false,
      count: 0,
      recorded: false,
      error: `cannot record gated decision in ${file}: ${(err as Error).message}`,
    };
  }

  const ks = readKillSwitch(stateDir);
  const released = !ks.engaged && ks.since ? Date.parse(ks.since) : NaN;
  let from = at - windowSeconds * 1000;
  if (Number.isFinite(released) && released > from) from = released;
  // Entries of parallel hooks may carry a time slightly after ours; the clock moving back drops the rest.
  const until = at + 5_000;
  const counted = Math.min(maxGated + 1, MAX_COUNTED);
  let count = 0;
  for (const f of logFiles(file, from)) {
    for (const t of tailEntries(f, counted * MAX_LINE_BYTES)) if (t > from && t <= until) count++;
  }
  const tripped = count > maxGated;

  let error: string | undefined;
  // An engaged switch keeps its original reason and time.
  if (tripped && !ks.engaged) {
    const reason = `${count} gated agent commands within ${windowSeconds} s (limit ${maxGated}): an agent is repeatedly attempting risky actions`;
    try {
      writeKillSwitch(stateDir, {
        engaged: true,
        since: isoTime(new Date(at)),
        by: 'rate-limit',
        reason,
        count,
        windowSeconds,
      });
      const logged = appendAudit(stateDir, {
        time: isoTime(new Date(at)),
        host: 'rate-limit',
        decision: 'deny',
        score: 100,
        findings: ['ratelimit.tripped'],
        error: reason,
      });
      if (!logged.ok)
        error = `the rate limit engaged the kill switch, but the audit log could not record it: ${logged.error}`;
    } catch (err) {
      // The caller still learns it tripped and must deny; the switch itself could not be engaged.
      error = `rate limit exceeded but the kill switch could not be engaged: ${(err as Error).message}`;
    }
  }
  return { tripped, count, recorded: true, ...(error ? { error } : {}) };
}
