// A regular expression's first test in a process costs V8 compiling it: 0.5–1 ms for a long alternation, as
// much as the rest of judging a harmless command in a hook's short process. Where code can answer exactly as
// the expression does, the first tests of a process (on short texts) go to that code, and the expression
// runs only once a process has used it enough for compiling it to pay (a batch, the editor's judge).

/** How many tests a process answers by scanning before it compiles the expression. */
export const SCANNED_TESTS = 32;
/** Texts longer than this go to the expression from the first test: a scan in code would be slower than compiling it. */
export const SCANNED_LENGTH = 256;

/**
 * `re.test`, answered by `scan` for the first SCANNED_TESTS short texts. `scan` must answer exactly as `re`
 * does (each use has a test comparing them); `re` must be neither global nor sticky (no lastIndex).
 */
export function compiledLater(re: RegExp, scan: (text: string) => boolean): (text: string) => boolean {
  let scans = SCANNED_TESTS;
  return (text) => {
    if (scans > 0 && text.length <= SCANNED_LENGTH) {
      scans--;
      return scan(text);
    }
    return re.test(text);
  };
}
