// What follows a command that may not have run is read once more in the state the shell stayed in: `cd "$DIR"`,
// `[ -d a ] && cd a`, an `if` body. Each reading may meet another such command, so readings could double at each:
// a line gets a bounded number, and past it asks, since what follows was not judged where it may run.
import { parseFinding, type Stayed, type Walker } from './scope';

/** Readings of a line's rest in another state the shell may be in, at most. */
export const MAX_OTHER_READINGS = 8;

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
  // The list is as long as its `&&` chain; the readings are bounded anyway, so one past the bound is enough to ask.
  for (
    let r: Stayed | undefined = stayed.maybe ? stayed : stayed.also;
    r && out.length <= MAX_OTHER_READINGS;
    r = r.also
  )
    if (r.maybe) out.push(r);
  return out;
}
