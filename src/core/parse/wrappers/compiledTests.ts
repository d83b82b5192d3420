// The tests a compiled language's test command builds and runs: `go test`
// runs each package's init() and tests, its *_test.go files with the rest;
// `cargo test` (`cargo nextest run`) the #[test] functions of src/ and the
// integration tests of tests/, `cargo bench` the benches of benches/, `cargo
// run` the program of src/ (or examples/ with `--example`), each with the
// targets Cargo.toml places elsewhere (cargoTargets.ts). An agent can write a
// test or a main that deletes the home folder and then run it. The files are found as the tool finds them — Go's package patterns
// (`.`, `./pkg`, `./...`, the module's own import paths), each cargo package
// of the workspace — bounded in folders, files and bytes as the test runners'
// collection is (testFiles.ts): past a bound the call asks. Each file meets
// the cheap look for the words the code readers act on (codeWords.ts) and
// only a file holding one is read, as test code. `go test -c` builds only
// (`-exec` and `-toolexec` are judged as commands: sideCommands.ts).
import * as path from 'node:path';
import type { SimpleCommand } from '../../types';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { mayAct } from '../codeWords';
import { noteUnreadScript, MAX_SCRIPT_CHARS } from './common';
import { earlierMakers, namedBefore, unknownSource } from './madeOnLine';
import { emitCodeReading } from './shells';
import { MAX_TEST_BYTES, MAX_TEST_DIRS, MAX_TEST_FILES, pastBound } from './testFiles';
import { cargoPackages } from './buildFiles';
import { cargoSubcommand } from './cargoConfig';
import { goIgnores } from './goIgnores';
import { askRunTimeName, namedAtRunTime } from './runTimeNames';
import { cargoTargetPaths, MAX_CARGO_TARGETS, targetsRun, type CargoTarget } from './cargoTargets';

/** `go test`'s own and build flags that take the next word as their value (`-run X`, `-tags a,b`). */
export const GO_VALUE_FLAGS = new Set(
  'C o p asmflags buildmode compiler gccgoflags gcflags installsuffix ldflags mod modfile overlay pgo pkgdir tags toolexec coverpkg covermode exec run skip bench benchtime count timeout cpu parallel list coverprofile cpuprofile memprofile memprofilerate blockprofile blockprofilerate mutexprofile mutexprofilefraction outputdir trace shuffle fuzz fuzztime fuzzminimizetime vet'.split(
    ' ',
  ),
);
/**
 * Folders `./...` passes over, as go does: vendored code, test data, names starting with `.` or `_`, and those go.mod's
 * `ignore` names (goIgnores.ts). And a JavaScript project's installed packages, which go walks too unless go.mod
 * ignores them: tens of thousands of folders in a Go and web repository, past the bound on every run (a copy of a
 * modest one, 2,340 folders, cost each `go test ./...` 0.2-0.6 s to walk), and no Go package of its own. A test an
 * agent plants there is the gap this leaves; asking for every `go test ./...` of such a repository is the cost of
 * closing it this way.
 */
export const GO_SKIP = /^(?:vendor|testdata|node_modules|[._].*)$/;
/** Formatters rewrite a package's files as written, layout and imports only: `gofmt -w . && go test ./...`. */
const FORMATTERS = new Set(['gofmt', 'goimports', 'gofumpt', 'rustfmt']);
/** Package patterns of one line read. */
const MAX_PATTERNS = 64;
/** Folders up from the working one looked at for go.mod. */
const MAX_MODULE_DEPTH = 32;

export interface Budget {
  dirs: number;
  files: number;
  bytes: number;
  seen: Set<string>;
  read: Set<string>;
  over: boolean;
}

export function readCompiledTests(prog: string, p: Pending, scope: Scope, w: Walker): void {
  if (prog === 'go' && p.argv[1] === 'test') readGoTest(p, scope, w);
  else if (prog === 'cargo') readCargoTests(p, scope, w);
}

