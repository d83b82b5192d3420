// The AgentGuard service's bound on what one developer can make it write: a
// hook sends a few requests per call, so a process that sends thousands is
// flooding the log it keeps (and the disk under it). Per developer (the
// socket's uid, which the kernel vouches for) and per process (the pid the
// client names: Node cannot read a socket's peer credentials, so this one
// only keeps a single runaway process from using up its user's share), at
// most so many writing requests and so many bytes of request lines per
// window. Past it the request is refused, unlogged — except the first one
// refused, which the service writes into that developer's log as one
// `service.flood` entry — and a hook refused fails closed (its call is
// denied: nothing may run unrecorded). A new window admits again.

export interface FloodLimit {
  /** Writing requests per window, per developer (half of it per process). */
  writes: number;
  /** Bytes of request lines per window, per developer (half of it per process). */
  bytes: number;
  windowMs: number;
}

export const DEFAULT_FLOOD_LIMIT: FloodLimit = { writes: 600, bytes: 8 * 1024 * 1024, windowMs: 60_000 };

/** Processes tracked at once: past it, old windows are dropped first, then every writer of that user is refused. */
const MAX_TRACKED = 4096;

interface Window {
  start: number;
  writes: number;
  bytes: number;
  refused: number;
}

export type Admission = { admit: true } | { admit: false; reason: string; first: boolean };

export class FloodGate {
  private readonly windows = new Map<string, Window>();
  /** The window of each user whose flood entry is written: one entry per user per window, however much is refused. */
  private readonly logged = new Map<number, number>();

  constructor(private readonly limit: FloodLimit) {}

  /** Whether one writing request of `bytes` from this developer's process may be served now. */
  admit(uid: number, pid: number | undefined, bytes: number, now = Date.now()): Admission {
    this.sweep(now);
    const keys: [string, number, number][] = [[`u${uid}`, this.limit.writes, this.limit.bytes]];
    if (pid !== undefined)
      keys.push([
        `u${uid}p${pid}`,
        Math.max(1, Math.floor(this.limit.writes / 2)),
        Math.max(1, Math.floor(this.limit.bytes / 2)),
      ]);
    let over: string | undefined;
    const ws: Window[] = [];
    for (const [key, writes, size] of keys) {
      let w = this.windows.get(key);
      if (!w || now - w.start >= this.limit.windowMs) {
        if (this.windows.size >= MAX_TRACKED && !w) {
          over ??= `more than ${MAX_TRACKED} processes are writing`;
          continue;
        }
        w = { start: now, writes: 0, bytes: 0, refused: 0 };
        this.windows.set(key, w);
      }
      ws.push(w);
      if (w.writes + 1 > writes)
        over ??= `more than ${writes} requests within ${this.limit.windowMs / 1000} s from ${key.includes('p') ? `process ${pid}` : `uid ${uid}`}`;
      else if (w.bytes + bytes > size)
        over ??= `more than ${size} bytes within ${this.limit.windowMs / 1000} s from ${key.includes('p') ? `process ${pid}` : `uid ${uid}`}`;
    }
    if (over) {
      for (const w of ws) w.refused++;
      const start = this.windows.get(`u${uid}`)?.start ?? now;
      const first = this.logged.get(uid) !== start;
      this.logged.set(uid, start);
      return { admit: false, reason: over, first };
    }
    for (const w of ws) {
      w.writes++;
      w.bytes += bytes;
    }
    return { admit: true };
  }

  private sweep(now: number): void {
    if (this.windows.size < MAX_TRACKED) return;
    for (const [key, w] of this.windows) if (now - w.start >= this.limit.windowMs) this.windows.delete(key);
  }
}
