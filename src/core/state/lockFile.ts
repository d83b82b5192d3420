// The lock file that makes reading the audit log's last hash and appending
// to it one step across hook processes: O_EXCL, a stale lock broken, a
// bounded wait. Its own module so `audit verify` can take it briefly too,
// and the record of confirmed state folders (index.ts) has one of its own.
import * as fs from 'node:fs';
import { isoTime } from '../text/isoTime';
import { holderGone, holderMark, readLock } from './lockHolder';

// The lock is held for about a millisecond, but a burst of hooks on a starved
// machine queues on it for seconds: waiting long is right (the alternative is a
// deny for want of a log line); a holder known to be gone is broken at once (lockHolder.ts), any other dead
// holder by STALE_LOCK_MS.
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
  // Worked out before the lock is taken, not while it is held (the first time, two /proc reads).
  const mark = holderMark();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(lock, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);
      let mine: fs.Stats | undefined;
      try {
        fs.writeSync(fd, `${process.pid} ${isoTime(new Date())}${mark}\n`);
        mine = fs.fstatSync(fd);
      } finally {
        fs.closeSync(fd);
        // A lock that could not say who holds it is not left for others to wait out.
        if (!mine) unlinkQuietly(lock);
      }
      const made = mine;
      return {
        release: () => {
          // Only the lock this call made: one broken as stale and taken since by another process stays its.
          const now = readLockIdentity(lock);
          if (now && sameLock(now, made)) unlinkQuietly(lock);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return { error: (err as Error).message };
    }
    const held = readLock(lock);
    const broken =
      held !== undefined && (Date.now() - held.mtimeMs > STALE_LOCK_MS || holderGone(held)) && breakLock(lock, held);
    if (Date.now() >= deadline) return { error: `${what} stayed locked for ${waitMs} ms (${lock})` };
    if (!broken) sleep(Math.min(1 + attempt, 10));
  }
}

/**
 * Removes the very lock judged, not one taken since: renamed first, so two processes that both judged it do not
 * both remove it (the second finds nothing to rename, or another lock, and waits). Whether it was removed.
 */
function breakLock(lock: string, held: LockIdentity): boolean {
  try {
    const now = readLockIdentity(lock);
    if (!now || !sameLock(now, held)) return false;
    const moved = `${lock}.stale.${process.pid}`;
    fs.renameSync(lock, moved);
    fs.unlinkSync(moved);
    return true;
  } catch {
    return false; // released or broken meanwhile, or not a file this process can remove
  }
}

type LockIdentity = { dev: number; ino: number; mtimeMs: number };

/**
 * One lock file and not another made since at the same name: a removed file's inode number is soon given to the
 * next one made, so its last write's time (to the nanosecond a file system keeps) tells them apart too.
 */
function sameLock(a: LockIdentity, b: LockIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.mtimeMs === b.mtimeMs;
}

/** The lock's device, inode and last write, not following a link; undefined when it is not there. */
function readLockIdentity(lock: string): LockIdentity | undefined {
  try {
    return fs.lstatSync(lock);
  } catch {
    return undefined;
  }
}

/** unlink, where a file already gone is fine (not fs.rmSync: its module costs every hook call a load). */
function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}
