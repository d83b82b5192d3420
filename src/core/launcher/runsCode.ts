// What a process out of the developer's reach runs. A root-owned `node` runs
// whatever script it is given: `/usr/bin/node /tmp/approver.js` has a trusted
// binary and the developer's code. Under a managed policy the approval and
// judge channels therefore also ask what the editor's process runs, from
// /proc/PID/cmdline and /proc/PID/environ (the arguments and environment it
// was started with):
// - run as Node (a Node binary, or Electron with ELECTRON_RUN_AS_NODE), its
//   main script is an absolute path to one of the editor's own entry points —
//   `out/<name>.js` beside VS Code's `product.json` (the extension host's
//   `bootstrap-fork.js`, the server's `server-main.js`), or code-server's
//   `out/node/entry.js` — in folders the developer cannot write, and no
//   option or variable loads other code (`-e`, `--require`, `--import`,
//   `--loader`, `--inspect`, NODE_OPTIONS doing the same, an entry point named
//   outside the editor, LD_PRELOAD);
// - an Electron editor (Chromium's `resources.pak` beside its binary, in a
//   folder out of reach) is its own binary: no Node script, no inspector.
// A relative script is refused: it was resolved against a working folder the
// process may have left since. These are what the process was started with;
// a process that rewrites its own argument or environment memory
// (/proc/self/mem) can lie here, as it can to `ps` (docs/design/exec-identity.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aclReach } from './acl';
import { processBinaryReachable, reachableBy, type Reacher } from './reach';

const MAX_PROC_BYTES = 2 * 1024 * 1024;
const MAX_PACKAGE_JSON = 1024 * 1024;

/** Options of Node (and Electron) that run code other than the script, or open a debugger into it. */
const INJECTING =
  /^--?(e|p|r|i|eval|print|require|import|loader|experimental-loader|interactive|inspect.*|debug.*|env-file.*|openssl-config|snapshot-blob|build-snapshot|experimental-sea-config|run|test.*|watch.*|remote-debugging.*|js-flags)$/;
/** Variables that load code into any process, or into VS Code's own entry points. */
const INJECTING_ENV = [
  'LD_PRELOAD',
  'LD_AUDIT',
  'LD_LIBRARY_PATH',
  'NODE_PATH',
  'VSCODE_DEV_INJECT_NODE_MODULE_LOOKUP_PATH',
];
/** Long options with no value that the editors put before their script. */
const KNOWN_FLAGS = new Set(['--nolazy', '--no-deprecation', '--no-warnings', '--expose-gc', '--enable-source-maps']);

