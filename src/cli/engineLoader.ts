// Loads the CLI bundle (dist/agentguard.js) for every call the editor's judge
// does not answer, and the engine for the shell gate: a part of the front door
// (cli/launcher.ts) compiled only when it is needed (cli/frontPart.ts). Most
// of a call's time here is V8 compiling the bundle; this keeps V8's code
// cache for it in AgentGuard's state directory (which agents cannot write) and
// falls back to a plain load whenever anything about the cache fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Vm from 'node:vm';
import Module from 'node:module';
import * as NodeBuffer from 'node:buffer';
import { BUNDLE_MISMATCH_EXIT, readRegularBytes, accountHome, confirmedStateDir } from '../core/frontdoor/launch';
import { matchesPin, readBundle, type BundleRead } from './bundlePin';

const main = path.join(__dirname, 'agentguard.js');
/** The bundle and its code cache are about 1 MB each: anything past this is not ours. */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

let cacheFolder: string | undefined;

/** In the confirmed state folder only: compiled code read from a folder the environment names on its own would run as AgentGuard. */
function cacheDir(): string {
  cacheFolder ??= path.join(confirmedStateDir(process.env, accountHome()).dir, 'code-cache');
  return cacheFolder;
}

/**
 * The bundle's hash the launcher recorded (cli/launcher.ts takes it out of the
 * environment at start, so that nothing the CLI starts inherits it). Without
 * a launcher (a CLI run directly) there is none, and the bundle is not checked.
 */
let pinnedBundle: string | undefined;

/** Exits when the bytes about to be compiled are not the bundle the launcher recorded; the launcher answers the host's block. */
function checkBundle(read: BundleRead | undefined): void {
  if (pinnedBundle === undefined) return;
  if (read && matchesPin(read, pinnedBundle, cacheDir())) return;
  process.stderr.write(
    `AgentGuard: ${main} is not the bundle AgentGuard recorded (its content changed); nothing of it was run.\n`,
  );
  process.exit(BUNDLE_MISMATCH_EXIT);
}

/**
 * The bundle's text. esbuild writes it in ASCII (its default charset), and
 * bytes that are all ASCII read as Latin-1 are the same text, copied into a
 * one-byte string without UTF-8 decoding (about 0.3 ms less for 1.4 MB).
 * Anything else is read as UTF-8, as require reads it; so is every byte on a
 * runtime without `isAscii` (Node before 18.15, an older Electron).
 */
function bundleText(bytes: Buffer): string {
  const { isAscii } = NodeBuffer as { isAscii?: (b: Buffer) => boolean };
  return typeof isAscii === 'function' && isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function plainLoad(): void {
  // With a recorded hash, only the bytes that were checked run (scriptCache); require would read the file again.
  if (pinnedBundle !== undefined) checkBundle(undefined);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(main);
}

/**
 * Compiles through vm.Script with cached data, exactly as require would wrap
 * the module. On every Node, Node 22's own compile cache included: that one
 * is written right after compiling, before anything runs, so each call still
 * compiles every function it uses (a hook call took 29 ms of CPU beyond
 * `node -e 0` with it on Node 24, 19 ms with this one); this one is written
 * at exit, after the call compiled what it needed.
 */
function scriptCache(): void {
  let source: string;
  let key: string;
  let build: string;
  let entry: string;
  let batch: BatchEntry | undefined;
  try {
    const read = readBundle(main, MAX_BUNDLE_BYTES);
    checkBundle(read);
    source = bundleText(read.bytes);
    key = bundleKey(read);
    build = `${key}${optionsTag()}`;
    batch = isBatch() ? batchEntry(build) : undefined;
    entry = batch ? batch.file : path.join(cacheDir(), `${build}.bin`);
  } catch {
    plainLoad();
    return;
  }
  // Non-blocking and regular files only: a FIFO planted in the cache folder must not stall every agent call.
  const read = readRegularBytes(entry, MAX_BUNDLE_BYTES);
  const cachedData: Buffer | undefined = read.ok ? read.bytes : undefined;
  // node:vm loads only here: a call the editor's judge answers never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vm = require('node:vm') as typeof Vm;
  let script: Vm.Script;
  let run: (...args: unknown[]) => void;
  let mod: Module;
  try {
    script = new vm.Script(Module.wrap(source), { filename: main, ...(cachedData ? { cachedData } : {}) });
  } catch (err) {
    if (pinnedBundle === undefined) {
      plainLoad();
      return;
    }
    // The checked source itself does not compile: the CLI dies, and the launcher blocks.
    throw err;
  }
  try {
    run = script.runInThisContext() as (...args: unknown[]) => void;
    mod = new Module(main, module);
    mod.filename = main;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  } catch (err) {
    // A cache problem must never stop the guard: load without it (a checked bundle's own failure is the CLI's).
    if (pinnedBundle !== undefined) throw err;
    plainLoad();
    return;
  }
  if (batch) {
    const judged = batch.judged;
    const rejected = !cachedData || script.cachedDataRejected === true;
    // The parts' caches for a batch, apart from a call's (V8 rejects a cache made under the call's flags, and the
    // reverse), written again when the bundle's is: by a batch that judged at least twice the lines.
    (globalThis as Record<symbol, unknown>)[CHUNK_CACHE] = {
      dir: cacheDir(),
      prefix: `${build}-batch.chunk-`,
      rewriteAt: 2 * Math.max(1, judged),
    };
    process.once('exit', () => {
      const now = batchJudged();
      if (rejected || now >= 2 * Math.max(1, judged))
        writeCache(path.join(cacheDir(), `${build}-batch-${now}.bin`), script, build, key);
    });
  } else if (isHookCall()) {
    // The lazily loaded parts' caches (cli/lazyChunk.ts), named so that this build's sweep keeps them.
    (globalThis as Record<symbol, unknown>)[CHUNK_CACHE] = {
      dir: cacheDir(),
      prefix: `${build}.chunk-`,
    };
    // Written at exit, after the run compiled the functions it needed, so the next start finds them too.
    if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(entry, script, build, key));
  }
  // Errors of the CLI itself propagate as they would from require().
  run.call(mod.exports, mod.exports, Module.createRequire(main), mod, main, __dirname);
}

