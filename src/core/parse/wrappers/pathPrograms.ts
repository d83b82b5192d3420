// A program called by a name no pack reads (`wipe`, `pyx`), found on PATH in a
// folder the agent can write: a script appended to `~/.local/bin/wipe`, a link
// `~/.local/bin/pyx` to python3, a file put in `node_modules/.bin`. Putting a
// new name on PATH is a new tool and stays quiet (autorun/shadowing.ts); what
// runs under that name is read here, as `./wipe` or `~/.local/bin/wipe` is
// (pathScripts.ts). A name a pack reads (`git`, `npm`) is judged by its name
// and not looked up: such a name put in a PATH folder asks when it is put
// there (`autorun.path-shadow`), and a lookup for every command of every line
// would cost each of them a look into each PATH folder.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';
import type { SimpleCommand } from '../../types';
import { SYSTEM_PROGRAMS } from './programCopies';
import { SYSTEM_COMMANDS } from './systemCommands';
import { unwrapPathScript } from './pathScripts';
import { unknownSource } from './madeOnLine';
import { lineMakers, madeAt, type Made } from './pathWrites';
import { asInstalled, IN_PACKAGE } from './installedFiles';

/** PATH folders looked in for one name, at most. */
const MAX_FOLDERS = 32;
/** A name as a program is called by it on a line: no slash, no expansion. */
export const PLAIN_NAME = /^[\w.+-]+$/;

/** Runners that put the package's `node_modules/.bin` folders first on PATH for what they run (scripts, `npx x`). */
const PACKAGE_RUNNER = /^(?:npm|pnpm|yarn|bun|npx|pnpx|bunx)\b/;
/** Folders above the working one whose `node_modules/.bin` a runner puts on PATH, at most. */
const MAX_PACKAGE_LEVELS = 8;

