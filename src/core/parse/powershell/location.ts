// Where PowerShell is after a block. The current location is the session's (its runspace's), not a scope's:
// Set-Location / Push-Location inside an `if`, a loop, a `switch`, a `try`, a script block run with `&` or `.`, or a
// called function moves the location for everything after it (`if ($true) { cd ~ }; Remove-Item .bashrc` removes
// ~/.bashrc), and so does `$env:X = …`, which is the process's. Blocks are walked in copies of the scope; their
// location and environment are settled back into the scope that ran them, as bash's compound bodies are
// (bash/compoundState.ts): a body that may not run has what follows read both where it led and where the session
// stayed (walk.ts walkStatements, once a line), and bodies that lead to different folders ask.
// PowerShell's own variables follow the same rule for the blocks that share the caller's scope (the bodies of `if`,
// loops, `switch`, `try`): `if ($c) { $d = '~' }; Remove-Item -Recurse $d` removes ~ when the body ran, and the old
// `$d` when it did not, so what follows is read with both; bodies that set a variable to different values leave it
// known only at run time. A script block run with `&` or a function gets a scope of its own: only what it assigns as
// `$script:x` / `$global:x` holds after it.
import { settleBodies } from '../bash/compoundState';
import * as path from 'node:path';
import { setVar, type Scope, type ShellValue, type Stayed, type Walker } from '../normalize/scope';
import { carryOthers, otherStates, stateOf } from '../normalize/otherReadings';
import { isDynamic, setLocal, textOf, unknown } from './values';
import { own, table } from '../../text/own';
import { mergedOutcomes, withDiffering } from '../normalize/differing';
import { ARRAY_SEP, RUN_TIME_CD, UNKNOWN } from '../dynamic';
import type { PsControl, PsScript } from './ast';

/** Control keywords whose bodies are alternatives: at most one of them runs (a `switch` may run more; each is read alone). */
const ALTERNATIVES = new Set(['if', 'switch']);
/**
 * Loops whose body may run no time at all (`do` runs it once at least; `foreach` over a known list is told apart),
 * and `try`, whose body an error may stop before it changes anything.
 */
const MAY_SKIP = new Set(['foreach', 'for', 'while', 'switch', 'trap', 'try']);
const SHARED_PREFIX = /^(?:script|global):/i;
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

/**
 * `try { … } catch { … } finally { … }` as statements in turn, each a block that may be skipped: a `catch` runs where
 * the `try` stopped, so it is read where the `try` started and where it ended, and `finally` after either.
 */
export function tryParts(s: PsControl): PsScript | undefined {
  if (s.keyword !== 'try' || s.bodies.length < 2) return undefined;
  const last = s.bodies.length - 1;
  return s.bodies.map((b, k) => ({
    type: 'control',
    keyword: k === last && s.hasFinally ? 'finally' : 'try',
    header: [],
    bodies: [b],
  }));
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
  const localsMoved = ends.some((e) => e.locals !== outer.locals || e.globals !== outer.globals);
  if (!localsMoved && ends.every((e) => e.cwd === outer.cwd && e.vars === outer.vars && e.failedCd === outer.failedCd))
    return;
  const before = { ...outer };
  settleBodies(outer, before, ends, w, skippable);
  if (localsMoved) settleLocals(outer, before, ends, w, skippable);
  if (outer.failedCd === undefined) {
    const nested = ends.find((e) => e.failedCd?.maybe);
    if (nested) outer.failedCd = nested.failedCd;
  }
}

/** PowerShell's own variables after `ends`: one of them ran, or (`skippable`) none did, read a second time (walk.ts). */
function settleLocals(outer: Scope, before: Scope, ends: readonly Scope[], w: Walker, skippable: boolean): void {
  // Ends that kept every variable are the "none ran" reading when the block may be skipped; else each is an outcome.
  const outcomes = skippable ? ends.filter((e) => e.locals !== before.locals || e.globals !== before.globals) : ends;
  outer.locals = mergedOutcomes(
    outcomes.map((e) => e.locals),
    runTimeValue,
    same,
  );
  outer.globals = mergedOutcomes(
    outcomes.map((e) => e.globals),
    runTimeValue,
    same,
  );
  if (!skippable || before.failedCd !== undefined) return;
  // What follows is read once more with the variables as they were (settleBodies set the folder for that reading).
  const ps = { locals: before.locals, globals: before.globals };
  outer.failedCd = { ...(outer.failedCd ?? { chain: w.chain, cwd: before.cwd, vars: before.vars }), maybe: true, ps };
}