function readGoTest(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const patterns: string[] = [];
  const files: string[] = [];
  let base = scope.cwd;
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-args' || a === '--args') break;
    if (p.dynamic[i]) {
      // A package folder a variable names (`"$D/..."`) is anywhere: not the working folder's tests in its place.
      if (!a.startsWith('-') && namedAtRunTime(a, true)) return askRunTimeName(w, 'go test', a, 'runs the tests of');
      // `go test $(go list ./... | grep -v mocks)`: packages known only at run time, any of those below.
      if (!a.startsWith('-')) patterns.push('./...');
      continue;
    }
    if (!a.startsWith('-')) {
      (a.endsWith('.go') ? files : patterns).push(a);
      continue;
    }
    const [name, joined] = a.replace(/^--?(?:test\.)?/, '').split(/=(.*)/s);
    const value = joined ?? (GO_VALUE_FLAGS.has(name) ? argv[++i] : undefined);
    if (name === 'c' && joined !== 'false') return;
    if (name === 'C' && value !== undefined) {
      // A folder known only at run time: which tests run is not known.
      if (joined === undefined && p.dynamic[i])
        return unknownSource(w, 'go test -C', value, 'a folder known only at run time');
      base = path.resolve(scope.cwd, value);
    }
  }
  const budget: Budget = { dirs: 0, files: 0, bytes: 0, seen: new Set(), read: new Set(), over: false };
  const at = { ...scope, cwd: base };
  if (files.length) {
    readFiles('go', files, p, at, w, 'go test', budget);
    return;
  }
  const named = [...new Set(patterns.length ? patterns : ['.'])];
  if (named.length > MAX_PATTERNS) pastBound(w, 'go test', `packages named (${MAX_PATTERNS})`);
  for (const pattern of named.slice(0, MAX_PATTERNS)) {
    const local = goFolder(pattern, base, w);
    if (!local || budget.over) continue;
    const via = `go test ${pattern}`;
    readFiles('go', packageFiles(local.dir, local.recursive, p, at, w, via, budget), p, at, w, via, budget);
  }
}

/** The folder a Go package pattern names in the workspace, and whether `...` takes those below; none for another module's. */
function goFolder(pattern: string, base: string, w: Walker): { dir: string; recursive: boolean } | undefined {
  const dots = pattern.indexOf('...');
  const recursive = dots !== -1;
  // `./cmd/...` and `./cmd/foo...`: the folder before the dots, and every one below.
  const stem = recursive ? pattern.slice(0, dots).replace(/[^/]*$/, '') || '.' : pattern;
  if (/^(?:\.\.?(?:\/|$)|\/)/.test(stem)) return { dir: path.resolve(base, stem), recursive };
  // An import path of the module the folder belongs to (`example.com/app/pkg`, `all`) is one of its own folders.
  const mod = goModule(base, w);
  if (!mod) return undefined;
  if (pattern === 'all') return { dir: mod.root, recursive: true };
  const name = stem.replace(/\/$/, '');
  if (name === mod.name || name.startsWith(mod.name + '/'))
    return { dir: path.join(mod.root, name.slice(mod.name.length)), recursive };
  return undefined;
}

