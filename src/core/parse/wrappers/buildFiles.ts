// Build and project tools run code and command lines the workspace holds:
// `pip install .` runs the project's setup.py and an in-tree build backend
// (`[build-system] backend-path`), `python -m build` too; `tox` runs the
// `commands` of tox.ini; foreman, honcho, overmind and `heroku local` the
// process lines of the Procfile; lefthook its config (lefthookConfig.ts); cargo the
// `runner` and `rustc-wrapper` of .cargo/config.toml; scons its SConstruct, as
// Python. An agent can write any of
// them with its edit tool, then run the tool: each is read as the runner files
// of a test runner are (runnerFiles.ts), each file alone, bounded; past a bound
// the call asks.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { procfileCommands, toxCommands, type ProjectCommands } from '../projectCommands';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { shellWord } from '../../text/shellWord';
import { RUNTIME_VALUE_WORD, withRuntimeValue } from '../dynamic';
import { emitCodeReading } from './shells';
import { pastBound } from './testFiles';
import { readLefthook } from './lefthookConfig';
import { cargoConfigTexts, cargoSubcommand } from './cargoConfig';
import { askRunTimeName } from './runTimeNames';

/** Local projects one pip call builds whose files are read. */
const MAX_PROJECTS = 16;

const PIP_VALUES = new Set(
  '-r --requirement -c --constraint -t --target --prefix --root -i --index-url --extra-index-url -f --find-links --src --python-version --platform --implementation --abi -C --config-settings --global-option --no-binary --only-binary --progress-bar --upgrade-strategy --report --log --cache-dir --proxy --timeout --retries --trusted-host --cert --client-cert --exists-action -d --dest -w --wheel-dir --python'.split(
    ' ',
  ),
);

/** uv's options that take the next word as their value. */
const UV_VALUES = new Set(
  '-o --out-dir --package -p --python -C --config-setting -b --build-constraint --index --default-index --extra-index --index-url --extra-index-url -f --find-links --directory --project --group --extra --no-group --only-group --python-platform'.split(
    ' ',
  ),
);

/** Reads what `prog` (a program, or a module run with `python -m`) runs from the project. */
export function readBuildFiles(prog: string, p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  if (/^pip(?:3(?:\.\d+)?)?$/.test(prog) || (prog === 'uv' && argv[1] === 'pip'))
    return pipProjects(prog === 'uv' ? { ...p, argv: argv.slice(1), dynamic: p.dynamic.slice(1) } : p, scope, w);
  if (prog === 'build' || prog === 'pyproject-build') {
    const named = argv.findIndex((a, k) => k > 0 && !a.startsWith('-'));
    if (named > 0 && p.dynamic[named]) return askRunTimeName(w, prog, argv[named], 'builds the project at');
    const dir = named > 0 ? argv[named] : '.';
    return readProject(dir, p, scope, w, `${prog} ${dir}`);
  }
  // `uv build [DIR]` builds the project, `uv sync` installs it editable: both run its build backend.
  if (prog === 'uv' && (argv[1] === 'build' || argv[1] === 'sync')) {
    const at = argv.findIndex((a, k) => k > 1 && !a.startsWith('-') && !UV_VALUES.has(argv[k - 1]) && !p.dynamic[k]);
    const dir = argv[1] === 'build' && at > 1 ? argv[at] : '.';
    return readProject(dir, p, scope, w, `uv ${argv[1]}${dir === '.' ? '' : ` ${dir}`}`);
  }
  if (prog === 'tox') return readTox(p, scope, w);
  const procfileRunner = procfileVerb(prog, argv);
  if (procfileRunner) return readProcfile(procfileRunner, p, scope, w);
  if (prog === 'lefthook' && /^(?:install|run|add)$/.test(argv[1] ?? '')) return readLefthook(p, scope, w);
  if (prog === 'cargo') return readCargoConfig(p, scope, w);
  if (prog === 'scons') return readSconstruct(p, scope, w);
}

/** The names scons looks for in the folder it runs in, in its order. */
const SCONSTRUCTS = ['SConstruct', 'Sconstruct', 'sconstruct', 'SConstruct.py', 'Sconstruct.py', 'sconstruct.py'];
/** scons's options naming the file it reads, and the folder it enters first. */
const SCONS_FILE = /^(?:-f|--file|--makefile|--sconstruct)(?:=(.*))?$/;
const SCONS_DIR = /^(?:-C|--directory)(?:=(.*))?$/;