/**
 * The engine for the shell gate (gate/gate.ts), when no editor judges its lines: compiled from the bytes that were
 * checked against the launcher's pin, as a hook call's are. A plain require read the file again, unchecked, so a
 * bundle the hook refused still judged the terminal's lines. A mismatch throws: the gate does not run that line.
 */
export function checkedLibrary(pin: string | undefined): unknown {
  pinnedBundle = pin;
  if (pinnedBundle === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(main);
  }
  const read = readBundle(main, MAX_BUNDLE_BYTES);
  if (!matchesPin(read, pinnedBundle, cacheDir()))
    throw new Error(`${main} is not the bundle AgentGuard recorded (its content changed); nothing of it was run`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vm = require('node:vm') as typeof Vm;
  const run = new vm.Script(Module.wrap(bundleText(read.bytes)), { filename: main }).runInThisContext() as (
    ...args: unknown[]
  ) => void;
  const mod = new Module(main, module);
  mod.filename = main;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  run.call(mod.exports, mod.exports, Module.createRequire(main), mod, main, __dirname);
  mod.loaded = true;
  return mod.exports;
}

/** This bundle on this runtime: every cache entry of it starts so, whatever V8 options it was made under. */
function bundleKey(read: BundleRead): string {
  return `${process.version}-${process.arch}-${read.size}-${read.mtimeMs}`;
}

/**
 * V8 rejects a code cache made under other V8 options (its flag hash), so a
 * cache made by a CLI started with options (`node --max-old-space-size=… dist/cli.js`)
 * and one made by a plain start are kept apart: each would otherwise reject
 * and rewrite the other's at every call. The launcher starts the CLI with none.
 */
function optionsTag(): string {
  return process.execArgv.some((a) => a.startsWith('-')) ? '+opts' : '';
}

/** An entry of the bundle `key` (any options), not of an earlier bundle whose key only starts like it. */
function entryOf(name: string, key: string): boolean {
  return name.startsWith(key) && ['.', '-', '+'].includes(name.charAt(key.length));
}

function writeCache(entry: string, script: Vm.Script, build: string, key: string): void {
  try {
    const dir = path.dirname(entry);
    // Inside a state folder that is there already: a cache is never why one is made (a fresh account keeps none).
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { mode: 0o700 });
    // This bundle's entries (a call's, a batch's, under any options): drop those of earlier builds, and a batch's it replaces.
    const batch = path.basename(entry).startsWith(`${build}-batch-`);
    for (const old of fs.readdirSync(dir)) {
      if (!old.endsWith('.bin') || path.join(dir, old) === entry) continue;
      if (!entryOf(old, key)) fs.rmSync(path.join(dir, old), { force: true });
      else if (batch && old.startsWith(`${build}-batch-`)) fs.rmSync(path.join(dir, old), { force: true });
    }
    const tmp = `${entry}.${process.pid}.tmp`;
    // Exclusively: a link planted at this guessable name is never written through (the cache is then not kept).
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, entry);
  } catch {
    // The cache only saves time.
  }
}

