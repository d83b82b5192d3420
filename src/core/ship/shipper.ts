// Delivery: batches of spooled entries to each destination, the cursor moved
// only past what the destination confirmed. One shipper per destination at a
// time (a lock in the state folder, so two editor windows and a running
// `agentguard audit ship` never send the same batch side by side); a
// destination that is down is retried with growing pauses, and delivery
// resumes from its cursor after restarts and outages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditSink } from '../config/auditSinks';
import { classify } from './classify';
import { OtlpShipper } from './otlp';
import { readCursor, readPending, shipDir, sinkId, spoolSize, writeCursor, type SpoolEntry } from './spool';
import { formatSyslog, frame, sendSyslogBatch } from './syslog';

export interface ShipTarget {
  sink: AuditSink;
  /** PEM certificate authorities for tls:// and https:// destinations. */
  ca?: string | Buffer;
  /** Headers for OTLP requests. */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface RoundResult {
  sink: string;
  delivered: number;
  /** Entries still waiting (0: everything written so far is delivered). */
  pending: number;
  /** Another shipper holds this destination now. */
  busy?: true;
  error?: string;
  /** The log did not continue from the cursor: a notice was shipped, and delivery went on from where it could. */
  gap?: string;
}

const MAX_BATCH_ENTRIES = 200;
const MAX_BATCH_BYTES = 256 * 1024;
/** Batches per round: keeps a round well inside the lock's staleness. */
const MAX_BATCHES_PER_ROUND = 50;
/** A lock older than this, or whose holder is gone, is broken. */
const STALE_LOCK_MS = 10 * 60_000;

interface Transport {
  send(entries: readonly SpoolEntry[], synthetic?: boolean): Promise<void>;
  close(): Promise<void>;
}

function transportFor(t: ShipTarget): Transport {
  if (t.sink.kind === 'syslog') {
    const sink = t.sink;
    return {
      send: (entries, synthetic) =>
        sendSyslogBatch(
          sink,
          entries.map((e) =>
            frame(
              formatSyslog({
                line: e.line,
                seq: e.seq,
                hash: e.hash,
                prev: e.prev,
                time: timeOf(e),
                classified: classify(e.record),
                ...(typeof e.record.decision === 'string' ? { decision: e.record.decision } : {}),
                ...(synthetic ? { synthetic } : {}),
              }),
            ),
          ),
          { ...(t.ca ? { ca: t.ca } : {}), ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {}) },
        ),
      close: async () => undefined,
    };
  }
  const otlp = new OtlpShipper(t.sink, {
    ...(t.ca ? { ca: t.ca } : {}),
    ...(t.headers ? { headers: t.headers } : {}),
    ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {}),
  });
  return {
    send: (entries) =>
      otlp.send(
        entries.map((e) => ({
          line: e.line,
          seq: e.seq,
          hash: e.hash,
          prev: e.prev,
          time: timeOf(e),
          record: e.record,
          classified: classify(e.record),
        })),
      ),
    close: () => otlp.close(),
  };
}

function timeOf(e: SpoolEntry): string | undefined {
  return typeof e.record.time === 'string' ? e.record.time : undefined;
}

