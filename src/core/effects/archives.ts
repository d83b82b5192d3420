// What an archive holds, read from the archive itself: the member names of a
// zip (its central directory) and of a tar, plain or gzip-compressed (its
// headers). An extraction writes each member below the folder it extracts
// into, so those names say which protected files it would replace. Bounded
// in bytes read and members listed; whatever cannot be read (another
// compression, an archive too large, a damaged one) is unknown, never empty.
import * as fs from 'node:fs';
import type * as Zlib from 'node:zlib';
import { countLookup } from '../state/lookups';

/** Most members listed; a bigger archive counts as unknown. */
export const MAX_MEMBERS = 4096;
/** Largest compressed tar read whole, and the most it may inflate to. */
const MAX_GZIP_BYTES = 4 * 1024 * 1024;
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Largest zip central directory read. */
const MAX_ZIP_DIRECTORY = 1024 * 1024;

/** Member paths of the archive at `abs` (as stored: relative, `/`-separated), or undefined when they cannot be known. */
export function archiveMembers(abs: string): string[] | undefined {
  countLookup();
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return undefined;
    const head = Buffer.alloc(4);
    if (fs.readSync(fd, head, 0, 4, 0) < 4) return undefined;
    if (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50) return zipMembers(fd, st.size);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      if (st.size > MAX_GZIP_BYTES) return undefined;
      const packed = Buffer.alloc(st.size);
      fs.readSync(fd, packed, 0, st.size, 0);
      // node:zlib loads only for a gzip archive: every hook process would pay for it otherwise.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const zlib = require('node:zlib') as typeof Zlib;
      const tar = zlib.gunzipSync(packed, { maxOutputLength: MAX_INFLATED_BYTES });
      return tarMembers((pos, len) => (pos + len <= tar.length ? tar.subarray(pos, pos + len) : undefined), tar.length);
    }
    const file = fd;
    return tarMembers((pos, len) => {
      const b = Buffer.alloc(len);
      return fs.readSync(file, b, 0, len, pos) === len ? b : undefined;
    }, st.size);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The names in a zip's central directory. */
function zipMembers(fd: number, size: number): string[] | undefined {
  const tailLen = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLen);
  fs.readSync(fd, tail, 0, tailLen, size - tailLen);
  let end = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) return undefined;
  const count = tail.readUInt16LE(end + 10);
  const dirSize = tail.readUInt32LE(end + 12);
  const dirOffset = tail.readUInt32LE(end + 16);
  // Zip64 keeps the real values elsewhere: unknown.
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize > MAX_ZIP_DIRECTORY || count > MAX_MEMBERS)
    return undefined;
  const dir = Buffer.alloc(dirSize);
  if (fs.readSync(fd, dir, 0, dirSize, dirOffset) !== dirSize) return undefined;
  const out: string[] = [];
  for (let p = 0, n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLen = dir.readUInt16LE(p + 28);
    const extraLen = dir.readUInt16LE(p + 30);
    const commentLen = dir.readUInt16LE(p + 32);
    if (p + 46 + nameLen > dir.length) return undefined;
    out.push(dir.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function field(b: Buffer, from: number, len: number): string {
  const raw = b.subarray(from, from + len);
  const nul = raw.indexOf(0);
  return raw.toString('utf8', 0, nul === -1 ? len : nul);
}

/** The member names in tar headers (ustar prefix, GNU long names and pax paths included). */
function tarMembers(read: (pos: number, len: number) => Buffer | undefined, size: number): string[] | undefined {
  const out: string[] = [];
  let longName: string | undefined;
  for (let pos = 0; pos + 512 <= size;) {
    const h = read(pos, 512);
    if (!h) return undefined;
    if (h.every((x) => x === 0)) return out;
    // Not a tar header (another format, a damaged archive): what it holds is unknown.
    if (!checksumHolds(h)) return undefined;
    const bytes = parseInt(field(h, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(bytes) || bytes < 0) return undefined;
    const type = String.fromCharCode(h[156]);
    const data = pos + 512;
    pos = data + Math.ceil(bytes / 512) * 512;
    if (type === 'L' || type === 'x') {
      const body = read(data, Math.min(bytes, 64 * 1024));
      if (!body) return undefined;
      const text = body.toString('utf8');
      longName =
        type === 'L' ? text.replace(/\0.*$/s, '') : (/(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1] ?? longName);
      continue;
    }
    if (type === 'g') continue;
    const magic = field(h, 257, 6);
    const prefix = magic.startsWith('ustar') ? field(h, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    longName = undefined;
    out.push(name);
    if (out.length > MAX_MEMBERS) return undefined;
  }
  // No end-of-archive block: cut short, or nothing that was a tar at all.
  return out.length > 0 ? out : undefined;
}

/** A tar header's checksum: the byte sum with the checksum field read as spaces. */
function checksumHolds(h: Buffer): boolean {
  const stored = parseInt(field(h, 148, 8).trim(), 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  return sum === stored;
}