function readNulList(file: string): string[] | undefined {
  try {
    const buf = fs.readFileSync(file);
    if (buf.length > MAX_PROC_BYTES) return undefined;
    return buf.toString('utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

function optionName(arg: string): string {
  const eq = arg.indexOf('=');
  return eq < 0 ? arg : arg.slice(0, eq);
}

/** Why NODE_OPTIONS (as Node splits it: by spaces, quotes kept together) loads other code, if it does. */
function nodeOptionsInject(value: string): string | undefined {
  for (const raw of value.match(/"[^"]*"|\S+/g) ?? []) {
    const tok = raw.replace(/^"|"$/g, '');
    if (tok.startsWith('-') && (INJECTING.test(optionName(tok)) || !tok.startsWith('--')))
      return `NODE_OPTIONS holds ${tok}`;
  }
  return undefined;
}

/** The file Node runs for an absolute main script `p` (exact, `.js`, `.json`, `.node`, or a folder's package.json `main`). */
function mainFile(p: string): string | undefined {
  const isFile = (f: string) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  };
  for (const f of [p, `${p}.js`, `${p}.json`, `${p}.node`]) if (isFile(f)) return f;
  try {
    if (!fs.statSync(p).isDirectory()) return undefined;
    const pkg = path.join(p, 'package.json');
    let main = 'index.js';
    if (isFile(pkg) && fs.statSync(pkg).size <= MAX_PACKAGE_JSON) {
      const m = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { main?: unknown }).main;
      if (typeof m === 'string' && m) main = m;
    }
    const target = path.resolve(p, main);
    return [target, `${target}.js`, path.join(target, 'index.js')].find(isFile);
  } catch {
    return undefined;
  }
}

function isFileIn(dir: string, name: string): boolean {
  try {
    return fs.statSync(path.join(dir, name)).isFile();
  } catch {
    return false;
  }
}

/** Whether `file` (resolved) is one of a VS Code build's entry points: `R/out/X.js` with `R/product.json`, or code-server's `C/out/node/entry.js` with `C/lib/vscode/product.json`. */
export function isEditorEntryPoint(file: string): boolean {
  const dir = path.dirname(file);
  if (path.basename(dir) === 'out' && file.endsWith('.js') && isFileIn(path.dirname(dir), 'product.json')) return true;
  if (path.basename(file) !== 'entry.js' || path.basename(dir) !== 'node') return false;
  const out = path.dirname(dir);
  return path.basename(out) === 'out' && isFileIn(path.dirname(out), path.join('lib', 'vscode', 'product.json'));
}

/** Why the main script of a Node process started with `argv` is not the editor's own code `who` cannot change, if it is not. */
function nodeScriptReach(
  argv: readonly string[],
  env: ReadonlyMap<string, string>,
  who: Reacher,
  aclLater?: string[],
): string | undefined {
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (INJECTING.test(optionName(a)) || !a.startsWith('--')) return `it is started with ${a}`;
    if (!a.includes('=') && !KNOWN_FLAGS.has(a)) return `it is started with ${a}, an option this check does not know`;
  }
  const script = argv[i];
  if (script === undefined || script === '-') return 'it runs no script file (code from its input)';
  if (!path.isAbsolute(script)) return `its script ${script} is a relative path`;
  const file = mainFile(script);
  if (!file) return `its script ${script} cannot be examined`;
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return `its script ${file} cannot be examined`;
  }
  if (!isEditorEntryPoint(real)) return `its script ${real} is not an entry point of a VS Code build`;
  const entry = env.get('VSCODE_ESM_ENTRYPOINT');
  if (entry !== undefined && !entry.split('/').every((seg) => /^[\w.-]+$/.test(seg) && seg !== '.' && seg !== '..'))
    return `VSCODE_ESM_ENTRYPOINT names ${entry}, outside the editor's code`;
  return reachableBy(real, who, aclLater);
}

/**
 * Why process `pid` runs code other than the editor's own, out of `who`'s
 * reach, or undefined when it runs the editor's. `exe` is the resolved
 * binary it runs, already found out of reach.
 */
export function processCodeReachable(pid: number, exe: string, who: Reacher, aclLater?: string[]): string | undefined {
  const argv = readNulList(`/proc/${pid}/cmdline`);
  const envList = readNulList(`/proc/${pid}/environ`);
  if (!argv || argv.length === 0 || !envList) return `what process ${pid} runs cannot be examined`;
  const env = new Map<string, string>();
  for (const kv of envList) {
    const eq = kv.indexOf('=');
    if (eq > 0) env.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  const why = (() => {
    const loader = INJECTING_ENV.find((k) => env.get(k));
    if (loader) return `${loader} is set in its environment`;
    const opts = env.get('NODE_OPTIONS');
    if (opts) {
      const bad = nodeOptionsInject(opts);
      if (bad) return bad;
    }
    const electron = isFileIn(path.dirname(exe), 'resources.pak');
    if (electron && !env.get('ELECTRON_RUN_AS_NODE')) {
      const debug = argv.slice(1).find((a) => /^--(inspect|remote-debugging|js-flags)/.test(a));
      return debug ? `it is started with ${debug}` : undefined;
    }
    return nodeScriptReach(argv, env, who, aclLater);
  })();
  return why === undefined ? undefined : `process ${pid} (${exe}) does not run the editor's own code: ${why}`;
}

/**
 * Why one of `pids` is not the editor out of `who`'s reach (its binary, then
 * what that binary runs), or undefined when each is. The POSIX ACLs of every
 * file and folder involved are read at the end, in one go.
 */
export function processesEditorReachable(pids: readonly number[], who: Reacher): string | undefined {
  const aclLater: string[] = [];
  for (const pid of pids) {
    const binary = processBinaryReachable(pid, who, aclLater);
    if (binary !== undefined) return binary;
    let exe: string;
    try {
      exe = fs.realpathSync(`/proc/${pid}/exe`);
    } catch {
      return `the binary of process ${pid} cannot be examined`;
    }
    const code = processCodeReachable(pid, exe, who, aclLater);
    if (code !== undefined) return code;
  }
  return aclReach([...new Set(aclLater)], who);
}
