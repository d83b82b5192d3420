// What the walk carries: the scope of variables, functions and working
// directory, the walker that collects commands and findings, and the budget
// that bounds one line.
import type { CommandNode } from '../bash/ast';
import type { PsScript } from '../powershell/ast';
import type { AnalysisContext, EveryKey, Finding, Redirect, SimpleCommand } from '../../types';
import { own, table } from '../../text/own';

/** Most loop iterations and function expansions walked for one line. */
export const MAX_STEPS = 4_096;

/** Most simple commands produced from one line before we stop and ask. */
export const MAX_COMMANDS = 256;

/**
 * A value of a PowerShell variable: text, or a list, a hashtable or a script
 * block; `dynamic` when it is only known at run time.
 */
export interface ShellValue {
  text: string;
  dynamic: boolean;
  items?: ShellValue[];
  entries?: [string, ShellValue][];
  /** A script block's code, walked where it is invoked. */
  block?: PsScript;
  /** A .NET object made by New-Object (`Net.WebClient`), for the calls made on it. */
  object?: string;
  /** Fetched from the network, or decoded at run time: code made of it is judged as such. */
  origin?: 'network' | 'decoded';
}

export interface Scope {
  cwd: string;
  /** Variables in scope. Never written in place (see setVar): child scopes and recorded commands share it. */
  vars: Readonly<Record<string, string>>;
  /** Shell functions by name (PowerShell's under `ps:` and their lower-case name). */
  functions: Map<string, CommandNode | PsScript>;
  /** PowerShell's own variables (not the environment), by lower-case name; copy-on-write like vars. */
  locals?: Readonly<Record<string, ShellValue>>;
  /**
   * PowerShell variables assigned as `$script:x` / `$global:x` in this scope or the blocks it ran: unlike a plain
   * `$x =`, they hold in the scope that ran a script block or a function (powershell/location.ts).
   */
  globals?: Readonly<Record<string, ShellValue>>;
  /** Function names being expanded, to catch recursion (fork bombs). */
  calling: string[];
  via: string[];
  remote?: SimpleCommand['remote'];
  depth: number;
  /** Input of a function body called with a heredoc or a known pipe: what its commands read on stdin. */
  stdin?: string;
  /** Inside a loop over values known only at run time: its commands run once per item. */
  repeated?: true;
  /**
   * Inside a script run by a path whose name does not say it is one (`./gradlew`, read by its `#!` line,
   * wrappers/pathScripts.ts): a program it names only at run time (`exec "$JAVACMD" "$@"`) is not asked about.
   */
  runTimeProgramsQuiet?: true;
  /**
   * A `cd` into a folder that cannot be entered (bash/builtins.ts cannotEnter): the `&&` chain it stood in, where what
   * follows does not run, and the folder the shell stayed in, where what runs after `;` or `||` runs (bash/walk.ts).
   * `maybe`: a folder known only at run time, which may or may not be entered: what follows is read in both.
   */
  failedCd?: Stayed;
  /**
   * States the shell may be in besides this one, from readings of a walk nested in it (a group, a body, a function)
   * that ended where it ended (normalize/otherReadings.ts): what follows is read in each, from the next pipeline on.
   */
  elsewhere?: readonly Stayed[];
  /**
   * Lines a reader made for a runner (a task's lines behind the `cd DIR` of its `dir:`): the reader's own `cd` there
   * enters a folder the runner makes or enters itself, and is never read as failing (readerCd.ts); the task's own
   * `cd` lines fail as the shell's do.
   */
  runnerCd?: true;
}

/** Where the shell may be after a command that failed or may not have run (Scope.failedCd). */
export interface Stayed {
  chain: number | undefined;
  cwd: string;
  maybe?: true;
  vars?: Readonly<Record<string, string>>;
  /** PowerShell's own variables as they were before a block that may not have run (powershell/location.ts). */
  ps?: Pick<Scope, 'locals' | 'globals'>;
  /** An earlier "maybe" of the same `&&` chain (`[ -d a ] && cd a && X=1`): each is read after the chain ends. */
  also?: Stayed;
  /** Left by a `cd` that failed or may fail: where it did, a following `|| exit` leaves the shell (bash/walk.ts). */
  byCd?: true;
}

/** The shell language a text is written in. */
export type Dialect = 'bash' | 'zsh' | 'fish' | 'pwsh' | 'cmd';

