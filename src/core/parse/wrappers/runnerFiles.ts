// Test and build runners load project files of the working folder as code:
// pytest its conftest.py files, jest its jest.config.js, vite its vite.config.ts,
// nox its noxfile.py, rake its Rakefile, eslint, webpack, gulp and the like their config or task file. Running the runner runs those files, so each is read as
// a script is: the same reader, size bound and unread-file finding as `python x.py`. The workspace
// modules they import are not followed: a conftest.py importing the project would otherwise make
// every test run of a large project ask (past the import bound). The test files the runner
// collects are read as test code (testFiles.ts).
import * as path from 'node:path';
import { type Pending, type Scope, type Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { emitCodeReading } from './shells';
import { collectTests, optionScripts, pastBound, readTests, testOperands, type TestKind } from './testFiles';
import { mayAct } from '../codeWords';
import { readBuildFiles } from './buildFiles';
import { readTestSuite } from './testSuites';
import { rakefileNamed } from './rakeSuites';
import { readNoxRuns } from './noxRuns';
import { askRunTimeName } from './runTimeNames';

interface Loads {
  lang: 'python' | 'node' | 'ruby';
  /** Files of the working folder the runner loads whenever it starts. */
  files: readonly string[];
  /** pytest also loads conftest.py from the folders of the tests it is given. */
  perOperand?: string;
  /** The test files it collects and runs (testFiles.ts). */
  tests?: TestKind;
}

const configs = (base: string): string[] =>
  ['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'].map((ext) => `${base}.config.${ext}`);

const PYTEST = (): Loads => ({
  lang: 'python',
  files: ['conftest.py', 'tests/conftest.py', 'test/conftest.py'],
  perOperand: 'conftest.py',
  tests: 'pytest',
});
const VITE = (): Loads => ({ lang: 'node', files: [...configs('vite'), ...configs('vitest')] });
const NOX = (): Loads => ({ lang: 'python', files: ['noxfile.py'] });
const INVOKE = (): Loads => ({ lang: 'python', files: ['tasks.py', 'tasks/__init__.py'] });

// Every command's name is looked up here, and nearly none is a runner: each runner's files (with the
// config names of six extensions each) are built at its first lookup, not while the engine loads.
const RUNNERS = new Map<string, () => Loads>([
  ['pytest', PYTEST],
  ['py.test', PYTEST],
  ['jest', () => ({ lang: 'node', files: configs('jest'), tests: 'jest' })],
  ['vite', VITE],
  ['vitest', () => ({ ...VITE(), tests: 'vitest' })],
  ['mocha', () => ({ lang: 'node', files: ['.mocharc.js', '.mocharc.cjs'], tests: 'mocha' })],
  ['nox', NOX],
  ['unittest', () => ({ lang: 'python', files: [], tests: 'unittest' })],
  ['rake', () => ({ lang: 'ruby', files: ['Rakefile', 'rakefile', 'Rakefile.rb', 'rakefile.rb'] })],
  // fastlane loads the whole Fastfile (Ruby) before it runs a lane: its `sh` calls run in any lane.
  ['fastlane', () => ({ lang: 'ruby', files: ['fastlane/Fastfile', 'Fastfile'] })],
  // Python task runners import their task module by its conventional name.
  ['invoke', INVOKE],
  ['inv', INVOKE],
  ['fab', () => ({ lang: 'python', files: ['fabfile.py', 'fabfile/__init__.py'] })],
  ['doit', () => ({ lang: 'python', files: ['dodo.py'] })],
  // Linters, bundlers, browser test runners and task runners that load a JavaScript config or task file on start.
  ['eslint', () => ({ lang: 'node', files: [...configs('eslint'), '.eslintrc.js', '.eslintrc.cjs'] })],
  [
    'prettier',
    () => ({ lang: 'node', files: [...configs('prettier'), '.prettierrc.js', '.prettierrc.cjs', '.prettierrc.mjs'] }),
  ],
  ['webpack', () => ({ lang: 'node', files: configs('webpack') })],
  ['rollup', () => ({ lang: 'node', files: configs('rollup') })],
  ['tsup', () => ({ lang: 'node', files: configs('tsup') })],
  ['next', () => ({ lang: 'node', files: configs('next') })],
  ['playwright', () => ({ lang: 'node', files: configs('playwright') })],
  ['cypress', () => ({ lang: 'node', files: configs('cypress') })],
  ['karma', () => ({ lang: 'node', files: ['karma.conf.js', 'karma.conf.cjs', 'karma.conf.ts'] })],
  ['gulp', () => ({ lang: 'node', files: ['gulpfile.js', 'gulpfile.cjs', 'gulpfile.mjs', 'gulpfile.ts'] })],
  ['grunt', () => ({ lang: 'node', files: ['Gruntfile.js', 'gruntfile.js', 'Gruntfile.cjs'] })],
  // CSS and compile-step tools that load a JavaScript config of the working folder on start.
  [
    'postcss',
    () => ({ lang: 'node', files: [...configs('postcss'), '.postcssrc.js', '.postcssrc.cjs', '.postcssrc.mjs'] }),
  ],
  ['tailwindcss', () => ({ lang: 'node', files: configs('tailwind') })],
  [
    'babel',
    () => ({ lang: 'node', files: ['babel.config.js', 'babel.config.cjs', 'babel.config.mjs', '.babelrc.js'] }),
  ],
]);

const built = new Map<string, Loads>();
/** What the runner `prog` loads, or undefined when it is no runner of this table. */
export function runnerLoads(prog: string): Loads | undefined {
  const known = built.get(prog);
  if (known) return known;
  const make = RUNNERS.get(prog);
  if (!make) return undefined;
  const loads = make();
  built.set(prog, loads);
  return loads;
}

let loadedFiles: ReadonlyMap<string, 'python' | 'node' | 'ruby'> | undefined;
/** The files of a working folder some runner loads as code on start, by name, with their language (built at first use). */
export function runnerLoadedFiles(): ReadonlyMap<string, 'python' | 'node' | 'ruby'> {
  if (!loadedFiles) {
    const files = new Map<string, 'python' | 'node' | 'ruby'>();
    for (const prog of RUNNERS.keys()) {
      const l = runnerLoads(prog)!;
      for (const f of l.files) if (!f.includes('/')) files.set(f, l.lang);
    }
    loadedFiles = files;
  }
  return loadedFiles;
}

/** `python -m pytest`, `python -m nox`: the runner run as a module. */
export function runnerModule(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-W' || a === '-X') i++;
    else if (a === '-m' || /^-[A-Za-z]*m$/.test(a)) {
      const mod = argv[i + 1];
      const next = { ...p, argv: argv.slice(i + 1), dynamic: p.dynamic.slice(i + 1) };
      if (mod !== undefined && !p.dynamic[i + 1] && RUNNERS.has(mod)) readRunnerFiles(mod, next, scope, w);
      // `python -m pip install .`, `python -m build`, `python -m tox`.
      else if (mod !== undefined && !p.dynamic[i + 1] && /^(?:pip|build|tox)$/.test(mod))
        readBuildFiles(mod, next, scope, w);
      return;
    } else if (!a.startsWith('-') || a === '-c') return;
  }
}