/**
 * `check --batch` keeps a code cache of its own. A call's cache holds what one
 * judgment compiled; a batch of lines it never saw reaches most of the engine,
 * and compiling those functions lazily cost it about a fifth of its time. The
 * batch's entry says how many lines the batch that wrote it judged, and is
 * written again by a batch that judged at least twice as many: it grows with
 * the batches run, a few times per build, and never weighs on a hook's start.
 */
interface BatchEntry {
  file: string;
  /** Lines judged by the batch that wrote it (0: none yet). */
  judged: number;
}

/** Where the lazily loaded parts keep their code cache (cli/lazyChunk.ts reads it). */
const CHUNK_CACHE = Symbol.for('agentguard.chunkCache');

/** Where `check --batch` says how many lines it judged (not reused); the CLI bundle sets it. */
const BATCH_JUDGED = Symbol.for('agentguard.batchJudged');

function batchJudged(): number {
  const n = (globalThis as Record<symbol, unknown>)[BATCH_JUDGED];
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * Only a hook call writes a call's entry: the entry holds what the run that
 * wrote it compiled, and every later call of the build starts from it. When
 * `agentguard install`, `doctor` or `--version` was the build's first run, the
 * entry held their code and not the hook's, and every hook call then compiled
 * its own path again (about 12 ms of CPU per call on a 2-CPU VM; 4 ms after
 * a first `check`). Other commands use the hook's entry, and write none.
 */
function isHookCall(): boolean {
  return process.argv[2] === 'hook' && !process.argv.slice(3).some((a) => a === '--help' || a === '-h');
}

function isBatch(): boolean {
  const args = process.argv.slice(3);
  const end = args.indexOf('--');
  return process.argv[2] === 'check' && (end === -1 ? args : args.slice(0, end)).includes('--batch');
}

function batchEntry(build: string): BatchEntry {
  const dir = cacheDir();
  let best: BatchEntry = { file: path.join(dir, `${build}-batch-0.bin`), judged: 0 };
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    // No cache folder yet.
  }
  const prefix = `${build}-batch-`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.bin')) continue;
    const judged = Number(name.slice(prefix.length, -'.bin'.length));
    if (Number.isSafeInteger(judged) && judged >= best.judged) best = { file: path.join(dir, name), judged };
  }
  return best;
}

/**
 * A batch judges thousands of lines, each reaching other parts of the engine:
 * V8's default tiering compiled a function with its optimizing compiler
 * after a few dozen calls, most of them for code a later line hardly runs
 * again, and that compiling was a third of a batch's CPU time. Tiering later
 * (about fifteen times the default budget) optimizes what stays hot. Only the
 * batch, and before its code is compiled: its code cache is made and read
 * under the same flags. It changes when V8 optimizes, never what code does.
 */
const BATCH_INTERRUPT_BUDGET = 1_000_000;

/**
 * V8 runs a regular expression first in its interpreter and compiles it to
 * machine code at its next run: the engine's patterns, over thousands of
 * lines, were compiled twice each. A pattern the batch makes starts with no
 * runs left before that (`--regexp-tier-up-ticks=0`): compiled to machine code
 * at its first run, about 6% fewer instructions over lines never seen. Tiering
 * itself stays on: switching it off once the process ran
 * (`--no-regexp-tier-up`, set here before) left a pattern Node had already run
 * in its interpreter without machine code, and its next match jumped to none,
 * a segmentation fault that ended the batch (`sed -i s/^/x/ Makefile && make`).
 */
const BATCH_V8_FLAGS = `--interrupt-budget=${BATCH_INTERRUPT_BUDGET} --regexp-tier-up-ticks=0`;

/** Runs the CLI bundle (dist/agentguard.js) for this process's command line, checked against `pin`. */
export function loadCli(pin: string | undefined, stateDir?: string): void {
  pinnedBundle = pin;
  // A hook's state folder, pinned by the launcher already: not worked out a second time.
  if (stateDir !== undefined) cacheFolder ??= path.join(stateDir, 'code-cache');
  if (isBatch()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('node:v8') as typeof import('node:v8')).setFlagsFromString(BATCH_V8_FLAGS);
  }
  scriptCache();
}
