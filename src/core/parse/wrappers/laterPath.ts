// PATH changed in the terminal's own shell (`export PATH=$PWD/bin:$PATH` on a
// line of its own): a shell that outlives the line (a terminal, an agent's
// persistent shell) looks every later bare name up there, while a later line
// is judged with the PATH the judge was given, where `wipe` is found nowhere.
// As a function defined for later lines is judged where it is defined
// (bash/definitions.ts), the programs a folder put on PATH holds are judged
// here as if named now (pathPrograms.ts reads each as it would then). A PATH
// set in a shell of its own (`bash -c`, a script run by path) or for one
// command (`PATH=… make`) ends with it and is not judged this way. A folder an
// earlier command on the line may fill is not what was read (laterPathFills.ts).
import * as path from 'node:path';
import type { SimpleCommand } from '../../types';
import { parseFinding, type Dialect, type Pending, type Scope, type Walker } from '../normalize/scope';
import { arrayKey, ARRAY_SEP } from '../dynamic';
import { knownPath, pathFolder, PLAIN_NAME } from './pathPrograms';
import { earlierWriters, fillsFolder, madeEnvironmentBin } from './laterPathFills';
import { judgeShadowingProgram } from './pathShadows';
import { judgeLaterNames } from './laterPathNames';
import { SYSTEM_PROGRAMS } from './programCopies';
import { SYSTEM_COMMANDS } from './systemCommands';

/** zsh's `path` array, tied to PATH. */
export const ZSH_PATH = arrayKey('path');
/** A folder's entries judged, at most: a larger folder is not read whole. */
const MAX_ENTRIES = 64;
/** New PATH folders looked at, at most. */
const MAX_FOLDERS = 16;
/** `$(go env GOPATH)` prints the Go workspace, known before the line runs: its `bin` is where `go install` puts tools. */
const GO_PATH_QUERY = /\$\(go env GOPATH\)/g;

/**
 * A folder a package manager prints, where it installs tools (`$(yarn global bin)`, `$(npm config get prefix)/bin`,
 * `$(python3 -m site --user-base)/bin`): known only at run time, but an installer's, as `~/.local/bin` is.
 */
const INSTALLER_QUERY =
  /^\$\((?:yarn global bin|npm (?:config get prefix|prefix -g)|python[\d.]* -m site --user-base|brew --prefix|(?:pyenv|rbenv|nodenv) root|go env GOBIN)\)(?:\/bin|\/shims)?\/?$/;

/**
 * The PATH the root scope holds after the line, against the one it held before: the programs of each folder it puts
 * on PATH are judged now. `before` is PATH after the shell's saved state was read, so a terminal's own PATH is not new.
 */
export function judgeLaterPath(w: Walker, scope: Scope, dialect: Dialect, before: string | undefined): void {
  // PowerShell's and cmd's PATH is not read as a list of folders here.
  if (w.reading || dialect === 'pwsh' || dialect === 'cmd') return;
  const array = dialect === 'zsh' ? scope.vars[ZSH_PATH] : undefined;
  // zsh's `path` array is PATH's folders (`path+=(./bin)`); one not read (`path=(./bin $path)`) is a run-time value.
  const after = array !== undefined ? array.split(ARRAY_SEP).join(':') : scope.vars.PATH;
  if (after === undefined || after === before) return;
  // The walk does not tie the array to PATH: the lookups below see its folders before the ones PATH held.
  const vars = array !== undefined ? { ...scope.vars, PATH: `${after}:${before ?? ''}` } : scope.vars;
  const home = scope.vars.HOME ?? w.ctx.home;
  const goPath = (scope.vars.GOPATH ?? '').split(':')[0] || path.join(home, 'go');
  const folder = (entry: string) => pathFolder(entry, scope.cwd, home);
  const known = (value: string) => knownPath(value, scope.cwd).replace(GO_PATH_QUERY, goPath).split(':');
  const old = new Set(
    known(before ?? '')
      .slice(0, MAX_FOLDERS * 4)
      .map(folder),
  );
  // Commands before the change: each command carries the PATH it ran with.
  const ranAfter = (c: SimpleCommand) => c.env.PATH === scope.vars.PATH && c.env[ZSH_PATH] === array;
  const writers = earlierWriters(w, ranAfter);
  // Commands after the change may write there too: a name they put there is found by the shell's later lines. Taken
  // before the folders' programs are judged, which adds commands of theirs to the walk.
  const laterWriters = earlierWriters(w, (c) => !ranAfter(c));
  let looked = 0;
  for (const entry of known(after).slice(0, MAX_FOLDERS * 4)) {
    const dir = folder(entry);
    if (dir !== undefined && (old.has(dir) || SYSTEM_PROGRAMS.test(dir + '/'))) continue;
    if (dir === undefined && INSTALLER_QUERY.test(entry)) continue;
    if (dir === undefined || ++looked > MAX_FOLDERS) {
      unjudged(w, dir === undefined ? 'a folder known only when the line runs' : 'more folders than are read', entry);
      if (dir !== undefined) return;
      continue;
    }
    old.add(dir);
    const fill = writers === undefined ? 'named' : writers.length > 0 ? fillsFolder(dir, writers, w) : undefined;
    if (
      fill === 'named' ||
      (fill === 'maybe' && !toolFolder(dir, home, scope, w) && !madeEnvironmentBin(dir, writers ?? []))
    )
      unjudged(w, 'a folder an earlier command on the line may write programs into', entry);
    judgeFolder(dir, home, { ...scope, vars }, w);
    judgeLaterNames(dir, entry, laterWriters, w);
  }
}

