// A file or folder a reader would read, named by a word the shell fills in only when the line runs
// (`tox -c "$F"`, `ansible-playbook "$BOOK"`, `go test "$D/..."`). Read as written it is a file literally named `$F`
// (none), and a reader that then reads its default in its place (the working folder's tox.ini) or nothing would let
// what really runs go unread and quiet. Such a word asks instead.
import { parseFinding, type Walker } from '../normalize/scope';

/**
 * A variable the shell expands on this word (`$F`, `${DIR}/x`). A value a code reader could not tell (`$(…)` of a
 * Python or Ruby expression) is that reading's own question, not a place the line names.
 */
const UNRESOLVED = /\$\{?[A-Za-z_]/;
/** Arguments handed on from the caller in an array (`"${args[@]}"`): the caller's own words, judged where it calls. */
const FORWARDED = /^\u0001?\$\{\w+\[[@*]\]\}/;

/** Whether `word` (dynamic on this line) names a place only when the line runs, rather than handing on the caller's. */
export function namedAtRunTime(word: string, dynamic: boolean | undefined): boolean {
  return dynamic === true && UNRESOLVED.test(word) && !FORWARDED.test(word);
}

/** Asks about a call whose reader would read `word`, named only when the line runs; `what` says what it loads there. */
export function askRunTimeName(w: Walker, via: string, word: string, what: string): void {
  w.addFinding({
    ...parseFinding(
      'parse.too-complex',
      50,
      `\`${via}\` ${what} ${word}, named only when the line runs: what it runs was not read, so a human must look at it`,
      word,
    ),
    alternative: 'name the file or folder in full on the line, so what it runs can be read first',
  });
}

/**
 * Most names one word known only at run time is read as (`npm run "$S"` in a package of 32 scripts reads each): as
 * many recipes as one run of a task runner reads (recipes.ts), so a wrapper script's `make "$@"` stays readable.
 */
export const MAX_RUN_TIME_NAMES = 32;

/** Whether a word holds a part the shell fills in when the line runs (`"$S"`, `"build-$ENV"`, `` `cmd` ``). */
export function fillsAtRunTime(word: string): boolean {
  return /[$`]/.test(word);
}

/** A part of a word the shell fills in when the line runs: a variable, a script's arguments, a command's output. */
const FILLED = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[@*#?$!0-9-]|\$\([^)]*\)|`[^`]*`/g;

/**
 * The names among `names` that a word known only at run time could be (`"$S"`: any; `"build:$ENV"`: those starting
 * `build:`), or undefined past the bound, or when the word holds what cannot be read as a pattern.
 */
function namesMatching(word: string, names: readonly string[]): string[] | undefined {
  const parts = word.replace(/\u0001/g, '').split(FILLED);
  if (parts.some((part) => /[$`\\]/.test(part))) return undefined;
  const pattern = new RegExp(`^${parts.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  const found = names.filter((n) => pattern.test(n));
  return found.length > MAX_RUN_TIME_NAMES ? undefined : found;
}

/**
 * The names among `names` that `word` could be, each read by the caller; past the bound the call is asked about
 * (`what`: what the runner does with the name) and none is read.
 */
export function candidateNames(w: Walker, via: string, word: string, names: readonly string[], what: string): string[] {
  const could = namesMatching(word, names);
  if (could === undefined) askRunTimeName(w, via, word, what);
  return could ?? [];
}
