// How an interpreter's command line names what it runs: the options that take
// a value (so the value is never taken for the script: `node -r dotenv/config
// app.js`, `python3 -W ignore run.py`), the files loaded before the script
// (`node --require ./pre.js`, `ruby -I lib -r pre`, `perl -MFoo`, `lua -l
// mod`), and the file a folder or extensionless name stands for (`node .`,
// `node src/index`, `python3 pkg`), each as the runtime's own documentation
// and --help describe them.
import * as path from 'node:path';
import type { InterpreterLanguage } from '../interpreterNames';
import type { Pending, Scope } from '../normalize/scope';
import type { AnalysisContext } from '../../types';

interface OptionTable {
  /** Letters whose value is the rest of their word or else the next word (`-Wignore`, `-W ignore`). */
  short: string;
  /** Long names whose value is the next word (`--name=value` carries its own). */
  long: readonly string[];
  /** Letters cluster before a valued one (`python -uW ignore`, `ruby -wI lib`); node's and lua's stand alone. */
  clusters: boolean;
  /** Letters whose value is only the rest of their word, never the next one (`perl -i.bak`, `ruby -x`). */
  attached?: string;
  /** The options whose value names code loaded and run before the script. */
  preload?: readonly string[];
}

const TABLES: Readonly<Partial<Record<InterpreterLanguage, OptionTable>>> = {
  // `-c` and `-m` are read by the interpreter reader itself: code, and a module rather than a script.
  python: { short: 'WXQ', long: ['--check-hash-based-pycs'], clusters: true },
  node: {
    short: 'rC',
    long: [
      '--require',
      '--import',
      '--loader',
      '--experimental-loader',
      '--env-file',
      '--env-file-if-exists',
      '--conditions',
      '--input-type',
      '--experimental-default-type',
      '--stack-size',
      '--title',
      '--redirect-warnings',
      '--inspect-port',
      '--debug-port',
      '--openssl-config',
      '--icu-data-dir',
      '--diagnostic-dir',
      '--report-dir',
      '--report-directory',
      '--report-filename',
      '--report-signal',
      '--cpu-prof-dir',
      '--cpu-prof-name',
      '--heap-prof-dir',
      '--heap-prof-name',
      '--heapsnapshot-signal',
      '--dns-result-order',
      '--unhandled-rejections',
      '--disable-warning',
      '--tls-keylog',
      '--tls-cipher-list',
      '--watch-path',
      '--test-reporter',
      '--test-reporter-destination',
      '--test-name-pattern',
      '--test-skip-pattern',
      '--experimental-policy',
      '--policy-integrity',
      '--secure-heap',
      '--secure-heap-min',
      '--max-http-header-size',
      '--localstorage-file',
      '--allow-fs-read',
      '--allow-fs-write',
      '--snapshot-blob',
      '--experimental-config-file',
    ],
    clusters: false,
    // A test reporter given as a path is a module node loads and runs.
    preload: ['-r', '--require', '--import', '--loader', '--experimental-loader', '--test-reporter'],
  },
  ruby: {
    short: 'IrCE',
    long: ['--encoding', '--external-encoding', '--internal-encoding', '--enable', '--disable', '--dump'],
    clusters: true,
    attached: 'x0iFKTW',
    preload: ['-r'],
  },
  perl: { short: 'IMm', long: [], clusters: true, attached: 'x0iFlCdDV', preload: ['-M', '-m'] },
  // `-f FILE` and `-F FILE` name the code run: their value is read as the script operand.
  php: {
    short: 'dczBRESt',
    long: [
      '--php-ini',
      '--define',
      '--zend-extension',
      '--process-begin',
      '--process-code',
      '--process-end',
      '--rf',
      '--rc',
      '--re',
      '--rz',
      '--ri',
    ],
    clusters: true,
  },
  lua: { short: 'l', long: [], clusters: false, preload: ['-l'] },
  julia: {
    short: 'LJptCHOg',
    long: ['--load', '--sysimage', '--procs', '--threads', '--cpu-target', '--machine-file', '--home'],
    clusters: true,
    preload: ['-L', '--load'],
  },
};

