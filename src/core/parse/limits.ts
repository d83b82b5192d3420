// Bounds shared by every dialect's reader and by the walk: one command line
// is read within these limits or not at all (an `ask`, never an allow).
export const LIMITS = {
  /** Longest command line judged; longer ones are asked about, not parsed. */
  maxInputChars: 100_000,
  /** Nesting of substitutions, subshells, groups, control bodies and wrappers. */
  maxDepth: 64,
  /** Words read for one command line, across every nested parse (`eval`, `bash -c`, scripts): a bound on total work. */
  maxWords: 2_048,
  /**
   * Words read from a file a command runs (a script, a `source`d file, a recipe): a 300-line script is ordinary,
   * and what lies past this is asked about, so the bound sits where a script file's size limit already does.
   */
  maxScriptWords: 16_384,
} as const;

export type ParseFailure = 'unparseable' | 'too-deep' | 'too-complex';

export class ParseError extends Error {
  constructor(
    readonly kind: ParseFailure,
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** Work shared by every parse of one command line. */
export interface ParseBudget {
  words: number;
  /** Words this parse may read in all (LIMITS.maxWords unless said). */
  maxWords?: number;
  /** Heredocs whose delimiter line never came: the shell would read more input (the terminal door asks for it). */
  openHeredocs?: number;
}