function lockFile(stateDir: string, sink: AuditSink): string {
  return path.join(shipDir(stateDir), `${sinkId(sink)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process's hold on one destination, or undefined when another live shipper has it. */
function takeLock(file: string): { release(): void; touch(): void } | undefined {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, at: Date.now() }), { flag: 'wx', mode: 0o600 });
      return {
        release: () => fs.rmSync(file, { force: true }),
        touch: () => {
          try {
            const now = new Date();
            fs.utimesSync(file, now, now);
          } catch {
            // released meanwhile
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: { pid?: unknown } = {};
    try {
      holder = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown };
    } catch {
      // half-written or gone: judged by its age below
    }
    const st = fs.statSync(file, { throwIfNoEntry: false });
    const stale =
      !st ||
      Date.now() - st.mtimeMs > STALE_LOCK_MS ||
      (typeof holder.pid === 'number' && holder.pid !== process.pid && !alive(holder.pid));
    if (!stale) return undefined;
    fs.rmSync(file, { force: true });
  }
  return undefined;
}

/** Entries written but not yet delivered to `sink` (counted up to `limit`). */
export function pendingCount(stateDir: string, sink: AuditSink, limit = 100_000): number {
  const cursor = readCursor(stateDir, sink);
  if (spoolSize(stateDir) <= cursor.offset) return 0;
  return readPending(stateDir, cursor, limit, 64 << 20).entries.length;
}

/**
 * Ships what is pending to one destination, batch after batch, until nothing
 * is left, the destination fails, or the round's share is done. Never throws.
 */
export async function shipRound(stateDir: string, target: ShipTarget): Promise<RoundResult> {
  const sink = target.sink;
  const result: RoundResult = { sink: sink.url, delivered: 0, pending: 0 };
  let lock: ReturnType<typeof takeLock>;
  try {
    lock = takeLock(lockFile(stateDir, sink));
  } catch (err) {
    return { ...result, error: `cannot lock ${sink.url}'s cursor: ${(err as Error).message}` };
  }
  if (!lock) return { ...result, busy: true, pending: pendingCount(stateDir, sink) };
  const transport = transportFor(target);
  try {
    for (let batch = 0; batch < MAX_BATCHES_PER_ROUND; batch++) {
      const cursor = readCursor(stateDir, sink);
      const pending = readPending(stateDir, cursor, MAX_BATCH_ENTRIES, MAX_BATCH_BYTES);
      if (pending.gap && pending.restartedAt) {
        // The receiving side must hear it before it sees the chain go on from elsewhere.
        const notice = {
          time: new Date().toISOString(),
          synthetic: 'audit-gap',
          problem: pending.gap,
          lastDelivered: { seq: cursor.seq, hash: cursor.hash },
          resumedAfter: pending.restartedAt,
        };
        await transport.send(
          [
            {
              line: JSON.stringify(notice),
              seq: cursor.seq,
              end: cursor.offset,
              hash: cursor.hash,
              prev: cursor.hash,
              record: notice,
            },
          ],
          true,
        );
        writeCursor(stateDir, sink, pending.restartedAt);
        result.gap = pending.gap;
        lock.touch();
        continue;
      }
      if (!pending.entries.length) break;
      await transport.send(pending.entries);
      const last = pending.entries[pending.entries.length - 1];
      writeCursor(stateDir, sink, { offset: last.end, seq: last.seq, hash: last.hash });
      result.delivered += pending.entries.length;
      lock.touch();
    }
  } catch (err) {
    result.error = (err as Error).message;
  } finally {
    await transport.close();
    lock.release();
  }
  result.pending = pendingCount(stateDir, sink);
  return result;
}

/** Everything pending, to every destination, once (`agentguard audit ship --once`). */
export async function shipOnce(stateDir: string, targets: readonly ShipTarget[]): Promise<RoundResult[]> {
  const out: RoundResult[] = [];
  for (const t of targets) {
    let r = await shipRound(stateDir, t);
    let delivered = r.delivered;
    let gap = r.gap;
    // A round stops after its share of batches: go on while it makes progress.
    while (!r.error && !r.busy && r.pending > 0 && r.delivered > 0) {
      r = await shipRound(stateDir, t);
      delivered += r.delivered;
      gap ??= r.gap;
    }
    out.push({ ...r, delivered, ...(gap ? { gap } : {}) });
  }
  return out;
}

export interface Follower {
  stop(): Promise<void>;
}

export interface FollowOptions {
  /** How often the log's size is looked at (default 500 ms). */
  pollMs?: number;
  onRound?(r: RoundResult): void;
}

/**
 * Follows the log: every new entry goes out to every destination as soon as
 * it is written; a destination that fails is retried after 1 s, then longer
 * (up to 30 s), and everything it missed goes out when it is back.
 */
export function followShipping(stateDir: string, targets: readonly ShipTarget[], opts: FollowOptions = {}): Follower {
  const pollMs = opts.pollMs ?? 500;
  let stopped = false;
  let wake: (() => void) | undefined;
  const state = targets.map((t) => ({ t, retryAt: 0, backoff: 1000 }));
  const loop = (async () => {
    while (!stopped) {
      for (const s of state) {
        if (stopped) break;
        if (Date.now() < s.retryAt) continue;
        // Nothing written since the last delivery: one stat, no round. (A shorter log is a gap: that takes a round.)
        if (spoolSize(stateDir) === readCursor(stateDir, s.t.sink).offset) continue;
        const r = await shipRound(stateDir, s.t);
        if (r.delivered || r.error || r.gap) opts.onRound?.(r);
        if (r.error) {
          s.retryAt = Date.now() + s.backoff;
          s.backoff = Math.min(s.backoff * 2, 30_000);
        } else s.backoff = 1000;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