/**
 * The folders whose programs an installer puts there and whose count is its own (a project's `node_modules/.bin`, a
 * virtualenv's `bin`, cargo's, Go's and pip's user folders): one too large to read is left to be judged by each name
 * a later line calls, as a folder on the judge's PATH is.
 */
function toolFolder(dir: string, home: string, scope: Scope, w: Walker): boolean {
  if (/\/(?:node_modules\/\.bin|\.?venv\/bin)$/.test(dir)) return true;
  const gopath = (scope.vars.GOPATH ?? '').split(':').map((g) => path.join(g, 'bin'));
  if (
    [path.join(home, '.cargo/bin'), path.join(home, 'go/bin'), path.join(home, '.local/bin'), ...gopath].includes(dir)
  )
    return true;
  return path.basename(dir) === 'bin' && w.ctx.stat?.(path.join(path.dirname(dir), 'pyvenv.cfg')) !== undefined;
}

function judgeFolder(dir: string, home: string, scope: Scope, w: Walker): void {
  const entries = w.ctx.readdir?.(dir);
  if (entries === undefined || entries.length === 0) {
    // A folder there but not listed is not known. One missing or empty holds nothing yet: what a later line writes
    // there is judged where it is written, and a file made runnable there later is not (`export PATH="$PWD/bin:$PATH"`
    // before a build fills `bin` is everyday, and asking for it would ask for every such line).
    if (entries === undefined && w.ctx.stat?.(dir)?.isDir === true) unjudged(w, 'a folder that cannot be listed', dir);
    return;
  }
  const tool = toolFolder(dir, home, scope, w);
  if (entries.length > MAX_ENTRIES) {
    if (!tool) unjudged(w, `a folder of more than ${MAX_ENTRIES} entries`, dir);
    return;
  }
  const s: Scope = { ...scope, via: [...scope.via, `PATH ${dir}`], depth: scope.depth + 1 };
  for (const e of entries) {
    if (e.dir || !PLAIN_NAME.test(e.name)) continue;
    if (tool && !runnable(path.join(dir, e.name), w)) continue;
    const p: Pending = { argv: [e.name], dynamic: [false], redirects: [], env: s.vars, source: e.name };
    // A name a pack reads, or the system's, is judged by that name where a later line calls it; the file is read too
    // when it comes first on the new PATH (pathShadows.ts).
    if (SYSTEM_COMMANDS.has(e.name) || w.claimed?.(e.name) !== false) judgeShadowingProgram(p, scope, w);
    else w.emit(p, s);
  }
}

/**
 * Whether the shell may run the file by name: one without an execute bit (a virtualenv's `activate` scripts) is
 * skipped by the lookup, unless the line itself writes it (and may make it runnable). Only an installer's folder is
 * read this way: elsewhere a later `chmod +x` would make a file runnable that was never judged.
 */
function runnable(file: string, w: Walker): boolean {
  if (w.written.has(file) || w.writtenUnknown.has(file)) return true;
  const mode = w.ctx.stat?.(file)?.mode;
  return mode === undefined || (mode & 0o111) !== 0;
}

function unjudged(w: Walker, what: string, entry: string): void {
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `the line puts ${what} on PATH for the shell's later lines (${entry.slice(0, 120)}): the programs they would find there by name were not judged`,
      `PATH ${entry.slice(0, 120)}`,
    ),
  );
}
