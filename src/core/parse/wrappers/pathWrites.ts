// A program put on PATH earlier on the same line (`echo 'rm -rf ~' >
// ~/.local/bin/wipe && wipe`, `cp x bin/ && PATH=$PWD/bin:$PATH x`): the file
// the name then finds may be missing now, or hold other text than what runs.
// The lookup (pathPrograms.ts) takes the line's writes into account: text the
// line writes is read as written, a copy as its source, and a file made in a
// way whose result is not known before the line runs is asked about.
import * as path from 'node:path';
import type { Pending, Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { earlierMakers, namesAnyWord } from './madeOnLine';
import { copied, COPIERS, type Written } from './lineChanges';

/**
 * How the line makes a file before the command runs: `text` written with text it says, `copy` copied from a file
 * named on the line (read where it is now), `unknown` otherwise (a download, an unknown text, a link, a copy of a
 * folder or pattern, a tool writing a file it is given).
 */
export type LineMade = 'text' | 'copy' | 'unknown';

/** The earlier commands on the line that may write a file: none when the command is the line's first. */
export function lineMakers(w: Walker, p: Pending): readonly SimpleCommand[] {
  return w.out.length ? earlierMakers(w, p) : [];
}

/** A link's target is read from the link's folder: only one written as an absolute path is read as the copy's source. */
const LINKERS = /^g?ln$/;

/** How the line makes a file before the command runs, and a copy's source. */
export interface Made {
  how: LineMade;
  from?: string;
}

/** How an earlier command on the line makes `file`, or undefined when none does. */
export function madeAt(file: string, makers: readonly SimpleCommand[], w: Walker): Made | undefined {
  if (w.writtenUnknown.has(file)) return { how: 'unknown' };
  if (w.written.has(file)) return { how: 'text' };
  const dir = path.dirname(file);
  for (const c of makers) {
    const prog = path.basename(c.argv[0] ?? '');
    if (COPIERS.has(prog)) {
      for (const x of copied(c, w.ctx.stat)) {
        if (x.anyName ? x.abs !== dir : x.abs !== file) continue;
        return { how: 'unknown', ...copySource(x, c, prog, file) };
      }
      continue;
    }
    if (namesAnyWord(c, (abs) => abs === file)) return { how: 'unknown' };
  }
  return undefined;
}

/** The source a copy lands at `file` from (`cp x bin/wipe`, `cp x/wipe bin/`), when the line names it plainly. */
function copySource(x: Written, c: SimpleCommand, prog: string, file: string): Made | undefined {
  if (x.anyName || c.dynamic.includes(true)) return undefined;
  const name = path.basename(file);
  const word =
    x.from === undefined ? c.argv.find((a, k) => k > 0 && !a.startsWith('-') && path.basename(a) === name) : undefined;
  const from = x.from ?? (word === undefined ? undefined : path.resolve(c.cwd, word));
  if (from === undefined || (LINKERS.test(prog) && !c.argv.includes(from))) return undefined;
  return { how: 'copy', from };
}
