// The programs a build-and-install from a local source puts on PATH:
// `go install ./cmd/NAME` (or `.`, named by go.mod's module path) lands NAME
// in GOBIN, GOPATH/bin or ~/go/bin; `cargo install --path DIR` lands each
// binary of DIR's Cargo.toml (`--bin NAME`, the `[[bin]]` names, else the
// package's) in `--root`/bin, CARGO_INSTALL_ROOT/bin, CARGO_HOME/bin or
// ~/.cargo/bin. Read as the files they are, so a binary named like a command
// already on PATH (`go install ./cmd/git`) shadows it as a copy there would.
// A global install of a local JavaScript package (jsGlobalBins.ts) and a user
// install of a local Python project (pythonBins.ts) are read alike. A named registry package (`cargo install
// ripgrep`, `go install x@latest`, `npm i -g pkg`) is what those folders are
// for, and is left alone.
import * as path from 'node:path';
import { optionValues, positionals } from '../../command/args';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { abs, LOCAL, MAX_BINARIES } from './installPaths';
import { jsGlobalBinaries } from './jsGlobalBins';
import { pythonUserBinaries } from './pythonBins';

const posix = path.posix;

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

/** The paths a local build-and-install puts binaries at; none for any other command. */
export function installedBinaries(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  // Not destructured: asked for every command, and until V8 optimizes this (most of a batch) that walks an iterator.
  const prog = cmd.argv[0];
  const sub = cmd.argv[1];
  // A bare redirection (`> out.txt`) has no program.
  if (prog === undefined) return [];
  if (prog === 'go' && sub === 'install') return goBinaries(cmd, ctx);
  if (prog === 'cargo' && sub === 'install') return cargoBinaries(cmd, ctx);
  if (prog === 'npm' || prog === 'pnpm' || prog === 'yarn' || prog === 'bun') return jsGlobalBinaries(cmd, ctx);
  if (prog === 'uv' || prog.startsWith('p')) return pythonUserBinaries(cmd, ctx);
  return [];
}
