// Syntax tree of a PowerShell command line: enough structure to know which
// commands run, with which arguments, in which order, and which values are
// known before they run. As for bash, control flow is kept flat: every branch
// and loop body may run, and a script block may be invoked, so all are read.

/** A part of an expandable string or bareword: text, a variable, or a sub-expression. */
export type PsPart =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; braced?: boolean }
  | { kind: 'sub'; body: PsScript; text: string }
  /** `$x.Name`, `$a[0]` inside an argument: an expression whose value joins the word. */
  | { kind: 'expr'; expr: PsExpr };

export type PsExpr =
  /** `'x'`, `"x $y"`, here-strings, and barewords in argument mode (`C:\x\$name`). */
  | { kind: 'string'; parts: PsPart[]; quoted: boolean }
  | { kind: 'var'; name: string }
  /** `@params`: a hashtable or array spread into parameters. */
  | { kind: 'splat'; name: string }
  | { kind: 'number'; text: string }
  /** `$( … )`, `@( … )`, `( … )`: a pipeline (or statements) whose output is the value. */
  | { kind: 'sub'; body: PsScript; text: string; paren: boolean }
  /** `{ … }`: a script block, code that may run later. */
  | { kind: 'block'; body: PsScript; text: string }
  /** `@{ k = v; … }` */
  | { kind: 'hash'; entries: { key: string; value: PsExpr }[] }
  /** `[Type]` */
  | { kind: 'type'; name: string }
  /** `X::Member(args)`, `X.Member(args)`, `X.Property`. */
  | { kind: 'member'; target: PsExpr; name: string; isStatic: boolean; args?: PsExpr[] }
  /** `a, b, c` */
  | { kind: 'list'; items: PsExpr[] }
  /** Any operator; only a few (`+`, `-f`, `-join`, `-replace`) give values we compute. */
  | { kind: 'op'; op: string; left?: PsExpr; right: PsExpr }
  /** `$x[0]`: kept for its parts only. */
  | { kind: 'index'; target: PsExpr; index: PsExpr };

export interface PsRedirect {
  /** `>` `>>` `2>` `2>&1` `*>` … as written. */
  op: string;
  target?: PsExpr;
}

/** One argument of a command: `-Name`, `-Name:value`, or a value. */
export interface PsArg {
  /** Parameter name without the dash, as written (`Recurse`, `fo`). */
  param?: string;
  /** `-Name:value` (or a value, for a plain argument). */
  value?: PsExpr;
  /** The argument was written `-Name:value`. */
  colon?: boolean;
}

export interface PsCommand {
  type: 'command';
  /** `&` (call) or `.` (dot-source) before the name. */
  invoke?: '&' | '.';
  name: PsExpr;
  args: PsArg[];
  redirects: PsRedirect[];
  /** `--%`: the rest of the line goes to the program unparsed. */
  verbatim?: string;
  text: string;
  start: number;
}

export interface PsExpression {
  type: 'expression';
  expr: PsExpr;
  redirects: PsRedirect[];
  text: string;
  start: number;
}

export interface PsAssignment {
  type: 'assignment';
  /** The variable assigned (`x`, `env:NAME`), when the target is one. */
  target?: string;
  /** The target when it is not a plain variable (`$h.key`, `$a[0]`). */
  targetExpr?: PsExpr;
  op: string;
  value: PsStatement;
  text: string;
  start: number;
}

export type PsElement = PsCommand | PsExpression | PsAssignment;

export interface PsPipeline {
  elements: PsElement[];
  /** Joined to the pipeline before it by `||` (absent: by `&&`, or first in its chain). */
  or?: true;
}

/** Pipelines joined by `&&` / `||` (PowerShell 7). */
export interface PsChain {
  type: 'chain';
  pipelines: PsPipeline[];
  background: boolean;
}

/** if / elseif / else / foreach / for / while / do / switch / try / catch / finally / trap / begin / process / end. */
export interface PsControl {
  type: 'control';
  keyword: string;
  /** Condition, loop header, switch value (`foreach ($d in 'a','b')`: the variable and the list). */
  header: PsStatement[];
  /** `foreach ($x in …)`: the loop variable. */
  loopVar?: string;
  bodies: PsScript[];
  /** `if … else { … }`: one of the bodies always runs. */
  hasElse?: true;
  /** A `try` whose last body is its `finally`, which runs whether or not an error stopped the rest. */
  hasFinally?: true;
  /** `if (…) { … } > F`: redirections written after the statement (bodyRedirects.ts judges them). */
  redirects?: PsRedirect[];
}

export interface PsFunction {
  type: 'function';
  name: string;
  body: PsScript;
}

export type PsStatement = PsChain | PsControl | PsFunction;

export type PsScript = PsStatement[];
