// The launcher names the SHA-256 of the bundle it recorded, and only
// bytes that hash to it run. Hashing the 1.1 MB bundle took about 1 ms of CPU
// in every call the hook judges in its own process; the answer is the same
// for as long as the file is. So, once the file has hashed to the pin, a note
// in the state folder's code-cache folder (beside V8's code cache, which the
// same trust already runs as bytecode) says that the file with this identity
// — device, inode, size and change time, as the launcher stamps the CLI —
// hashed to this pin. A later call that reads the same file unchanged finds
// the note and skips the hash; any write to the file, a rename over it or a
// copy gives a new change time or inode, and that call hashes again.
//
// A change time names the content only once the file has settled: the kernel
// stamps changes with a coarse clock (one tick, and one or two seconds on
// some file systems), so a file changed twice within one tick keeps one
// stamp. A note is written only for a file whose change time is older than
// that: every later change then bears a later time.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Longer than any file system's timestamp granularity (FAT: 2 s). */
export const SETTLED_MS = 2500;

const NOTE_PREFIX = 'bundle-';
const NOTE_SUFFIX = '.checked';

export interface BundleRead {
  bytes: Buffer;
  size: bigint;
  mtimeMs: bigint;
  /** The file's identity while it was read (device, inode, size, change time); absent when it changed meanwhile. */
  stamp?: string;
  ctimeMs: number;
}

/** Reads the whole bundle through one descriptor, with its identity from before and after the read. Throws on any error. */
export function readBundle(file: string, maxBytes: number): BundleRead {
  // Non-blocking: a FIFO planted at the bundle's path is refused by fstat, never waited on (regular files read as ever).
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const before = fs.fstatSync(fd, { bigint: true });
    if (!before.isFile()) throw new Error(`${file} is not a regular file`);
    if (before.size > BigInt(maxBytes)) throw new Error(`${file} is larger than ${maxBytes} bytes`);
    // One byte more than fstat said tells a file that grew while it was read.
    const buf = Buffer.allocUnsafe(Number(before.size) + 1);
    let off = 0;
    while (off < buf.length) {
      const n = fs.readSync(fd, buf, off, buf.length - off, null);
      if (n === 0) break;
      off += n;
    }
    const after = fs.fstatSync(fd, { bigint: true });
    const unchanged =
      BigInt(off) === before.size &&
      after.size === before.size &&
      after.ino === before.ino &&
      after.dev === before.dev &&
      after.ctimeNs === before.ctimeNs;
    return {
      bytes: buf.subarray(0, off),
      size: before.size,
      mtimeMs: before.mtimeMs,
      ...(unchanged ? { stamp: `${before.dev}-${before.ino}-${before.size}-${before.ctimeNs}` } : {}),
      ctimeMs: Number(before.ctimeNs / 1_000_000n),
    };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether the bytes read are the pinned bundle: by the note for this file's
 * identity, or by hashing them (and then noting it, once the file settled).
 */
export function matchesPin(
  read: BundleRead,
  pinned: string,
  noteDir: string,
  now = Date.now(),
  platform: NodeJS.Platform = process.platform,
  notePrefix = NOTE_PREFIX,
): boolean {
  // The pin comes from the environment: only a SHA-256 in hex names a note (never a path). Not on Windows, where
  // a file's owner can set its change time (SetFileInformationByHandle): a stamp there does not name the content.
  const note =
    read.stamp && platform !== 'win32' && /^[0-9a-f]{64}$/.test(pinned)
      ? path.join(noteDir, `${notePrefix}${read.stamp}-${pinned}${NOTE_SUFFIX}`)
      : undefined;
  if (note !== undefined && isRegularFile(note)) return true;
  // node:crypto only here: a call the editor's judge answers, one without a launcher, or one with a note never hashes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  if (createHash('sha256').update(read.bytes).digest('hex') !== pinned) return false;
  if (note !== undefined && now - read.ctimeMs > SETTLED_MS) writeNote(noteDir, note, notePrefix);
  return true;
}

function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Best effort: a note that cannot be written only means the next call hashes again. Drops the earlier notes of the
 * same file (`prefix`: the bundle's, or one lazily loaded part's), never another file's.
 */
function writeNote(dir: string, note: string, prefix: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const old of fs.readdirSync(dir))
      if (old.startsWith(prefix) && old.endsWith(NOTE_SUFFIX) && path.join(dir, old) !== note)
        fs.rmSync(path.join(dir, old), { force: true });
    const c = fs.constants;
    fs.closeSync(fs.openSync(note, c.O_WRONLY | c.O_CREAT | c.O_EXCL | (c.O_NOFOLLOW ?? 0), 0o600));
  } catch {
    // The note only saves time.
  }
}
