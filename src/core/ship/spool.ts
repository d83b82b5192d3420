// The local audit log as the spool, and one cursor per destination: where in
// the log delivery stands (byte offset, entry number, the hash of the last
// entry delivered). A cursor is written only after a destination confirmed a
// batch, so a crash or an outage resends from the last confirmed entry: at
// least once, in order. Reading never blocks on what a hook is writing: only
// whole lines (ending in a newline) are taken.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { auditFile, GENESIS, sha256 } from '../state/audit';
import { readRegularFile } from '../state/regularFile';
import type { AuditSink } from '../config/auditSinks';

export interface Cursor {
  version: 1;
  /** The destination's URL. */
  sink: string;
  /** Bytes of the log delivered. */
  offset: number;
  /** Entries delivered. */
  seq: number;
  /** Hash of the last entry delivered (GENESIS before the first). */
  hash: string;
  updatedAt: string;
}

/** One line of the log, with its place in the file and in the chain. */
export interface SpoolEntry {
  /** The line exactly as written, without its newline. */
  line: string;
  /** 1-based entry number in the log. */
  seq: number;
  /** Byte offset just past its newline. */
  end: number;
  hash: string;
  prev: string;
  /** The parsed entry; `{}` for a line that is not JSON (torn by a crash, or written by something else). */
  record: Record<string, unknown>;
  /** The line is not an AgentGuard entry: its hash is the line's own sha256, as the chain uses it. */
  torn?: true;
}

export interface Pending {
  entries: SpoolEntry[];
  /** The log no longer continues the delivered chain (rewritten, truncated, replaced): say so before shipping on. */
  gap?: string;
  /** Where reading restarted after a gap. */
  restartedAt?: { offset: number; seq: number; hash: string };
}

const MAX_CURSOR_BYTES = 64 * 1024;

export function sinkId(sink: AuditSink): string {
  return createHash('sha256').update(`${sink.kind}\0${sink.url}`).digest('hex').slice(0, 16);
}

export function shipDir(stateDir: string): string {
  return path.join(stateDir, 'ship');
}

export function cursorFile(stateDir: string, sink: AuditSink): string {
  return path.join(shipDir(stateDir), `${sinkId(sink)}.cursor.json`);
}

export function startCursor(sink: AuditSink): Cursor {
  return { version: 1, sink: sink.url, offset: 0, seq: 0, hash: GENESIS, updatedAt: new Date(0).toISOString() };
}

export function readCursor(stateDir: string, sink: AuditSink): Cursor {
  const read = readRegularFile(cursorFile(stateDir, sink), MAX_CURSOR_BYTES);
  if (!read.ok) return startCursor(sink);
  try {
    const c = JSON.parse(read.text) as Partial<Cursor>;
    if (
      c.version === 1 &&
      c.sink === sink.url &&
      Number.isSafeInteger(c.offset) &&
      Number.isSafeInteger(c.seq) &&
      typeof c.hash === 'string' &&
      c.offset! >= 0
    )
      return c as Cursor;
  } catch {
    // unreadable: start over (at least once)
  }
  return startCursor(sink);
}

export function writeCursor(
  stateDir: string,
  sink: AuditSink,
  c: Omit<Cursor, 'version' | 'sink' | 'updatedAt'>,
): void {
  const file = cursorFile(stateDir, sink);
  const record: Cursor = { version: 1, sink: sink.url, ...c, updatedAt: new Date().toISOString() };
  replaceFile(file, JSON.stringify(record) + '\n', 0o600, { folderMode: 0o700 });
}

function parseLine(line: string): { record: Record<string, unknown>; hash: string; prev?: string; torn?: true } {
  try {
    const v = JSON.parse(line) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { hash?: unknown }).hash === 'string') {
      const r = v as Record<string, unknown>;
      return { record: r, hash: r.hash as string, ...(typeof r.prev === 'string' ? { prev: r.prev } : {}) };
    }
  } catch {
    // a torn line: the chain continues from its bytes (state/audit.ts)
  }
  return { record: {}, hash: sha256(line), torn: true };
}

/** Byte size of the log now (0 when there is none). */
export function spoolSize(stateDir: string): number {
  try {
    return fs.statSync(auditFile(stateDir)).size;
  } catch {
    return 0;
  }
}

