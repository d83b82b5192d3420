// The parts of the front door (dist/cli.js) that most calls never run — the
// editor judge's client, the engine's loader, the shell gate, shell-init —
// are written into the file as comments (scripts/front-parts.js): Node
// compiles the main script from source at every start, and V8 skips a
// comment at almost no cost where it pre-parses code. A part is compiled
// here, from its text, only by a call that runs it. Its bytes are the
// file's own, read with it, so the launcher's pin of dist/cli.js covers it.
//
// The judge's client, which every call an editor answers runs, is compiled
// with V8's code cache, kept in the state folder beside the bundle's
// (cli/engineLoader.ts): agents cannot write there, and a cache there runs as
// the bundle's does. An entry is named by the part's sha256, the runtime and
// its V8 options; one V8 refuses changes nothing but the time, and is written
// again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Vm from 'node:vm';
import { readRegularBytes } from '../core/frontdoor/launch';

/**
 * The build's table of parts (scripts/front-parts.js): name → sha256 of the
 * text, the control byte written between `*` and `/` in it (which would end
 * the comment), and the function whose comment the text is.
 */
declare const __agentguardFrontParts: undefined | (() => Record<string, [string, string, () => void] | undefined>);
/** How many entries of a part's code cache for other builds or runtimes are kept beside this one's. */
const KEPT_OTHERS = 3;
/** A part's code cache is a few hundred KB at most: anything larger was not written here. */
const MAX_CACHE_BYTES = 8 * 1024 * 1024;

interface Loaded {
  exports: unknown;
  /** Where its code cache goes, when it is to be written (none was there, or V8 refused it). */
  unsaved?: { entry: string; script: Vm.Script };
}

const loaded = new Map<string, Loaded>();

/** A part's code, from the comment the build wrote it into; undefined when the file holds no such part. */
function partText(name: string): { sha256: string; text: string } | undefined {
  const table = typeof __agentguardFrontParts === 'function' ? __agentguardFrontParts() : undefined;
  const part = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (!part) return undefined;
  const [sha256, split, holder] = part;
  if (typeof split !== 'string' || split.length !== 1 || split.charCodeAt(0) >= 0x20) return undefined;
  // The function's own source text, as the spec has it returned: the comment is all of its body.
  const source = Function.prototype.toString.call(holder);
  const from = source.indexOf('/*');
  const to = source.lastIndexOf('*/');
  if (from === -1 || to <= from) return undefined;
  return { sha256, text: source.slice(from + 2, to).replaceAll(`*${split}/`, '*/') };
}

/** V8 refuses a code cache made under other V8 options: a start with options keeps its own entry. */
function optionsTag(): string {
  return process.execArgv.some((a) => a.startsWith('-')) ? '+opts' : '';
}

/**
 * The exports of part `name`, compiled on its first use in this process.
 * With `codeCache` (a folder in the state folder), through V8's code cache
 * kept there. Throws when dist/cli.js holds no such part (a build without
 * them: run it from its checkout's build) or the part fails to load.
 */
export function frontPart<T>(name: string, codeCache?: string): T {
  const done = loaded.get(name);
  if (done) return done.exports as T;
  const part = partText(name);
  if (!part) throw new Error(`${__filename} holds no part "${name}" (a build of AgentGuard without its parts)`);
  const entry =
    codeCache !== undefined && /^[0-9a-f]{64}$/.test(part.sha256)
      ? path.join(
          codeCache,
          `front-${name}-${part.sha256.slice(0, 16)}-${process.version}-${process.arch}${optionsTag()}.cache`,
        )
      : undefined;
  // Non-blocking and regular files only: a FIFO planted in the cache folder must not stall every call.
  const read = entry === undefined ? undefined : readRegularBytes(entry, MAX_CACHE_BYTES);
  const cachedData = read?.ok ? read.bytes : undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vm = require('node:vm') as typeof Vm;
  // Named as a file beside the door (a development build writes its source map there): stack traces and profiles say which part.
  const file = path.join(__dirname, `cli.${name}.js`);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${part.text}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  // The part runs as a module of the door: the door's file and folder, its require (for Node's own modules). Its
  // module is a plain object: the part only sets its exports, and node:module costs the door 0.3 ms to load.
  const mod = { exports: {} as unknown };
  run.call(mod.exports, mod.exports, require, mod, __filename, __dirname);
  const unsaved = entry !== undefined && (!cachedData || script.cachedDataRejected === true);
  loaded.set(name, { exports: mod.exports, ...(unsaved ? { unsaved: { entry, script } } : {}) });
  return mod.exports as T;
}

/**
 * Writes the code cache of part `name` when it has none V8 took: called once
 * the call has run what it needed of it, so the cache holds those functions
 * compiled too (one made before running holds only the part's outer code).
 * Keeps the part's entries of a few other builds or runtimes (the newest):
 * two installs in use side by side each keep theirs, and the entries of
 * earlier builds go.
 */
export function keepFrontPartCache(name: string): void {
  const part = loaded.get(name);
  if (!part?.unsaved) return;
  const { entry, script } = part.unsaved;
  part.unsaved = undefined;
  try {
    const dir = path.dirname(entry);
    // Inside a state folder that is there already: a cache is never why one is made (a fresh account keeps none).
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { mode: 0o700 });
    const others = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`front-${name}-`) && f.endsWith('.cache') && path.join(dir, f) !== entry)
      .map((f) => ({
        file: path.join(dir, f),
        mtimeMs: fs.statSync(path.join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0,
      }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const old of others.slice(KEPT_OTHERS)) fs.rmSync(old.file, { force: true });
    const tmp = `${entry}.${process.pid}.tmp`;
    // Exclusively: a link planted at this guessable name is never written through (the cache is then not kept).
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, entry);
  } catch {
    // The cache only saves time.
  }
}
