// Which Taskfile a `task` call runs: the one `--taskfile` names (a file, or a folder holding one), the first found
// from `--dir` or the working folder upwards as Task walks, or with `--global` the home folder's. Task runs the
// tasks from the folder of the Taskfile found, so the file's place is what every line is read from.
import * as path from 'node:path';
import type { Scope, Walker } from './normalize/scope';
import { MAX_UP } from './recipes';
import { taskfileIn } from './taskfile';

/** Options of Task's that take a value (Task's CLI reference): their values are not task names. */
export const TASK_VALUED = [
  '-t',
  '--taskfile',
  '-d',
  '--dir',
  '-o',
  '--output',
  '-c',
  '--color',
  '-C',
  '--concurrency',
  '-I',
  '--interval',
  '--output-group-begin',
  '--output-group-end',
  '--sort',
];

/** Options with which Task runs no task, though it still computes the Taskfile's variables. */
export const TASK_LOOKS = new Set(['--dry', '-n', '--list', '-l', '--list-all', '-a', '--summary', '--json']);

/** The value of an option given as `-t F`, `-tF`, `-t=F`, `--taskfile F` or `--taskfile=F`; the last one counts. */
function optionValue(argv: readonly string[], short: string, long: string): string | undefined {
  let value: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === short || a === long) value = argv[++i];
    else if (a.startsWith(`${long}=`)) value = a.slice(long.length + 1);
    else if (a.startsWith(short) && !a.startsWith('--')) value = a.slice(short.length).replace(/^=/, '');
  }
  return value;
}

/** The Taskfile a `task` call runs; undefined when there is none (Task stops), empty text when it is read from stdin. */
export function findTaskfile(
  argv: readonly string[],
  scope: Scope,
  w: Walker,
): { file: string; text: string } | undefined {
  const dir = optionValue(argv, '-d', '--dir');
  const file = optionValue(argv, '-t', '--taskfile');
  const home = argv.includes('-g') || argv.includes('--global') ? scope.vars.HOME : undefined;
  const base = path.resolve(scope.cwd, home ?? dir ?? '.');
  // `--taskfile -` reads the Taskfile from stdin, which is not read here: an empty text, read as unreadable.
  if (file === '-') return { file: path.join(base, 'stdin'), text: '' };
  const read = (f: string): string | undefined => w.ctx.readFile(f, scope.cwd);
  if (file !== undefined) return taskfileIn(path.resolve(base, file), read);
  let at = base;
  for (let k = 0; k < MAX_UP; k++) {
    const found = taskfileIn(at, read, false);
    if (found) return found;
    if (at === w.ctx.workspace || at === path.dirname(at)) break;
    at = path.dirname(at);
  }
  return undefined;
}