/**
 * Every scons call (`-h` and `-n` too) runs the SConstruct file as Python before anything else: read as the Python it
 * is, from the folder `-C` names. A file or folder known only at run time asks. The SConscript files it loads in turn
 * are not followed.
 */
function readSconstruct(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  let file: string | undefined;
  let dir = '.';
  for (let i = 1; i < argv.length; i++) {
    const f = SCONS_FILE.exec(argv[i]);
    const d = f ? null : SCONS_DIR.exec(argv[i]);
    if (!f && !d) continue;
    const at = (f ?? d)![1] === undefined ? ++i : i;
    const value = (f ?? d)![1] ?? argv[at];
    if (value === undefined) return;
    if (p.dynamic[at]) return askRunTimeName(w, 'scons', value, f ? 'runs the SConstruct file' : 'runs the build of');
    if (f) file = value;
    else dir = path.join(dir, value);
  }
  const inner: Scope = { ...scope, cwd: path.resolve(scope.cwd, dir) };
  const name = file ?? SCONSTRUCTS.find((n) => w.ctx.readFile(n, inner.cwd) !== undefined);
  if (name) readPython(name, p, inner, w, `scons running ${name}`);
}

/** `pip install .`, `pip install -e ./lib`, `pip wheel .`: local projects are built, running their build code. */
function pipProjects(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  if (!/^(?:install|wheel|download)$/.test(argv[1] ?? '')) return;
  const dirs: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    let value: string | undefined;
    // An editable install is always a local project: one named when the line runs builds what nobody read.
    if ((a === '-e' || a === '--editable') && p.dynamic[i + 1])
      askRunTimeName(w, `${argv[0]} ${argv[1]} -e`, argv[i + 1], 'builds the project at');
    if (a === '-e' || a === '--editable') value = p.dynamic[i + 1] ? undefined : argv[++i];
    else if (a.startsWith('--editable=')) value = a.slice(11);
    else if (PIP_VALUES.has(a)) i++;
    else if (!a.startsWith('-') && !p.dynamic[i]) value = a;
    // A requirement is a path when it looks like one (pip's own test): `.`, `./x`, `a/b`; `x[extra]` names a package.
    if (value && (value.startsWith('.') || value.includes('/')) && !/^[\w+.-]+:\/\//.test(value))
      dirs.push(value.replace(/\[[^\]]*\]$/, ''));
  }
  if (dirs.length > MAX_PROJECTS) pastBound(w, 'pip', `local projects (${MAX_PROJECTS})`);
  for (const dir of dirs.slice(0, MAX_PROJECTS))
    if (w.ctx.stat?.(path.resolve(scope.cwd, dir))?.isDir !== false)
      readProject(dir, p, scope, w, `pip ${argv[1]} ${dir}`);
}

/** A project's setup.py, its build hooks and its in-tree build backend, read as the build runs them. */
function readProject(dir: string, p: Pending, scope: Scope, w: Walker, via: string): void {
  readPython(path.join(dir, 'setup.py'), p, scope, w, `${via} running setup.py`);
  const pyproject = w.ctx.readFile(path.join(dir, 'pyproject.toml'), scope.cwd);
  // A hook file that is not there fails the build before anything runs.
  for (const hook of buildHooks(pyproject ?? ''))
    readPython(path.join(dir, hook), p, scope, w, `${via} running its build hook ${hook}`);
  const system = pyproject && /^\[build-system\]([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(pyproject)?.[1];
  if (!system) return;
  const backend = /^\s*build-backend\s*=\s*["']([\w.]+)(?::[\w.]+)?["']/m.exec(system)?.[1];
  const paths = /^\s*backend-path\s*=\s*\[([^\]]*)\]/m.exec(system)?.[1];
  if (paths === undefined) return;
  const module = backend?.split('.').join('/');
  for (const root of [...paths.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]).slice(0, 8)) {
    if (module === undefined) break;
    const base = path.join(dir, root, module);
    const file = [`${base}.py`, path.join(base, '__init__.py')].find((f) => w.ctx.readFile(f, scope.cwd) !== undefined);
    if (file) return readPython(file, p, scope, w, `${via} running its build backend ${backend}`);
  }
  // An in-tree backend (`backend-path`) whose module could not be read, or is spelled past what is read
  // (`build-backend` an expansion, a module outside the paths): the project's own code runs at build, unread.
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `\`${via}\` runs the project's own build backend (backend-path in pyproject.toml)${backend ? `, ${backend}` : ''}, which AgentGuard could not read: what it runs was not judged`,
      path.join(dir, 'pyproject.toml'),
    ),
  );
}

