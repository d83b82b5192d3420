// What an archive holds, read from the archive itself: the member names of a
// zip (its central directory) and of a tar, plain or gzip-compressed (its
// headers). An extraction writes each member below the folder it extracts
// into, so those names say which protected files it would replace, and a
// member's text (read on request, one at a time) what a CI file or a hook it
// lands would run. Bounded in bytes read and members listed; whatever cannot
// be read (another compression, an archive too large, a damaged one, a member
// stored in another way or too long) is unknown, never empty.
import * as fs from 'node:fs';
import type * as Zlib from 'node:zlib';
import { countLookup, repeatablePathLookup } from '../state/lookups';

/** Most members listed; a bigger archive counts as unknown. */
export const MAX_MEMBERS = 4096;
/** Largest compressed tar read whole, and the most it may inflate to. */
const MAX_GZIP_BYTES = 4 * 1024 * 1024;
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Largest zip central directory read. */
const MAX_ZIP_DIRECTORY = 1024 * 1024;
/** Longest member text read (a workflow, a hook, a Makefile); a longer one is unknown. */
export const MAX_MEMBER_TEXT = 256 * 1024;

/** Where a member's bytes are: a tar's data (plain), or a zip's local entry (stored or deflated). */
interface Member {
  name: string;
  /** Tar: offset of the data; zip: offset of the local header. */
  at: number;
  size: number;
  /** Regular file whose bytes are its text (not a link, a folder or a device). */
  file: boolean;
  zip?: { method: number; packed: number };
}

interface Index {
  members: Member[];
  /** A gzip tar's inflated bytes; undefined for a plain tar or a zip (read from the file). */
  inflated?: Buffer;
}

function zlib(): typeof Zlib {
  // node:zlib loads only for a compressed archive: every hook process would pay for it otherwise.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:zlib') as typeof Zlib;
}

/**
 * Whether there is anything at `abs` to open. An archive that is not there (most lines name one they have
 * not downloaded yet) is a look that can be repeated, so a batch answers such a line again without judging
 * it; one that is there is read, and a judgment that read it is judged again.
 */
function mayBeThere(abs: string): boolean {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // Not known to be missing: opened, and read or not as ever.
    return true;
  }
}

function indexOf(abs: string): Index | undefined {
  if (!repeatablePathLookup(() => mayBeThere(abs), mayBeThere, abs, 'archive:')) return undefined;
  countLookup();
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return undefined;
    const head = Buffer.alloc(4);
    if (fs.readSync(fd, head, 0, 4, 0) < 4) return undefined;
    if (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50) {
      const members = zipMembers(fd, st.size);
      return members && { members };
    }
    if (head[0] === 0x1f && head[1] === 0x8b) {
      if (st.size > MAX_GZIP_BYTES) return undefined;
      const packed = Buffer.alloc(st.size);
      fs.readSync(fd, packed, 0, st.size, 0);
      const tar = zlib().gunzipSync(packed, { maxOutputLength: MAX_INFLATED_BYTES });
      const members = tarMembers(
        (pos, len) => (pos + len <= tar.length ? tar.subarray(pos, pos + len) : undefined),
        tar.length,
      );
      return members && { members, inflated: tar };
    }
    const file = fd;
    const members = tarMembers((pos, len) => {
      const b = Buffer.alloc(len);
      return fs.readSync(file, b, 0, len, pos) === len ? b : undefined;
    }, st.size);
    return members && { members };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Member paths of the archive at `abs` (as stored: relative, `/`-separated), or undefined when they cannot be known. */
export function archiveMembers(abs: string): string[] | undefined {
  return indexOf(abs)?.members.map((m) => m.name);
}

/** An archive read once: its member names, and the text of one member (undefined when it cannot be read). */
export interface ArchiveReader {
  members: string[];
  text(member: string): string | undefined;
}

export function archiveReader(abs: string): ArchiveReader | undefined {
  const index = indexOf(abs);
  if (!index) return undefined;
  // The member extracted last is the one left on disk.
  const byName = new Map(index.members.map((m) => [m.name, m]));
  return {
    members: index.members.map((m) => m.name),
    text: (name) => {
      const m = byName.get(name);
      if (!m || !m.file || m.size > MAX_MEMBER_TEXT) return undefined;
      try {
        if (index.inflated) return index.inflated.subarray(m.at, m.at + m.size).toString('utf8');
        return memberText(abs, m);
      } catch {
        return undefined;
      }
    },
  };
}

function memberText(abs: string, m: Member): string | undefined {
  countLookup();
  const fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!m.zip) {
      const b = Buffer.alloc(m.size);
      return fs.readSync(fd, b, 0, m.size, m.at) === m.size ? b.toString('utf8') : undefined;
    }
    if (m.zip.packed > MAX_MEMBER_TEXT * 4) return undefined;
    const local = Buffer.alloc(30);
    if (fs.readSync(fd, local, 0, 30, m.at) !== 30 || local.readUInt32LE(0) !== 0x04034b50) return undefined;
    const start = m.at + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const packed = Buffer.alloc(m.zip.packed);
    if (fs.readSync(fd, packed, 0, m.zip.packed, start) !== m.zip.packed) return undefined;
    if (m.zip.method === 0) return packed.toString('utf8');
    if (m.zip.method !== 8) return undefined;
    const out = zlib().inflateRawSync(packed, { maxOutputLength: MAX_MEMBER_TEXT });
    return out.length === m.size ? out.toString('utf8') : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** The entries of a zip's central directory. */
function zipMembers(fd: number, size: number): Member[] | undefined {
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
  const out: Member[] = [];
  for (let p = 0, n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLen = dir.readUInt16LE(p + 28);
    const extraLen = dir.readUInt16LE(p + 30);
    const commentLen = dir.readUInt16LE(p + 32);
    if (p + 46 + nameLen > dir.length) return undefined;
    const name = dir.toString('utf8', p + 46, p + 46 + nameLen);
    // Unix mode in the high half of the external attributes: a symbolic link's bytes are its target, not its text.
    const mode = dir.readUInt32LE(p + 38) >>> 16;
    const link = (mode & 0o170000) === 0o120000;
    out.push({
      name,
      at: dir.readUInt32LE(p + 42),
      size: dir.readUInt32LE(p + 24),
      file: !link && !name.endsWith('/'),
      zip: { method: dir.readUInt16LE(p + 10), packed: dir.readUInt32LE(p + 20) },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function field(b: Buffer, from: number, len: number): string {
  const raw = b.subarray(from, from + len);
  const nul = raw.indexOf(0);
  return raw.toString('utf8', 0, nul === -1 ? len : nul);
}

/** The members in tar headers (ustar prefix, GNU long names and pax paths included). */
function tarMembers(read: (pos: number, len: number) => Buffer | undefined, size: number): Member[] | undefined {
  const out: Member[] = [];
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
    out.push({ name, at: data, size: bytes, file: type === '0' || type === '\0' || type === '7' });
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