export interface Walker {
  ctx: AnalysisContext;
  out: SimpleCommand[];
  findings: Finding[];
  /**
   * Parse and walk more shell text that runs (from `bash -c`, `eval`, a script file, decoded stdin); bash unless said.
   * `lenient`: text read from a file or made by a reader (a script, a task's lines) gets a budget of its own, and what
   * cannot be read of it is asked about; `'guess'`: text read on a guess that it may be commands (an arithmetic body,
   * an alias value), left alone when it cannot be read. `execEnds`: the shell reading it exits when an `exec` in it
   * fails (wrappers/common.ts: exitsOnFailedExec), so an unreadable script may end at its first top-level `exec`.
   */
  walkText(text: string, scope: Scope, lenient: boolean | 'guess', dialect?: Dialect, execEnds?: true): void;
  /** Emit a command after unwrapping. */
  emit(cmd: Pending, scope: Scope): void;
  addFinding(f: Finding): void;
  /** Loop iterations and function calls walked so far, bounded by MAX_STEPS. */
  steps: number;
  /** The `&&` chain the command being walked stands in (chains.ts); undefined outside any. */
  chain?: number;
  /** Chain numbers given out on the line. */
  chains?: number;
  /** The chain each recorded command stood in (chains.ts). */
  chainOf?: Map<SimpleCommand, number>;
  /** Files written earlier on the line, by absolute path, with their static content. */
  written: Map<string, string>;
  /** Files written earlier on the line with content not known before it runs: the copy on disk is not what a later reader gets. */
  writtenUnknown: Set<string>;
  /**
   * Files a runner on the line runs that the walk already reported as unread (madeOnLine.ts unknownSource,
   * wrappers/common.ts noteUnreadScript), as the runner named them: a pack's finding for the same cause stands down.
   */
  unreadTargets?: Set<string>;
  /** Symbolic links made earlier on the line (`ln -s TARGET LINK`): the link's absolute path → its target as written. */
  linked?: Map<string, string>;
  /** The environment the line starts with (before any assignment on it). */
  requestEnv: Readonly<Record<string, string>>;
  /** The variables the walk starts with: a command whose env is this very object had nothing set on the line. */
  lineVars: Readonly<Record<string, string>>;
  /** Whether a pack reads a program by its name (NormalizeInput.claimed); absent, none is looked up on PATH. */
  claimed?: (name: string) => boolean;
  /** Whether a recorded command makes no folder (wrappers/madeOnLine.ts makesNoFolder); absent, any may. */
  makesNoFolder?: (c: SimpleCommand) => boolean;
  /** How many times the line's rest was read again in a state the shell may have stayed in (otherReadings.ts). */
  otherReadings?: number;
  /** zsh text, or bash after `shopt -s lastpipe`, on the line: a pipeline's last stage may run in the shell itself. */
  lastStageInShell?: true;
  /** Aliases in effect, for the whole line (a sourced file's apply after it); made when the line defines one. */
  aliases?: Map<string, string>;
  /** Aliases the terminal's saved state holds that were not read ('' for any name): a command naming one is asked about. */
  unreadAliases?: Set<string>;
  /**
   * Reading the saved state, some alias in it may have missed the table (past the bound, a name not taken, text
   * not read whole or read through an alias): only then is the state looked through for unread ones.
   */
  aliasesMissed?: boolean;
  /** Aliases being expanded (not expanded again inside themselves). */
  aliasing?: Set<string>;
  /** Reading the shell's own definitions: nothing is emitted or reported. */
  reading?: boolean;
  /** Functions the line defines and whether it calls them, with the scope they were defined in. */
  defined?: Map<string, { body: CommandNode; scope: Scope; called: boolean }>;
}

/** A command on its way out: words expanded, wrappers not yet peeled. */
export interface Pending {
  argv: string[];
  dynamic: boolean[];
  redirects: Redirect[];
  stdin?: string;
  stdinFrom?: string[];
  /** Environment the command runs with (scope variables and prefix assignments). */
  env: Record<string, string>;
  source: string;
  /** The words holding a brace the parser read, with what bash makes of each (SimpleCommand.braces). */
  braces?: ReadonlyMap<string, readonly string[] | null>;
}

export class Budget extends Error {}

/** `stdoutTo` of a command whose output is captured by `$(…)` or backticks. */
export const SUBSTITUTION_OUTPUT = '$(…)';

/** A finding of the reader itself, in the packs' argument order (packs/common/finding.ts, which parse/ sits below). */
export function parseFinding(id: string, severity: number, summary: string, target?: string): Finding {
  return target ? { id, severity, summary, target } : { id, severity, summary };
}

