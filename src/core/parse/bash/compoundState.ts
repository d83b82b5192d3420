// State a compound command leaves in the shell that runs it. A group (`{ cd ~; }; rm -f .bashrc`) and the bodies of
// `if`, `while`, `until` and `case` run in the shell itself, not in a subshell: the folder they enter and the
// variables they set are the shell's after them, and a command that follows runs there. A group always runs. A body
// may or may not: what follows is read as if it ran, and once more as if none did (a bounded number of times a line,
// normalize/otherReadings.ts); so is a pipeline after `&&` or `||`. Bodies that leave different values leave a variable known only at run
// time, and different folders ask. And `builtin alias x=…` / `command export PATH=…` run the builtin itself.
import * as path from 'node:path';
import { setVar, type Scope, type Walker } from '../normalize/scope';
import type { List } from './ast';
import { addElsewhere, carryOthers, stateOf } from '../normalize/otherReadings';
import { mergedOutcomes, withDiffering } from '../normalize/differing';
import { ARRAY_SEP, RUN_TIME_CD, UNKNOWN } from '../dynamic';
import type { Expanded } from './words';

/** `{ …; }` walked in `inner` (a copy of `scope`, the group's own, which holds its input redirections): its state is the shell's. */
export function settleGroup(outer: Scope, scope: Scope, inner: Scope, w: Walker): void {
  carryOthers(outer, inner, w.chain, (vars) => shellVars(vars, scope, outer));
  if (inner.cwd === scope.cwd && inner.vars === scope.vars) return;
  outer.cwd = inner.cwd;
  outer.vars = shellVars(inner.vars, scope, outer);
}

/**
 * The bodies of an `if`, `while`, `until`, `case` or `for` walked in copies of `scope`, each ending in its scope of
 * `ends`: one of them ran, or (`mayNotRun`) none did.
 */
export function settleBodies(outer: Scope, scope: Scope, ends: readonly Scope[], w: Walker, mayNotRun: boolean): void {
  for (const e of ends) carryOthers(outer, e, w.chain, (vars) => shellVars(vars, scope, outer));
  const changed = ends.filter((e) => e.cwd !== scope.cwd || e.vars !== scope.vars);
  if (changed.length === 0) return;
  const last = changed[changed.length - 1];
  const before = { cwd: outer.cwd, vars: outer.vars };
  outer.cwd = last.cwd;
  outer.vars = shellVars(
    changed.length > 1
      ? (mergedOutcomes(
          changed.map((e) => e.vars),
          runTimeVar,
        ) ?? last.vars)
      : last.vars,
    scope,
    outer,
  );
  // Bodies that left other folders: what follows is read in each too.
  addElsewhere(
    outer,
    changed
      .filter((e) => e.cwd !== last.cwd)
      .map((e) => stateOf({ cwd: e.cwd, vars: shellVars(e.vars, scope, outer) })),
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

/**
 * A loop body that runs as many times as only the run knows, walked once from `start` into `end`: when it moved the
 * shell or changed a variable, it is walked once more from where it ended (its commands judged there too), and what
 * still changes from pass to pass is known only at run time after the loop: `while …; do cd ..; done; rm -rf build`.
 */
export function repeatOnce(
  bodies: readonly List[],
  start: Pick<Scope, 'cwd' | 'vars'>,
  end: Scope,
  w: Walker,
  walk: (list: List, scope: Scope, w: Walker) => void,
): void {
  if (end.cwd === start.cwd && end.vars === start.vars) return;
  const again: Scope = { ...end, failedCd: undefined, elsewhere: undefined };
  for (const body of bodies) walk(body, again, w);
  carryOthers(end, again, w.chain);
  end.vars = withDiffering(end.vars, end.vars, again.vars, runTimeVar);
  if (again.cwd === end.cwd) return;
  // A folder known only at run time, as after `cd "$DIR"`: a path below it is judged as unknown (command/paths.ts).
  const word = '$(cd in a loop)';
  end.cwd = path.posix.join(start.cwd, word);
  setVar(end, RUN_TIME_CD, end.cwd + ARRAY_SEP + word);
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
  return end === entry ? caller : withDiffering(caller, entry, end, runTimeVar, { skip: (k) => k in positional });
}

/** A variable's value where it is known only at run time. */
function runTimeVar(name: string): string {
  return UNKNOWN + '$' + name + UNKNOWN;
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
