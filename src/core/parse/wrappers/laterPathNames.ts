// A command's name put in a folder the line put on PATH, by a command that
// runs after PATH took its new value (`export PATH=$PWD/bin:$PATH; cp /tmp/x
// bin/ls`): a shell that outlives the line runs that file for every later
// `ls`. The folder's programs are read as they are before the line runs
// (laterPath.ts judgeFolder), and the shadow check (packs/autorun/shadowing.ts)
// looks only at the folders of the judge's own PATH, so neither sees it. A new
// name (`go build -o bin/app`) is a new tool and stays quiet, as there; a
// command's name asks, as putting it in `~/.local/bin` does.
import * as path from 'node:path';
import type { Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { copied, COPIERS } from './lineChanges';
import { writesNoFile, WRITE_OPS } from './laterPathFills';
import { SYSTEM_COMMANDS } from './systemCommands';

/** Words of one command looked at, at most. */
const MAX_WORDS = 64;

/** The names a command puts directly in `dir`: its redirections' targets, its copies, words naming a file there. */
function namesPut(dir: string, c: SimpleCommand, w: Walker): string[] {
  const out: string[] = [];
  const inDir = (abs: string) => path.dirname(abs) === dir && out.push(path.basename(abs));
  for (const r of c.redirects) if (WRITE_OPS.has(r.op) && !/[$`]/.test(r.target)) inDir(path.resolve(c.cwd, r.target));
  if (writesNoFile(c)) return out;
  if (COPIERS.has(path.basename(c.argv[0] ?? ''))) {
    for (const x of copied(c, w.ctx.stat)) if (!x.anyName) inDir(x.abs);
    return out;
  }
  // `curl -o bin/ls URL`, `go build -o bin/git`, `dd of=bin/ls`.
  for (let k = 1; k < c.argv.length && k < MAX_WORDS; k++)
    if (!c.dynamic[k]) inDir(path.resolve(c.cwd, c.argv[k].replace(/^-[\w-]+=|^(?:if|of)=/, '')));
  return out;
}

/**
 * Asks for the first command name a later writer puts in `dir`, a folder the line put on PATH. `writers` are the
 * line's commands that ran with the new PATH and may write (undefined: more than are looked at, which asks).
 */
export function judgeLaterNames(dir: string, entry: string, writers: readonly SimpleCommand[] | undefined, w: Walker) {
  if (writers === undefined) {
    later(w, entry, undefined);
    return;
  }
  for (const c of writers) {
    // A program found on the new PATH, read where it is (`ruby bin/rails s` for `rails s`), runs from there.
    if (c.via.some((v) => v.startsWith('PATH '))) continue;
    const name = namesPut(dir, c, w).find((n) => SYSTEM_COMMANDS.has(n) || w.claimed?.(n) === true);
    if (name !== undefined) {
      later(w, entry, name);
      return;
    }
  }
}

function later(w: Walker, entry: string, name: string | undefined): void {
  const shown = entry.slice(0, 120);
  w.addFinding({
    id: name === undefined ? 'parse.too-complex' : 'autorun.path-shadow',
    summary:
      name === undefined
        ? `the line puts ${shown} on PATH and then runs more commands that may write there than are read: the programs the shell's later lines would find there by name were not judged`
        : `the line puts ${shown} on PATH and then puts a file named \`${name}\` there: every later \`${name}\` in this shell runs that file instead`,
    target: name === undefined ? `PATH ${shown}` : `${shown}/${name}`,
    severity: 60,
    alternative: 'give the tool its own name, or run it by its path',
  });
}
