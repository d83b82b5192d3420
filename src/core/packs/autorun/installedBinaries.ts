// The programs a build-and-install from a local source puts on PATH:
// `go install ./cmd/NAME` (or `.`, named by go.mod's module path) lands NAME
// in GOBIN, GOPATH/bin or ~/go/bin; `cargo install --path DIR` lands each
// binary of DIR's Cargo.toml (`--bin NAME`, the `[[bin]]` names, else the
// package's) in `--root`/bin, CARGO_INSTALL_ROOT/bin, CARGO_HOME/bin or
// ~/.cargo/bin. Read as the files they are, so a binary named like a command
// already on PATH (`go install ./cmd/git`) shadows it as a copy there would.
// `npm link` and `npm i -g ./DIR` link each `bin` of DIR's package.json into
// npm's global bin folder. A named registry package (`cargo install
// ripgrep`, `go install x@latest`, `npm i -g pkg`) is what those folders are
// for, and is left alone.
import * as path from 'node:path';
import { optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, SimpleCommand } from '../../types';

const posix = path.posix;

/** Most binaries read for one install. */
const MAX_BINARIES = 16;

const LOCAL = /^\.\.?(?:\/|$)/;

function abs(p: string, cwd: string, home: string): string {
  const t = p === '~' ? home : p.startsWith('~/') ? posix.join(home, p.slice(2)) : p;
  return posix.resolve(cwd, t);
}

function goBinaries(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const env = cmd.env;
  const gopath = env.GOPATH?.split(':')[0];
  const bin = env.GOBIN || (gopath ? posix.join(gopath, 'bin') : posix.join(ctx.home, 'go/bin'));
  const pkgs = positionals(cmd.argv.slice(2), ['-o', '-p', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile'], 0);
  const out: string[] = [];
  for (const pkg of pkgs.filter((p) => LOCAL.test(p) && !p.includes('...')).slice(0, MAX_BINARIES)) {
    const dir = posix.resolve(cmd.cwd, pkg);
    let name = posix.basename(dir);
    if (dir === posix.resolve(cmd.cwd)) {
      // `go install .`: the binary takes the last element of the module path go.mod names.
      const mod = /^\s*module\s+(\S+)/m.exec(ctx.readFile(posix.join(dir, 'go.mod'), cmd.cwd) ?? '')?.[1];
      name = mod
        ? (mod
            .replace(/\/v\d+$/, '')
            .split('/')
            .pop() ?? name)
        : name;
    }
    out.push(posix.join(abs(bin, cmd.cwd, ctx.home), name));
  }
  return out;
}

function cargoNames(manifest: string): string[] {
  const bins: string[] = [];
  for (const section of manifest.split(/^\s*\[\[bin\]\]\s*$/m).slice(1)) {
    const m = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(section.split(/^\s*\[/m)[0]);
    if (m) bins.push(m[1]);
  }
  if (bins.length) return bins;
  const pkg = /^\s*\[package\]\s*$([\s\S]*?)(?=^\s*\[|$(?![\s\S]))/m.exec(manifest)?.[1] ?? '';
  const name = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(pkg)?.[1];
  return name ? [name] : [];
}

function cargoBinaries(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const src = optionValues(cmd.argv, ['--path'], 2)[0];
  if (src === undefined) return [];
  const env = cmd.env;
  const root =
    optionValues(cmd.argv, ['--root'], 2)[0] ??
    env.CARGO_INSTALL_ROOT ??
    env.CARGO_HOME ??
    posix.join(ctx.home, '.cargo');
  const named = optionValues(cmd.argv, ['--bin'], 2);
  const dir = abs(src, cmd.cwd, ctx.home);
  const names = named.length ? named : cargoNames(ctx.readFile(posix.join(dir, 'Cargo.toml'), cmd.cwd) ?? '');
  return names.slice(0, MAX_BINARIES).map((n) => posix.join(abs(root, cmd.cwd, ctx.home), 'bin', n));
}

const NPM_INSTALL = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
]);
const NPM_LINK = new Set(['link', 'ln']);
/** npm options that take a value as the next word. */
const NPM_VALUED = ['--prefix', '-C', '--workspace', '-w', '--registry', '--userconfig', '--cache', '--tag'];

/** The names a package.json's `bin` gives its programs. */
function npmBinNames(manifest: string | undefined): string[] {
  if (manifest === undefined) return [];
  try {
    const pkg = JSON.parse(manifest) as { name?: unknown; bin?: unknown };
    if (typeof pkg.bin === 'string' && typeof pkg.name === 'string') return [pkg.name.replace(/^@[^/]*\//, '')];
    if (pkg.bin && typeof pkg.bin === 'object') return Object.keys(pkg.bin);
  } catch {
    // Not JSON: npm refuses it too, and installs nothing.
  }
  return [];
}

/**
 * `npm link`, `npm link ../tool`, `npm i -g .`: a package from a local folder, whose `bin` programs npm links into
 * its global bin folder (PREFIX/bin, the prefix from the environment or ~/.npmrc, else where node is installed).
 */
function npmBinaries(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const words = positionals(cmd.argv, NPM_VALUED);
  const sub = words[0] ?? '';
  const global = NPM_LINK.has(sub) || (NPM_INSTALL.has(sub) && cmd.argv.some((a) => a === '-g' || a === '--global'));
  if (!global) return [];
  const specs = words.slice(1).map((w) => w.replace(/^file:/, ''));
  // Without a package named, the working folder's own; a registry name (`npm link lodash`) is not read.
  const dirs = specs.length ? specs.filter((w) => LOCAL.test(w) || w.startsWith('/') || w.startsWith('~/')) : ['.'];
  const env = cmd.env;
  const prefix =
    optionValue(cmd.argv, ['--prefix']) ??
    env.npm_config_prefix ??
    env.NPM_CONFIG_PREFIX ??
    /^\s*prefix\s*=\s*(\S+)\s*$/m.exec(ctx.readFile(posix.join(ctx.home, '.npmrc'), cmd.cwd) ?? '')?.[1] ??
    posix.dirname(posix.dirname(process.execPath));
  const bin = posix.join(abs(prefix, cmd.cwd, ctx.home), 'bin');
  const out: string[] = [];
  for (const d of dirs.slice(0, MAX_BINARIES)) {
    const manifest = ctx.readFile(posix.join(abs(d, cmd.cwd, ctx.home), 'package.json'), cmd.cwd);
    for (const name of npmBinNames(manifest)) if (!name.includes('/')) out.push(posix.join(bin, name));
  }
  return out.slice(0, MAX_BINARIES);
}

/** The paths a local build-and-install puts binaries at; none for any other command. */
export function installedBinaries(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  // Not destructured: asked for every command, and until V8 optimizes this (most of a batch) that walks an iterator.
  const prog = cmd.argv[0];
  const sub = cmd.argv[1];
  if (prog === 'go' && sub === 'install') return goBinaries(cmd, ctx);
  if (prog === 'cargo' && sub === 'install') return cargoBinaries(cmd, ctx);
  if (prog === 'npm') return npmBinaries(cmd, ctx);
  return [];
}
