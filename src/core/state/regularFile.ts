// Reads a file that must be a regular file, without ever blocking: opened
// non-blocking (a FIFO opens at once instead of waiting for a writer), then
// fstat'ed on the descriptor itself, so what was checked is what is read. A
// FIFO, device, directory or socket is refused on the spot, and the size is
// bounded. The hook runs this before every agent action: nothing an agent
// puts at a path it reads may stall it.
import * as fs from 'node:fs';
import { countLookup } from './lookups';

export type RegularRead =
  | { ok: true; text: string }
  /** `missing`: nothing at the path. Otherwise the file exists but is not one we read (what is wrong is in `error`). */
  | { ok: false; missing: boolean; error: string };

const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isDirectory()) return 'a directory';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Whether nothing is at the path (through a link, with `follow`): a missing file, the usual case for most of
 * the files a call looks for, then costs one stat, not the exception open throws (about 10 µs, most of it the
 * stack trace it takes). Whatever the stat cannot say (a folder in the path that is a file, no permission) is
 * left to open, as before. A file made just after the stat is one made just after the read.
 */
function nothingAt(file: string, follow: boolean): boolean {
  try {
    return (follow ? fs.statSync : fs.lstatSync)(file, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}

/**
 * `followSymlinks: false` (the default) for AgentGuard's own state, where a
 * link is never legitimate; workspace files (package.json, .agentguard.json)
 * are read through links as the tools that use them do.
 */
export function readRegularFile(file: string, maxBytes: number, opts: { followSymlinks?: boolean } = {}): RegularRead {
  const read = readRegularBytes(file, maxBytes, opts);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}

/** As readRegularFile, for binary content. */
export function readRegularBytes(
  file: string,
  maxBytes: number,
  opts: { followSymlinks?: boolean } = {},
): { ok: true; bytes: Buffer; stats: fs.Stats } | Extract<RegularRead, { ok: false }> {
  countLookup();
  if (nothingAt(file, opts.followSymlinks === true))
    return { ok: false, missing: true, error: `${file} does not exist` };
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NONBLOCK | (opts.followSymlinks ? 0 : NOFOLLOW));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true, error: `${file} does not exist` };
    if (code === 'ELOOP') return { ok: false, missing: false, error: `${file} is a symbolic link` };
    return { ok: false, missing: false, error: `${file} cannot be opened: ${(err as Error).message}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, missing: false, error: `${file} is ${kindOf(st)}, not a regular file` };
    if (st.size > maxBytes)
      return { ok: false, missing: false, error: `${file} is ${st.size} bytes, more than ${maxBytes}` };
    // One byte more than the limit tells a file that grew since fstat from one that did not.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let off = 0;
    while (off < buf.length) {
      const n = fs.readSync(fd, buf, off, buf.length - off, null);
      if (n === 0) break;
      off += n;
    }
    if (off > maxBytes) return { ok: false, missing: false, error: `${file} is larger than ${maxBytes} bytes` };
    return { ok: true, bytes: buf.subarray(0, off), stats: st };
  } catch (err) {
    return { ok: false, missing: false, error: `${file} cannot be read: ${(err as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

/** A regular file's text, at most `max` bytes, never through a link or a FIFO; undefined otherwise. */
export function readRegularText(file: string, max: number): string | undefined {
  const read = readRegularFile(file, max);
  return read.ok ? read.text : undefined;
}
