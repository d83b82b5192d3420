// Who holds one of AgentGuard's lock files, and whether that process is gone. A host that kills a hook
// (a timeout, the user interrupting the agent) can kill it while it holds the audit log's lock; by age alone
// the lock stands for ten seconds, and every hook meanwhile waits and may be denied. A lock that names where
// its holder ran — the machine's boot and the process-ID namespace — can be broken as soon as no process has
// that ID there, or the one that has it started after the lock was written (the ID used again), and never while
// its holder lives.
import * as fs from 'node:fs';
import { procStatFields } from './procStat';

/** Most bytes of a lock file read: one line of a process ID, a time and the holder's place. */
const MAX_LOCK_BYTES = 256;

/** Clock ticks a second in /proc's process start times (USER_HZ, 100 on every Linux architecture Node runs on). */
const TICKS_PER_SECOND = 100;

/** Slack between the two clocks compared (the boot clock of process starts, the wall clock of a lock's write). */
const START_SLACK_SECONDS = 1;

/**
 * This machine's boot and this process's process-ID namespace (`<boot id> <namespace inode>`), or '' where
 * /proc cannot tell them. Read once, when a lock is first taken: two small /proc reads (the namespace's link
 * is statted, not read: reading it costs milliseconds), about 0.1 ms.
 */
let place: string | undefined;

function here(): string {
  if (place !== undefined) return place;
  place = '';
  if (process.platform !== 'linux') return place;
  try {
    const boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
    const ns = fs.statSync('/proc/self/ns/pid').ino;
    if (/^[0-9a-f-]{36}$/.test(boot) && ns > 0) place = `${boot} ${ns}`;
  } catch {
    // No /proc (a sandbox without it): locks are broken by age alone.
  }
  return place;
}

/** What this process writes after its ID and the time into a lock it takes: its boot and namespace, or ''. */
export function holderMark(): string {
  return here() ? ` ${here()}` : '';
}

/** A lock file's text and identity, read without following a link or blocking (a link's or a FIFO's text is ''); undefined when nothing is there. */
export function readLock(
  lock: string,
): { text: string; dev: number; ino: number; uid: number; mtimeMs: number } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(lock, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    // A symbolic link planted at the lock's name names nobody: judged by its own age.
    try {
      const st = fs.lstatSync(lock);
      return { text: '', dev: st.dev, ino: st.ino, uid: st.uid, mtimeMs: st.mtimeMs };
    } catch {
      return undefined;
    }
  }
  try {
    const st = fs.fstatSync(fd);
    const buf = Buffer.alloc(MAX_LOCK_BYTES);
    const n = st.isFile() ? fs.readSync(fd, buf, 0, MAX_LOCK_BYTES, 0) : 0;
    return { text: buf.toString('latin1', 0, n), dev: st.dev, ino: st.ino, uid: st.uid, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

const LOCK_LINE = /^(\d+) \S+ ([0-9a-f-]{36} \d+)\n$/;

/**
 * Whether the process a lock names is provably gone: the lock is this account's, written on this boot in this
 * process-ID namespace (where the ID names the same process), and no process has that ID now, or the one that has
 * it started after the lock was written (the ID used again), or it has exited and waits to be reaped (a zombie).
 * Anything else — another account's lock, another machine's (a shared home), another namespace's (a container), a
 * lock still being written, an older version's — is not known gone, and waits for its age.
 */
export function holderGone(held: { text: string; uid: number; mtimeMs: number }): boolean {
  const m = LOCK_LINE.exec(held.text);
  if (!m || held.uid !== process.getuid?.() || !here() || m[2] !== here()) return false;
  const now = processNow(Number(m[1]));
  if (now === 'gone') return true;
  if (!now) return false;
  if (now.state === 'Z' || now.state === 'X') return true;
  const age = secondsSinceBoot();
  if (age === undefined) return false;
  const processAge = age - now.start / TICKS_PER_SECOND;
  const lockAge = (Date.now() - held.mtimeMs) / 1000;
  return processAge + START_SLACK_SECONDS < lockAge;
}

/** A process's state and start (clock ticks since boot) from /proc/PID/stat; 'gone' when there is no such process. */
function processNow(pid: number): { state: string; start: number } | 'gone' | undefined {
  const rest = procStatFields(pid);
  if (rest === 'gone' || rest === undefined) return rest;
  const start = rest[19];
  return rest[0] && start && /^\d+$/.test(start) ? { state: rest[0], start: Number(start) } : undefined;
}

/** Seconds since this machine booted, on the clock process starts are counted on. */
function secondsSinceBoot(): number | undefined {
  try {
    const up = Number(fs.readFileSync('/proc/uptime', 'latin1').split(' ')[0]);
    return Number.isFinite(up) ? up : undefined;
  } catch {
    return undefined;
  }
}