/**
 * Runner files an option or a folder points at: vite's config in the root folder it is given (`vite build app`),
 * vitest's under `--root`; jest's `jest` key of package.json (its setup scripts); the file `rake -f FILE` loads and
 * the `rakelib/*.rake` files rake loads besides its Rakefile.
 */
function elsewhere(prog: string, p: Pending, scope: Scope, w: Walker): string[] {
  const argv = p.argv;
  if (prog === 'vite') {
    const named = argv.findIndex((a, k) => k > 0 && !a.startsWith('-') && !VITE_COMMANDS.has(a));
    if (named > 0 && p.dynamic[named]) askRunTimeName(w, prog, argv[named], 'loads its config from');
    const root = named > 0 && !p.dynamic[named] ? argv[named] : undefined;
    return root ? [...configs('vite'), ...configs('vitest')].map((f) => path.join(root, f)) : [];
  }
  if (prog === 'vitest') {
    const at = argv.findIndex((a) => a === '--root' || a === '-r' || a === '--dir');
    const root = at > 0 && !p.dynamic[at + 1] ? argv[at + 1] : undefined;
    return root ? [...configs('vite'), ...configs('vitest')].map((f) => path.join(root, f)) : [];
  }
  if (prog === 'jest') {
    const pkg = w.ctx.readFile('package.json', scope.cwd);
    if (pkg && /"jest"\s*:/.test(pkg)) readNamedSetup(pkg, scope.cwd, p, scope, w, 'jest loading package.json');
    return [];
  }
  if (prog === 'invoke' || prog === 'inv' || prog === 'doit') {
    // `invoke -c NAME` imports the module NAME; `doit -f FILE` loads FILE instead of dodo.py.
    const flags = prog === 'doit' ? ['-f', '--file'] : ['-c', '--collection'];
    const at = argv.findIndex((a) => flags.includes(a));
    const v = at > 0 ? argv[at + 1] : undefined;
    if (!v) return [];
    if (p.dynamic[at + 1]) {
      askRunTimeName(w, prog, v, 'loads its tasks from');
      return [];
    }
    return prog === 'doit' ? [v] : [`${v}.py`, path.join(v, '__init__.py')];
  }
  if (prog === 'rake') {
    const rakes = (w.ctx.readdir?.(path.resolve(scope.cwd, 'rakelib')) ?? []).filter(
      (e) => !e.dir && e.name.endsWith('.rake'),
    );
    if (rakes.length > MAX_NAMED) pastBound(w, prog, `rakelib files (${MAX_NAMED})`);
    const given = rakefileNamed(p);
    return [...(given ? [given] : []), ...rakes.slice(0, MAX_NAMED).map((e) => path.join('rakelib', e.name))];
  }
  return [];
}
const VITE_COMMANDS = new Set(['build', 'serve', 'dev', 'preview', 'optimize']);

