// The audit log: one JSON line per decision, appended to a file in the state
// directory (outside every workspace, protected at deny level). Lines form a
// hash chain: each carries `prev` (the hash of the line before) and `hash`
// (sha256 of its own serialization without `hash`), so an edited, removed,
// inserted or reordered entry breaks the chain and `verifyAudit` names it.
//
// Hook processes run at the same time; reading the last hash and appending
// must be one step, so both happen under a lock file in the state directory
// (O_EXCL, stale locks broken, a bounded wait).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from './regularFile';
import { writeHead } from './auditHead';
import { acquireLock, sleep } from './lockFile';
import { openOwnLog } from './ownLog';
import {
  GENESIS,
  sha256,
  auditFile,
  auditLock,
  chained,
  auditHeadFile,
  entryHash,
  type AuditRecord,
  type AuditResult,
} from './auditRecord';
export {
  GENESIS,
  auditFile,
  auditHeadFile,
  sha256,
  serializeAudit,
  entryHash,
  type AuditRecord,
  type AuditResult,
} from './auditRecord';
export { acquireLock } from './lockFile';

const TAIL_CHUNK = 64 * 1024;

/** `length` bytes of the log from `start`, as read (zeros where the file ended sooner). */
function readAt(fd: number, start: number, length: number): Buffer {
  // From Node's pool (no zero-filling, no memory of its own for a few KiB), zeroed past a short read as alloc would be.
  const chunk = Buffer.allocUnsafe(length);
  const n = fs.readSync(fd, chunk, 0, length, start);
  if (n < length) chunk.fill(0, n);
  return chunk;
}

/**
 * Hash of the last entry of the log (GENESIS when empty), read from its end; `torn` when it does not end in a
 * newline; its `seq` when it has one. `size`: the log's, as just fstat'ed.
 */
function lastHash(fd: number, size: number): { hash: string; torn: boolean; seq?: number } {
  if (size === 0) return { hash: GENESIS, torn: false, seq: 0 };
  let end = size;
  let tail: Buffer = Buffer.alloc(0);
  let torn = false;
  // Read backwards until the start of the last line: one small read for the usual short line (its last byte says
  // whether it is torn), growing for whole long commands.
  for (let i = 0, chunkSize = 4096; end > 0 && i < 64; i++, chunkSize = Math.min(chunkSize * 4, TAIL_CHUNK)) {
    const start = Math.max(0, end - chunkSize);
    const chunk = readAt(fd, start, end - start);
    if (i === 0) torn = chunk[chunk.length - 1] !== 0x0a;
    tail = i === 0 ? chunk : Buffer.concat([chunk, tail]);
    end = start;
    const body = torn ? tail : tail.subarray(0, tail.length - 1);
    if (body.lastIndexOf(0x0a) !== -1 || end === 0) break;
  }
  const body = torn ? tail : tail.subarray(0, tail.length - 1);
  const line = body.subarray(body.lastIndexOf(0x0a) + 1).toString('utf8');
  try {
    const parsed = JSON.parse(line) as { hash?: unknown; seq?: unknown };
    if (typeof parsed.hash === 'string')
      return { hash: parsed.hash, torn, ...(Number.isSafeInteger(parsed.seq) ? { seq: parsed.seq as number } : {}) };
  } catch {
    /* a torn or foreign line: chain on from its bytes */
  }
  return { hash: sha256(line), torn };
}

/** Lines in the log (a torn last line counts): the place of an unsequenced log's next entry. */
function countLines(fd: number): number {
  const size = fs.fstatSync(fd).size;
  const buf = Buffer.alloc(Math.min(size, 1 << 20));
  let lines = 0;
  let last = 0x0a;
  for (let pos = 0; pos < size;) {
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
    if (n === 0) break;
    for (let i = 0; i < n; i++) if (buf[i] === 0x0a) lines++;
    last = buf[n - 1];
    pos += n;
  }
  return lines + (last === 0x0a ? 0 : 1);
}

