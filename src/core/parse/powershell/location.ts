// Where PowerShell is after a block. The current location is the session's (its runspace's), not a scope's:
// Set-Location / Push-Location inside an `if`, a loop, a `switch`, a `try`, a script block run with `&` or `.`, or a
// called function moves the location for everything after it (`if ($true) { cd ~ }; Remove-Item .bashrc` removes
// ~/.bashrc), and so does `$env:X = …`, which is the process's. Blocks are walked in copies of the scope; their
// location and environment are settled back into the scope that ran them, as bash's compound bodies are
// (bash/compoundState.ts): a body that may not run has what follows read both where it led and where the session
// stayed (walk.ts walkStatements, once a line), and bodies that lead to different folders ask.
import { settleBodies } from '../bash/compoundState';
import type { Scope, Walker } from '../normalize/scope';

/** Control keywords whose bodies are alternatives: at most one of them runs (a `switch` may run more; each is read alone). */
const ALTERNATIVES = new Set(['if', 'switch']);
/** Loops whose body may run no time at all (`do` runs it once at least; `foreach` over a known list is told apart). */
const MAY_SKIP = new Set(['foreach', 'for', 'while', 'switch', 'trap']);
/** Script blocks run by these commands run in another runspace (a job): its location is not this session's. */
const OTHER_RUNSPACE = /^(?:Start-Job|Start-ThreadJob)$/i;

/** Whether the bodies of a control keyword are alternatives, each read from where the session was before it. */
export function alternativeBodies(keyword: string): boolean {
  return ALTERNATIVES.has(keyword);
}

/** Whether none of a control statement's bodies may run (`if` without `else`, a loop, a `switch`, a `trap`). */
export function mayNotRun(keyword: string, hasElse: boolean | undefined, knownItems: number | undefined): boolean {
  if (keyword === 'if') return !hasElse;
  if (keyword === 'foreach' && knownItems !== undefined) return knownItems === 0;
  return MAY_SKIP.has(keyword);
}

/** Whether a script block run `via` a command (none: `&`, `.`, a function) moves this session's location. */
export function sameSession(inner: Scope, outer: Scope, via: string | undefined): boolean {
  return inner.remote === outer.remote && !(via !== undefined && OTHER_RUNSPACE.test(via));
}

/**
 * Settles into `outer` the location and environment the blocks walked in copies of it ended in (`ends`): one of them
 * ran, or (`skippable`) none did. A body that itself may not have run (a nested `if`) hands its "maybe" on.
 */
export function settleBlocks(outer: Scope, ends: readonly Scope[], w: Walker, skippable: boolean): void {
  // The cheap gate: most blocks neither move nor set anything the session keeps.
  if (ends.every((e) => e.cwd === outer.cwd && e.vars === outer.vars && e.failedCd === outer.failedCd)) return;
  const before = { ...outer };
  settleBodies(outer, before, ends, w, skippable);
  if (outer.failedCd === undefined) {
    const nested = ends.find((e) => e.failedCd?.maybe);
    if (nested) outer.failedCd = nested.failedCd;
  }
}
