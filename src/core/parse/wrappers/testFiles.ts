// The test files a test runner collects and runs: pytest's test_*.py, jest's
// __tests__ and *.test.js, vitest's *.test.ts, mocha's test/ folder. An agent
// can write a test that deletes the home folder and then run the suite; the
// files are found as the runner finds them (the paths named on the line, else
// its default patterns under its test paths), bounded in folders, files and
// bytes — past a bound the call asks, as a file left unread would run unread.
// Test runs are most of an agent's commands, so each file first meets a cheap
// look for the words the code readers act on (codeWords.ts), and only a file
// holding one is read in full, as test code (shells.ts emitCodeReading).
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { mayAct } from '../codeWords';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { emitCodeReading } from './shells';
import { VALUE_OPTIONS, type TestKind } from './testOptions';
import { askRunTimeName, namedAtRunTime } from './runTimeNames';

export type { TestKind } from './testOptions';

/** Folders listed in one collection: a larger tree asks rather than leaving test files unread. */
export const MAX_TEST_DIRS = 4096;
/** Paths named on one line that are collected from. */
const MAX_TEST_PATHS = 64;
/** Test files read in one collection. */
export const MAX_TEST_FILES = 4096;
/** Bytes of test files read in one collection (a suite of 4096 files of 8 KiB). */
export const MAX_TEST_BYTES = 32 * 1024 * 1024;

