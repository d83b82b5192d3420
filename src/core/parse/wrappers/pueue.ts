// pueue, a queue of commands a daemon runs later: what it is handed is judged now, as the line it becomes.
import type { Pending, Walker } from '../normalize/scope';
import { joinForShell, skipOptions, type UnwrapStep } from './common';
import { scriptOrDynamic } from './shells';
import { chdirValue } from './runners';

/**
 * `pueue add CMD…`: the daemon runs the words later, joined with spaces, through a shell, in the folder
 * `--working-directory` names (else this one). Options before `add` are pueue's own (`-c CONFIG`, `-p PROFILE`).
 */
export function unwrapPueue(p: Pending, w: Walker): UnwrapStep | undefined {
  const at = skipOptions(p.argv, 1, ['-c', '--config', '-p', '--profile']);
  if (p.argv[at] !== 'add') return undefined;
  const values = ['-d', '--delay', '-g', '--group', '-a', '--after', '-o', '--priority', '-l', '--label'];
  const i = skipOptions(p.argv, at + 1, [...values, '-w', '--working-directory']);
  const cwd = chdirValue(p.argv.slice(at, i), ['-w', '--working-directory']);
  if (i >= p.argv.length) return undefined;
  // Words known only at run time (`pueue add "$CMD"`) are code no one can read now, as eval's are.
  return { ...scriptOrDynamic(p, joinForShell(p.argv.slice(i)), 'pueue', w), ...(cwd ? { cwd } : {}) };
}