/** Bounds the folders of tests named on the line whose conftest.py is read. */
const MAX_OPERANDS = 16;
/** Bounds the conftest.py files read from the folders pytest collects. */
const MAX_CONFTESTS = 256;

export function readRunnerFiles(prog: string, p: Pending, scope: Scope, w: Walker): void {
  readTestSuite(prog, p, scope, w);
  const loads = runnerLoads(prog);
  if (!loads) return;
  const files = new Set([...loads.files, ...elsewhere(prog, p, scope, w)]);
  if (loads.perOperand) {
    // An option's value (`-p plugin`, `-k expr`, `-m mark`) is not a test path.
    const operands = loads.tests
      ? testOperands(loads.tests, p).paths
      : p.argv.slice(1).filter((a, k) => !a.startsWith('-') && !p.dynamic[k + 1]);
    const dirs = new Set<string>();
    for (const a of operands) {
      // `pytest tests/unit/test_x.py::test_y`: the test file's folder; `pytest tests/unit`: the folder.
      const target = a.split('::')[0];
      const dir = /\.py$/.test(target) ? path.dirname(target) : target;
      dirs.add(dir);
      if (dirs.size > MAX_OPERANDS) {
        pastBound(w, prog, `test folders (${MAX_OPERANDS})`);
        break;
      }
      files.add(path.join(dir, loads.perOperand));
    }
  }
  const collected = loads.tests ? collectTests(loads.tests, p, scope, w, prog) : undefined;
  if (loads.tests) for (const f of optionScripts(loads.tests, p)) files.add(f);
  const conftests = collected?.conftests ?? [];
  if (conftests.length > MAX_CONFTESTS) pastBound(w, prog, `conftest.py files (${MAX_CONFTESTS})`);
  for (const conftest of conftests.slice(0, MAX_CONFTESTS)) files.add(path.relative(scope.cwd, conftest));
  const plugins: string[] = [];
  for (const rel of files) {
    const via = `${prog} loading ${rel}`;
    const text = w.ctx.readFile(rel, scope.cwd);
    noteUnreadScript(rel, text, scope, w, via);
    if (text === undefined || text.length > MAX_SCRIPT_CHARS) continue;
    // Code holding no word the readers act on reads to nothing: a tree of conftest.py files is looked at cheaply.
    if (mayAct(loads.lang, text, true)) emitCodeReading(loads.lang, text, p, scope, w, via);
    if (prog === 'nox') readNoxRuns(text, p, scope, w, via);
    if (loads.lang === 'node') readNamedSetup(text, path.dirname(path.resolve(scope.cwd, rel)), p, scope, w, via);
    if (loads.perOperand) plugins.push(...pytestPlugins(text));
  }
  if (loads.perOperand) {
    // `addopts = -p plugin` in pytest.ini is read as if it were on the line.
    const addopts = collected?.addopts ?? [];
    readPytestPlugins(
      plugins,
      { ...p, argv: [...p.argv, ...addopts], dynamic: [...p.dynamic, ...addopts.map(() => false)] },
      scope,
      w,
      prog,
    );
  }
  if (collected && (loads.lang === 'python' || loads.lang === 'node'))
    readTests(loads.lang, collected.tests, p, scope, w, prog);
}