/**
 * Build hooks the backend runs from the project: hatchling's custom hooks (`[tool.hatch.build.hooks.custom]`, also
 * per target and for metadata; `hatch_build.py` unless a `path` names another), pdm-backend's `pdm_build.py`, and
 * poetry's `[tool.poetry.build] script` (or its older `build = "build.py"`).
 */
function buildHooks(pyproject: string): string[] {
  const out: string[] = [];
  const text = pyproject.slice(0, MAX_SCRIPT_CHARS);
  for (const m of text.matchAll(
    /^\[tool\.hatch\.(?:build(?:\.targets\.[\w.-]+)?|metadata)\.hooks\.custom\]([^[]*)/gm,
  )) {
    const named = /^\s*path\s*=\s*["']([^"']+)["']/m.exec(m[1])?.[1];
    if (out.length < 8) out.push(named ?? 'hatch_build.py');
  }
  if (/^\s*build-backend\s*=\s*["']pdm\.backend["']/m.test(text)) out.push('pdm_build.py');
  const poetry = /^\[tool\.poetry\.build\]([^[]*)/m.exec(text)?.[1];
  const script = poetry && /^\s*script\s*=\s*["']([^"']+)["']/m.exec(poetry)?.[1];
  const legacy = /^\[tool\.poetry\][^[]*?^\s*build\s*=\s*["']([^"']+\.py)["']/m.exec(text)?.[1];
  const poetryScript = script ?? legacy;
  if (poetryScript) out.push(poetryScript);
  return out;
}

function readPython(file: string, p: Pending, scope: Scope, w: Walker, via: string): void {
  const text = w.ctx.readFile(file, scope.cwd);
  noteUnreadScript(file, text, scope, w, via);
  if (text !== undefined && text.length <= MAX_SCRIPT_CHARS) emitCodeReading('python', text, p, scope, w, via);
}

/** Walks each command line as one the tool runs. */
function walkCommands(found: ProjectCommands, file: string, scope: Scope, w: Walker, via: string): void {
  if (found.pastBound) pastBound(w, via, `command lines in ${file}`);
  const inner: Scope = { ...scope, via: [...scope.via, `${via} (${file})`], depth: scope.depth + 1 };
  for (const line of found.commands) w.walkText(line, inner, true);
}

const TOX_CONFIGS = ['tox.ini', 'tox.toml', 'pyproject.toml', 'setup.cfg'];

/**
 * tox's config: `-c FILE`, or the one found in `-c DIR` (tox takes either), else tox.ini, tox.toml, pyproject.toml's
 * `[tool.tox]`, setup.cfg's `[tox:tox]`. A config named elsewhere runs its commands in its own folder (toxinidir).
 */
function readTox(p: Pending, scope: Scope, w: Walker): void {
  const at = p.argv.findIndex((a) => a === '-c' || a === '--conf');
  const named = at > 0 ? p.argv[at + 1] : undefined;
  // Not the working folder's tox.ini in its place: the config tox runs is the one the word names when the line runs.
  if (named !== undefined && p.dynamic[at + 1])
    return askRunTimeName(w, 'tox', named, 'runs the commands of the config at');
  const abs = named === undefined ? undefined : path.resolve(scope.cwd, named);
  const folder = abs !== undefined && w.ctx.stat?.(abs)?.isDir === true;
  const files = named === undefined ? TOX_CONFIGS : folder ? TOX_CONFIGS.map((f) => path.join(named, f)) : [named];
  const here = abs === undefined ? scope : { ...scope, cwd: folder ? abs : path.dirname(abs) };
  for (const file of files) {
    const text = w.ctx.readFile(file, scope.cwd);
    noteUnreadScript(file, text, scope, w, 'tox');
    if (text === undefined) continue;
    const base = path.basename(file);
    if (base === 'pyproject.toml' && !/^\[tool\.tox[\].]/m.test(text)) continue;
    if (base === 'setup.cfg' && !/^\[tox:/m.test(text)) continue;
    // The words after `--` stand for `{posargs}`; one known only when the line runs, for a word the shell cannot know.
    const end = p.argv.indexOf('--');
    const posargs =
      end < 0 ? [] : p.argv.slice(end + 1).map((a, k) => (p.dynamic[end + 1 + k] ? RUNTIME_VALUE_WORD : shellWord(a)));
    const inner = posargs.some((a) => a === RUNTIME_VALUE_WORD) ? { ...here, vars: withRuntimeValue(here.vars) } : here;
    return walkCommands(toxCommands(text, posargs.join(' ')), file, inner, w, 'tox');
  }
}

/** Process managers that start every line of a Procfile: `foreman start`, `honcho start`, `heroku local`, `overmind s`. */
const PROCFILE_RUNNERS: Readonly<Record<string, RegExp>> = {
  foreman: /^(?:start|s)$/,
  nf: /^start$/,
  honcho: /^start$/,
  overmind: /^(?:start|s)$/,
  hivemind: /^/,
  heroku: /^local(?::start)?$/,
};

function procfileVerb(prog: string, argv: readonly string[]): string | undefined {
  const verb = Object.prototype.hasOwnProperty.call(PROCFILE_RUNNERS, prog) ? PROCFILE_RUNNERS[prog] : undefined;
  if (!verb || argv.includes('--help') || argv.includes('-h')) return undefined;
  if (prog === 'hivemind') return prog;
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-'))
    i += /^(?:-[fdep]|--procfile|--root|--env|--port)$/.test(argv[i]) ? 2 : 1;
  return verb.test(argv[i] ?? '') ? `${prog} ${argv[i]}` : undefined;
}

/** The Procfile a process manager starts: `-f FILE` / `--procfile FILE`, hivemind's operand, else ./Procfile. */
function readProcfile(via: string, p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const at = argv.findIndex((a) => a === '-f' || a === '--procfile');
  const eq = argv.find((a) => a.startsWith('--procfile='));
  const operand = via === 'hivemind' ? argv.slice(1).find((a) => !a.startsWith('-')) : undefined;
  const file = at > 0 ? argv[at + 1] : (eq?.slice(11) ?? operand ?? 'Procfile');
  if (file === undefined) return;
  if (at > 0 && p.dynamic[at + 1]) return askRunTimeName(w, via, file, 'starts the processes of');
  const text = w.ctx.readFile(file, scope.cwd);
  noteUnreadScript(file, text, scope, w, via);
  if (text !== undefined) walkCommands(procfileCommands(text), file, scope, w, via);
}

/** Cargo subcommands that build, and so run `rustc-wrapper`; those that run what they built through `runner`. */
const CARGO_BUILDS = /^(?:build|b|run|r|test|t|check|c|bench|clippy|doc|d|install|rustc|fix)$/;
const CARGO_RUNS = /^(?:run|r|test|t|bench)$/;
/**
 * cargo's config (`.cargo/config.toml`, the files it includes, `--config FILE`): `[target.…] runner` runs the built
 * program, `[build] rustc-wrapper` every compile.
 */
function readCargoConfig(p: Pending, scope: Scope, w: Walker): void {
  const { sub } = cargoSubcommand(p.argv);
  if (!sub || !CARGO_BUILDS.test(sub)) return;
  readBuildScripts(p, scope, w, `cargo ${sub}`);
  const texts = cargoConfigTexts(p, scope.cwd, scope.cwd, w);
  if (texts === null) {
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `\`cargo ${sub}\` reads a config file (named by --config or included) that cannot be read, so the programs it may run were not judged`,
      ),
    );
    return;
  }
  const keys = CARGO_RUNS.test(sub)
    ? 'runner|linker|rustc-wrapper|rustc-workspace-wrapper|rustc'
    : 'linker|rustc-wrapper|rustc-workspace-wrapper|rustc';
  const setting = new RegExp(String.raw`^\s*(?:${keys})\s*=\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*"|'[^']*')`, 'gm');
  for (const { abs, text } of texts) {
    const file = path.relative(scope.cwd, abs) || abs;
    noteUnreadScript(file, text, scope, w, `cargo ${sub}`);
    const commands: string[] = [];
    for (const m of text.matchAll(setting)) {
      // TOML's basic strings unescape `\"` and `\\`; literal strings are as written.
      const words = [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map(
        (x) => x[1]?.replace(/\\(.)/g, '$1') ?? x[2],
      );
      if (words.length) commands.push(m[1].startsWith('[') ? words.map(shellWord).join(' ') : words[0]);
    }
    walkCommands({ commands: commands.slice(0, 64), pastBound: commands.length > 64 }, file, scope, w, `cargo ${sub}`);
  }
}

/** Packages of one workspace whose build script is read. */
const MAX_PACKAGES = 64;

/**
 * The build scripts cargo compiles and runs before building: build.rs (or `build = "…"`) of the package and of
 * each workspace member (`members = ["crates/*"]`). Read as test code is: a build script writes its output under
 * OUT_DIR, a folder only known at run time, so only what it does to a place named outright is judged.
 */
function readBuildScripts(p: Pending, scope: Scope, w: Walker, via: string): void {
  const seen = new Set<string>();
  for (const dir of cargoPackages(p, scope, w, via)) {
    const own = w.ctx.readFile(path.join(dir, 'Cargo.toml'), scope.cwd);
    const named = own && /^\s*build\s*=\s*"([^"]+\.rs)"/m.exec(own)?.[1];
    const file = path.join(dir, named ?? 'build.rs');
    const text = w.ctx.readFile(file, scope.cwd);
    noteUnreadScript(file, text, scope, w, via);
    if (text !== undefined && text.length <= MAX_SCRIPT_CHARS)
      emitCodeReading('rust', text, p, scope, w, `${via} running ${file}`, seen);
  }
}

/** The package folders a cargo call builds: the manifest's and each workspace member's (`members = ["crates/*"]`). */
export function cargoPackages(p: Pending, scope: Scope, w: Walker, via: string): string[] {
  // `--manifest-path rs/Cargo.toml` or `--manifest-path=rs/Cargo.toml`; `cargo install --path rs` builds rs/Cargo.toml.
  const option = cargoSubcommand(p.argv).sub === 'install' ? /^--(?:manifest-)?path(?:=|$)/ : /^--manifest-path(?:=|$)/;
  // Words after `--` are the program's own, not cargo's.
  const end = p.argv.indexOf('--');
  const at = p.argv.findIndex((a, k) => option.test(a) && (end < 0 || k < end));
  const valueAt = p.argv[at]?.includes('=') === false ? at + 1 : at;
  const named = p.argv[valueAt]?.replace(/^--[\w-]+=/, '');
  const manifest =
    at < 0 ? 'Cargo.toml' : p.argv[at].startsWith('--path') && named ? path.join(named, 'Cargo.toml') : named;
  if (manifest === undefined) return [];
  if (at > 0 && p.dynamic[valueAt]) {
    // A manifest known only at run time: which crate builds, and what it runs, is not known.
    w.addFinding(
      parseFinding('parse.too-complex', 60, `\`${via}\` builds a crate whose manifest is known only at run time`),
    );
    return [];
  }
  // `cargo -C rs run`: cargo enters the folder first, and reads the manifest from there.
  const cd = p.argv.findIndex((a, k) => a === '-C' && (end < 0 || k < end));
  if (cd > 0 && (p.dynamic[cd + 1] || p.argv[cd + 1] === undefined)) {
    w.addFinding(parseFinding('parse.too-complex', 60, `\`${via}\` builds in a folder known only at run time`));
    return [];
  }
  const root = cd > 0 ? path.resolve(scope.cwd, p.argv[cd + 1], path.dirname(manifest)) : path.dirname(manifest);
  const packages = [root];
  const toml = w.ctx.readFile(path.join(root, path.basename(manifest)), scope.cwd);
  const members = toml && /^\s*members\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1];
  for (const member of [...(members ?? '').matchAll(/["']([^"']+)["']/g)].map((m) => m[1]).slice(0, MAX_PACKAGES)) {
    if (!member.endsWith('/*')) packages.push(path.join(root, member));
    else {
      const base = path.join(root, member.slice(0, -2));
      const listed = w.ctx.readdir?.(path.resolve(scope.cwd, base));
      for (const e of listed ?? []) if (e.dir) packages.push(path.join(base, e.name));
    }
  }
  if (packages.length > MAX_PACKAGES) pastBound(w, via, `packages (${MAX_PACKAGES})`);
  return packages.slice(0, MAX_PACKAGES);
}