/** `node_modules/.bin` of the working folder and the folders above it, nearest first, as npm puts them on PATH. */
function packageBins(cwd: string): string[] {
  const out: string[] = [];
  for (let dir = cwd, n = 0; n < MAX_PACKAGE_LEVELS; n++) {
    out.push(path.join(dir, 'node_modules', '.bin'));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/** Where a name is found on PATH, and how the line makes that file when an earlier command on it does. */
interface Found {
  file: string;
  made?: Made;
}

/**
 * Where a bare name is found on the command's PATH outside the system's folders (the first such folder holding a file
 * of that name, on disk or made earlier on the line). The system's folders are not looked in: the agent cannot write
 * there, and a name that is there too asked when it was put in a folder before them (`autorun.path-shadow`). Each
 * folder is looked in once a line.
 */
function whichOnPath(name: string, p: Pending, scope: Scope, w: Walker): Found | undefined {
  const { pathListing, realpath } = w.ctx;
  if (!pathListing && !realpath) return undefined;
  const folders = userFolders(p.env.PATH ?? '', scope.cwd, p.env.HOME ?? '');
  const first = scope.via.some((v) => PACKAGE_RUNNER.test(v)) ? packageBins(scope.cwd) : [];
  // The line's earlier writes, walked only when it has earlier commands or writes.
  const makers = lineMakers(w, p);
  const writes = makers.length > 0 || w.written.size > 0 || w.writtenUnknown.size > 0;
  for (let i = 0; i < first.length + folders.length && i < MAX_FOLDERS; i++) {
    const dir = i < first.length ? first[i] : folders[i - first.length];
    const file = dir + '/' + name;
    const made = writes ? madeAt(file, makers, w) : undefined;
    if (made) return { file, made };
    // A listing per folder, made once a judgment: a name is missing from almost every folder looked in.
    const there = pathListing ? pathListing(dir)?.has(name) === true : realpath?.(file) !== undefined;
    if (there && w.ctx.stat?.(file)?.isDir !== true)
      return { file, made: writes ? madeThrough(file, makers, w) : undefined };
  }
  return undefined;
}

/**
 * A link found on PATH whose target an earlier command on the line changes (`sed -i … node_modules/x/bin/cli.js &&
 * npx x`): what runs is not what the target holds now.
 */
function madeThrough(file: string, makers: readonly SimpleCommand[], w: Walker): Made | undefined {
  const real = w.ctx.realpath?.(file);
  return real !== undefined && real !== file && madeAt(real, makers, w) ? { how: 'unknown' } : undefined;
}

// Every command of a batch has the same PATH: its folders outside the system's are worked out once.
let lastPath: { key: string; folders: readonly string[] } | undefined;
/**
 * PATH's folders outside the system's, as the shell looks in them: `~/` is the home (an assignment expands it), and
 * a relative folder (`bin`, an empty entry for the working one) is found from the working folder.
 */
function userFolders(value: string, cwd: string, home: string): readonly string[] {
  const key = `${value}\0${cwd}\0${home}`;
  if (lastPath?.key === key) return lastPath.folders;
  const folders = [
    ...new Set(
      knownPath(value, cwd)
        .split(':')
        .slice(0, MAX_FOLDERS * 2)
        .map((d) => pathFolder(d, cwd, home))
        .filter((d): d is string => d !== undefined && !SYSTEM_PROGRAMS.test(d.endsWith('/') ? d : d + '/')),
    ),
  ].slice(0, MAX_FOLDERS);
  lastPath = { key, folders };
  return folders;
}

/** A PATH whose value is known only at run time (`export PATH=$TOOLS/bin:$PATH`): a folder in it is not known. */
function unknownPath(value: string, cwd: string): boolean {
  return /[$`]/.test(knownPath(value, cwd));
}

/** `$(npm bin)` and its kin print the project's `node_modules/.bin`, a folder known before the line runs. */
const PACKAGE_BIN_QUERY = /\$\((?:npm|yarn|pnpm) bin\)|`(?:npm|yarn|pnpm) bin`/g;

/** PATH's value with the reader's run-time marks dropped and the package managers' bin folders put in. */
export function knownPath(value: string, cwd: string): string {
  return value.replace(/\u0001/g, '').replace(PACKAGE_BIN_QUERY, path.join(cwd, 'node_modules', '.bin'));
}

/**
 * The folder the shell looks in for one PATH entry, resolved from the working folder: an empty entry is the working
 * folder, `~` and `~/…` the home (bash expands them when it looks a name up). Undefined for one known only at run
 * time: an expansion, or another user's home (`~bob/bin`).
 */
export function pathFolder(entry: string, cwd: string, home: string): string | undefined {
  const d = entry === '~' || entry.startsWith('~/') ? home + entry.slice(1) : entry;
  return /[$`]|^~/.test(d) ? undefined : path.resolve(cwd, d);
}

/** A version manager's shim is this small: a few lines that hand the call on. */
const MAX_SHIM_CHARS = 2048;
/**
 * The lines of the shims pyenv, rbenv and their kin write for every tool they manage, and nothing else: settings, a
 * debug switch, the program's own name, and the hand-over to the manager's own `exec`, none of them a command of the
 * shim's choosing. A line of any other kind makes the file a script like any other, read as one.
 */
const SHIM_LINES = [
  /^#!\/(?:usr\/)?bin\/(?:env )?(?:ba)?sh$/,
  /^set -e$/,
  /^\[ -n "\$[A-Z]+_DEBUG" \] && set -x$/,
  /^program="\$\{0##\*\/\}"$/,
  /^export [A-Z_]+="[^"$`\\]*"$/,
  /^[A-Z_]+=\$\{0%\/\*\}$/,
  /^if \[\[ \$[A-Z_]+ != "[^"$`\\]*" \]\]; then$/,
  /^ {2}export _[A-Z_]+="\$[A-Z_]+"$/,
  /^fi$/,
  /^exec "\/[^"$`\\]*\/libexec\/(?:pyenv|rbenv|nodenv|goenv|jenv|plenv|phpenv)" exec "\$program" "\$@"$/,
];

/**
 * A version manager's shim (`program="${0##…}"; exec "…/libexec/pyenv" exec "$program" "$@"`): it runs the program
 * its name says, judged by that name, as the call is without the shim. Reading it would read the manager's own
 * scripts for every call of every tool it manages.
 */
function versionManagerShim(file: string, scope: Scope, w: Walker): boolean {
  const text = w.ctx.readFile(file, scope.cwd);
  if (text === undefined || text.length > MAX_SHIM_CHARS || !text.startsWith('#!')) return false;
  for (const line of text.split('\n')) {
    if (line !== '' && !SHIM_LINES.some((re) => re.test(line))) return false;
  }
  return true;
}

/**
 * A bin npm linked from an installed package (`node_modules/.bin/mocha` → `../mocha/bin/mocha.js`) in an
 * interpreter's language, as the install left it: judged by its name, as it was before it was looked up. Reading it
 * would read each tool's own launcher (mocha spawns node with the arguments it computes) for every `npx mocha`. A
 * shell script or a program put there, a bin linked from outside an installed package, and one changed since it was
 * installed, are read.
 */
function installedPackageBin(file: string, scope: Scope, w: Walker): boolean {
  const real = w.ctx.realpath?.(file);
  if (real === undefined || !IN_PACKAGE.test(real)) return false;
  const text = w.ctx.readFile(real, scope.cwd);
  // A compiled program (esbuild's, written by its install script after the install) is judged by its name.
  if (text === undefined ? w.ctx.compiledProgram?.(real) === true : text.slice(0, 1024).includes('\0')) return true;
  if (!asInstalled(real, w)) return false;
  // Too large to read, as installed.
  if (text === undefined) return true;
  return /^#![^\n]*\b(?:node|bun|deno|python[\d.]*|ruby|perl)\b/.test(text.slice(0, 256));
}

/** A version manager's shim, or a bin as its package's install left it: judged by its name, not read. */
export function judgedByName(file: string, scope: Scope, w: Walker): boolean {
  return versionManagerShim(file, scope, w) || installedPackageBin(file, scope, w);
}

/** `wipe ARGS` with `wipe` a file of a PATH folder outside the system's: read as `FOLDER/wipe ARGS` is. */
export function unwrapPathProgram(
  raw: string,
  prog: string,
  p: Pending,
  scope: Scope,
  w: Walker,
): UnwrapStep | undefined {
  if (raw !== prog || p.dynamic[0] || SYSTEM_COMMANDS.has(prog) || !PLAIN_NAME.test(raw)) return undefined;
  if (w.claimed?.(prog) !== false) return undefined;
  const found = whichOnPath(prog, p, scope, w);
  if (found === undefined) {
    // `export PATH=$TOOLS/bin:$PATH && wipe`: where `wipe` is found is known only when the line runs. A script read
    // from disk by its `#!` line that puts its own run-time folder first (pyenv's `PATH="$bin_path:$PATH"` before
    // `pyenv-help`) names that program at run time, as `exec "$JAVACMD"` does, and is left to run time too.
    const value = p.env.PATH ?? '';
    if (!scope.runTimeProgramsQuiet && unknownPath(value, scope.cwd) && !onKnownPath(prog, value, w))
      unknownProgram(prog, value, w);
    return undefined;
  }
  const { file, made } = found;
  if (SYSTEM_PROGRAMS.test(file)) return undefined;
  if (made?.how === 'unknown') {
    unknownSource(w, prog, file, 'a program an earlier command on the line makes, not known before it runs');
    return undefined;
  }
  // What the line writes there is what runs, whatever the disk holds now.
  if (made === undefined && judgedByName(file, scope, w)) return undefined;
  return unwrapPathScript(file, p, scope, w, made?.from);
}

/** Whether a folder of PATH known before the line runs, the system's too, holds the name. */
function onKnownPath(name: string, value: string, w: Walker): boolean {
  const { pathListing, realpath } = w.ctx;
  return value
    .replace(/\u0001/g, '')
    .split(':')
    .filter((d) => d.startsWith('/') && !/[$`]/.test(d))
    .slice(0, MAX_FOLDERS)
    .some((d) => (pathListing ? pathListing(d)?.has(name) === true : realpath?.(d + '/' + name) !== undefined));
}

function unknownProgram(prog: string, value: string, w: Walker): void {
  w.addFinding({
    id: 'parse.too-complex',
    summary: `\`${prog}\` is looked for on a PATH known only when the line runs (${value.replace(/\u0001/g, '').slice(0, 120)}): which program runs was not judged`,
    target: prog,
    severity: 60,
    alternative: 'run the program by its full path, or set PATH to folders named plainly',
  });
}