function readRange(fd: number, start: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let off = 0;
  while (off < length) {
    const n = fs.readSync(fd, buf, off, length - off, start + off);
    if (n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

/** Finds the entry whose hash is `hash` by reading the log from the start; its end offset and number. */
function findHash(fd: number, size: number, hash: string): { offset: number; seq: number } | undefined {
  let pos = 0;
  let seq = 0;
  let rest = Buffer.alloc(0);
  while (pos < size) {
    const chunk = Buffer.concat([rest, readRange(fd, pos, Math.min(1 << 20, size - pos))]);
    const start = pos - rest.length;
    pos += chunk.length - rest.length;
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
      seq++;
      if (parseLine(chunk.subarray(from, nl).toString('utf8')).hash === hash) return { offset: start + nl + 1, seq };
      from = nl + 1;
    }
    rest = chunk.subarray(from);
    if (rest.length > 8 << 20) return undefined; // a line this long is not AgentGuard's
  }
  return undefined;
}

/**
 * Whole entries after the cursor, at most `maxEntries` and about `maxBytes`.
 * When the log does not continue from the cursor (shorter than it, or the
 * entry after it does not point back at it), the entry it delivered last is
 * looked for; shipping goes on after it, or from the start, with `gap` set.
 */
export function readPending(stateDir: string, cursor: Cursor, maxEntries: number, maxBytes: number): Pending {
  const file = auditFile(stateDir);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [] };
    throw err;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(`${file} is not a regular file`);
    let start = { offset: cursor.offset, seq: cursor.seq, hash: cursor.hash };
    let gap: string | undefined;
    if (st.size < start.offset)
      gap = `the audit log is ${st.size} bytes, shorter than the ${start.offset} already delivered: it was truncated or replaced`;
    else if (start.offset > 0 && readRange(fd, start.offset - 1, 1)[0] !== 0x0a)
      gap = `the audit log no longer has an entry ending where delivery stopped (byte ${start.offset}): it was rewritten or replaced`;
    const entries = gap ? [] : readFrom(fd, st.size, start, maxEntries, maxBytes);
    if (!gap && entries.length && !entries[0].torn && entries[0].prev !== start.hash) {
      gap = `the entry after the last one delivered (${start.hash.slice(0, 12)}…) no longer points back at it: the log was rewritten`;
    }
    if (!gap) return { entries };
    const found = cursor.seq > 0 ? findHash(fd, st.size, cursor.hash) : undefined;
    start = found ? { ...found, hash: cursor.hash } : { offset: 0, seq: 0, hash: GENESIS };
    return { entries: readFrom(fd, st.size, start, maxEntries, maxBytes), gap, restartedAt: start };
  } finally {
    fs.closeSync(fd);
  }
}

function readFrom(
  fd: number,
  size: number,
  start: { offset: number; seq: number; hash: string },
  maxEntries: number,
  maxBytes: number,
): SpoolEntry[] {
  const entries: SpoolEntry[] = [];
  let pos = start.offset;
  let seq = start.seq;
  let prevHash = start.hash;
  // Read a bounded window; a single entry longer than it is read whole (one command may be up to 1 MiB).
  while (pos < size && entries.length < maxEntries) {
    let window = Math.min(size - pos, Math.max(maxBytes, 64 * 1024));
    let buf = readRange(fd, pos, window);
    while (buf.indexOf(0x0a) === -1 && pos + window < size && window < 16 << 20) {
      window = Math.min(size - pos, window * 4);
      buf = readRange(fd, pos, window);
    }
    let from = 0;
    let took = 0;
    for (let nl = buf.indexOf(0x0a); nl !== -1 && entries.length < maxEntries; nl = buf.indexOf(0x0a, from)) {
      const line = buf.subarray(from, nl).toString('utf8');
      const parsed = parseLine(line);
      seq++;
      entries.push({
        line,
        seq,
        end: pos + nl + 1,
        hash: parsed.hash,
        prev: parsed.prev ?? prevHash,
        record: parsed.record,
        ...(parsed.torn ? { torn: true as const } : {}),
      });
      prevHash = parsed.hash;
      took += nl + 1 - from;
      from = nl + 1;
      if (took >= maxBytes) break;
    }
    if (from === 0) break; // no whole line yet: a hook is writing it
    pos += from;
    if (took >= maxBytes) break;
  }
  return entries;
}
