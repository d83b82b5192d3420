// A JavaScript package installed globally from a local folder links each
// `bin` of its package.json into the package manager's global bin folder:
// `npm link`, `npm i -g ./DIR` or `tools/` (npm reads a word with a slash
// that is no `owner/repo` shorthand as a folder) into PREFIX/bin; `pnpm link
// --global`, `pnpm add -g ./DIR` into PNPM_HOME; `yarn global add
// file:./DIR` and a bare `yarn link` into yarn's PREFIX/bin; `bun link` and
// `bun add -g ./DIR` into ~/.bun/bin. A registry name (`npm i -g typescript`,
// `pnpm link lodash`) is what those folders are for, and is not read.
import * as path from 'node:path';
import { optionValue, positionals } from '../../command/args';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { abs, LOCAL, MAX_BINARIES } from './installPaths';

const posix = path.posix;

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
const LINK = new Set(['link', 'ln']);
const PNPM_INSTALL = new Set(['add', 'install', 'i']);
const BUN_INSTALL = new Set(['add', 'a', 'install', 'i']);
/** Options of each manager that take a value as the next word. */
const NPM_VALUED = [
  '--prefix',
  '-C',
  '--workspace',
  '-w',
  '--registry',
  '--userconfig',
  '--cache',
  '--tag',
  '--location',
];
const PNPM_VALUED = ['--dir', '-C', '--filter', '-F', '--global-dir', '--store-dir', '--registry', '--reporter'];
const YARN_VALUED = ['--prefix', '--cwd', '--global-folder', '--registry', '--cache-folder', '--modules-folder'];
const BUN_VALUED = ['--cwd', '--registry', '--cache-dir', '--backend', '--config', '-c'];

