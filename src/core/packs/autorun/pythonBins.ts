// A Python project installed from a local folder for the user puts its
// scripts on PATH: `pip install --user DIR` (pip3, `python3 -m pip`) into
// PYTHONUSERBASE/bin or ~/.local/bin; `pipx install DIR` into PIPX_BIN_DIR or
// ~/.local/bin; `uv tool install DIR` (or `--from DIR`) into UV_TOOL_BIN_DIR,
// XDG_BIN_HOME or ~/.local/bin. The names are pyproject.toml's
// `[project.scripts]`, `[project.gui-scripts]` and `[tool.poetry.scripts]`,
// and setup.cfg's `console_scripts` and `gui_scripts`. A registry name
// (`pipx install ruff`) and pip without `--user` (a virtualenv's own bin)
// are not read.
import * as path from 'node:path';
import { optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { abs, LOCAL, MAX_BINARIES } from './installPaths';
import { childrenOf, tomlKeys } from '../../parse/tomlTasks';

const posix = path.posix;

/** Options of each installer that take a value as the next word. */
const PIP_VALUED = [
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--src',
  '--python',
  '--python-version',
  '--platform',
  '--implementation',
  '--abi',
  '--no-binary',
  '--only-binary',
  '--upgrade-strategy',
  '-C',
  '--config-settings',
  '--trusted-host',
  '--proxy',
  '--cache-dir',
  '--log',
  '--cert',
  '--report',
];
const PIPX_VALUED = ['--suffix', '--python', '--pip-args', '-i', '--index-url', '--spec', '--preinstall', '--backend'];
const UV_VALUED = [
  '--from',
  '--with',
  '-w',
  '--with-requirements',
  '--with-editable',
  '-p',
  '--python',
  '--index',
  '--default-index',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-c',
  '--constraints',
  '--overrides',
  '-C',
  '--config-setting',
  '--directory',
  '--project',
  '--config-file',
  '--cache-dir',
];
/** The tables of pyproject.toml whose keys name the scripts an install puts on PATH. */
const SCRIPT_TABLES = new Set(['project.scripts', 'project.gui-scripts', 'tool.poetry.scripts']);
const SCRIPT_KEYS = new Set(['console_scripts', 'gui_scripts']);

/** The folder a requirement names on disk (`.`, `./x[cli]`, `tools/x`, `file:///abs`); undefined for a package name or URL. */
function localDir(spec: string): string | undefined {
  const s = spec.replace(/\[[^\]]*\]$/, '');
  if (s.startsWith('file://')) return s.slice(7) || undefined;
  if (LOCAL.test(s) || s.startsWith('/') || s.startsWith('~/')) return s;
  return s.includes('/') && !s.includes(':') && !s.includes('@') ? s : undefined;
}

function keyOf(line: string): string | undefined {
  const eq = line.indexOf('=');
  if (eq <= 0) return undefined;
  const key = line
    .slice(0, eq)
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2');
  return key && !/[\s#;/[]/.test(key) ? key : undefined;
}

/** Script names of pyproject.toml's script tables, written as tables or inline (`scripts = { … }` in `[project]`). */
function tomlScriptNames(text: string): string[] {
  const keys = tomlKeys(text);
  const out: string[] = [];
  for (const table of SCRIPT_TABLES) out.push(...childrenOf(keys, table + '.'));
  return out.slice(0, MAX_BINARIES);
}

/** Script names of setup.cfg's `[options.entry_points]` console_scripts and gui_scripts (one a line, `name = mod:fn`). */
function cfgScriptNames(text: string): string[] {
  const out: string[] = [];
  let section = '';
  let inKey = false;
  for (const line of text.split('\n')) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1].trim();
      inKey = false;
      continue;
    }
    if (section !== 'options.entry_points' || !line.trim() || /^\s*[#;]/.test(line)) continue;
    let entry = line;
    if (!/^\s/.test(line)) {
      const eq = line.indexOf('=');
      inKey = eq > 0 && SCRIPT_KEYS.has(line.slice(0, eq).trim());
      entry = eq > 0 ? line.slice(eq + 1) : '';
    }
    const key = inKey ? keyOf(entry) : undefined;
    if (key) out.push(key);
    if (out.length >= MAX_BINARIES) break;
  }
  return out;
}