function goModule(from: string, w: Walker): { root: string; name: string; text: string } | undefined {
  let dir = from;
  for (let k = 0; k < MAX_MODULE_DEPTH; k++) {
    const text = w.ctx.readFile(path.join(dir, 'go.mod'), dir);
    const name = text && /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1];
    if (name) return { root: dir, name, text };
    if (text !== undefined || path.dirname(dir) === dir) return undefined;
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * The Go files of the package folders from `root` (it alone, or with `...` every one below but those go passes over
 * and nested modules); one the line makes or writes into earlier asks, as `go run` does (sourceRuns.ts).
 */
function packageFiles(
  root: string,
  recursive: boolean,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  budget: Budget,
): string[] {
  if (writtenBefore(root, p, scope, w, via)) return [];
  if (!w.ctx.stat?.(root)?.isDir || !w.ctx.readdir) return [];
  const mod = recursive ? goModule(root, w) : undefined;
  const ignored = mod ? goIgnores(mod.text, mod.root) : () => false;
  const dirs: string[] = [root];
  const files: string[] = [];
  for (let q = 0; q < dirs.length; q++) {
    if (++budget.dirs > MAX_TEST_DIRS) return over(w, via, `folders (${MAX_TEST_DIRS})`, budget);
    const entries = w.ctx.readdir(dirs[q]);
    // A folder there that could not be listed (more entries than the guard lists) holds unread tests.
    if (!entries) return over(w, via, `entries in ${path.relative(scope.cwd, dirs[q]) || '.'}`, budget);
    if (q > 0 && entries.some((e) => !e.dir && e.name === 'go.mod')) continue;
    for (const e of entries) {
      const at = path.join(dirs[q], e.name);
      if (!e.dir) {
        if (e.name.endsWith('.go') && !/^[._]/.test(e.name)) files.push(at);
        continue;
      }
      if (!recursive || GO_SKIP.test(e.name) || ignored(at)) continue;
      if (dirs.length >= MAX_TEST_DIRS) return over(w, via, `folders (${MAX_TEST_DIRS})`, budget);
      dirs.push(at);
    }
  }
  return files;
}

/**
 * Whether the line makes `root` (`made` missing now: the folder, or the package folder holding it) or writes
 * into it before the tool runs, asked about when so: what runs is not what is on disk. Formatting (`gofmt -w .`, `cargo fmt`) rewrites files as written.
 */
export function writtenBefore(
  root: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  made = root,
  tree = false,
): boolean {
  const below = (t: string) => t === root || t.startsWith(root + path.sep);
  // What this command's own options and files run (`-exec`, build.rs, .cargo/config.toml) was read just before it.
  const depth = scope.via.length;
  const own = (c: SimpleCommand) => c.via.length > depth && c.via[depth].startsWith(`${p.argv[0]} `);
  const skip = (prog: string) => FORMATTERS.has(prog);
  // In the `&&` chain of a `cd` that failed (bash/builtins.ts) the tool does not run: no folder is made for it. One
  // that may fail (`git clone … sub; cd sub && cargo test`) may enter the folder made.
  const ran = scope.failedCd === undefined || scope.failedCd.maybe === true || scope.failedCd.chain !== w.chain;
  const making = ran && !w.ctx.stat?.(made) && earlierMakers(w, p).some((c) => !own(c));
  if (!making && ![...w.writtenUnknown].some(below) && !namedBefore(w, p, below, root, { skip, own, tree }))
    return false;
  unknownSource(
    w,
    via,
    path.relative(scope.cwd, root) || '.',
    'a package folder an earlier command on the line writes into',
  );
  return true;
}

/** Cargo subcommands that run the crate's code, and the folders each reads by default. */
const CARGO_READS: Readonly<Record<string, readonly string[]>> = {
  test: ['src', 'tests'],
  t: ['src', 'tests'],
  'nextest run': ['src', 'tests'],
  bench: ['src', 'benches'],
  run: ['src'],
  r: ['src'],
};

/** `cargo test`, `cargo t`, `cargo nextest run`, `cargo bench`, `cargo run`: the Rust of each package the build runs. */
function readCargoTests(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  // `cargo +nightly --config x=y -Z flag test`: the toolchain and cargo's own options come first.
  const { at } = cargoSubcommand(argv);
  const sub = argv[at] === 'nextest' && argv[at + 1] === 'run' ? 'nextest run' : argv[at];
  if (sub === undefined || !Object.prototype.hasOwnProperty.call(CARGO_READS, sub)) return;
  // `cargo run --example demo` runs examples/demo.rs; the words after `--` are the program's own.
  const end = argv.indexOf('--', at);
  const example = argv.slice(at, end < 0 ? undefined : end).some((a) => /^--example(?:=|$)/.test(a));
  readCargoCrates(sub, example, p, scope, w, `cargo ${sub}`);
}

/**
 * The Rust of each package a cargo call builds that `sub` runs (`run` for a program built earlier and run by its
 * path: builtPrograms.ts); `p` is the cargo call, whose options name the manifest.
 */
export function readCargoCrates(sub: string, example: boolean, p: Pending, scope: Scope, w: Walker, via: string): void {
  const folders = example ? [...CARGO_READS[sub], 'examples'] : CARGO_READS[sub];
  const budget: Budget = { dirs: 0, files: 0, bytes: 0, seen: new Set(), read: new Set(), over: false };
  for (const pkg of cargoPackages(p, scope, w, via)) {
    const base = path.resolve(scope.cwd, pkg);
    const walked: string[] = [];
    for (const folder of folders) {
      const root = path.resolve(base, folder);
      walked.push(root);
      // A crate's src/ or tests/ missing is no sign the line makes it (most have no tests/); its folder missing is.
      if (writtenBefore(root, p, scope, w, via, base)) continue;
      const files = sourceFiles(root, scope, w, via, budget);
      readFiles('rust', files, p, scope, w, via, budget);
      if (budget.over) return;
    }
    readTargets(base, targetsRun(sub, example), walked, p, scope, w, via, budget);
    if (budget.over) return;
  }
}

/**
 * The targets Cargo.toml places outside the folders read (`[[bin]] path = "tools/x.rs"`): the file, and the folder
 * holding it as its modules are (only the .rs files beside it at the package's top). One outside the package asks.
 */
function readTargets(
  base: string,
  kinds: ReadonlySet<CargoTarget>,
  walked: string[],
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  budget: Budget,
): void {
  const manifest = w.ctx.readFile(path.join(base, 'Cargo.toml'), scope.cwd);
  if (manifest === undefined) return;
  const paths = cargoTargetPaths(manifest.slice(0, MAX_SCRIPT_CHARS), kinds);
  const where = path.relative(scope.cwd, base) || '.';
  if (paths.length > MAX_CARGO_TARGETS) return void over(w, via, `targets in ${where} (${MAX_CARGO_TARGETS})`, budget);
  for (const named of paths) {
    const file = path.resolve(base, named);
    const inside = path.relative(base, file);
    if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) {
      unknownSource(w, via, named, `a target ${where}/Cargo.toml places outside its package folder`);
      continue;
    }
    const dir = path.dirname(file);
    const files = [file];
    if (!walked.some((r) => dir === r || dir.startsWith(r + path.sep))) {
      if (writtenBefore(dir, p, scope, w, via, base)) continue;
      if (dir === base) files.push(...topFiles(base, scope, w, via, budget));
      else {
        walked.push(dir);
        files.push(...sourceFiles(dir, scope, w, via, budget));
      }
    }
    readFiles('rust', files, p, scope, w, via, budget);
    if (budget.over) return;
  }
}