/** The names a package.json's `bin` gives its programs. */
function npmBinNames(manifest: string | undefined): string[] {
  if (manifest === undefined) return [];
  try {
    const pkg = JSON.parse(manifest) as { name?: unknown; bin?: unknown };
    if (typeof pkg.bin === 'string' && typeof pkg.name === 'string') return [pkg.name.replace(/^@[^/]*\//, '')];
    if (pkg.bin && typeof pkg.bin === 'object') return Object.keys(pkg.bin);
  } catch {
    // Not JSON: the manager refuses it too, and installs nothing.
  }
  return [];
}

/**
 * The folder a package spec names, as npm reads one: a path, `file:PATH`, or a word with a slash that is no
 * `owner/repo` GitHub shorthand, URL, scoped name or tarball; undefined for a registry package.
 */
function localDir(spec: string): string | undefined {
  if (spec.startsWith('file:')) return spec.slice(5).replace(/^\/\/(?=\/)/, '');
  if (LOCAL.test(spec) || spec.startsWith('/') || spec.startsWith('~/')) return spec;
  if (!spec.includes('/') || spec.startsWith('@') || spec.includes(':') || spec.includes('@')) return undefined;
  if (/\.(?:tgz|tar\.gz|tar)$/i.test(spec) || /^[^/#]+\/[^/#]+(?:#.*)?$/.test(spec)) return undefined;
  return spec;
}

function globalFlag(argv: readonly string[], env: Record<string, string>): boolean {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-g' || a === '--global' || a === '--location=global') return true;
    if (a === '--location' && argv[i + 1] === 'global') return true;
  }
  return (env.npm_config_global ?? env.NPM_CONFIG_GLOBAL) === 'true';
}

/** What a manager's command links globally: the folders read and the bin folder they link into. */
interface GlobalInstall {
  dirs: string[];
  base: string;
  bin: string;
}

function npmInstall(cmd: SimpleCommand, ctx: AnalysisContext): GlobalInstall | undefined {
  const words = positionals(cmd.argv, NPM_VALUED);
  const sub = words[0] ?? '';
  if (!LINK.has(sub) && !(NPM_INSTALL.has(sub) && globalFlag(cmd.argv, cmd.env))) return undefined;
  const specs = words.slice(1);
  const env = cmd.env;
  const prefix =
    optionValue(cmd.argv, ['--prefix']) ??
    env.npm_config_prefix ??
    env.NPM_CONFIG_PREFIX ??
    /^\s*prefix\s*=\s*(\S+)\s*$/m.exec(ctx.readFile(posix.join(ctx.home, '.npmrc'), cmd.cwd) ?? '')?.[1] ??
    posix.dirname(posix.dirname(process.execPath));
  // Without a package named, the working folder's own.
  const dirs = specs.length ? specs.map(localDir).filter((d) => d !== undefined) : ['.'];
  return { dirs, base: cmd.cwd, bin: posix.join(abs(prefix, cmd.cwd, ctx.home), 'bin') };
}

function pnpmInstall(cmd: SimpleCommand, ctx: AnalysisContext): GlobalInstall | undefined {
  const words = positionals(cmd.argv, PNPM_VALUED);
  const sub = words[0] ?? '';
  const specs = words.slice(1);
  const global = globalFlag(cmd.argv, {});
  // `pnpm link` alone links the working folder's package globally, as `--global` does.
  if (!(LINK.has(sub) && (global || !specs.length)) && !(PNPM_INSTALL.has(sub) && global)) return undefined;
  const env = cmd.env;
  const data = env.XDG_DATA_HOME || posix.join(ctx.home, process.platform === 'darwin' ? 'Library' : '.local/share');
  const bin = env.PNPM_HOME || posix.join(data, 'pnpm');
  const base = abs(optionValue(cmd.argv, ['--dir', '-C']) ?? '.', cmd.cwd, ctx.home);
  const dirs = specs.length ? specs.map(localDir).filter((d) => d !== undefined) : ['.'];
  return { dirs, base, bin: abs(bin, cmd.cwd, ctx.home) };
}

function yarnInstall(cmd: SimpleCommand, ctx: AnalysisContext): GlobalInstall | undefined {
  const words = positionals(cmd.argv, YARN_VALUED);
  let dirs: string[];
  if (words[0] === 'global' && words[1] === 'add')
    dirs = words
      .slice(2)
      .map(localDir)
      .filter((d) => d !== undefined);
  // Yarn 1's `yarn link` in a package links its bins globally; with a name it links into the project.
  else if (words[0] === 'link' && words.length === 1) dirs = ['.'];
  else return undefined;
  const prefix = optionValue(cmd.argv, ['--prefix']) ?? cmd.env.PREFIX ?? posix.join(ctx.home, '.yarn');
  const base = abs(optionValue(cmd.argv, ['--cwd']) ?? '.', cmd.cwd, ctx.home);
  return { dirs, base, bin: posix.join(abs(prefix, cmd.cwd, ctx.home), 'bin') };
}

function bunInstall(cmd: SimpleCommand, ctx: AnalysisContext): GlobalInstall | undefined {
  const words = positionals(cmd.argv, BUN_VALUED);
  const sub = words[0] ?? '';
  let dirs: string[];
  if (BUN_INSTALL.has(sub) && globalFlag(cmd.argv, {}))
    dirs = words
      .slice(1)
      .map(localDir)
      .filter((d) => d !== undefined);
  // `bun link` in a package registers it and links its bins globally; with a name it links into the project.
  else if (sub === 'link' && words.length === 1) dirs = ['.'];
  else return undefined;
  const home = cmd.env.BUN_INSTALL || posix.join(ctx.home, '.bun');
  const base = abs(optionValue(cmd.argv, ['--cwd']) ?? '.', cmd.cwd, ctx.home);
  return { dirs, base, bin: posix.join(abs(home, cmd.cwd, ctx.home), 'bin') };
}

/** The paths a global install or link of a local JavaScript package puts its `bin` programs at. */
export function jsGlobalBinaries(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const prog = cmd.argv[0];
  const found =
    prog === 'npm'
      ? npmInstall(cmd, ctx)
      : prog === 'pnpm'
        ? pnpmInstall(cmd, ctx)
        : prog === 'yarn'
          ? yarnInstall(cmd, ctx)
          : prog === 'bun'
            ? bunInstall(cmd, ctx)
            : undefined;
  if (!found) return [];
  const out: string[] = [];
  for (const d of found.dirs.slice(0, MAX_BINARIES)) {
    const manifest = ctx.readFile(posix.join(abs(d, found.base, ctx.home), 'package.json'), cmd.cwd);
    for (const name of npmBinNames(manifest)) if (!name.includes('/')) out.push(posix.join(found.bin, name));
  }
  return out.slice(0, MAX_BINARIES);
}