const GLOB = /[*?{[]/;
const VITEST_SUBCOMMANDS = new Set(['run', 'watch', 'dev', 'related', 'bench', 'list', 'typecheck']);

/** The paths the line names (after options and their values); the value of each `--name` option kept too. */
export function testOperands(
  kind: TestKind,
  p: Pending,
): { paths: string[]; options: Map<string, string[]>; runTime?: string } {
  const paths: string[] = [];
  const options = new Map<string, string[]>();
  const set = (name: string, value: string) => options.set(name, [...(options.get(name) ?? []), value].slice(0, 16));
  const argv = p.argv;
  // A test path, or a folder or config option's value, named only at run time: the code it loads is not read here.
  let runTime: string | undefined;
  const unread = (word: string, at: number) => {
    if (namedAtRunTime(word, p.dynamic[at])) runTime ??= word;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (p.dynamic[i]) {
      const eq = a.indexOf('=');
      if (eq > 0 && a.startsWith('--') && WHERE_OPTIONS.has(a.slice(0, eq))) unread(a.slice(eq + 1), i);
      else if (!a.startsWith('-') && kind !== 'jest' && kind !== 'vitest') unread(a, i);
      continue;
    }
    if (a === '--') continue;
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      if (eq > 0 && a.startsWith('--')) set(a.slice(0, eq), a.slice(eq + 1));
      else if (VALUE_OPTIONS[kind].has(a) && argv[i + 1] !== undefined) {
        if (!p.dynamic[i + 1]) set(a, argv[i + 1]);
        else if (WHERE_OPTIONS.has(a)) unread(argv[i + 1], i + 1);
        i++;
      }
      continue;
    }
    if (kind === 'vitest' && i === 1 && VITEST_SUBCOMMANDS.has(a)) continue;
    if (kind === 'unittest' && i === 1 && a === 'discover') continue;
    paths.push(a);
  }
  return runTime === undefined ? { paths, options } : { paths, options, runTime };
}

/** Options naming where tests, their config or their setup code are (jest's positionals are filters, not places). */
const WHERE_OPTIONS = new Set([
  '-c',
  '--config',
  '--rootdir',
  '--rootDir',
  '--root',
  '--dir',
  '--confcutdir',
  '--configuration',
  '--bootstrap',
  '-r',
  '--require',
  '--file',
]);

/** pytest's `testpaths`, `python_files` and `addopts` from `-c FILE` or the first of its ini files that has its section. */
function pytestSettings(
  scope: Scope,
  w: Walker,
  named: string | undefined,
): { testpaths: string[]; files: string[]; addopts: string[] } {
  const places: [string, RegExp][] = [
    ['pytest.ini', /^\[pytest\]/m],
    ['pyproject.toml', /^\[tool\.pytest\.ini_options\]/m],
    ['tox.ini', /^\[pytest\]/m],
    ['setup.cfg', /^\[tool:pytest\]/m],
  ];
  if (named) places.unshift([named, /^\[(?:pytest|tool\.pytest\.ini_options|tool:pytest)\]/m]);
  for (const [file, header] of places) {
    const text = w.ctx.readFile(file, scope.cwd);
    const at = text ? header.exec(text) : null;
    if (!text || !at) continue;
    const rest = text.slice(at.index + at[0].length);
    const end = rest.search(/^\[/m);
    const section = end === -1 ? rest : rest.slice(0, end);
    return {
      testpaths: settingList(section, 'testpaths'),
      files: settingList(section, 'python_files'),
      addopts: settingList(section, 'addopts'),
    };
  }
  return { testpaths: [], files: [], addopts: [] };
}

/** An ini or TOML list: `key = a b`, continued on indented lines, or `key = ["a", "b"]`. */
function settingList(section: string, key: string): string[] {
  const m = new RegExp(String.raw`^${key}\s*=\s*((?:.*)(?:\n[ \t]+.*)*)`, 'm').exec(section);
  if (!m) return [];
  const value = m[1].trim();
  // TOML: `["a", "b"]` or `"a b"`; ini: `a b`. Each piece splits on spaces as pytest splits `addopts`.
  const pieces = /^['"[]/.test(value) ? [...value.matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]) : [value];
  return pieces
    .flatMap((x) => x.split(/\s+/))
    .filter(Boolean)
    .slice(0, 64);
}

/** A glob's text as a test of a file's name or path: `*` within a name, `**​/` across folders, `{a,b}`. */
function globTest(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length && i < 512; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') out += '(?:';
    else if (c === '}') out += ')';
    else if (c === ',' && out.includes('(?:')) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${out}$`);
  } catch {
    return /./;
  }
}

const PY_DEFAULT = [/^test_.*\.py$/, /^.*_test\.py$/];
const PY_SKIP = /^(?:\..*|.*\.egg|_darcs|build|CVS|dist|node_modules|venv|\{arch\}|__pycache__)$/;
const JS_FILE = /\.[cm]?[jt]sx?$/;
const JEST_FILE = /(?:^|\.)(?:test|spec)\.[cm]?[jt]sx?$/;
const SKIP: Record<Exclude<TestKind, 'pytest' | 'unittest'>, RegExp> = {
  jest: /^(?:node_modules|\.git)$/,
  vitest: /^(?:node_modules|dist|cypress|\.git|\.idea|\.cache|\.output|\.temp)$/,
  mocha: /^(?:node_modules|\.git)$/,
  node: /^(?:node_modules|\.git)$/,
  rspec: /^\.git$/,
  minitest: /^\.git$/,
  phpunit: /^\.git$/,
};
// node --test's default patterns (its test runner's documentation), with the TypeScript ones it adds when it strips types.
const NODE_TEST_FILE = /^(?:.*[._-]test|test-.*|test)\.[cm]?[jt]s$/;
const NODE_TEST_DIR = /(?:^|\/)test\/(?:.*\/)?[^/]*\.[cm]?[jt]s$/;
// rspec: `spec/**/*_spec.rb`; rails test and rake test: `test/**/*_test.rb` (Rake::TestTask's `test/test*.rb` too);
// PHPUnit: the `Test.php` suffix of its test folders.
const TEST_NAME: Partial<Record<TestKind, RegExp>> = {
  rspec: /_spec\.rb$/,
  minitest: /^(?:.*_test|test.*)\.rb$/,
  phpunit: /Test\.php$/,
};
/** `spec/a_spec.rb:12`, `spec/a_spec.rb[1:2]`, `tests/a.py::test_x`: the file, without the example it names. */
function testTarget(kind: TestKind, a: string): string {
  if (kind === 'pytest') return a.split('::')[0];
  return kind === 'rspec' || kind === 'minitest' ? a.replace(/(?::\d+)+$|\[[\d:,]+\]$/, '') : a;
}

/**
 * Scripts an option points the runner at, which it loads as code: jest's and vitest's `--config FILE`, mocha's
 * `--config .mocharc.js`, `--require ./setup.js` and `--file ./setup.js` (a package name is not the workspace's).
 */
export function optionScripts(kind: TestKind, p: Pending): string[] {
  if (kind === 'pytest' || kind === 'unittest') return [];
  const { options } = testOperands(kind, p);
  const named = kind === 'mocha' ? ['--config', '-r', '--require', '--file'] : ['-c', '--config'];
  return named.flatMap((o) => options.get(o) ?? []).filter((f) => JS_FILE.test(f));
}

export interface Collected {
  /** Test files, absolute. */
  tests: string[];
  /** conftest.py files in the folders collected (pytest loads them as it walks), absolute. */
  conftests: string[];
  /** pytest's `addopts` from its ini file: options it takes as if on the line (`-p plugin`). */
  addopts: string[];
}

/** The test files `kind` collects from the working folder for this line; past a bound, the call is asked about. */
export function collectTests(
  kind: TestKind,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  /** Folders (or globs) collected when the line names none, for a runner whose config names them (phpunit.xml). */
  defaults?: readonly string[],
): Collected {
  const operands = testOperands(kind, p);
  const { options } = operands;
  if (operands.runTime !== undefined) askRunTimeName(w, via, operands.runTime, 'runs tests or loads code from');
  const unittest = kind === 'unittest' ? unittestTargets(p, operands, scope, w) : undefined;
  const paths = unittest?.paths ?? operands.paths;
  const settings = kind === 'pytest' ? pytestSettings(scope, w, options.get('-c')?.[0]) : undefined;
  const out: Collected = { tests: [], conftests: [], addopts: settings?.addopts ?? [] };
  const abs = (f: string) => path.resolve(scope.cwd, f);
  const files: string[] = [];
  const dirs: string[] = [];
  const globs: { base: string; test: RegExp }[] = [];
  // A glob is listed from the folder before its first word holding a wildcard.
  const globFrom = (target: string) => {
    const base = target.split('/').filter((_s, k, all) => !GLOB.test(all.slice(0, k + 1).join('/')));
    return { base: abs(base.join('/') || '.'), test: globTest(abs(target)) };
  };
  if (paths.length > MAX_TEST_PATHS) pastBound(w, via, `paths named (${MAX_TEST_PATHS})`);
  for (const a of paths.slice(0, MAX_TEST_PATHS)) {
    const target = testTarget(kind, a);
    if (GLOB.test(target)) {
      globs.push(globFrom(target));
      continue;
    }
    const st = w.ctx.stat?.(abs(target));
    if (st?.isDir) dirs.push(abs(target));
    else if (w.ctx.readFile(target, scope.cwd) !== undefined || st?.isFile) files.push(abs(target));
  }
  // jest and vitest read their operands as filters of what they collect from the root; pytest and mocha as paths.
  // A path that is not there collects nothing (pytest and mocha stop); a bare word may be an option's value.
  const filters = kind === 'jest' || kind === 'vitest';
  const named = paths.some((a) => /[/:*]|\.(?:py|[cm]?[jt]sx?|rb|php)$/.test(a));
  if (filters || (!files.length && !dirs.length && !globs.length && !named)) {
    const root = abs(
      ['--rootDir', '--rootdir', '--root', '-r', '--dir'].map((o) => options.get(o)?.[0]).find(Boolean) ?? '.',
    );
    if (unittest) dirs.push(abs(unittest.start));
    else if (defaults)
      for (const d of defaults) {
        if (GLOB.test(d)) globs.push(globFrom(d));
        else dirs.push(abs(d));
      }
    else if (kind === 'pytest') {
      const listed = (settings?.testpaths ?? []).map(abs).filter((d) => w.ctx.stat?.(d)?.isDir);
      dirs.push(...(listed.length ? listed : [root]));
    } else if (kind === 'mocha') dirs.push(abs('test'));
    else dirs.push(root);
  }
  const patterns = (unittest ? [unittest.pattern] : (settings?.files ?? [])).map(globTest);
  const isTest = (name: string, rel: string): boolean => {
    if (kind === 'pytest' || kind === 'unittest')
      return (patterns.length ? patterns : PY_DEFAULT).some((r) => r.test(name));
    if (kind === 'mocha') return JS_FILE.test(name);
    if (kind === 'node') return NODE_TEST_FILE.test(name) || NODE_TEST_DIR.test(rel);
    const named = TEST_NAME[kind];
    if (named) return named.test(name);
    if (kind === 'vitest') return JEST_FILE.test(name);
    return JEST_FILE.test(name) || (JS_FILE.test(name) && /(?:^|\/)__tests__\//.test(rel));
  };
  out.tests.push(...files);
  if (!dirs.length && !globs.length) return out;
  if (!w.ctx.readdir) return out;
  const skip = kind === 'pytest' || kind === 'unittest' ? PY_SKIP : SKIP[kind];
  const queue: { dir: string; glob?: RegExp }[] = [
    ...dirs.map((dir) => ({ dir })),
    ...globs.map((g) => ({ dir: g.base, glob: g.test })),
  ];
  const listed = new Set<string>();
  for (let q = 0; q < queue.length; q++) {
    const { dir, glob } = queue[q];
    if (listed.has(dir + '\0' + String(glob))) continue;
    if (listed.size >= MAX_TEST_DIRS) {
      pastBound(w, via, `folders (${MAX_TEST_DIRS})`);
      return out;
    }
    listed.add(dir + '\0' + String(glob));
    const entries = w.ctx.readdir(dir);
    if (!entries) {
      // A folder that exists but could not be listed (more entries than the guard lists) holds unread tests.
      if (w.ctx.stat?.(dir)?.isDir) {
        pastBound(w, via, `entries in ${path.relative(scope.cwd, dir) || '.'}`);
        return out;
      }
      continue;
    }
    if (kind === 'pytest' && q >= dirs.length + globs.length && entries.some((e) => e.name === 'pyvenv.cfg')) continue;
    for (const e of entries) {
      const file = path.join(dir, e.name);
      if (e.dir) {
        if (skip.test(e.name)) continue;
        // Every folder queued is one to list: a queue past the bound on listings is a tree past it.
        if (queue.length >= MAX_TEST_DIRS) {
          pastBound(w, via, `folders (${MAX_TEST_DIRS})`);
          return out;
        }
        queue.push({ dir: file, glob });
        continue;
      }
      if (kind === 'pytest' && e.name === 'conftest.py') out.conftests.push(file);
      const rel = path.relative(scope.cwd, file);
      if (glob ? glob.test(file) : isTest(e.name, rel)) {
        if (out.tests.length >= MAX_TEST_FILES) {
          pastBound(w, via, `test files (${MAX_TEST_FILES})`);
          return out;
        }
        out.tests.push(file);
      }
    }
  }
  return out;
}

/**
 * What `python -m unittest` runs: with no operand or `discover`, the files matching its pattern (`test*.py`) under
 * its start folder (`-s`, or the first operand after `discover`); otherwise the modules named, as dotted names
 * (`tests.test_db.TestX`) or paths, each the file the longest leading part of the name is.
 */
function unittestTargets(
  p: Pending,
  { paths, options }: { paths: string[]; options: Map<string, string[]> },
  scope: Scope,
  w: Walker,
): { paths: string[]; start: string; pattern: string } {
  const discover = p.argv[1] === 'discover' || !paths.length;
  const opt = (...names: string[]) => names.map((n) => options.get(n)?.[0]).find((v) => v !== undefined);
  if (discover)
    return {
      paths: [],
      start: opt('-s', '--start-directory') ?? paths[0] ?? '.',
      pattern: opt('-p', '--pattern') ?? paths[1] ?? 'test*.py',
    };
  const files = paths.map((name) => {
    if (/\.py$|\//.test(name)) return name;
    const parts = name.split('.').slice(0, 16);
    for (let k = parts.length; k > 0; k--) {
      const file = parts.slice(0, k).join('/') + '.py';
      if (w.ctx.readFile(file, scope.cwd) !== undefined) return file;
      if (w.ctx.stat?.(path.resolve(scope.cwd, file))?.isFile) return file;
    }
    return parts.join('/');
  });
  return { paths: files, start: '.', pattern: 'test*.py' };
}

/** Reads each test file as test code: first the cheap look, then the code readers for a file that holds a word they act on. */
export function readTests(
  lang: 'python' | 'node' | 'ruby' | 'php',
  files: readonly string[],
  p: Pending,
  scope: Scope,
  w: Walker,
  prog: string,
): void {
  let bytes = 0;
  const seen = new Set<string>();
  for (const file of new Set(files)) {
    const rel = path.relative(scope.cwd, file) || file;
    const text = w.ctx.readFile(file, scope.cwd);
    const via = `${prog} running ${rel}`;
    noteUnreadScript(rel, text, scope, w, via);
    if (text === undefined || text.length > MAX_SCRIPT_CHARS) continue;
    bytes += text.length;
    if (bytes > MAX_TEST_BYTES) return pastBound(w, prog, `test code (${MAX_TEST_BYTES / 1024 / 1024} MiB)`);
    if (mayAct(lang, text, false)) emitCodeReading(lang, text, p, scope, w, via, seen);
  }
}

/** Files past a bound would load unread: the call is asked about. */
export function pastBound(w: Walker, via: string, what: string): void {
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `\`${via}\` loads more ${what} than AgentGuard reads: those past the bound would run unread, so a human must look at it`,
    ),
  );
}
