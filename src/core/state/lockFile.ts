// The lock file that makes reading the audit log's last hash and appending
// to it one step across hook processes: O_EXCL, a stale lock broken, a
// bounded wait. Its own module so `audit verify` can take it briefly too,
// and the record of confirmed state folders (index.ts) has one of its own.
import * as fs from 'node:fs';
import { isoTime } from '../text/isoTime';

// The lock is held for about a millisecond, but a burst of hooks on a starved
// machine queues on it for seconds: waiting long is right (the alternative is a
// deny for want of a log line), and a dead holder is handled by STALE_LOCK_MS.
const LOCK_WAIT_MS = 8000;
/** A lock older than this belongs to a process that died holding it. */
const STALE_LOCK_MS = 10_000;

// Made at the first wait, not at load: a V8 startup snapshot's builder has no SharedArrayBuffer.
let sleeper: Int32Array | undefined;
export function sleep(ms: number): void {
  sleeper ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Takes the lock file; breaks a stale one. Returns a release function, or an error (naming `what` it guards) after the bounded wait. */
export function acquireLock(
  lock: string,
  waitMs = LOCK_WAIT_MS,
  what = 'the audit log',
): { release(): void } | { error: string } {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(lock, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);
      fs.writeSync(fd, `${process.pid} ${isoTime(new Date())}\n`);
      fs.closeSync(fd);
      return {
        release: () => {
          try {
            fs.unlinkSync(lock);
          } catch {
            /* already gone: broken as stale */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return { error: (err as Error).message };
    }
    try {
      const st = fs.statSync(lock);
      if (Date.now() - st.mtimeMs > STALE_LOCK_MS) {
        // Rename first, so two processes that both see it stale do not both remove a fresh lock.
        const moved = `${lock}.stale.${process.pid}`;
        fs.renameSync(lock, moved);
        fs.unlinkSync(moved);
        continue;
      }
    } catch {
      /* released meanwhile: try again */
    }
    if (Date.now() >= deadline) return { error: `${what} stayed locked for ${waitMs} ms (${lock})` };
    sleep(Math.min(1 + attempt, 10));
  }
}
