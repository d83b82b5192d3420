// State a compound command leaves in the shell that runs it. A group (`{ cd ~; }; rm -f .bashrc`) and the bodies of
// `if`, `while`, `until` and `case` run in the shell itself, not in a subshell: the folder they enter and the
// variables they set are the shell's after them, and a command that follows runs there. A group always runs. A body
// may or may not: what follows is read as if it ran, and once more as if none did (a bounded number of times a line,
// normalize/otherReadings.ts); so is a pipeline after `&&` or `||`. Bodies that leave different values leave a variable known only at run
// time, and different folders ask. And `builtin alias x=…` / `command export PATH=…` run the builtin itself.
import { parseFinding, type Scope, type Stayed, type Walker } from '../normalize/scope';
import { mayReadAgain, otherStates } from '../normalize/otherReadings';
import type { List } from './ast';
import { UNKNOWN } from '../dynamic';
import type { Expanded } from './words';

/** Variables compared between bodies that set different values, at most; past it they are all taken as known only at run time. */
const MAX_COMPARED = 4096;

/** `{ …; }` walked in `inner` (a copy of `scope`, the group's own, which holds its input redirections): its state is the shell's. */
export function settleGroup(outer: Scope, scope: Scope, inner: Scope): void {
  if (inner.cwd === scope.cwd && inner.vars === scope.vars && inner.failedCd === scope.failedCd) return;
  outer.cwd = inner.cwd;
  outer.vars = shellVars(inner.vars, scope, outer);
  if (inner.failedCd !== scope.failedCd) outer.failedCd = inner.failedCd;
}

/**
 * The bodies of an `if`, `while`, `until`, `case` or `for` walked in copies of `scope`, each ending in its scope of
 * `ends`: one of them ran, or (`mayNotRun`) none did.
 */
export function settleBodies(outer: Scope, scope: Scope, ends: readonly Scope[], w: Walker, mayNotRun: boolean): void {
  const changed = ends.filter((e) => e.cwd !== scope.cwd || e.vars !== scope.vars);
  if (changed.length === 0) return;
  const last = changed[changed.length - 1];
  const before = { cwd: outer.cwd, vars: outer.vars };
  outer.cwd = last.cwd;
  outer.vars = shellVars(changed.length > 1 ? differing(changed) : last.vars, scope, outer);
  if (changed.some((e) => e.cwd !== last.cwd))
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        'the folder the shell is in after this compound command depends on which of its bodies ran: what follows was not judged in each',
      ),
    );
  // None of the bodies may have run: what follows is read as the shell was before too (with any earlier "maybe" of
  // its `&&` chain; in the chain of a `cd` that failed it does not run at all).
  const earlier = outer.failedCd;
  if (mayNotRun && (earlier === undefined || earlier.maybe))
    outer.failedCd = {
      chain: w.chain,
      cwd: before.cwd,
      vars: before.vars,
      maybe: true,
      ...(earlier ? { also: earlier } : {}),
    };
}

/** What is left of a line (`rest`) read once more in each state a command that may not have run left the shell in. */
export function readElsewhere(
  stayed: Stayed,
  rest: List,
  scope: Scope,
  w: Walker,
  walk: (list: List, scope: Scope, w: Walker) => void,
): void {
  for (const other of otherStates(stayed)) {
    const vars = other.vars ?? scope.vars;
    if (other.cwd === scope.cwd && vars === scope.vars) continue;
    if (!mayReadAgain(w, scope.via)) return;
    walk(rest, { ...scope, cwd: other.cwd, vars }, w);
  }
}

/**
 * A pipeline after `&&` or `||`, which may not run, walked from `before`: when it moved the shell or set a variable,
 * and left no record of its own (a `cd`, an `if` does), one that says the shell may be as it was.
 */
export function noteMayNotRun(
  scope: Scope,
  before: { cwd: string; vars: Scope['vars']; stayed: Stayed | undefined },
  chain: number,
): void {
  if (scope.failedCd !== before.stayed || (scope.cwd === before.cwd && scope.vars === before.vars)) return;
  // In the `&&` chain of a `cd` that failed, it does not run at all.
  if (before.stayed !== undefined && !before.stayed.maybe) return;
  scope.failedCd = {
    chain,
    cwd: before.cwd,
    vars: before.vars,
    maybe: true,
    ...(before.stayed ? { also: before.stayed } : {}),
  };
}

/** The last end's variables, with each one the ends set to different values known only at run time. */
function differing(ends: readonly Scope[]): Readonly<Record<string, string>> {
  const last = ends[ends.length - 1].vars;
  const out: Record<string, string> = { ...last };
  let compared = 0;
  for (const e of ends) {
    if (e.vars === last) continue;
    for (const k of new Set([...Object.keys(e.vars), ...Object.keys(last)])) {
      if (++compared > MAX_COMPARED || e.vars[k] !== last[k]) out[k] = UNKNOWN + '$' + k + UNKNOWN;
    }
  }
  return out;
}

/**
 * The caller's variables after a function it called: the function ran in its shell, so what it set or unset is the
 * caller's too, unless it was `local`, which the walk does not tell apart; each such name is known only at run time.
 * Its arguments (`$1`, `$@`) end with it.
 */
export function calledVars(
  caller: Readonly<Record<string, string>>,
  entry: Readonly<Record<string, string>>,
  end: Readonly<Record<string, string>>,
  positional: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  if (end === entry) return caller;
  let out: Record<string, string> | undefined;
  let compared = 0;
  for (const k of new Set([...Object.keys(end), ...Object.keys(entry)])) {
    if (++compared <= MAX_COMPARED && (end[k] === entry[k] || k in positional)) continue;
    (out ??= { ...caller })[k] = UNKNOWN + '$' + k + UNKNOWN;
  }
  return out ?? caller;
}

/** `vars` without what the compound's own input redirections bound (`{ …; } < f`): those end with it. */
function shellVars(
  vars: Readonly<Record<string, string>>,
  scope: Scope,
  outer: Scope,
): Readonly<Record<string, string>> {
  if (scope.vars === outer.vars) return vars;
  const out: Record<string, string> = { ...vars };
  for (const k of Object.keys(scope.vars))
    if (scope.vars[k] !== outer.vars[k]) {
      if (outer.vars[k] === undefined) delete out[k];
      else out[k] = outer.vars[k];
    }
  return out;
}

/** Builtins that change the shell's own state, judged where they are applied (builtins.ts), also when prefixed. */
const STATE_BUILTINS = new Set([
  'alias',
  'unalias',
  'export',
  'declare',
  'typeset',
  'readonly',
  'local',
  'hash',
  'unset',
  'cd',
  'pushd',
  'popd',
]);
/** `builtin` and `command` prefixes peeled at most (`command builtin alias …`). */
const MAX_PREFIXES = 4;

/**
 * How many leading words are `builtin` or `command` (`-p` allowed, not `-v`/`-V`, which only print) before a builtin
 * that changes the shell's state: that builtin runs as if written alone. 0 when there is none.
 */
export function builtinPrefix(words: readonly Expanded[]): number {
  let k = 0;
  for (let n = 0; n < MAX_PREFIXES && k < words.length && !words[k].dynamic; n++) {
    const w = words[k].value;
    if (w === 'builtin') k++;
    else if (w === 'command') k += words[k + 1]?.value === '-p' ? 2 : 1;
    else break;
  }
  return k > 0 && k < words.length && !words[k].dynamic && STATE_BUILTINS.has(words[k].value) ? k : 0;
}
