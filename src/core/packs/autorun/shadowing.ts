// A file put in a folder of the user's PATH under the name of a command
// that is already there runs in its place: `cp evil ~/.local/bin/git`,
// `ln -s ./x ~/.local/bin/python3`, `mv x ~/.cargo/bin/cargo` make every
// later `git`, `python3`, `cargo` — the user's, the editor's, the agent's
// own — run that file. A new name (`curl -Lo ~/.local/bin/kubectl …` where
// no kubectl is installed) shadows nothing: it is a new tool, left to the
// other judges. A local build-and-install (`go install ./cmd/git`, `cargo
// install --path .`) is read for the binaries it lands (installedBinaries.ts);
// registry installs (`cargo install ripgrep`, `pipx install`, `npm i -g`) are
// what those folders are for, and are not read here.
import * as path from 'node:path';
import { fileEffects } from '../../effects';
import { landings } from '../../effects/landing';
import { touchOf } from '../../effects/pathTouch';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { plantFinding } from './plantFinding';
import { installedBinaries } from './installedBinaries';

const posix = path.posix;

/** Folders below the home that tool installers and version managers put on PATH. */
const HOME_BIN_DIRS = [
  '.local/bin',
  'bin',
  '.cargo/bin',
  'go/bin',
  '.go/bin',
  '.npm-global/bin',
  '.yarn/bin',
  '.deno/bin',
  '.bun/bin',
  '.volta/bin',
  '.pyenv/shims',
  '.pyenv/bin',
  '.rbenv/shims',
  '.nodenv/shims',
  '.asdf/shims',
  '.local/share/mise/shims',
  '.local/share/pnpm',
  '.nix-profile/bin',
  '.dotnet/tools',
  '.pub-cache/bin',
  '.composer/vendor/bin',
  '.config/composer/vendor/bin',
  '.rye/shims',
  '.proto/bin',
  '.pixi/bin',
];
/** The system's own command folders: a name found there is a command every PATH reaches. */
const SYSTEM_BIN_DIRS = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
  '/opt/homebrew/bin',
];
/** Most PATH entries and landed names read for one command. */
const MAX_PATH_DIRS = 64;
const MAX_NAMES = 64;

function inside(dir: string, p: string): boolean {
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

function pathDirs(cmd: SimpleCommand): readonly string[] {
  return splitPath(cmd.env.PATH ?? '');
}

// Every command of a batch asks the same few questions (one PATH, one home): each answer is worked out once.
const MAX_CACHED = 16;
const splitPaths = new Map<string, readonly string[]>();
function splitPath(value: string): readonly string[] {
  let dirs = splitPaths.get(value);
  if (!dirs) {
    if (splitPaths.size >= MAX_CACHED) splitPaths.clear();
    dirs = value
      .split(':')
      .slice(0, MAX_PATH_DIRS)
      .filter((d) => d.startsWith('/'))
      .map((d) => posix.normalize(d));
    splitPaths.set(value, dirs);
  }
  return dirs;
}

const binDirs = new Map<string, ReadonlySet<string>>();
// The last answer, compared field by field: the same three strings again (a batch's every command) build no key.
let lastBinDirs: { home: string; workspace: string; path: string; dirs: ReadonlySet<string> } | undefined;
/** The folders of the user's own PATH a write can shadow from: the known ones and the PATH's entries below the home. */
function homeBinDirs(cmd: SimpleCommand, ctx: AnalysisContext): ReadonlySet<string> {
  const pathVar = cmd.env.PATH ?? '';
  const last = lastBinDirs;
  if (last && last.home === ctx.home && last.workspace === ctx.workspace && last.path === pathVar) return last.dirs;
  const key = `${ctx.home}\0${ctx.workspace}\0${pathVar}`;
  let out = binDirs.get(key);
  if (!out) {
    if (binDirs.size >= MAX_CACHED) binDirs.clear();
    const dirs = new Set(HOME_BIN_DIRS.map((d) => posix.join(ctx.home, d)));
    for (const d of pathDirs(cmd)) if (inside(ctx.home, d) && d !== ctx.home && !inside(ctx.workspace, d)) dirs.add(d);
    out = dirs;
    binDirs.set(key, out);
  }
  lastBinDirs = { home: ctx.home, workspace: ctx.workspace, path: pathVar, dirs: out };
  return out;
}

/** The paths a command puts files at, written or landed (copies into a folder). */
function placedPaths(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  under: (dir: string) => boolean,
  holds: (dir: string) => boolean,
): string[] {
  const out = new Set<string>();
  // Indexed loops: run for every command, and until V8 optimizes this (most of a batch) each for…of step allocates.
  const effects = fileEffects(cmd, ctx);
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i];
    if (e.kind !== 'write' && e.kind !== 'truncate') continue;
    const t = touchOf(e, cmd.cwd);
    if (t && !t.glob && under(posix.dirname(t.path))) out.add(t.path);
  }
  const landed = landings(cmd, ctx);
  for (let i = 0; i < landed.length; i++) {
    const l = landed[i];
    // An archive extracted over a folder that holds a PATH folder (`tar -xf x.tar -C ~` with `.local/bin/git`).
    if (!under(l.at) && !under(posix.dirname(l.at)) && !holds(l.at)) continue;
    for (const rel of l.entries() ?? ['']) {
      const p = rel ? posix.join(l.at, rel) : l.at;
      if (under(posix.dirname(p))) out.add(p);
      if (out.size >= MAX_NAMES) break;
    }
  }
  const installed = installedBinaries(cmd, ctx);
  for (let i = 0; i < installed.length; i++) {
    // npm's global bin folder is as often a system one (/usr/local/bin) as one below the home.
    const dir = posix.dirname(installed[i]);
    if (under(dir) || SYSTEM_BIN_DIRS.includes(dir) || pathDirs(cmd).includes(dir)) out.add(installed[i]);
  }
  return out.size ? [...out].slice(0, MAX_NAMES) : [];
}

/** A write that puts a file in a home PATH folder under the name of a command on PATH: asks, naming the command. */
export function pathShadowFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (cmd.remote || ctx.windows || !ctx.stat) return [];
  const bins = homeBinDirs(cmd, ctx);
  const holds = (d: string): boolean => {
    for (const b of bins) if (b.startsWith(d.endsWith('/') ? d : d + '/')) return true;
    return false;
  };
  const placed = placedPaths(cmd, ctx, (d) => bins.has(d), holds);
  if (!placed.length) return [];
  const lookIn = [...new Set([...SYSTEM_BIN_DIRS, ...pathDirs(cmd)])];
  for (const p of placed) {
    const name = posix.basename(p);
    if (!name || name === '.' || name === '..') continue;
    const found = lookIn.map((d) => posix.join(d, name)).find((c) => ctx.stat?.(c)?.isFile);
    if (!found) continue;
    const shown = inside(ctx.home, p) ? `~/${posix.relative(ctx.home, p)}` : p;
    const what = found === p ? `replaces ${name}, a command on PATH` : `shadows ${found}`;
    return [
      plantFinding(
        'autorun.path-shadow',
        `${cmd.argv[0]} puts ${shown} in a folder on PATH: it ${what}, so every later \`${name}\` — the user's, the editor's, the agent's — runs this file instead`,
        undefined,
        shown,
        'give the tool its own name, or ask the user to install it',
      ),
    ];
  }
  return [];
}
