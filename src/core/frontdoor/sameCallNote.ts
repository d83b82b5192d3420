// The note that makes one call reaching two hook files one judgment
// (sameCall.ts), as a file only ever appended to: each arrival, each outcome,
// each hand-over is one line added with a single O_APPEND write. Appends to
// a local file are ordered whole, so every process that reads the file sees
// the same lines in the same order, and replaying them gives every process
// the same answer to "who decides this call, and how did it end" — no lock,
// and no file written anew and renamed over the last one (which ext4 makes
// wait for the new file's data: most of what the note cost).
//
// A line ends in its length and a checksum, and starts on a line of its
// own: a line cut short (a process killed mid-write, a full disk) or
// garbled is ignored by everyone, and the next line is read whole. A line
// that is ignored can only make an arrival judge the call in full — its own
// arrival line missing makes it judge alone; an outcome missing makes the
// others wait out the deadline and judge alone — never repeat an outcome
// that was not written whole.
import * as fs from 'node:fs';
import type { Resolution } from '../hosts/messages';
import type { HostId } from '../hosts/types';
import type { Verdict } from '../types';
import type { SnapshotStatus } from '../snapshot/before';

/**
 * Every arrival reads the whole note, so it is kept short. Once past
 * NOTE_SOFT_BYTES, an arrival may start it anew (`startAnew`, sameCall.ts):
 * when no call in it is still deciding or within its window, or, past
 * NOTE_HARD_BYTES (a call made over and over, always one live), when the
 * arrival would decide a call of its own, so that no call loses its later
 * arrivals. Past NOTE_MAX_BYTES it is started anew regardless.
 */
export const NOTE_SOFT_BYTES = 4 * 1024;
export const NOTE_HARD_BYTES = 16 * 1024;
const NOTE_MAX_BYTES = 64 * 1024;
/** An outcome line longer than this (a verdict with huge findings) is written as `failed`: the others judge in full. */
const MAX_LINE_BYTES = 64 * 1024;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export interface Channel {
  host: HostId;
  event: string;
}

/** One line of the note. `id` of an arrival names it; `entry` names the call it is about (its first arrival's id). */
export type NoteLine =
  | ({ t: 'arrive'; id: string; at: number; deadline: number; session?: string } & Channel)
  | ({ t: 'take'; id: string; entry: string; at: number; deadline: number } & Channel)
  | { t: 'open'; entry: string; by: string; at: number }
  | { t: 'failed'; entry: string; by: string; at: number }
  | {
      t: 'done';
      entry: string;
      by: string;
      at: number;
      verdict: Verdict;
      resolution: Resolution;
      snapshot?: SnapshotStatus;
    };

/** FNV-1a over the UTF-16 units: a torn or garbled line, not an adversary (the state folder is not the agent's). */
function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The bytes one line is appended as: a newline first, so a line cut short before it stays on its own. */
export function noteLineText(line: NoteLine): string {
  const json = JSON.stringify(line);
  return `\n${json} ${json.length}:${checksum(json)}\n`;
}

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function wellFormed(v: unknown): v is NoteLine {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  if (!num(l.at)) return false;
  switch (l.t) {
    case 'arrive':
    case 'take':
      return (
        str(l.id) &&
        num(l.deadline) &&
        str(l.host) &&
        str(l.event) &&
        (l.t === 'take' ? str(l.entry) : l.session === undefined || str(l.session))
      );
    case 'open':
    case 'failed':
      return str(l.entry) && str(l.by);
    case 'done':
      return (
        str(l.entry) &&
        str(l.by) &&
        typeof l.verdict === 'object' &&
        l.verdict !== null &&
        typeof l.resolution === 'object' &&
        l.resolution !== null
      );
    default:
      return false;
  }
}

/**
 * Lines whose checksum this process has already found right. An arrival reads the note two or three
 * times; the checksum, a loop over every character that V8 runs unoptimized in a short-lived hook
 * process, is then computed once per line, not once per read (a Set's lookup hashes the line natively).
 * It is a function of the line's text alone, so a line found here is one whose checksum held.
 */
const checkedLines = new Set<string>();
const MAX_CHECKED_LINES = 1024;

/** The whole lines among `raw` (a note's text split at its newlines), in order; anything torn, garbled or foreign is left out. */
function parseLines(raw: readonly string[]): NoteLine[] {
  const lines: NoteLine[] = [];
  for (const part of raw) {
    const space = part.lastIndexOf(' ');
    if (space <= 0) continue;
    const json = part.slice(0, space);
    if (!checkedLines.has(part)) {
      if (part.slice(space + 1) !== `${json.length}:${checksum(json)}`) continue;
      if (checkedLines.size >= MAX_CHECKED_LINES) checkedLines.clear();
      checkedLines.add(part);
    }
    try {
      const v: unknown = JSON.parse(json);
      if (wellFormed(v)) lines.push(v);
    } catch {
      // A checksum that matches garbage: left out like a torn line.
    }
  }
  return lines;
}

/**
 * Notes parsed lately, each up to its last newline, with their lines. An arrival reads its note two or
 * three times, and a long-running judge reads the same notes call after call; a note only grows, by whole
 * lines, so a text that starts with a known one is parsed from where that one ends. Each piece between
 * two newlines is parsed on its own, so a text cut after a newline parses as its two parts do: the known
 * part is told by its content alone (a note rewritten, truncated or replaced no longer starts with it),
 * never by the file it came from. The lines handed out are shared: no caller may change them.
 */
