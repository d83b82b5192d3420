// Commands that may not run, and what follows them: a pipeline after `&&` or `||`, a `cd` into a folder known only at
// run time, a body that may be skipped. What follows is read as if each ran, and once more in each state the shell
// stays in when it did not (bounded, normalize/otherReadings.ts).
import type { List, Pipeline } from './ast';
import { type Scope, type Stayed, type Walker } from '../normalize/scope';
import { addElsewhere, mayReadAgain, otherStates, sameVars, stateOf } from '../normalize/otherReadings';

type ListWalker = (list: List, scope: Scope, w: Walker) => void;

/**
 * The states what follows must also be read in at a pipeline of `chain`: those a nested walk handed on, and a
 * record whose `&&` chain has ended. A `cd` that failed leaves the shell where it was, for the walk itself.
 */
export function dueStates(scope: Scope, chain: number, leaving: boolean): Stayed[] | undefined {
  let due: Stayed[] | undefined = scope.elsewhere && [...scope.elsewhere];
  scope.elsewhere = undefined;
  const stayed = scope.failedCd;
  if (stayed !== undefined && stayed.chain !== chain) {
    scope.failedCd = undefined;
    if (!stayed.maybe) scope.cwd = stayed.cwd;
    // `cd "$DIR" || exit 1`: where the cd failed the shell leaves, and nothing more runs where it was.
    const others = otherStates(stayed).filter((r) => !(leaving && r.byCd));
    if (others.length) due = due ? [...due, ...others] : others;
  }
  // Any other state (`[ -n "$A" ] && cd /tmp || exit 1` where `[` succeeded and cd did not run… an `if` whose body
  // did not run ends in success) goes on past `|| exit`: read from the next pipeline.
  if (leaving && due !== undefined) {
    scope.elsewhere = due;
    return undefined;
  }
  return due;
}

/**
 * What is left of a list (`rest`) read once more in each of `states`; where each reading ends is handed on with
 * `ends`, for what follows the list (a group's or a function's caller) to be read there too.
 */
export function readElsewhere(
  states: readonly Stayed[],
  rest: List,
  scope: Scope,
  w: Walker,
  walk: ListWalker,
  ends: Stayed[],
): void {
  const read: Stayed[] = [];
  for (const other of states) {
    const vars = other.vars ?? scope.vars;
    if (other.cwd === scope.cwd && sameVars(vars, scope.vars)) continue;
    if (read.some((r) => r.cwd === other.cwd && sameVars(r.vars ?? scope.vars, vars))) continue;
    if (!mayReadAgain(w, scope.via)) return;
    read.push(other);
    const alt: Scope = { ...scope, cwd: other.cwd, vars, failedCd: undefined, elsewhere: undefined };
    walk(rest, alt, w);
    // Where it ended, and where it may have stayed in turn (a `cd` that failed at its end left it where it was).
    const rec = alt.failedCd;
    ends.push(stateOf(rec && !rec.maybe ? { cwd: rec.cwd, vars: alt.vars } : alt));
    if (rec) ends.push(...otherStates(rec));
    if (alt.elsewhere) ends.push(...alt.elsewhere);
  }
}

/**
 * A pipeline after `&&` or `||` (`p` past the first), which may not run, walked from `before`: when it moved the
 * shell or set a variable, and left no record of its own (a `cd`, an `if` does), one that says the shell may be as it
 * was. A pipeline whose last stage may run in the shell itself (`lastHere`: zsh always, bash after `shopt -s
 * lastpipe` when job control is off) is read both ways too, from the next pipeline on whatever its chain.
 */
export function noteMayNotRun(
  scope: Scope,
  before: { cwd: string; vars: Scope['vars']; stayed: Stayed | undefined },
  chain: number,
  p: number,
  lastHere: boolean,
): void {
  if (scope.cwd === before.cwd && scope.vars === before.vars) return;
  if (lastHere) addElsewhere(scope, [stateOf(before)]);
  if (p === 0 || scope.failedCd !== before.stayed) return;
  mayHaveStayed(scope, before, chain, false);
}

/**
 * Records that the shell may still be where it was `before` (a `maybe` record over the one it had), unless it stands
 * in the `&&` chain of a `cd` that failed, where it did not run at all. `byCd`: the record is a `cd`'s own.
 */
function mayHaveStayed(
  scope: Scope,
  before: { cwd: string; vars: Scope['vars']; stayed: Stayed | undefined },
  chain: number,
  byCd: boolean,
): void {
  if (before.stayed !== undefined && !before.stayed.maybe) return;
  scope.failedCd = {
    chain,
    cwd: before.cwd,
    vars: before.vars,
    maybe: true,
    ...(byCd ? { byCd: true as const } : {}),
    ...(before.stayed ? { also: before.stayed } : {}),
  };
}

/**
 * Whether what follows reads pipeline `p`'s failure: a `||` later in its list (`cd /tmp || rm -f .bashrc`, `cd a &&
 * make || …`), or a `!` before it with more to follow (`! cd /tmp && rm -f .bashrc`).
 */
export function failureReadOn(pipelines: readonly Pipeline[], p: number): boolean {
  if (pipelines[p].negated) return p + 1 < pipelines.length;
  for (let q = p + 1; q < pipelines.length; q++) if (pipelines[q].or) return true;
  return false;
}

/**
 * A command alone in its pipeline that moved the shell (`cd`, `pushd`, a function or `eval` that runs one) and whose
 * failure is read on: where it failed, the shell stayed where it was. Read so even where the folder is there: a folder
 * that cannot be entered (no search permission), or removed in between, fails the `cd` the walk reads as entering it,
 * and `cd /tmp || rm -f .bashrc` removes in the folder it left. `chain`: a fresh one after `!`, whose status is turned
 * over, so that the next pipeline of its `&&` chain reads it.
 */
export function noteMayFail(
  scope: Scope,
  before: { cwd: string; vars: Scope['vars']; stayed: Stayed | undefined },
  chain: number,
  pipeline: Pipeline,
): void {
  if (scope.cwd === before.cwd || scope.failedCd !== before.stayed) return;
  if (pipeline.commands.length !== 1 || pipeline.commands[0].type !== 'simple') return;
  // `! cd /tmp || exit 1`: the shell goes on where the `cd` failed, and leaves where it did not.
  mayHaveStayed(scope, before, chain, !pipeline.negated);
}

/** `exit`, `return`, or a group ending in one (`{ echo no; exit 1; }`): the shell running it goes no further. */
export function leavesShell(pipeline: Pipeline): boolean {
  if (pipeline.commands.length !== 1 || pipeline.negated) return false;
  const node = pipeline.commands[0];
  if (node.type === 'group') {
    const last = node.body[node.body.length - 1];
    return last?.pipelines.length === 1 && !last.background && leavesShell(last.pipelines[0]);
  }
  const word = node.type === 'simple' ? node.words[0] : undefined;
  return word !== undefined && !word.quoted && (word.raw === 'exit' || word.raw === 'return');
}
