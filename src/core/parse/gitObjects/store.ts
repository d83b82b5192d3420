// Git's object store, read without running git: git reads the repository's
// config on start (`core.fsmonitor` names a program), and that file is one an
// agent can write. Loose objects (zlib) and packs (`.idx` version 2 and
// `.pack`, deltas against an offset or an id) are read, each bounded: an
// object larger than MAX_OBJECT, a delta chain deeper than MAX_DEPTH, more
// packs than MAX_PACKS or anything damaged reads as unknown (undefined),
// never as absent.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Zlib from 'node:zlib';
import { countLookup } from '../../state/lookups';
import { applyDelta } from './delta';

/** Largest object read, inflated (a runner's file is far smaller). */
export const MAX_OBJECT = 1024 * 1024;
/** Deepest chain of deltas followed to a whole object. */
const MAX_DEPTH = 50;
/** Largest object kept for a second look: what is kept stays small. */
const MAX_KEPT = 64 * 1024;
/** Most pack files looked through. */
const MAX_PACKS = 64;
/** Objects read for one question (a path's trees and blob, tags, deltas): past this, unknown. */
const MAX_READS = 1024;

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';
export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

const PACK_TYPES: readonly (ObjectType | undefined)[] = [undefined, 'commit', 'tree', 'blob', 'tag'];

function zlib(): typeof Zlib {
  // node:zlib loads only on a line that switches a branch and runs a runner: every hook process would pay otherwise.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:zlib') as typeof Zlib;
}

function inflate(packed: Buffer, most: number): Buffer | undefined {
  try {
    return zlib().inflateSync(packed, { maxOutputLength: most });
  } catch {
    return undefined;
  }
}

function readAt(fd: number, at: number, length: number): Buffer | undefined {
  if (at < 0 || length < 0) return undefined;
  const buf = Buffer.alloc(length);
  return fs.readSync(fd, buf, 0, length, at) === length ? buf : undefined;
}

/** One repository's objects folder, read through a budget of object reads. */
export class ObjectStore {
  private reads = 0;
  private packs: string[] | undefined;
  /** Whole objects read so far (a tree read for each name looked up in it), by id. */
  private readonly seen = new Map<string, GitObject | undefined>();

  constructor(readonly objectsDir: string) {}

  /** The object of a full id; undefined when it is missing, too large, damaged or past the budget. */
  read(id: string, depth = 0): GitObject | undefined {
    if (this.seen.has(id)) return this.seen.get(id);
    if (!/^[0-9a-f]{40}$/.test(id) || depth > MAX_DEPTH || ++this.reads > MAX_READS) return undefined;
    countLookup();
    const obj = this.loose(id) ?? this.packed(id, depth);
    if (this.seen.size < MAX_READS && (obj?.data.length ?? 0) <= MAX_KEPT) this.seen.set(id, obj);
    return obj;
  }

  /** The one loose object whose id starts with `prefix` (4 to 39 hex digits); undefined when none or several. */
  looseByPrefix(prefix: string): string | undefined {
    if (!/^[0-9a-f]{4,39}$/.test(prefix)) return undefined;
    countLookup();
    let names: string[];
    try {
      names = fs.readdirSync(path.join(this.objectsDir, prefix.slice(0, 2)));
    } catch {
      return undefined;
    }
    const rest = prefix.slice(2);
    const hits = names.filter((n) => n.length === 38 && n.startsWith(rest));
    return hits.length === 1 ? prefix.slice(0, 2) + hits[0] : undefined;
  }

