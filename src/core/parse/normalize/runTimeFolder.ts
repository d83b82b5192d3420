// A command run in a folder that a `cd` reached by a word known only at run time (`cd "$D" && npm run clean`) reads
// its project files there: package.json's scripts, the Makefile, conftest.py, the script `./build.sh` names. Read in
// the folder the line names, they are whatever sits at `$D` on this disk (nothing), and what the call runs would go
// unread and quiet. A call whose reader looks for a file there is asked about instead, as `npm --prefix "$D" run
// clean` and `rake -C "$D"` are (wrappers/runnerFolders.ts). A call that reads nothing there (`ls`, `rm -rf build`)
// is judged as before: its paths are read as below `$D` (command/paths.ts).
import { ARRAY_SEP, RUN_TIME_CD } from '../dynamic';
import { own } from '../../text/own';
import type { AnalysisContext } from '../../types';
import { parseFinding, type Scope, type Walker } from './scope';

/** The folder a `cd` by a word known only at run time reached (read as a literal folder here), and the word. */
export interface RunTimeFolder {
  at: string;
  word: string;
}

/** The run-time `cd`'s folder and word, when `s` stands in it or below it (a lookup in the scope: cheap). */
export function runTimeFolder(s: Scope): RunTimeFolder | undefined {
  const cd = own(s.vars, RUN_TIME_CD);
  if (cd === undefined) return undefined;
  const [at, word] = cd.split(ARRAY_SEP);
  if (word === undefined || (s.cwd !== at && !s.cwd.startsWith(at + '/'))) return undefined;
  return { at, word };
}

/**
 * Runs `read` (the readers of one command: its wrappers, the file it names) with the shell standing in `folder`, and
 * asks about the command if any of them looked for a file or listed a folder there.
 */
export function readingRunTimeFolder<T>(folder: RunTimeFolder, w: Walker, program: string, read: () => T): T {
  const { at, word } = folder;
  const inside = (p: string) => p === at || p.startsWith(at + '/');
  let seen: string | undefined;
  const outer = w.ctx;
  const resolve = (p: string, cwd: string) => (p.startsWith('/') ? p : `${cwd}/${p}`);
  const watched: AnalysisContext = {
    ...outer,
    readFile: (p, cwd) => {
      if (seen === undefined && inside(resolve(p, cwd))) seen = resolve(p, cwd);
      return outer.readFile(p, cwd);
    },
    ...(outer.readdir && {
      readdir: (dir: string) => {
        if (seen === undefined && inside(dir)) seen = dir;
        return outer.readdir!(dir);
      },
    }),
  };
  w.ctx = watched;
  try {
    return read();
  } finally {
    w.ctx = outer;
    if (seen !== undefined) {
      const file = word + seen.slice(at.length);
      w.addFinding({
        ...parseFinding(
          'parse.too-complex',
          50,
          `\`${program}\` reads ${file} in a folder named only when the line runs (${word}): what it runs there cannot be read first, so a human must look at it`,
          word,
        ),
        alternative: 'name the folder in full (`cd /path/to/project && …`) so its files can be read first',
      });
    }
  }
}
