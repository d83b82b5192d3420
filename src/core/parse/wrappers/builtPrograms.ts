// A program the line builds from the project and then runs: `cargo build &&
// ./target/debug/app`, `go build -o app . && ./app`, or installs onto PATH to
// run by name, now or on a later call (`cargo install --path .`, `go install
// .`). The compiled file is read by name (pathScripts.ts), and its name says
// nothing: what it does is the crate's or package's code. So it is read as
// `cargo run` and `go run .` read it (compiledTests.ts, sourceRuns.ts). A
// program built to a folder known only at run time is asked about.
import * as path from 'node:path';
import type { SimpleCommand } from '../../types';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { cargoAliased, cargoSubcommand, configTargetDirs } from './cargoConfig';
import { GO_SKIP, GO_VALUE_FLAGS, readCargoCrates } from './compiledTests';
import { unknownSource } from './madeOnLine';
import { readPackage, readSourceRuns } from './sourceRuns';

/** Earlier commands on the line looked at for the build of a program run by its path, at most. */
const MAX_EARLIER = 64;
/** Folders up from a crate looked at for the workspace's `target` folder. */
const MAX_DEPTH = 32;
/** Cargo subcommands that build a program without running it. */
const CARGO_BUILDS = /^(?:build|b)$/;
/** cargo's options that name the folder the build writes its programs into. */
const CARGO_OUT = /^--(?:target-dir|out-dir|artifact-dir)(?:=|$)/;