function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/**
 * Appends one record, chained to the last entry, under the lock. Returns the
 * error instead of throwing: the hook turns a failure into a deny.
 * `sequence` (the service's log): the entry carries its place in the log as
 * `seq`; a log whose last entry carries one stays sequenced, whoever appends.
 */
export function appendAudit(stateDir: string, record: AuditRecord, opts: { sequence?: boolean } = {}): AuditResult {
  let seq: number | undefined;
  const file = auditFile(stateDir);
  try {
    let lock = acquireLock(auditLock(stateDir));
    // The folder is made (or mkdir says why it cannot be) where the lock cannot be taken for want of it: a new
    // state folder's first entry. Not looked for on every entry.
    if ('error' in lock && !isFolder(stateDir)) {
      fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      lock = acquireLock(auditLock(stateDir));
    }
    if ('error' in lock) return { ok: false, error: lock.error };
    try {
      // Never through a link, never a FIFO, never a file with another name (ownLog.ts).
      const { fd, stats: st } = openOwnLog(file, { what: 'audit log', read: true });
      try {
        const last = lastHash(fd, st.size);
        const { hash, torn } = last;
        if (opts.sequence || (last.seq !== undefined && last.seq > 0)) seq = (last.seq ?? countLines(fd)) + 1;
        // A torn last line (a crash mid-write) stays visible to verify; the new entry starts on its own line.
        const entry = chained(seq !== undefined ? { ...record, seq } : record, hash);
        fs.writeSync(fd, (torn ? '\n' : '') + entry.line);
        writeHead(auditHeadFile(stateDir), entry.hash + '\n');
      } finally {
        fs.closeSync(fd);
      }
    } finally {
      lock.release();
    }
    return { ok: true, ...(seq !== undefined ? { seq } : {}) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** 1-based line of the first bad entry. */
  line?: number;
  problem?: string;
  /** Unchained entries from before the chain, at the start of the log. */
  legacy?: number;
}

/**
 * Walks the chain. Names the first line whose own hash is wrong (edited),
 * or whose `prev` does not point at the line before it (an entry removed,
 * inserted or moved there). Removing entries at the very end leaves a valid
 * shorter chain; `entries` lets a caller compare with a count it kept.
 */
export function verifyAuditText(text: string): VerifyResult {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const hashes: string[] = [];
  const parsedLines: Array<Record<string, unknown> | undefined> = lines.map((l) => {
    try {
      const v = JSON.parse(l) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  });
  for (const e of parsedLines) hashes.push(typeof e?.hash === 'string' ? e.hash : '');
  let prev = GENESIS;
  // Entries written before the log was chained: accepted only as a prefix, and the first chained entry must point at the last of them.
  let legacy = 0;
  while (
    legacy < lines.length &&
    parsedLines[legacy] &&
    parsedLines[legacy]!.hash === undefined &&
    parsedLines[legacy]!.prev === undefined
  ) {
    prev = sha256(lines[legacy]);
    legacy++;
  }
  // A log of nothing but unchained lines proves nothing: every line may have been rewritten without its chain.
  if (legacy > 0 && legacy === lines.length)
    return {
      ok: false,
      entries: 0,
      line: 1,
      problem: `no entry carries the hash chain: the log was rewritten without it, or was not written by AgentGuard`,
    };
  for (let i = legacy; i < lines.length; i++) {
    const e = parsedLines[i];
    const line = i + 1;
    if (!e) return { ok: false, entries: i, line, problem: `line ${line} is not a JSON entry (edited or torn)` };
    if (typeof e.hash !== 'string' || typeof e.prev !== 'string')
      return { ok: false, entries: i, line, problem: `line ${line} has no hash chain fields (edited or inserted)` };
    if (entryHash(e) !== e.hash)
      return { ok: false, entries: i, line, problem: `line ${line} was edited: its content does not match its hash` };
    // A sequenced entry (the service's log) names its own place: a chain recomputed after removing or adding entries still has to renumber every one.
    if (e.seq !== undefined && e.seq !== line)
      return {
        ok: false,
        entries: i,
        line,
        problem: `line ${line} says it is entry ${String(e.seq)}: the sequence ${typeof e.seq === 'number' && e.seq > line ? 'jumps (entries before it were removed)' : 'rewinds (entries were added or the log restarted)'}`,
      };
    if (e.prev !== prev) {
      const j = hashes.indexOf(e.prev);
      let why: string;
      if (j > i) why = `it points at line ${j + 1}, which comes after it: entries were reordered`;
      else if (j >= 0) why = `it points at line ${j + 1}: line(s) ${j + 2}–${i} were inserted or moved here`;
      else if (i > 0 && parsedLines.slice(i + 1).some((x) => x?.prev === prev))
        why = `line ${i} is followed by another entry elsewhere: entries were reordered`;
      else why = i === 0 ? 'the entries before it were removed' : `the entry that followed line ${i} was removed`;
      return { ok: false, entries: i, line, problem: `line ${line} does not follow line ${i}: ${why}` };
    }
    prev = e.hash;
  }
  return { ok: true, entries: lines.length, ...(legacy ? { legacy } : {}) };
}

/** The head file is one hash and a newline. */
const MAX_HEAD_BYTES = 1024;
const MAX_SHIPPED_HEADS = 64;

/**
 * The last entry delivered to each destination, from the shipper's cursors
 * (`ship/*.cursor.json` beside the log): what `audit verify` holds the local
 * chain against. Bounded; an unreadable cursor is skipped (the shipper
 * starts that destination over and says so).
 */
export function shippedHeads(stateDir: string): { sink: string; seq: number; hash: string }[] {
  const dir = path.join(stateDir, 'ship');
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.cursor.json'))
      .sort()
      .slice(0, MAX_SHIPPED_HEADS);
  } catch {
    return [];
  }
  const out: { sink: string; seq: number; hash: string }[] = [];
  for (const name of names) {
    const read = readRegularFile(path.join(dir, name), 64 * 1024);
    if (!read.ok) continue;
    try {
      const c = JSON.parse(read.text) as { sink?: unknown; seq?: unknown; hash?: unknown };
      if (
        typeof c.sink === 'string' &&
        typeof c.seq === 'number' &&
        Number.isSafeInteger(c.seq) &&
        c.seq > 0 &&
        typeof c.hash === 'string'
      )
        out.push({ sink: c.sink, seq: c.seq, hash: c.hash });
    } catch {
      // skipped
    }
  }
  return out;
}

/** Looks a problem gets before it is reported, and the pause between them. */
const VERIFY_LOOKS = 4;
const VERIFY_SETTLE_MS = 15;
/** How long verify waits for a writer's lock before it reads without it. */
const VERIFY_LOCK_WAIT_MS = 500;

/**
 * Verifies the log in the state folder against its chain and against the
 * head kept beside it. A chained log without its head, or a head without its
 * log, is a log something cut: the head is written with every entry, so
 * removing it is the only way to hide entries removed at the end.
 *
 * A hook appends its entry and then the head, under the lock. Verify takes
 * the lock only to read the head and the log's length (headAndLength), not
 * for the whole read: a long read would hold every hook past its wait, and
 * the hook then denies. Where the lock cannot be had, a read between the two
 * writes looks like an entry appended without AgentGuard, or a head without
 * its log: a problem is reported once a later look finds the same one, and a
 * look that finds the files intact settles it. Tampering stays put; a moment
 * of writing does not.
 */
export function verifyAudit(stateDir: string): VerifyResult {
  let result = verifyOnce(stateDir);
  for (let look = 1; look < VERIFY_LOOKS && !result.ok; look++) {
    sleep(VERIFY_SETTLE_MS);
    const again = verifyOnce(stateDir);
    if (again.ok || again.problem === result.problem) return again;
    result = again;
  }
  return result;
}

/**
 * The head, and the log's length, as the last writer left them: read under
 * the writers' lock, held only for that (a hook waits on it), where it can be
 * taken; as they are where it cannot (a folder this user cannot write, as the
 * service's published copy). Entries appended after the length are the next
 * look's.
 */
function headAndLength(stateDir: string): { headRead: ReturnType<typeof readRegularFile>; length?: number } {
  const lock = acquireLock(auditLock(stateDir), VERIFY_LOCK_WAIT_MS);
  if ('error' in lock) return { headRead: readRegularFile(auditHeadFile(stateDir), MAX_HEAD_BYTES) };
  try {
    const headRead = readRegularFile(auditHeadFile(stateDir), MAX_HEAD_BYTES);
    try {
      return { headRead, length: fs.statSync(auditFile(stateDir)).size };
    } catch {
      return { headRead }; // No log: the read below says so.
    }
  } finally {
    lock.release();
  }
}

function verifyOnce(stateDir: string): VerifyResult {
  const { headRead, length } = headAndLength(stateDir);
  if (!headRead.ok && !headRead.missing)
    return { ok: false, entries: 0, problem: `the head kept beside the log is unreadable: ${headRead.error}` };
  const head = headRead.ok ? headRead.text.trim() : undefined;
  let text: string;
  try {
    const log = fs.readFileSync(auditFile(stateDir));
    // A log shorter than it was under the lock keeps what is left: the head then names an entry that is gone.
    text = (length === undefined ? log : log.subarray(0, length)).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      return { ok: false, entries: 0, problem: `cannot read the audit log: ${(err as Error).message}` };
    if (head === undefined) return { ok: true, entries: 0 };
    return {
      ok: false,
      entries: 0,
      line: 1,
      problem: `the log was removed: its head (${head.slice(0, 12)}…) is still kept beside it`,
    };
  }
  const result = verifyAuditText(text);
  if (!result.ok) return result;
  const hashes = text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return (JSON.parse(l) as { hash?: string }).hash;
      } catch {
        return undefined;
      }
    });
  const last = hashes.length;
  // What left the machine outlives a rewritten log: a chain that restarted, or was rewritten with every hash recomputed, no longer holds what was shipped.
  for (const shipped of shippedHeads(stateDir)) {
    if (last < shipped.seq)
      return {
        ok: false,
        entries: last,
        line: last + 1,
        problem: `entry ${shipped.seq} (${shipped.hash.slice(0, 12)}…) was shipped to ${shipped.sink}, and the log now has ${last}: it was truncated or restarted after shipping`,
      };
    if (hashes[shipped.seq - 1] !== shipped.hash)
      return {
        ok: false,
        entries: shipped.seq - 1,
        line: shipped.seq,
        problem: `entry ${shipped.seq} was shipped to ${shipped.sink} as ${shipped.hash.slice(0, 12)}…, and the log's entry ${shipped.seq} is another: it was rewritten after shipping`,
      };
  }
  if (head === undefined) {
    if (last === 0) return result;
    return {
      ok: false,
      entries: last,
      line: last + 1,
      problem: `the head kept beside the log (${auditHeadFile(stateDir)}) was removed: entries at the end may have been cut with it`,
    };
  }
  if (hashes[last - 1] === head) return result;
  const at = hashes.indexOf(head);
  if (at === -1)
    return {
      ok: false,
      entries: last,
      line: last + 1,
      problem: `entries after line ${last} were removed: the last entry written (${head.slice(0, 12)}…) is gone`,
    };
  return {
    ok: false,
    entries: at + 1,
    line: at + 2,
    problem: `line(s) ${at + 2}–${last} were appended without AgentGuard: the last entry it wrote is line ${at + 1}`,
  };
}
