// A name a pack reads (`git`, `npm`) or the system's (`rm`), found on a PATH the
// line or the shell's saved state changed, in a folder that is not one of the
// judge's own and comes before the folder the name is otherwise found in
// (`export PATH=$PWD/bin:$PATH && git status` runs `bin/git`): what runs is
// that file, whatever the name says. It is read as its path is, in addition to
// the name's own reading. A PATH the judge was given is left to the name alone:
// looking up every name of every line would cost each line a look into each
// folder, and what was put in those folders asked when it was put there.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { SYSTEM_PROGRAMS } from './programCopies';
import { SYSTEM_COMMANDS } from './systemCommands';
import { judgedByName, knownPath, pathFolder, PLAIN_NAME } from './pathPrograms';
import { unwrapPathScript } from './pathScripts';
import { lineMakers, madeAt } from './pathWrites';

/** PATH folders looked in for one name, at most. */
const MAX_FOLDERS = 32;

interface Folders {
  key: string;
  folders: readonly string[];
}

// Every command of a line has the same PATH, and every line of a batch the same starting one: worked out once each.
let lastOwn: Folders | undefined;
let lastLine: Folders | undefined;

/** PATH's folders known before the line runs, in order, resolved from the working folder; run-time ones left out. */
function folders(value: string, cwd: string, home: string, last: Folders | undefined): Folders {
  const key = `${value}\0${cwd}\0${home}`;
  if (last?.key === key) return last;
  const out = knownPath(value, cwd)
    .split(':')
    .slice(0, MAX_FOLDERS * 2)
    .map((d) => pathFolder(d, cwd, home))
    .filter((d): d is string => d !== undefined);
  return { key, folders: [...new Set(out)].slice(0, MAX_FOLDERS) };
}

/** Whether a folder holds the name, as the walk's PATH lookups see it (one listing per folder a judgment). */
function holds(dir: string, name: string, w: Walker): boolean {
  const { pathListing, realpath } = w.ctx;
  const file = dir + '/' + name;
  const there = pathListing ? pathListing(dir)?.has(name) === true : realpath?.(file) !== undefined;
  return there && w.ctx.stat?.(file)?.isDir !== true;
}

/**
 * The file a name a pack reads (or the system's) is found at on the command's PATH, when that PATH is not the judge's
 * own and a folder outside the judge's own holds it first; undefined otherwise.
 */
export function shadowingProgram(p: Pending, scope: Scope, w: Walker): { file: string; made: boolean } | undefined {
  const value = p.env.PATH;
  const name = p.argv[0];
  if (value === undefined || value === w.requestEnv.PATH || p.dynamic[0] || !PLAIN_NAME.test(name)) return undefined;
  // A name no pack reads is read where it is found already (pathPrograms.ts).
  if (!SYSTEM_COMMANDS.has(name) && w.claimed?.(name) !== true) return undefined;
  const home = p.env.HOME ?? w.ctx.home;
  lastOwn = folders(w.requestEnv.PATH ?? '', scope.cwd, home, lastOwn);
  lastLine = folders(value, scope.cwd, home, lastLine);
  const own = lastOwn.folders;
  // `export PATH=$PWD/bin:$PATH; cp /tmp/x bin/ls; ls`: a file an earlier command on the line puts there is found too.
  const makers = lineMakers(w, p);
  const writes = makers.length > 0 || w.written.size > 0 || w.writtenUnknown.size > 0;
  for (const dir of lastLine.folders) {
    const judges = own.includes(dir) || SYSTEM_PROGRAMS.test(dir + '/');
    if (!judges && writes && madeAt(dir + '/' + name, makers, w)) return { file: dir + '/' + name, made: true };
    if (!holds(dir, name, w)) continue;
    return judges ? undefined : { file: dir + '/' + name, made: false };
  }
  return undefined;
}

/**
 * `git status` with `git` found first in a folder the line put on PATH: that file is read, as `bin/wipe status` is.
 * Read here rather than emitted by its path: a path is judged by its name when a pack reads that name (`bin/git`).
 */
export function judgeShadowingProgram(p: Pending, scope: Scope, w: Walker): void {
  const found = shadowingProgram(p, scope, w);
  if (found === undefined || (!found.made && judgedByName(found.file, scope, w))) return;
  const file = found.file;
  readProgramFile(file, p, { ...scope, via: [...scope.via, `PATH ${path.dirname(file)}`], depth: scope.depth + 1 }, w);
}

/**
 * The file a command runs (`p.argv[0]` is its name or path) read as its path is, and what that reading hands on
 * judged, with the name's own reading left to the caller. `skip`: a reading to leave out (the name's own program).
 */
export function readProgramFile(
  file: string,
  p: Pending,
  s: Scope,
  w: Walker,
  skip?: (next: Pending) => boolean,
): void {
  const step = unwrapPathScript(file, { ...p, argv: [file, ...p.argv.slice(1)] }, s, w);
  if (step?.kind === 'command' && skip?.(step.next)) return;
  if (step?.kind === 'command') w.emit(step.next, s);
  else if (step?.kind === 'script') {
    const inner: Scope = {
      ...s,
      vars: step.env ?? p.env,
      runTimeProgramsQuiet: step.runTimeProgramsQuiet ?? s.runTimeProgramsQuiet,
    };
    w.walkText(step.text, inner, step.lenient ?? false, step.dialect ?? 'bash', step.execEnds);
  }
}