const parsedNotes: { text: string; lines: readonly NoteLine[] }[] = [];
const MAX_PARSED_NOTES = 8;

/** The whole lines of a note, in order; anything torn, garbled or foreign is left out. */
export function parseNote(text: string): readonly NoteLine[] {
  const whole = text.lastIndexOf('\n') + 1;
  let known: (typeof parsedNotes)[number] | undefined;
  for (const p of parsedNotes)
    // Compared as a slice, not with startsWith: V8 compares those character by character, 25 µs for a 16 KiB note.
    if (
      p.text.length <= whole &&
      (!known || p.text.length > known.text.length) &&
      text.slice(0, p.text.length) === p.text
    )
      known = p;
  const from = known?.text.length ?? 0;
  const lines = [...(known?.lines ?? []), ...parseLines(text.slice(from, whole).split('\n'))];
  if (whole > from) {
    if (known) parsedNotes.splice(parsedNotes.indexOf(known), 1);
    else if (parsedNotes.length >= MAX_PARSED_NOTES) parsedNotes.pop();
    parsedNotes.unshift({ text: text.slice(0, whole), lines });
  }
  // After the last newline: a line still being written (or cut short), never kept.
  return whole < text.length ? [...lines, ...parseLines([text.slice(whole)])] : lines;
}

/**
 * What a note is read into, kept from read to read: a new buffer the size of the note for every read is memory
 * outside V8's heap, and in a long-running judge its churn alone set off a garbage collection every few calls.
 * Only the bytes read are ever decoded.
 */
let scratch = Buffer.allocUnsafe(0);

/** How many bytes the last readAll read. */
let lastReadBytes = 0;

/**
 * Reads a regular file's `size` bytes (at most 2 × NOTE_MAX_BYTES + 1) from its start through `fd`. `toEnd`: `size`
 * is a bound, and a short read is the file's end (a regular file reads short only there), so the usual short note
 * is one read that ends it, and no fstat is needed for its size.
 */
function readAll(fd: number, size: number, toEnd = false): string {
  const room = toEnd ? Math.min(size, Math.max(scratch.length, 16 * 1024)) : size;
  if (scratch.length < room) scratch = Buffer.allocUnsafe(Math.max(room, 16 * 1024));
  let off = 0;
  while (off < size) {
    // A note longer than the buffer so far: a larger one, keeping what was read.
    if (off === scratch.length) {
      const larger = Buffer.allocUnsafe(Math.min(size, 2 * scratch.length));
      scratch.copy(larger, 0, 0, off);
      scratch = larger;
    }
    const want = Math.min(size, scratch.length) - off;
    const n = fs.readSync(fd, scratch, off, want, off);
    off += n;
    if (n === 0 || (toEnd && n < want)) break;
  }
  lastReadBytes = off;
  return scratch.toString('utf8', 0, off);
}

/**
 * Appends one line, with one write. With `readBack`, returns the whole note
 * as it stands just after that write (read through the same descriptor, so
 * a note started anew meanwhile does not hide the line just written). With
 * `startAnew`, an arrival that finds the note long starts it anew when
 * `startAnew` says so (see NOTE_SOFT_BYTES). Throws on anything but a
 * whole line written to a regular file.
 */
export function appendNoteLine(
  file: string,
  line: NoteLine,
  opts: { readBack?: boolean; startAnew?: (note: string, size: number) => boolean } = {},
): string | undefined {
  const { startAnew } = opts;
  let text = noteLineText(line);
  if (Buffer.byteLength(text) > MAX_LINE_BYTES) {
    if (line.t !== 'done') throw new Error('note line too long');
    text = noteLineText({ t: 'failed', entry: line.entry, by: line.by, at: line.at });
  }
  const bytes = Buffer.from(text);
  const flags = fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT | NOFOLLOW;
  let fd = fs.openSync(file, flags, 0o600);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(`${file} is not a regular file`);
    if (
      startAnew &&
      st.size >= NOTE_SOFT_BYTES &&
      (st.size >= NOTE_MAX_BYTES || startAnew(readAll(fd, st.size), st.size))
    ) {
      fs.closeSync(fd);
      fd = -1;
      fs.rmSync(file, { force: true });
      // Exclusive: two arrivals starting it anew at once, and the second judges alone.
      fd = fs.openSync(file, flags | fs.constants.O_EXCL, 0o600);
    }
    if (fs.writeSync(fd, bytes) !== bytes.length) throw new Error('note line written in part');
    if (!opts.readBack) return undefined;
    // Read to its end, not to an fstat'ed size: the same bytes (a line appended after either is the next read's), one call fewer.
    const text = readAll(fd, 2 * NOTE_MAX_BYTES + 1, true);
    if (lastReadBytes > 2 * NOTE_MAX_BYTES) throw new Error(`${file} is too large`);
    return text;
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}

/** The note as it stands, or undefined when it cannot be read (a reader then stops waiting). */
export function readNote(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NOFOLLOW | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > 2 * NOTE_MAX_BYTES) return undefined;
    return readAll(fd, st.size);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
