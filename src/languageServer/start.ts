// dist/server.js: starts the language server (dist/server-main.js) through a
// V8 code cache. The server is started when the first script is opened, and
// that script is judged at once: in a fresh process every function the
// engine reaches was compiled lazily, from source, while the user waited
// (about half of loading the 1.4 MB server, and a third of judging its first
// screen). The cache holds what a server compiled by the end of its first
// whole document, so the next server starts with it.
//
// It is kept where the CLI keeps the hook's: in the confirmed state folder
// (core/state), never in one the environment names on its own: compiled code
// read from a folder anyone could write would run as AgentGuard. A missing,
// damaged or rejected cache only costs the compile: the server then loads as
// a plain require would, and writes a fresh cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module from 'node:module';
import * as vm from 'node:vm';
import { accountHome, confirmedStateDir, readRegularBytes } from '../core/frontdoor/launch';

const main = path.join(__dirname, 'server-main.js');
/** The server and its cache are a few MB: anything past this is not ours. */
const MAX_BYTES = 64 * 1024 * 1024;
/** The server calls this (once per document it judged whole); the first call writes the cache when it is due. */
export const LSP_JUDGED = Symbol.for('agentguard.lspJudged');

function plainLoad(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(main);
}

/** The cache entries of this server file on this runtime (any V8 options), apart from the CLI's own. */
function cacheFolder(): string {
  return path.join(confirmedStateDir(process.env, accountHome()).dir, 'code-cache', 'lsp');
}

/** V8 rejects a cache made under other V8 options: a server started with any (the editor's debug start) keeps its own. */
function entryName(stats: fs.Stats): { key: string; file: string } {
  const key = `${process.version}-${process.arch}-${stats.size}-${stats.mtimeMs}`;
  const options = process.execArgv.some((a) => a.startsWith('-')) ? '+opts' : '';
  return { key, file: `${key}${options}.bin` };
}

function writeCache(dir: string, file: string, key: string, script: vm.Script): void {
  try {
    // Inside a state folder that is there already: a cache is never why one is made.
    const codeCache = path.dirname(dir);
    if (!fs.existsSync(path.dirname(codeCache))) return;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Entries of earlier server builds go.
    for (const old of fs.readdirSync(dir)) {
      if (old.endsWith('.bin') && !old.startsWith(`${key}.`) && !old.startsWith(`${key}+`))
        fs.rmSync(path.join(dir, old), { force: true });
    }
    const entry = path.join(dir, file);
    const tmp = `${entry}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, entry);
  } catch {
    // The cache only saves time.
  }
}

function start(): void {
  let source: string;
  let dir: string;
  let name: { key: string; file: string };
  try {
    const read = readRegularBytes(main, MAX_BYTES, { followSymlinks: true });
    if (!read.ok) return plainLoad();
    source = read.bytes.toString('utf8');
    dir = cacheFolder();
    name = entryName(read.stats);
  } catch {
    return plainLoad();
  }
  // Non-blocking and regular files only: a FIFO planted in the cache folder must not stall the server.
  const cached = readRegularBytes(path.join(dir, name.file), MAX_BYTES);
  let script: vm.Script;
  let run: (...args: unknown[]) => void;
  try {
    script = new vm.Script(Module.wrap(source), {
      filename: main,
      ...(cached.ok ? { cachedData: cached.bytes } : {}),
    });
    run = script.runInThisContext() as (...args: unknown[]) => void;
  } catch {
    return plainLoad();
  }
  if (!cached.ok || script.cachedDataRejected === true) {
    let due = true;
    // Once the first whole document is judged and published: on the next turn, so nothing waits for the write.
    (globalThis as Record<symbol, unknown>)[LSP_JUDGED] = () => {
      if (!due) return;
      due = false;
      setImmediate(() => writeCache(dir, name.file, name.key, script));
    };
  }
  const mod = new Module(main, module);
  mod.filename = main;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  // Errors of the server itself propagate as they would from require().
  run.call(mod.exports, mod.exports, Module.createRequire(main), mod, main, __dirname);
  mod.loaded = true;
}

start();
