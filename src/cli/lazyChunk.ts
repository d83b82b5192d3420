// Loads a part of the CLI bundle that most calls never need (the PowerShell
// and cmd readers) from its own file beside dist/agentguard.js, at the first
// call that needs it. The build (esbuild.js, scripts/lazy-chunks.js) cuts
// the part out, leaves in the bundle a forwarder for each function the rest
// of the engine calls, and writes the part's sha256 into the bundle: the
// bundle is pinned by the launcher, so the hash chain covers the part too.
// A part that is missing or not the one this build wrote never runs: the
// error reaches the hook's own handler, which blocks the call.
import * as path from 'node:path';
import type * as Vm from 'node:vm';
import Module from 'node:module';
import * as fs from 'node:fs';
import { readRegularBytes, sha256HexAnySize } from '../core/frontdoor/launch';
import { matchesPin, readBundle, type BundleRead } from './bundlePin';

/** Thrown when a lazily loaded part of the CLI cannot be trusted or found; never caught as a parse error. */
export class ChunkError extends Error {}

const MAX_CHUNK = 16 * 1024 * 1024;
const loaded = new Map<string, Record<string, unknown>>();

/** The folder the bundle runs from (dist/); a test points it elsewhere to load a chunk it made. */
let chunkDir: string = __dirname;
export function setChunkDir(dir: string): void {
  chunkDir = dir;
  loaded.clear();
}

/** The chunks loaded so far in this process (the startup-footprint test asserts a harmless call loads none). */
export function loadedChunks(): string[] {
  return [...loaded.keys()];
}

/**
 * The exports of chunk `file`, whose content must hash to `sha256`. `shared`
 * are the bundle's own modules the chunk uses, by source path: the chunk
 * runs on them rather than on copies (one ParseError class, one scope).
 */
export function loadChunk(file: string, sha256: string, shared: Record<string, unknown>): Record<string, unknown> {
  const done = loaded.get(file);
  if (done) return done;
  const full = path.join(chunkDir, file);
  // Non-blocking and regular files only: a FIFO planted in its place must not stall the hook.
  let read: BundleRead;
  try {
    read = readBundle(full, MAX_CHUNK);
  } catch (err) {
    throw new ChunkError(
      `AgentGuard's ${full} cannot be read (${(err as Error).message}); reinstall AgentGuard. Nothing was run.`,
    );
  }
  const where = chunkCacheWhere(sha256);
  // A batch hashes its parts once for all its lines; a note saves a short hook call's time.
  const noteDir = where !== undefined && where.rewriteAt === undefined ? path.dirname(where.file) : undefined;
  if (!matchesChunkPin(file, read, sha256, noteDir))
    throw new ChunkError(
      `AgentGuard's ${full} is not the file this build of AgentGuard wrote (its content changed); nothing of it was run. Reinstall AgentGuard.`,
    );
  // node:vm loads only here (the launcher has loaded it for the bundle already).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vm = require('node:vm') as typeof Vm;
  const cached = where !== undefined ? readRegularBytes(where.file, MAX_CHUNK) : undefined;
  const cachedData = cached?.ok ? cached.bytes : undefined;
  // Only the bytes that were hashed run (require would read the file again).
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, agentguardShared) {${read.bytes.toString('utf8')}\n})`,
    { filename: full, ...(cachedData ? { cachedData } : {}) },
  );
  // Written at exit, after the call ran what it needed of the part, as the launcher writes the bundle's.
  if (where !== undefined) {
    const fresh = !cachedData || script.cachedDataRejected === true;
    if (fresh || where.rewriteAt !== undefined)
      process.once('exit', () => {
        if (fresh || (where.rewriteAt !== undefined && batchJudged() >= where.rewriteAt))
          writeChunkCache(where.file, script);
      });
  }
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  const mod = { exports: {} as Record<string, unknown> };
  const lookup = (name: string): unknown => {
    const m = shared[name];
    if (!m)
      throw new ChunkError(`AgentGuard's ${full} needs ${name}, which this build does not hold; reinstall AgentGuard.`);
    return m;
  };
  fn.call(mod.exports, mod.exports, Module.createRequire(full), mod, full, path.dirname(full), lookup);
  loaded.set(file, mod.exports);
  return mod.exports;
}

/**
 * Where the launcher keeps V8's code cache for a part, when it keeps one: a
 * hook call or `check --batch` (cli/engineLoader.ts sets it), in the confirmed
 * state folder beside the bundle's own cache (agents cannot write there; a
 * cache there runs as the bundle's does), named by the launcher's build and
 * the part's sha256, which the bundle pins. A part compiled from source cost
 * about 0.5 ms of a confined call, and a batch compiled again each function of
 * it the lines reached. A batch's is written again, with what it ran, when it
 * judged at least `rewriteAt` lines (as the bundle's is). The editor and a
 * test keep none.
 */
const CHUNK_CACHE = Symbol.for('agentguard.chunkCache');

function chunkCacheWhere(sha256: string): { file: string; rewriteAt?: number } | undefined {
  const where = (globalThis as Record<symbol, unknown>)[CHUNK_CACHE] as
    { dir?: unknown; prefix?: unknown; rewriteAt?: unknown } | undefined;
  if (typeof where?.dir !== 'string' || typeof where.prefix !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
    return undefined;
  const file = path.join(where.dir, `${where.prefix}${sha256}.bin`);
  return typeof where.rewriteAt === 'number' ? { file, rewriteAt: where.rewriteAt } : { file };
}

/**
 * Whether the part's bytes hash to the pin the bundle holds. In a hook call, where the launcher keeps code caches,
 * once the part's file, unchanged, hashed to it, a note beside the bundle's own (cli/bundlePin.ts: the
 * file's device, inode, size and change time) stands for the hash in later calls: a confined call hashed its 14 KB
 * sandbox part at every call, loading node:crypto for it (about 2 ms of a short process). Elsewhere (a batch, the
 * editor, a test) it is hashed at each load, as before.
 */
function matchesChunkPin(file: string, read: BundleRead, sha256: string, noteDir: string | undefined): boolean {
  if (noteDir === undefined || !isFolder(noteDir)) return sha256HexAnySize(read.bytes) === sha256;
  return matchesPin(read, sha256, noteDir, Date.now(), process.platform, `chunk-${file}-`);
}

/** The note goes only into the folder the bundle's cache made: a part is never why one is made. */
function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Lines `check --batch` judged (not reused), as cli/check.ts records them at its end; 0 for anything else. */
function batchJudged(): number {
  const n = (globalThis as Record<symbol, unknown>)[Symbol.for('agentguard.batchJudged')];
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function writeChunkCache(file: string, script: Vm.Script): void {
  try {
    // Only into the folder the bundle's cache made: a part's cache is never why one is made.
    if (!fs.statSync(path.dirname(file)).isDirectory()) return;
    const tmp = `${file}.${process.pid}.tmp`;
    // Exclusively: a link planted at this guessable name is never written through (the cache is then not kept).
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch {
    // The cache only saves time.
  }
}
