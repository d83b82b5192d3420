// Trips the kill switch when an agent keeps hitting gates: more than
// `rateLimit.maxGated` gated (ask or deny) decisions within
// `rateLimit.windowSeconds`. PocketOS ran 47 destructive calls in nine
// seconds; a human cannot read that fast, so the machine stops it.
// The hook processes that record decisions are short-lived and separate, so
// the window lives in a small file in the state dir, written atomically.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_RATE_LIMIT } from './config/defaults';
import type { Config } from './config/schema';
import { readKillSwitch, writeKillSwitch } from './state';

export const RATE_LIMIT_FILE = 'ratelimit.json';

export interface RateLimitOutcome {
  /** The limit was exceeded: the kill switch is engaged (now, or already was). */
  tripped: boolean;
  /** Gated decisions within the window, this one included. */
  count: number;
  /** Set when the window could not be saved: the limiter is blind until it can. */
  error?: string;
}

interface Window {
  /** Epoch milliseconds of recent gated decisions, oldest first. */
  times: number[];
}

export function rateLimitFile(stateDir: string): string {
  return path.join(stateDir, RATE_LIMIT_FILE);
}

function readWindow(file: string): number[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Window>;
    return Array.isArray(parsed.times) ? parsed.times.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)) : [];
  } catch {
    // Missing or damaged: start a fresh window. A damaged file must not trip the switch on its own.
    return [];
  }
}

/**
 * Remembers one gated decision at `now` (epoch ms or Date) and engages the
 * kill switch (`by: 'rate-limit'`) when more than `maxGated` fall within the
 * window. The file keeps at most `maxGated + 1` entries, so it stays tiny.
 */
export function recordGatedDecision(stateDir: string, config: Config | undefined, now: number | Date = Date.now()): RateLimitOutcome {
  const maxGated = config?.rateLimit?.maxGated ?? DEFAULT_RATE_LIMIT.maxGated;
  const windowSeconds = config?.rateLimit?.windowSeconds ?? DEFAULT_RATE_LIMIT.windowSeconds;
  const at = typeof now === 'number' ? now : now.getTime();
  const file = rateLimitFile(stateDir);

  // Entries from the future (clock moved back) are dropped with the old ones.
  const recent = readWindow(file).filter((t) => t > at - windowSeconds * 1000 && t <= at);
  recent.push(at);
  const times = recent.slice(-(maxGated + 1));
  const count = recent.length;
  const tripped = count > maxGated;

  let error: string | undefined;
  try {
    writeAtomically(file, JSON.stringify({ times: tripped ? [] : times }) + '\n');
  } catch (err) {
    error = `cannot record gated decision in ${file}: ${(err as Error).message}`;
  }

  // An engaged switch keeps its original reason and time.
  if (tripped && !readKillSwitch(stateDir).engaged) {
    try {
      writeKillSwitch(stateDir, {
        engaged: true,
        since: new Date(at).toISOString(),
        by: 'rate-limit',
        reason: `${count} gated agent commands within ${windowSeconds} s (limit ${maxGated}): an agent is repeatedly attempting risky actions`,
      });
    } catch (err) {
      // The caller still learns it tripped and should deny; the switch itself could not be engaged.
      error = `rate limit exceeded but the kill switch could not be engaged: ${(err as Error).message}`;
    }
  }
  return { tripped, count, ...(error ? { error } : {}) };
}

function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
