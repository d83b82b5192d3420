// One process's line of /proc/PID/stat, split: the one reader of it for the lock holder, the editor's peer check
// and the service's approval check.
import * as fs from 'node:fs';

/**
 * The fields of /proc/PID/stat after the command name, so field N (man 5 proc, counted from 1) is at index N - 3:
 * state 0, parent 1, session 3, start time 19. 'gone' when there is no such process; undefined when it cannot be read.
 */
export function procStatFields(pid: number): string[] | 'gone' | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces and parentheses: the fields after the last.
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}