/** Text that runs (`what`) and that AgentGuard cannot read, from its line on: nothing past that line was judged. */
export function unreadableFinding(
  what: string,
  err: Error & { position: number },
  text: string,
  target?: string,
): Finding {
  let line = 1;
  for (let k = text.indexOf('\n'); k !== -1 && k < err.position; k = text.indexOf('\n', k + 1)) line++;
  return parseFinding(
    'parse.unparseable',
    60,
    `AgentGuard cannot read ${what} (${err.message} on line ${line}), so it cannot tell what it would do from there on; a human must look at it`,
    target,
  );
}

/** `make all`, `just deploy`: a target or recipe past the bound on those followed (or nested too deep) runs unread. */
export function pastTargets(run: string, bound: number): Finding {
  return parseFinding(
    'parse.too-complex',
    60,
    `\`${run}\` runs more targets than AgentGuard follows (${bound}, or nested too deep); those past the bound were not judged, so a human must look at it`,
  );
}

export function lookupIn(scope: Scope): (name: string) => string | undefined {
  return (name) => {
    if (name === 'PWD') return scope.cwd;
    return own(scope.vars, name);
  };
}

/** Copy-on-write: most command lines never assign, so the environment is copied only when one does. */
export function setVar(scope: Scope, name: string, value: string | undefined): void {
  const vars = table(scope.vars);
  if (value === undefined) delete vars[name];
  else vars[name] = value;
  // `declare -n ref=x; ref=~/notes`: a write to a name reference writes the variable it names.
  const target = own(scope.vars, NAMEREF + name);
  if (target !== undefined && target !== name) {
    if (value === undefined) delete vars[target];
    else vars[target] = value;
  }
  scope.vars = vars;
}

/** `declare -n ref=x` noted as the variable `NAMEREF + "ref"` holding `x` (bash/variables.ts); read by setVar. */
export const NAMEREF = '\u0002nameref ';

/**
 * `setVar` for several names in order, copying the environment once: `cd` sets PWD, OLDPWD and often a third name,
 * and each copy of a developer's environment (dozens of variables) costs tens of thousands of instructions.
 */
export function setVars(scope: Scope, entries: readonly (readonly [string, string | undefined])[]): void {
  const vars = table(scope.vars);
  for (const [name, value] of entries) {
    if (value === undefined) delete vars[name];
    else vars[name] = value;
  }
  scope.vars = vars;
}

/**
 * A line's outermost scope. Every key of Scope, in the order it declares them, the absent ones undefined: the scopes
 * made from it by spread (`{ ...scope, via, depth }`, `child`) or set in place (`scope.repeated = true`) then share
 * one hidden class in V8, where adding an optional key made a new one each time and the stores and reads of a
 * scope's keys went megamorphic. Typed with every key required, so a key added to Scope and not here does not compile.
 */
export function rootScope(cwd: string, vars: Readonly<Record<string, string>>): Scope {
  const scope: EveryKey<Scope> = {
    cwd,
    vars,
    functions: new Map(),
    locals: undefined,
    globals: undefined,
    calling: [],
    via: [],
    remote: undefined,
    depth: 0,
    stdin: undefined,
    repeated: undefined,
    runTimeProgramsQuiet: undefined,
    failedCd: undefined,
    elsewhere: undefined,
    runnerCd: undefined,
  };
  return scope;
}

/**
 * The scope a wrapper's inner command runs in: one level deeper, through `via`, maybe on a remote or in another
 * folder. Written key by key in Scope's order rather than spread: the wrappers make one for most lines, and the
 * stores into a spread copy missed V8's inline caches each time.
 */
export function deeper(
  scope: Scope,
  via: string[],
  remote: Scope['remote'] = scope.remote,
  cwd: string = scope.cwd,
): Scope {
  const inner: EveryKey<Scope> = {
    cwd,
    vars: scope.vars,
    functions: scope.functions,
    locals: scope.locals,
    globals: scope.globals,
    calling: scope.calling,
    via,
    remote,
    depth: scope.depth + 1,
    stdin: scope.stdin,
    repeated: scope.repeated,
    runTimeProgramsQuiet: scope.runTimeProgramsQuiet,
    // The text a wrapper runs starts with the folder given: no `cd` of it has failed yet.
    failedCd: undefined,
    elsewhere: undefined,
    // A shell the text starts (`bash -c`, a script run by its path) fails its own `cd` as any shell does.
    runnerCd: undefined,
  };
  return inner;
}

/** A child scope (subshell, substitution): its assignments do not reach the parent. */
export function child(scope: Scope, extra: Partial<Scope> = {}): Scope {
  return { ...scope, ...extra };
}

export function envOf(scope: Scope): Record<string, string> {
  return scope.vars as Record<string, string>;
}
