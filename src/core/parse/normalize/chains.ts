// Which commands of a line run only when an earlier one succeeded: `a && b`
// runs b only after a succeeded, while `a; b`, `a || b`, `a & b`, a newline
// and a pipe stage run b whatever a did. Each pipeline's last command gets the
// number of the `&&` chain it stands in (a new one after `;`, `||`, `&`, a
// newline, `!`, a pipe stage, and inside each compound or text walked on its
// own); a command later on the line in the same chain runs only if the
// earlier one succeeded. What is not known stands in no chain: read as
// running regardless, the careful side.
import type { SimpleCommand } from '../../types';
import type { Pipeline } from '../bash/ast';
import type { Walker } from './scope';

/** A chain number not used before on the line. */
export function newChain(w: Walker): number {
  w.chains = (w.chains ?? 0) + 1;
  return w.chains;
}

/**
 * The chain the last command of an and-or list's pipeline `p` stands in: the one before it when joined by `&&` to a
 * pipeline itself first or joined by `&&`; a new one otherwise (`a || b && c`: c runs when a succeeds, b not run).
 */
export function pipelineChain(w: Walker, pipelines: readonly Pipeline[], p: number, before: number): number {
  return p > 0 && !pipelines[p].or && !pipelines[p - 1].or ? before : newChain(w);
}

/** Remember the chain of a command as it is recorded: in the line's own map, gone with it (a WeakMap set costs more). */
export function noteChain(cmd: SimpleCommand, w: Walker): void {
  if (w.chain !== undefined) (w.chainOf ??= new Map()).set(cmd, w.chain);
}

/**
 * Whether the command being read now runs only if `c`, earlier on the line, succeeded: both in one `&&` chain, `c`
 * run by no wrapper (`find -exec`, `xargs`) whose status may not be its own.
 */
export function runsOnlyAfter(c: SimpleCommand, w: Walker): boolean {
  return w.chain !== undefined && w.chainOf?.get(c) === w.chain && c.via.length === 0;
}

/** Walk text read on its own (another dialect's reader) outside any chain: its commands run regardless. */
export function outsideChains(w: Walker, walk: () => void): void {
  const enclosing = w.chain;
  w.chain = undefined;
  try {
    walk();
  } finally {
    w.chain = enclosing;
  }
}