/** `pytest_plugins = ["tests.fixtures.db"]` in a conftest.py: modules pytest imports as plugins, by name, not by `import`. */
function pytestPlugins(conftest: string): string[] {
  const m = /^pytest_plugins\s*=\s*([[(]?)/m.exec(conftest);
  if (!m) return [];
  const from = m.index + m[0].length;
  const value = conftest.slice(from, from + 2048);
  const end = m[1] ? value.indexOf(m[1] === '[' ? ']' : ')') : value.indexOf('\n');
  return [...value.slice(0, end === -1 ? undefined : end).matchAll(/['"]([\w.]+)['"]/g)].map((x) => x[1]);
}

/** The workspace modules pytest loads as plugins (`pytest_plugins`, `-p NAME`), read as conftest.py is. */
function readPytestPlugins(named: string[], p: Pending, scope: Scope, w: Walker, prog: string): void {
  const argv = p.argv;
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-p' && argv[i + 1] !== undefined && !p.dynamic[i + 1]) named.push(argv[++i]);
    else if (/^-p[\w.]+$/.test(argv[i]) && !p.dynamic[i]) named.push(argv[i].slice(2));
  }
  const names = new Set(named);
  if (names.size > MAX_NAMED) pastBound(w, prog, `plugins (${MAX_NAMED})`);
  for (const name of [...names].slice(0, MAX_NAMED)) {
    const rel = name.split('.').join('/');
    for (const candidate of [`${rel}.py`, `${rel}/__init__.py`]) {
      const text = w.ctx.readFile(candidate, scope.cwd);
      const via = `${prog} loading plugin ${name}`;
      noteUnreadScript(candidate, text, scope, w, via);
      if (text === undefined || text.length > MAX_SCRIPT_CHARS) continue;
      emitCodeReading('python', text, p, scope, w, via);
      break;
    }
  }
}

/**
 * `globalSetup: './setup.js'`, `setupFiles: ['<rootDir>/jest.setup.ts']`: scripts a config names under a key
 * whose file the runner runs in node. Other paths a config names (a build's entry) are bundled, not run.
 */
const SETUP_KEY = /\b(?:globalSetup|globalTeardown|setupFiles|setupFilesAfterEnv)['"]?\s*:\s*/g;
const NAMED_SCRIPT = /['"`](?:<rootDir>\/)?((?:\.{1,2}\/)?[\w@.-]+(?:\/[\w@.-]+)*\.[cm]?[jt]sx?)['"`]/g;
/** Bounds the scripts one config names that are read. */
const MAX_NAMED = 16;

function readNamedSetup(config: string, dir: string, p: Pending, scope: Scope, w: Walker, via: string): void {
  let count = 0;
  for (const key of config.matchAll(SETUP_KEY)) {
    const from = (key.index ?? 0) + key[0].length;
    const value = config.slice(from, from + 2048);
    const end = value.startsWith('[') ? value.indexOf(']') : value.search(/[,}\n]/);
    for (const m of value.slice(0, end === -1 ? undefined : end).matchAll(NAMED_SCRIPT)) {
      if (count++ >= MAX_NAMED) return pastBound(w, via, `setup scripts (${MAX_NAMED})`);
      const file = path.resolve(m[0].includes('<rootDir>') ? scope.cwd : dir, m[1]);
      const text = w.ctx.readFile(file, scope.cwd);
      const rel = path.relative(scope.cwd, file) || file;
      noteUnreadScript(rel, text, scope, w, via);
      if (text !== undefined && text.length <= MAX_SCRIPT_CHARS)
        emitCodeReading('node', text, p, scope, w, `${via} → ${rel}`);
    }
  }
}