/** A value set outside the line's text or only at run time (`CARGO_TARGET_DIR=$OUT`). */
const unknownValue = (v: string) => /[$`\u0001]/.test(v);

/** `cargo install --path DIR`, `go install ./cmd/x`: the program installed is read as `cargo run` / `go run` read it. */
export function readInstalls(prog: string, p: Pending, scope: Scope, w: Walker): void {
  if (prog === 'cargo') {
    const { sub } = cargoSubcommand(p.argv);
    const at = p.argv.findIndex((a) => /^--path(?:=|$)/.test(a));
    // `cargo install ripgrep` builds a crate of the registry, not one of the project.
    if (sub === 'install' && at > 0) readCargoCrates('run', false, p, scope, w, 'cargo install --path');
    return;
  }
  if (prog !== 'go' || p.argv[1] !== 'install') return;
  const go = goCall({ ...p, cwd: scope.cwd });
  if (go === undefined) return;
  for (const pkg of go.packages) {
    // `go install example.com/x@latest` fetches a module; `./...` many packages, left to the tool.
    if (!/^\.\.?(?:\/|$)/.test(pkg) || pkg.includes('...')) continue;
    readPackage(path.resolve(go.base, pkg), p, scope, w, `go install ${pkg}`);
  }
  if (!go.packages.length && go.files.length)
    readSourceRuns('go', { ...p, argv: ['go', 'run', ...go.files], dynamic: [] }, { ...scope, cwd: go.base }, w);
}

/**
 * `./target/debug/app` after `cargo build`, `./app` after `go build -o app .`: the code of the crate or package an
 * earlier command on the line builds it from, read as run. Gated on an earlier `cargo` or `go` call.
 */
export function readBuiltProgram(raw: string, p: Pending, scope: Scope, w: Walker): void {
  const abs = path.resolve(scope.cwd, raw);
  const out = w.out;
  for (let i = out.length - 1; i >= 0 && i >= out.length - MAX_EARLIER; i--) {
    const c = out[i];
    const prog = path.basename(c.argv[0] ?? '');
    if (c.source === p.source || c.remote || c.dynamic[0]) continue;
    if (prog === 'cargo') builtByCargo(abs, raw, c, p, scope, w);
    else if (prog === 'go' && c.argv[1] === 'build') builtByGo(abs, raw, c, p, scope, w);
  }
}

function builtByCargo(abs: string, raw: string, built: SimpleCommand, p: Pending, scope: Scope, w: Walker): void {
  // `cargo b2 && ./target/debug/app` with `[alias] b2 = "build"`: the build the alias stands for.
  const c = cargoAliased(built, { ...scope, cwd: built.cwd }, w);
  if (c === undefined) return;
  const { sub, at } = cargoSubcommand(c.argv);
  if (sub === undefined || !CARGO_BUILDS.test(sub)) return;
  const via = `${raw} (built by cargo ${sub})`;
  const end = c.argv.indexOf('--');
  const words = c.argv.slice(0, end < 0 ? undefined : end);
  const cd = words.indexOf('-C');
  if (cd > 0 && cd < at && (c.dynamic[cd + 1] || words[cd + 1] === undefined)) return;
  const base = cd > 0 && cd < at ? path.resolve(c.cwd, words[cd + 1]) : c.cwd;
  // Where the build writes its programs: the options' folders, CARGO_TARGET_DIR, else `target` beside the manifest
  // or the workspace's above it.
  const dirs: string[] = [];
  for (let k = at + 1; k < words.length; k++) {
    if (!CARGO_OUT.test(words[k])) continue;
    const joined = words[k].includes('=');
    const value = joined ? words[k].slice(words[k].indexOf('=') + 1) : words[k + 1];
    if (value === undefined || c.dynamic[joined ? k : k + 1] || unknownValue(value))
      return unknownSource(w, raw, raw, `a program \`cargo ${sub}\` builds into a folder known only at run time`);
    dirs.push(path.resolve(base, value));
  }
  const env = c.env.CARGO_TARGET_DIR;
  // `[build] target-dir` of cargo's config, CARGO_BUILD_TARGET_DIR.
  const configured = configTargetDirs(c, c.cwd, base, w);
  if ((env !== undefined && unknownValue(env)) || configured === null)
    return unknownSource(w, raw, raw, `a program \`cargo ${sub}\` builds into a folder known only at run time`);
  dirs.push(...configured);
  const inside = (dir: string) => abs.startsWith(dir + path.sep);
  let hit = dirs.some(inside) || (env !== undefined && inside(path.resolve(base, env)));
  if (!hit && env === undefined) {
    const mp = words.findIndex((a) => /^--manifest-path(?:=|$)/.test(a));
    const manifest = mp < 0 ? 'Cargo.toml' : (words[mp].split('=')[1] ?? words[mp + 1] ?? 'Cargo.toml');
    let dir = path.resolve(base, path.dirname(manifest));
    for (let k = 0; k < MAX_DEPTH && !hit; k++, dir = path.dirname(dir)) {
      hit = inside(path.join(dir, 'target'));
      if (path.dirname(dir) === dir) break;
    }
  }
  if (!hit) return;
  const example = abs.split(path.sep).includes('examples');
  readCargoCrates('run', example, { ...p, argv: c.argv, dynamic: c.dynamic }, { ...scope, cwd: c.cwd }, w, via);
}

interface GoCall {
  base: string;
  output?: string;
  /** `-o bin/`: the folder the program is written into, under its own name. */
  intoFolder?: boolean;
  packages: string[];
  files: string[];
}

/** The folder, output, packages and files of `go build` / `go install`; undefined when one is known only at run time. */
function goCall(c: Pick<SimpleCommand, 'argv' | 'dynamic' | 'cwd'>): GoCall | undefined {
  const call: GoCall = { base: c.cwd, packages: [], files: [] };
  for (let i = 2; i < c.argv.length; i++) {
    const a = c.argv[i];
    if (!a.startsWith('-')) {
      if (c.dynamic[i]) return undefined;
      (a.endsWith('.go') ? call.files : call.packages).push(a);
      continue;
    }
    const [name, joined] = a.replace(/^--?/, '').split(/=(.*)/s);
    let value = joined;
    let valueAt = i;
    if (joined === undefined && GO_VALUE_FLAGS.has(name)) value = c.argv[(valueAt = ++i)];
    if ((name === 'C' || name === 'o') && (value === undefined || c.dynamic[valueAt])) return undefined;
    if (name === 'C') call.base = path.resolve(c.cwd, value as string);
    if (name === 'o') [call.output, call.intoFolder] = [value, value?.endsWith('/')];
  }
  if (call.output !== undefined) call.output = path.resolve(call.base, call.output);
  if (!call.packages.length && !call.files.length) call.packages.push('.');
  return call;
}