/** deno's options read as node's would take its `-r` (reload, a flag) for a preload and lose the script after it. */
const DENO: OptionTable = {
  short: 'cL',
  long: ['--config', '--import-map', '--lock', '--cert', '--location', '--seed', '--ext', '--log-level', '--preload'],
  clusters: false,
  preload: ['--preload'],
};

/** The table of the interpreter `program` is: deno runs JavaScript under options of its own. */
function tableOf(lang: InterpreterLanguage, program: string): OptionTable | undefined {
  return lang === 'node' && path.basename(program) === 'deno' ? DENO : TABLES[lang];
}

export interface ValueOption {
  name: string;
  value: string;
  /** The index of the value's word: the option's own when attached. */
  last: number;
  /** Whether the value names code run before the script. */
  preload: boolean;
}

/** The option at argv[i] when it takes a value, as the interpreter reads it; undefined for a flag or an operand. */
export function interpreterValueOption(
  lang: InterpreterLanguage,
  argv: readonly string[],
  i: number,
): ValueOption | undefined {
  const table = tableOf(lang, argv[0] ?? '');
  const a = argv[i];
  if (!table || a.length < 2 || a[0] !== '-' || a === '--') return undefined;
  const made = (name: string, value: string, last: number): ValueOption => ({
    name,
    value,
    last,
    preload: table.preload?.includes(name) === true,
  });
  if (a.startsWith('--')) {
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    if (!table.long.includes(name)) return undefined;
    return eq === -1 ? made(name, argv[i + 1] ?? '', i + 1) : made(name, a.slice(eq + 1), i);
  }
  for (let k = 1; k < a.length; k++) {
    const letter = a[k];
    if (table.attached?.includes(letter)) return undefined;
    if (table.short.includes(letter)) {
      const name = `-${letter}`;
      return k + 1 < a.length ? made(name, a.slice(k + 1), i) : made(name, argv[i + 1] ?? '', i + 1);
    }
    if (!table.clusters) return undefined;
  }
  return undefined;
}

/** What the runtime may find a file by: whether a path is a file or a folder, and a file's text. */
export interface EntryLookup {
  isFile(file: string): boolean;
  isDir(file: string): boolean;
  read(file: string): string | undefined;
}

/** The lookups through the analysis context: a file written earlier on the line is known by its text. */
export function contextLookup(ctx: AnalysisContext, cwd: string): EntryLookup {
  return {
    isFile: (f) => ctx.stat?.(f)?.isFile === true || ctx.readFile(f, cwd) !== undefined,
    isDir: (f) => ctx.stat?.(f)?.isDir === true,
    read: (f) => ctx.readFile(f, cwd),
  };
}