  private loose(id: string): GitObject | undefined {
    const file = path.join(this.objectsDir, id.slice(0, 2), id.slice(2));
    let packed: Buffer;
    try {
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (!st?.isFile() || st.size > MAX_OBJECT + 1024) return undefined;
      packed = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    const raw = inflate(packed, MAX_OBJECT + 64);
    if (!raw) return undefined;
    const nul = raw.indexOf(0);
    const m = nul > 0 ? /^(commit|tree|blob|tag) (\d+)$/.exec(raw.subarray(0, nul).toString('latin1')) : null;
    if (!m || Number(m[2]) !== raw.length - nul - 1) return undefined;
    return { type: m[1] as ObjectType, data: raw.subarray(nul + 1) };
  }

  private packList(): string[] {
    if (this.packs) return this.packs;
    try {
      const dir = path.join(this.objectsDir, 'pack');
      this.packs = fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.idx'))
        .slice(0, MAX_PACKS)
        .map((n) => path.join(dir, n.slice(0, -4)));
    } catch {
      this.packs = [];
    }
    return this.packs;
  }

  private packed(id: string, depth: number): GitObject | undefined {
    const want = Buffer.from(id, 'hex');
    for (const base of this.packList()) {
      const at = withFile(base + '.idx', (fd) => offsetInIndex(fd, want));
      if (at !== undefined) return withFile(base + '.pack', (fd, size) => this.entry(fd, size, at, depth));
    }
    return undefined;
  }

  /** The object whose entry starts at `at` in an open pack, its deltas applied. */
  private entry(fd: number, size: number, at: number, depth: number): GitObject | undefined {
    if (depth > MAX_DEPTH || ++this.reads > MAX_READS) return undefined;
    const head = readAt(fd, at, Math.min(32, size - at));
    if (!head?.length) return undefined;
    let c = head[0];
    const kind = (c >> 4) & 7;
    let length = c & 15;
    let k = 1;
    for (let shift = 4; c & 0x80; shift += 7) {
      if (k >= head.length || shift > 28) return undefined;
      c = head[k++];
      length += (c & 0x7f) * 2 ** shift;
    }
    if (length > MAX_OBJECT) return undefined;
    let base: GitObject | undefined;
    if (kind === 6) {
      // OFS_DELTA: the base's entry lies this many bytes before this one.
      c = head[k++];
      let back = c & 0x7f;
      while (c & 0x80) {
        if (k >= head.length || back > 2 ** 40) return undefined;
        c = head[k++];
        back = (back + 1) * 128 + (c & 0x7f);
      }
      if (back <= 0 || back > at) return undefined;
      base = this.entry(fd, size, at - back, depth + 1);
    } else if (kind === 7) {
      // REF_DELTA: the base is named by its id, in this pack or anywhere else.
      if (k + 20 > head.length) return undefined;
      base = this.read(head.subarray(k, k + 20).toString('hex'), depth + 1);
      k += 20;
    } else if (!PACK_TYPES[kind]) return undefined;
    // Deflate grows incompressible data by a few bytes a block: this much holds the whole stream.
    const packed = readAt(fd, at + k, Math.min(size - at - k, length + (length >> 6) + 64));
    const data = packed && inflate(packed, length + 1);
    if (!data || data.length !== length) return undefined;
    if (kind < 6) return { type: PACK_TYPES[kind]!, data };
    if (!base) return undefined;
    const whole = applyDelta(base.data, data, MAX_OBJECT);
    return whole && { type: base.type, data: whole };
  }
}

function withFile<T>(file: string, use: (fd: number, size: number) => T | undefined): T | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    return st.isFile() ? use(fd, st.size) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Where a pack holds `want`, by its `.idx` (version 2): a binary search of the ids its fan-out bounds. */
function offsetInIndex(fd: number, want: Buffer): number | undefined {
  const head = readAt(fd, 0, 8 + 256 * 4);
  if (!head || head.readUInt32BE(0) !== 0xff744f63 || head.readUInt32BE(4) !== 2) return undefined;
  const total = head.readUInt32BE(8 + 255 * 4);
  let lo = want[0] === 0 ? 0 : head.readUInt32BE(8 + (want[0] - 1) * 4);
  let hi = head.readUInt32BE(8 + want[0] * 4);
  const ids = 8 + 256 * 4;
  for (let steps = 0; lo < hi && steps < 40; steps++) {
    const mid = (lo + hi) >>> 1;
    const id = readAt(fd, ids + mid * 20, 20);
    if (!id) return undefined;
    const cmp = id.compare(want);
    if (cmp === 0) {
      const offsets = ids + total * 24;
      const small = readAt(fd, offsets + mid * 4, 4)?.readUInt32BE(0);
      if (small === undefined || small < 0x80000000) return small;
      const big = readAt(fd, offsets + total * 4 + (small & 0x7fffffff) * 8, 8);
      const at = big && Number(big.readBigUInt64BE(0));
      return at !== undefined && at <= Number.MAX_SAFE_INTEGER ? at : undefined;
    }
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}