/** The .rs files at a package's top (its build output and other folders left out). */
function topFiles(base: string, scope: Scope, w: Walker, via: string, budget: Budget): string[] {
  if (!w.ctx.readdir) return [];
  const entries = w.ctx.readdir(base);
  if (!entries) return over(w, via, `entries in ${path.relative(scope.cwd, base) || '.'}`, budget);
  return entries.filter((e) => !e.dir && e.name.endsWith('.rs')).map((e) => path.join(base, e.name));
}

/** The .rs files (or those `ext` names) under a folder, bounded. */
export function sourceFiles(
  root: string,
  scope: Scope,
  w: Walker,
  via: string,
  budget: Budget,
  ext = /\.rs$/,
): string[] {
  if (!w.ctx.readdir || !w.ctx.stat?.(root)?.isDir) return [];
  const files: string[] = [];
  const queue = [root];
  for (let q = 0; q < queue.length; q++) {
    if (++budget.dirs > MAX_TEST_DIRS) return over(w, via, `folders (${MAX_TEST_DIRS})`, budget);
    const entries = w.ctx.readdir(queue[q]);
    if (!entries) return over(w, via, `entries in ${path.relative(scope.cwd, queue[q]) || '.'}`, budget);
    for (const e of entries) {
      const at = path.join(queue[q], e.name);
      if (e.dir && queue.length >= MAX_TEST_DIRS) return over(w, via, `folders (${MAX_TEST_DIRS})`, budget);
      if (e.dir) queue.push(at);
      else if (ext.test(e.name)) files.push(at);
    }
  }
  return files;
}

/** Each file read as test code, once the cheap look finds a word the readers act on; past a bound, the call asks. */
export function readFiles(
  lang: 'go' | 'rust' | 'jvm',
  files: readonly string[],
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  budget: Budget,
): void {
  for (const file of files) {
    const abs = path.resolve(scope.cwd, file);
    if (budget.read.has(abs)) continue;
    budget.read.add(abs);
    if (++budget.files > MAX_TEST_FILES) return void over(w, via, `test files (${MAX_TEST_FILES})`, budget);
    const rel = path.relative(scope.cwd, abs) || file;
    const text = w.ctx.readFile(file, scope.cwd);
    noteUnreadScript(rel, text, scope, w, `${via} running ${rel}`);
    if (text === undefined || text.length > MAX_SCRIPT_CHARS) continue;
    budget.bytes += text.length;
    if (budget.bytes > MAX_TEST_BYTES)
      return void over(w, via, `test code (${MAX_TEST_BYTES / 1024 / 1024} MiB)`, budget);
    if (mayAct(lang, text, false)) emitCodeReading(lang, text, p, scope, w, `${via} running ${rel}`, budget.seen);
  }
}

function over(w: Walker, via: string, what: string, budget: Budget): [] {
  if (!budget.over) pastBound(w, via, what);
  budget.over = true;
  return [];
}