/** A word naming a folder or a file without its ending by path (`.`, `./src/app`, `../tool`), as bun runs it. */
function isPathEntry(word: string): boolean {
  const base = path.basename(word);
  return word === '.' || word === '..' || (/^\.{0,2}\//.test(word) && (base === '..' || !base.includes('.')));
}

/** Whether `bun [OPTS] WORD` runs WORD as a file of code (`bun -r ./pre.ts main.ts`, `bun .`), not a script or command. */
export function bunRunsFile(argv: readonly string[]): boolean {
  for (let i = 1; i < argv.length; i++) {
    const o = interpreterValueOption('node', argv, i);
    if (o) i = o.last;
    else if (!argv[i].startsWith('-')) return /\.[cm]?[jt]sx?$/.test(argv[i]) || isPathEntry(argv[i]);
  }
  return false;
}

/** The endings Node (and bun, tsx, ts-node run as node) tries for a name given without one. */
const JS_ENDINGS = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'];

/** `X`, `X.js`…, or the folder `X`'s package.json `main` or index file: Node's resolution of a main entry. */
function nodeEntry(abs: string, look: EntryLookup, depth: number): string | undefined {
  if (look.isFile(abs)) return abs;
  const withEnding = JS_ENDINGS.map((e) => abs + e).find((f) => look.isFile(f));
  if (withEnding || !look.isDir(abs)) return withEnding;
  if (depth < 2) {
    let main: unknown;
    try {
      main = (JSON.parse(look.read(path.join(abs, 'package.json')) ?? '{}') as { main?: unknown }).main;
    } catch {
      main = undefined;
    }
    const fromMain = typeof main === 'string' && main ? nodeEntry(path.resolve(abs, main), look, depth + 1) : undefined;
    if (fromMain) return fromMain;
  }
  return JS_ENDINGS.map((e) => path.join(abs, 'index' + e)).find((f) => look.isFile(f));
}

/**
 * The file the interpreter runs for its script operand `word`: Node's resolution of a folder or a name without
 * its ending (`node .`, `node src/index`), a folder's `__main__.py` for Python; undefined when it is a file as
 * written or nothing resolves (then the word is read as it is).
 */
export function entryFile(lang: InterpreterLanguage, word: string, cwd: string, look: EntryLookup): string | undefined {
  const abs = path.resolve(cwd, word);
  if (look.isFile(abs)) return undefined;
  if (lang === 'node') return nodeEntry(abs, look, 0);
  const main = path.join(abs, '__main__.py');
  return lang === 'python' && look.isDir(abs) && look.isFile(main) ? main : undefined;
}

/** A name Ruby's require, Perl's use or Lua's require looks up in the load path: `Foo::Bar` → `Foo/Bar.pm`. */
function moduleFile(lang: InterpreterLanguage, name: string): string | undefined {
  if (lang === 'perl') {
    const m = /^-?([A-Za-z_][\w:]*)/.exec(name);
    return m ? m[1].replace(/::/g, '/') + '.pm' : undefined;
  }
  if (lang === 'ruby') return /\.(?:rb|so|bundle)$/.test(name) ? name : name + '.rb';
  if (lang === 'lua') return name.replace(/^[\w.]*=/, '').replace(/\./g, '/') + '.lua';
  return name;
}

/** The folders a language's require searches given the line's own `-I` folders (Lua's default path holds `./`). */
function loadPath(lang: InterpreterLanguage, includes: readonly string[], cwd: string): string[] {
  const own = includes.map((d) => path.resolve(cwd, d));
  return lang === 'lua' ? [cwd, ...own] : own;
}

/**
 * The files of the workspace loaded before the script (`node -r ./pre.js`, `node --import ./hooks.mjs`, `ruby -I lib
 * -r pre`, `perl -Ilib -MSetup`, `lua -l mod`), found as the runtime finds them; a package of the runtime's own
 * library is not looked for.
 */
export function preloadFiles(
  lang: InterpreterLanguage,
  argv: readonly string[],
  dynamic: readonly boolean[],
  cwd: string,
  look: EntryLookup,
): string[] {
  const values: string[] = [];
  const includes: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const o = interpreterValueOption(lang, argv, i);
    if (!o) {
      if (!argv[i].startsWith('-')) break;
      continue;
    }
    if (o.name === '-I' && !dynamic[o.last]) includes.push(o.value);
    if (o.preload && o.value && !dynamic[o.last] && !o.value.startsWith('data:')) values.push(o.value);
    i = o.last;
  }
  const out: string[] = [];
  for (const value of values) {
    // Julia's `-L FILE` is a path as written; the others name a path only when spelled as one.
    const spelled =
      lang === 'julia' || /^(?:\.{1,2}\/|\/|file:\/\/)/.test(value) ? value.replace(/^file:\/\//, '') : undefined;
    if (spelled !== undefined) {
      const abs = path.resolve(cwd, lang === 'ruby' ? moduleFile(lang, spelled)! : spelled);
      // A path no file answers to is read as written: one the line makes first is asked about (madeOnLine.ts).
      out.push((lang === 'node' ? nodeEntry(abs, look, 0) : undefined) ?? abs);
      continue;
    }
    // A bare name is a package to node; to the others, a module looked up in the load path.
    const name = lang === 'node' ? undefined : moduleFile(lang, value);
    const file =
      name &&
      loadPath(lang, includes, cwd)
        .map((d) => path.join(d, name))
        .find((f) => look.isFile(f));
    if (file) out.push(file);
  }
  return out;
}

/** The folders PYTHONPATH adds (set on the line or before it), where an import is looked up too. */
export function pythonPath(p: Pending, scope: Scope): string[] {
  const value = p.env.PYTHONPATH ?? scope.vars.PYTHONPATH ?? '';
  return value
    .split(':')
    .filter((d) => d && !/[$`]/.test(d))
    .slice(0, 8)
    .map((d) => path.resolve(scope.cwd, d));
}
