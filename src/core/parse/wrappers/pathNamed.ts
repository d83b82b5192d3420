// A program run by its path whose last part is a name a pack reads or the
// system's (`./bin/git status`, `tools/rm x`, `./bin/npm test`): the kernel
// runs that file, whatever its name says, and the agent may have written it
// with its edit tool in an earlier call. Judged by the name alone, the file
// would never be read. It is read as its path is (pathScripts.ts), in addition
// to the name's own reading, with the exceptions a name found on PATH has
// (pathShadows.ts): a bin as its package's install left it, a version
// manager's shim, and a link to or copy of the program the name says (a
// virtualenv's `bin/python`).
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { interpreterOf } from '../interpreters';
import { programName } from './common';
import { SYSTEM_PROGRAMS } from './programCopies';
import { SYSTEM_COMMANDS } from './systemCommands';
import { judgedByName } from './pathPrograms';
import { readProgramFile } from './pathShadows';

/**
 * Whether a program word is a path outside the system's folders whose last part is a name a pack reads or the
 * system's: such a file is read here rather than by the reader of paths a name no pack reads goes through.
 */
export function namedPath(raw: string, cwd: string, w: Walker): boolean {
  if (!raw.includes('/')) return false;
  const name = programName(raw);
  if (!SYSTEM_COMMANDS.has(name) && w.claimed?.(name) !== true) return false;
  return !SYSTEM_PROGRAMS.test(path.resolve(cwd, raw));
}

/** Whether two program names are one program (`python` and `python3.12`, a venv's link and what it links to). */
function sameProgram(a: string, b: string): boolean {
  if (a === b) return true;
  const lang = interpreterOf(a);
  return lang !== undefined && lang === interpreterOf(b);
}

/** `./bin/git status`: the file `./bin/git` is read as `./bin/wipe status` is, as well as judged as git's status. */
export function judgeNamedPath(p: Pending, scope: Scope, w: Walker): void {
  const raw = p.argv[0];
  if (p.dynamic[0] || !namedPath(raw, scope.cwd, w)) return;
  const file = path.resolve(scope.cwd, raw);
  if (judgedByName(file, scope, w)) return;
  const name = programName(raw);
  const s: Scope = { ...scope, via: [...scope.via, raw], depth: scope.depth + 1 };
  // A copy of or link to the program the name says (same words, that program's name) is judged by the name already.
  const sameAsName = (next: Pending) =>
    next.argv.length === p.argv.length && sameProgram(programName(next.argv[0]), name);
  readProgramFile(raw, p, s, w, sameAsName);
}