function runTimeValue(name: string): ShellValue {
  return unknown('$' + name);
}

function same(a: ShellValue | undefined, b: ShellValue | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.block || b.block || a.object !== b.object || a.origin !== b.origin) return false;
  return isDynamic(a) === isDynamic(b) && textOf(a) === textOf(b) && !a.entries === !b.entries;
}

/** `$script:x = …` / `$global:x = …`: noted as holding past the script block or function it is assigned in. */
export function noteShared(scope: Scope, target: string, value: ShellValue): void {
  if (!SHARED_PREFIX.test(target)) return;
  const globals = table(scope.globals);
  globals[target.replace(SHARED_PREFIX, '').toLowerCase()] = value;
  scope.globals = globals;
}

/**
 * A script block or function that ran in `inner`, a scope of its own, as the caller sees it: the caller's variables,
 * with what the block assigned as `$script:x` / `$global:x` (its plain `$x =` ended with it). Dot-sourced
 * (`dotSourced`: the names the call itself set in it, `$args`), it ran in the caller's scope: what it assigned stays.
 */
export function callerView(inner: Scope, outer: Scope, dotSourced?: readonly string[]): void {
  const shared = inner.globals;
  if (!dotSourced) inner.locals = outer.locals;
  else for (const k of dotSourced) setLocal(inner, k, own(outer.locals, k));
  if (shared === outer.globals || !shared) return;
  for (const k of Object.keys(shared)) if (shared[k] !== own(outer.globals, k)) setLocal(inner, k, shared[k]);
}

/** The states the rest is read in once more after a statement: those a block handed on, and a "maybe" it left. */
export function sessionStates(scope: Scope): Stayed[] | undefined {
  const stayed = scope.failedCd?.maybe ? scope.failedCd : undefined;
  if (stayed === undefined && scope.elsewhere === undefined) return undefined;
  const due = [...(scope.elsewhere ?? []), ...(stayed ? otherStates(stayed) : [])];
  scope.elsewhere = undefined;
  if (stayed) scope.failedCd = undefined;
  return due;
}

/** Loops whose bodies run as many times as only the run knows, and cmdlets that run a block once per item. */
const REPEATING = new Set(['foreach', 'for', 'while', 'do']);
const REPEATING_CMDLETS = /^(?:ForEach-Object|Where-Object)$/i;

/** Whether a control statement's keyword, or the cmdlet a block is handed to (`via`), repeats it. */
export function repeats(keyword: string | undefined, via?: string): boolean {
  return keyword !== undefined ? REPEATING.has(keyword) : via !== undefined && REPEATING_CMDLETS.test(via);
}

/**
 * A body that repeats, walked once from `start` into `end`: when it moved the session or changed a variable it is
 * walked once more from where it ended (`again`), and what still changes from pass to pass is known only at run
 * time after it, as bash's loops (bash/compoundState.ts repeatOnce).
 */
export function repeatBlock(start: Scope, end: Scope, again: (from: Scope) => void, w: Walker): void {
  const moved = end.cwd !== start.cwd || end.vars !== start.vars;
  if (!moved && end.locals === start.locals && end.globals === start.globals) return;
  const next: Scope = { ...end, failedCd: undefined, elsewhere: undefined };
  again(next);
  carryOthers(end, next, w.chain);
  end.vars = withDiffering(end.vars, end.vars, next.vars, (k) => UNKNOWN + '$' + k + UNKNOWN);
  end.locals = mergedOutcomes([end.locals, next.locals], runTimeValue, same);
  end.globals = mergedOutcomes([end.globals, next.globals], runTimeValue, same);
  if (next.cwd === end.cwd) return;
  const word = '$(Set-Location in a loop)';
  end.cwd = path.posix.join(start.cwd, word);
  setVar(end, RUN_TIME_CD, end.cwd + ARRAY_SEP + word);
}

/** The session as it may have stayed (`was`), to read what follows in once more. */
export function sessionAt(scope: Scope, was: Stayed): Scope {
  const vars = was.vars ? { vars: was.vars } : {};
  return { ...scope, cwd: was.cwd, ...vars, ...was.ps, failedCd: undefined, elsewhere: undefined };
}

/** Where a reading of what follows ended, and where it may have stayed in turn: the caller reads on from each. */
export function endsOf(other: Scope): Stayed[] {
  const rec = other.failedCd?.maybe ? otherStates(other.failedCd) : [];
  return [
    { ...stateOf(other), ps: { locals: other.locals, globals: other.globals } },
    ...(other.elsewhere ?? []),
    ...rec,
  ];
}
