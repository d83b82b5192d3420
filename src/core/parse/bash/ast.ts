// Syntax tree of a shell command line: just enough structure to know which
// simple commands run, in what order, with what input and in which scope.
// Control flow is kept flat (every branch of an `if` may run), which is the
// right reading for a guard: it judges what *could* execute.

/** A word as written. `raw` is handed to shell-quote for quote removal and expansion. */
export interface Word {
  /**
   * Source text with quotes, where each substitution (`$(…)`, backticks,
   * `<(…)`, `$((…))`) is replaced by PLACEHOLDER + index + PLACEHOLDER and
   * every unquoted `#` is escaped (shell-quote would read it as a comment).
   */
  raw: string;
  subs: Substitution[];
  /** Any quote or backslash appeared: not a keyword, not a tilde. */
  quoted: boolean;
  /** Position in the source, for messages. */
  start: number;
}

export const PLACEHOLDER = '\u0002';

export interface Substitution {
  kind: 'command' | 'process-in' | 'process-out' | 'arithmetic';
  /** Parsed body; absent for arithmetic. */
  body?: List;
  /** Inner source text, for messages and static evaluation. */
  text: string;
}

export interface Redirect {
  fd?: number;
  /** `{name}<FILE`: the shell picks a free descriptor (10 and up) and stores its number in `name`. */
  fdVar?: string;
  /** `<` `>` `>>` `>|` `<>` `&>` `&>>` `>&` `<&` `<<` `<<-` `<<<` */
  op: string;
  target?: Word;
  heredoc?: { body: string; quotedDelimiter: boolean };
}

export interface SimpleNode {
  type: 'simple';
  assignments: Word[];
  words: Word[];
  redirects: Redirect[];
  start: number;
  end: number;
  /** The command's own source text. */
  text: string;
}

export interface GroupNode {
  /** `( … )` runs in a subshell: `cd` inside it does not leak out. */
  type: 'subshell' | 'group';
  body: List;
  redirects: Redirect[];
}

/** if / while / until / for / select / case: header words and every body. */
export interface ControlNode {
  type: 'control';
  keyword: string;
  words: Word[];
  bodies: List[];
  redirects: Redirect[];
}

export interface FunctionNode {
  type: 'function';
  name: string;
  body: CommandNode;
}

export type CommandNode = SimpleNode | GroupNode | ControlNode | FunctionNode;

export interface Pipeline {
  commands: CommandNode[];
  /** Joined to the pipeline before it by `||` (absent: by `&&`, or first in its list). */
  or?: true;
  /** Written after `!`: its status is the last command's, turned over. */
  negated?: true;
}

export interface AndOr {
  pipelines: Pipeline[];
  background: boolean;
}

export type List = AndOr[];