function builtByGo(abs: string, raw: string, c: SimpleCommand, p: Pending, scope: Scope, w: Walker): void {
  const go = goCall(c);
  if (go === undefined) {
    // `go build -o "$OUT" .`: whether it wrote the file run is known only at run time.
    if (!w.ctx.stat?.(abs))
      unknownSource(w, raw, raw, 'a program `go build` may build where the line says only at run time');
    return;
  }
  const { base, output } = go;
  const named = (pkg: string) => path.basename(abs) === goProgramName(path.resolve(base, pkg), w);
  const hit =
    output !== undefined
      ? abs === output ||
        (path.dirname(abs) === output && (go.intoFolder === true || w.ctx.stat?.(output)?.isDir === true))
      : path.dirname(abs) === base &&
        (go.files.length
          ? path.basename(abs) === path.basename(go.files[0], '.go')
          : go.packages.some((pkg) => pkg.includes('...') || named(pkg)));
  if (!hit) return;
  const via = `${raw} (built by go build)`;
  if (go.files.length)
    return readSourceRuns('go', { ...p, argv: ['go', 'run', ...go.files], dynamic: [] }, { ...scope, cwd: base }, w);
  for (const pkg of go.packages) {
    if (!/^\.\.?(?:\/|$)/.test(pkg)) continue;
    if (!pkg.includes('...')) readPackage(path.resolve(base, pkg), p, scope, w, via);
    // `go build -o bin/ ./cmd/...`: the package under the pattern's folder the program is named after; with `-o app`
    // naming the file, the one package the pattern matches, any of them.
    else
      for (const dir of goPackagesNamed(pkg, base, abs === output ? undefined : path.basename(abs), raw, w))
        readPackage(dir, p, scope, w, via);
  }
}

/** Folders below a `...` pattern's stem looked at for the package a program is built from; past it the call asks. */
const MAX_GO_DIRS = 256;

/** The folders a `./cmd/...` pattern matches whose program is named `name` (any, when undefined); bounded. */
function goPackagesNamed(pattern: string, base: string, name: string | undefined, raw: string, w: Walker): string[] {
  const root = path.resolve(base, pattern.slice(0, pattern.indexOf('...')).replace(/[^/]*$/, '') || '.');
  const found: string[] = [];
  const dirs = [root];
  for (let q = 0; q < dirs.length; q++) {
    const entries = w.ctx.readdir?.(dirs[q]);
    if (entries === undefined && q === 0 && !w.ctx.stat?.(root)) return [];
    if (entries === undefined || dirs.length > MAX_GO_DIRS) {
      unknownSource(w, raw, raw, 'a program `go build` builds from a package of more folders than AgentGuard reads');
      return [];
    }
    // A nested module is no part of the pattern.
    if (q > 0 && entries.some((e) => !e.dir && e.name === 'go.mod')) continue;
    const program = q === 0 ? goProgramName(root, w) : path.basename(dirs[q]);
    if (entries.some((e) => !e.dir && e.name.endsWith('.go')) && (name === undefined || program === name))
      found.push(dirs[q]);
    for (const e of entries) if (e.dir && !GO_SKIP.test(e.name)) dirs.push(path.join(dirs[q], e.name));
  }
  return found;
}

/** The name `go build` gives a package's program: its module path's last element at a module's root, else its folder's. */
function goProgramName(dir: string, w: Walker): string {
  const mod = /^\s*module\s+"?([^\s"]+)"?/m.exec(w.ctx.readFile(path.join(dir, 'go.mod'), dir) ?? '')?.[1];
  if (mod === undefined) return path.basename(dir);
  const parts = mod.split('/');
  // `example.com/tool/v2` builds `tool`.
  const last = parts.length > 1 && /^v\d+$/.test(parts[parts.length - 1]) ? parts[parts.length - 2] : parts.pop();
  return last ?? path.basename(dir);
}