function scriptNames(dir: string, cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const pyproject = ctx.readFile(posix.join(dir, 'pyproject.toml'), cmd.cwd);
  const cfg = ctx.readFile(posix.join(dir, 'setup.cfg'), cmd.cwd);
  return [...(pyproject ? tomlScriptNames(pyproject) : []), ...(cfg ? cfgScriptNames(cfg) : [])];
}

/** What an install puts on PATH: the folders read, where from, the bin folder, and pipx's `--suffix`. */
interface UserInstall {
  dirs: string[];
  base: string;
  bin: string;
  suffix?: string;
}

function pipInstall(cmd: SimpleCommand, ctx: AnalysisContext, start: number): UserInstall | undefined {
  const argv = cmd.argv;
  const env = cmd.env;
  const user = argv.includes('--user') || /^(?:1|true|yes|on)$/i.test(env.PIP_USER ?? '');
  // A virtualenv refuses `--user`; `--target`, `--prefix` and `--root` put the scripts elsewhere.
  if (!user || env.VIRTUAL_ENV || optionValue(argv, ['-t', '--target', '--prefix', '--root'], start) !== undefined) {
    return undefined;
  }
  const words = positionals(argv, PIP_VALUED, start);
  if (words[0] !== 'install') return undefined;
  const specs = [...words.slice(1), ...optionValues(argv, ['-e', '--editable'], start)];
  const base = env.PYTHONUSERBASE || posix.join(ctx.home, '.local');
  return { dirs: localDirs(specs), base: cmd.cwd, bin: posix.join(abs(base, cmd.cwd, ctx.home), 'bin') };
}

function pipxInstall(cmd: SimpleCommand, ctx: AnalysisContext): UserInstall | undefined {
  const words = positionals(cmd.argv, PIPX_VALUED);
  if (words[0] !== 'install') return undefined;
  const spec = optionValue(cmd.argv, ['--spec']);
  const specs = spec === undefined ? words.slice(1) : [spec];
  const bin = cmd.argv.includes('--global')
    ? cmd.env.PIPX_GLOBAL_BIN_DIR || '/usr/local/bin'
    : cmd.env.PIPX_BIN_DIR || posix.join(ctx.home, '.local/bin');
  const suffix = optionValue(cmd.argv, ['--suffix']);
  return { dirs: localDirs(specs), base: cmd.cwd, bin: abs(bin, cmd.cwd, ctx.home), suffix };
}

function uvToolInstall(cmd: SimpleCommand, ctx: AnalysisContext): UserInstall | undefined {
  const words = positionals(cmd.argv, UV_VALUED);
  if (words[0] !== 'tool' || words[1] !== 'install') return undefined;
  const from = optionValue(cmd.argv, ['--from']);
  const specs = from === undefined ? words.slice(2, 3) : [from];
  const env = cmd.env;
  const bin =
    env.UV_TOOL_BIN_DIR ||
    env.XDG_BIN_HOME ||
    (env.XDG_DATA_HOME ? posix.join(env.XDG_DATA_HOME, '../bin') : posix.join(ctx.home, '.local/bin'));
  const base = abs(optionValue(cmd.argv, ['--directory']) ?? '.', cmd.cwd, ctx.home);
  return { dirs: localDirs(specs), base, bin: abs(bin, cmd.cwd, ctx.home) };
}

function localDirs(specs: readonly string[]): string[] {
  return specs.map(localDir).filter((d) => d !== undefined);
}

const PIP = /^pip(?:3(?:\.\d+)?)?$/;
const PYTHON = /^python(?:3(?:\.\d+)?)?$/;

/** The paths a user install of a local Python project puts its scripts at; none for any other command. */
export function pythonUserBinaries(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const argv = cmd.argv;
  const prog = argv[0];
  const found =
    prog === 'pipx'
      ? pipxInstall(cmd, ctx)
      : prog === 'uv'
        ? uvToolInstall(cmd, ctx)
        : PIP.test(prog)
          ? pipInstall(cmd, ctx, 1)
          : PYTHON.test(prog) && argv[1] === '-m' && argv[2] === 'pip'
            ? pipInstall(cmd, ctx, 3)
            : undefined;
  if (!found) return [];
  const out: string[] = [];
  for (const d of found.dirs.slice(0, MAX_BINARIES)) {
    for (const name of scriptNames(abs(d, found.base, ctx.home), cmd, ctx)) {
      out.push(posix.join(found.bin, name + (found.suffix ?? '')));
    }
  }
  return out.slice(0, MAX_BINARIES);
}
