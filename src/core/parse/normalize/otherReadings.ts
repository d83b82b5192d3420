// What follows a command that may not have run is read once more in the state the shell stayed in: `cd "$DIR"`,
// `[ -d a ] && cd a`, an `if` body. Each reading may meet another such command, so readings could double at each:
// a line gets a bounded number, and past it asks, since what follows was not judged where it may run. A reading
// inside a group, a body, a called function or a sourced file ends where that walk ends: the state it ends in is
// handed to the caller (Scope.elsewhere), which reads what follows in it too.
import { parseFinding, type Scope, type Stayed, type Walker } from './scope';

/** Readings of a line's rest in another state the shell may be in, at most. */
export const MAX_OTHER_READINGS = 8;
/** States kept for reading at once, at most: one past the readings, so that a longer list still asks. */
const MAX_STATES = MAX_OTHER_READINGS + 1;

/**
 * Whether the rest may be read once more. In the line's own text (`via` empty) the first time none may, the line
 * asks. Text the line runs from elsewhere (a script, a sourced file, a program's own shell code) is read again only
 * when nothing else on the line was: such files are long, and reading their rest many times would exhaust the walk.
 */
export function mayReadAgain(w: Walker, via: readonly string[]): boolean {
  const n = w.otherReadings ?? 0;
  const own = via.length === 0;
  if (!own) {
    if (n > 0) return false;
    w.otherReadings = 1;
    return true;
  }
  if (n <= MAX_OTHER_READINGS) w.otherReadings = n + 1;
  if (n < MAX_OTHER_READINGS) return true;
  if (n === MAX_OTHER_READINGS)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `what follows may run in more than ${MAX_OTHER_READINGS + 1} folders or states, depending on which commands before it ran: it was not judged in each`,
      ),
    );
  return false;
}

/** The states a "stayed" record says what follows may run in besides the one walked, latest first. */
export function otherStates(stayed: Stayed): Stayed[] {
  const out: Stayed[] = [];
  for (let r: Stayed | undefined = stayed.maybe ? stayed : stayed.also; r && out.length < MAX_STATES; r = r.also)
    if (r.maybe) out.push(r);
  return out;
}

/** A state the shell may be in, to be read from the caller's next pipeline on (Scope.elsewhere). */
export function stateOf(s: Pick<Scope, 'cwd' | 'vars'>): Stayed {
  return { chain: undefined, cwd: s.cwd, vars: s.vars, maybe: true };
}

type VarsView = (vars: Readonly<Record<string, string>>) => Readonly<Record<string, string>>;

/**
 * What a walk nested in this shell (a group, a body, a called function, a sourced file) that started without the
 * caller's record leaves for the caller to read on: its own record, as standing in the caller's `&&` chain (the
 * compound's status is its last pipeline's), and the states its readings ended in. `view`: how the caller sees a
 * state's variables (a function's arguments end with it).
 */
export function carryOthers(outer: Scope, end: Scope, chain: number | undefined, view?: VarsView): void {
  const earlier = outer.failedCd;
  // In the chain of a `cd` that failed, the nested walk does not run at all.
  if (end.failedCd !== undefined && (earlier === undefined || earlier.maybe))
    outer.failedCd = relinked(end.failedCd, chain, view, earlier, 0);
  if (end.elsewhere?.length) addElsewhere(outer, view ? end.elsewhere.map((s) => viewed(s, view)) : end.elsewhere);
}

/** `states` added to those `scope` holds for its next pipeline, bounded. */
export function addElsewhere(scope: Scope, states: readonly Stayed[]): void {
  if (!states.length) return;
  scope.elsewhere = [...(scope.elsewhere ?? []), ...states].slice(0, MAX_STATES);
}

function viewed(s: Stayed, view: VarsView): Stayed {
  return s.vars ? { ...s, vars: view(s.vars) } : s;
}

/** `rec`'s list in the caller's chain, its states seen by `view`, ending in `tail`; one past the bound is kept. */
function relinked(
  rec: Stayed | undefined,
  chain: number | undefined,
  view: VarsView | undefined,
  tail: Stayed | undefined,
  n: number,
): Stayed | undefined {
  if (rec === undefined || n > MAX_STATES) return tail;
  const { also, ...own } = rec;
  const next = relinked(also, chain, view, tail, n + 1);
  return { ...(view ? viewed(own, view) : own), chain, ...(next ? { also: next } : {}) };
}

/** Whether two tables of variables hold the same names and values (a state read already). */
export function sameVars(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length || ka.length > 4096) return false;
  for (const k of ka) if (a[k] !== b[k] || !Object.hasOwn(b, k)) return false;
  return true;
}
