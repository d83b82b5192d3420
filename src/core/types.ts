// Shared vocabulary of the policy engine. Every door (CLI, hook, extension,
// language server) speaks these types; packs only ever see SimpleCommand.

export type Decision = 'allow' | 'ask' | 'deny';

export interface Finding {
  /** Stable id, `pack.what` (e.g. `git.force-push`). Never renamed once shipped. */
  id: string;
  /** One line a human understands: what would happen. */
  summary: string;
  /** What is hit: a path, table, branch, bucket, host. */
  target?: string;
  /** A safer way to get the same job done, where one exists. */
  alternative?: string;
  /**
   * The safer alternative as a mechanical edit of the command as written, where
   * one exists: replace the word `word` (exactly as it appears) by
   * `replacement` ('' drops it). Editors offer it as a quick fix.
   */
  fix?: { word: string; replacement: string };
  /** 0–100; the decision's score is the highest severity. ≥ ask threshold (40) asks, ≥ deny threshold (90) denies. */
  severity: number;
}

export type RedirectOp = '>' | '>>' | '>|' | '&>' | '&>>' | '<' | '<>';

export interface Redirect {
  op: RedirectOp;
  /** File descriptor written (1 when omitted for output ops). */
  fd: number;
  /** Target word after expansion; `/dev/null` etc. kept verbatim. */
  target: string;
}

/**
 * One command as it will really execute, after unwrapping every wrapper
 * (sudo, env, bash -c, ssh host …, xargs, find -exec, npm run NAME, git aliases)
 * and normalising the spelling of the program name.
 */
export interface SimpleCommand {
  /** Words after quote removal and expansion of known variables. argv[0] is the bare program name (`rm`, never `/bin/rm` or `\rm`). */
  argv: string[];
  /** Unresolved expansions stay in the word as written (`$FOO`, `$(…)`); this marks which argv entries hold one. Same length as argv. */
  dynamic: boolean[];
  redirects: Redirect[];
  /** What the command reads on stdin when it is known statically: heredoc body, here-string, or the output of `echo`/`printf`/`cat FILE` piped in. */
  stdin?: string;
  /** argv of the command whose output is piped into this one, when there is one. */
  stdinFrom?: string[];
  /** When that command only transforms its own input (gzip, base64, pv, gpg): argv of the first command of the chain, whose data this one really reads. */
  stdinOrigin?: string[];
  /** When every stage between is a line filter (sed, grep, sort, cut…): argv of the command whose list of lines this one reads. */
  stdinLister?: string[];
  /** Where stdout goes when not to the terminal: the argv of the next command in the pipe, or `['$(…)']` when captured by a substitution. */
  stdoutTo?: string[];
  /** Runs inside a `$(…)`: its output, through any pipe, becomes words of another command instead of reaching the terminal. */
  captured?: true;
  /** Absolute working directory, after any `cd` earlier in the line. */
  cwd: string;
  /** Environment the command runs with: request env, then assignments earlier in the line, then prefix assignments (`FOO=1 cmd`). */
  env: Record<string, string>;
  /** Wrappers peeled off to reach this command, outermost first (`sudo`, `bash -c`, `ssh db-prod`, `npm run db:reset`, `python -c`). */
  via: string[];
  /** Set when the command runs somewhere else than this machine. */
  remote?: { kind: 'ssh' | 'docker' | 'kubectl'; target: string };
  /** Set when the command runs once per item of a list it does not name: a loop over values known only at run time (`while read`, `for x in $(cat f)`), xargs, parallel. */
  repeated?: true;
  /** Whole source text of this simple command (for messages and rule matching of the un-normalised form). */
  source: string;
  /**
   * The argv words holding a brace the parser read, with the words bash makes of each: the word itself where its
   * braces are literal (quoted, escaped, no list), the alternatives where the parser kept a list whole (a word
   * holding a substitution, `$(pwd)/{a,b}`); null where it could not tell. A word not named is read as before.
   */
  braces?: ReadonlyMap<string, readonly string[] | null>;
}

/**
 * The type with every key required, the optional ones still allowing undefined: an object literal of it names every
 * key, so V8 gives all objects built that way one hidden class. A key added to the type and not to the literal fails
 * to compile.
 */
export type EveryKey<T> = { [K in keyof Required<T>]: T[K] };

export interface AnalysisContext {
  /** Absolute workspace root. */
  workspace: string;
  /** Absolute home directory of the user the agent runs as. */
  home: string;
  /** Absolute temp roots (`/tmp`, `/var/tmp`, `$TMPDIR`, …) where deleting is routine. */
  tempDirs: readonly string[];
  /** Bounded, failure-tolerant read of a file (absolute or relative to `cwd`); undefined when missing, unreadable or too large. */
  readFile(path: string, cwd: string): string | undefined;
  /** Whether an agent wrote this absolute path (edit tool or an allowed shell write); absent where no ledger is kept. */
  agentWritten?(path: string): boolean;
  /** Real path of an existing file or folder (symlinks resolved); undefined when missing. Without it, paths are judged as spelled. */
  realpath?(path: string): string | undefined;
  /** Identity of an existing path (following symlinks), for hard links to protected files. */
  stat?(path: string): FileIdentity | undefined;
  /** Whether an existing regular file starts as a compiled program (ELF, Mach-O, PE); undefined when it cannot be read. */
  compiledProgram?(path: string): boolean | undefined;
  /**
   * The name of the program of `dirs` (system folders of PATH) that `file` is a byte-for-byte copy of: a compiled
   * program run under another name is judged as the system program it is. Absent where no file system is read.
   */
  programCopyOf?(file: string, dirs: readonly string[]): string | undefined;
  /**
   * The names in a folder of PATH, listed once a judgment (a batch: once a chunk of input), for a program called by a
   * name no pack reads; undefined when it cannot be listed. Not a look a batch repeats before answering a line again.
   */
  pathListing?(folder: string): ReadonlySet<string> | undefined;
  /** The entries of an existing folder (following symlinks), for what a copy or a glob reaches; undefined when it cannot be listed. */
  readdir?(path: string): readonly DirEntry[] | undefined;
  /** The file system ignores case (macOS, Windows): protected paths compare case-insensitively. */
  caseInsensitive?: boolean;
  /** Folders of the AgentGuard CLI the agent hooks run (protected). */
  guardInstall?: readonly string[];
  /** AgentGuard's state folder for this call, when it is not this process's (a judge serving another process). */
  stateDir?: string;
  /** The commands run on Windows: every path is read with Windows semantics (drive letters, `\`, no case). */
  windows?: boolean;
  /** Files written earlier on the line with a credential's content (absolute path → what they hold): they count as credentials. */
  staged?: ReadonlyMap<string, string>;
  /** Git remotes added or re-pointed earlier on the line (name → URL): a push to one goes where the repository never sent code. */
  remotesAdded?: ReadonlyMap<string, string>;
  /** A command earlier on the line may have made files (anything but `cd`, `mkdir`, `echo` …): a file missing now may be there when a later one runs. */
  lineMade?: boolean;
  /** A command earlier on the line copied a secret to the clipboard (`pass show -c NAME`): what reads the clipboard prints it. */
  clipboardSecret?: string;
  /** A command earlier on the line installs or sets up husky (command/husky.ts): `.husky/` holds git hooks from then on. */
  huskySetUp?: boolean;
  /** Web terminals started earlier on the line (port → `ttyd`, `gotty`): a public tunnel to that port hands out a shell. */
  webTerminalPorts?: ReadonlyMap<string, string>;
  /** A command earlier on the line forwards a local port elsewhere (`kubectl port-forward`, `ssh -L`): localhost may not be this machine's server. */
  portForwarded?: true;
}

export interface FileIdentity {
  dev: number;
  ino: number;
  nlink: number;
  isFile: boolean;
  /** A folder (absent where the file system lookup did not say). */
  isDir?: boolean;
  /** Size in bytes (absent where the file system lookup did not say). */
  size?: number;
  /** Type and permission bits (`st_mode`; absent where the file system lookup did not say). */
  mode?: number;
  /** Last change of the file's text, in ms since the epoch (absent where the file system lookup did not say). */
  mtimeMs?: number;
}

export interface DirEntry {
  name: string;
  /** A folder, or a symlink to one. */
  dir: boolean;
  /** A symbolic link. */
  link?: boolean;
}

export interface Pack {
  /** `fs`, `git`, `sql`, … — the prefix of its finding ids. */
  id: string;
  /**
   * argv[0] values this pack looks at; `'*'` to see every command; `'unclaimed'`
   * to see only programs no other pack names (the generic reading of unknown CLIs).
   * Used to dispatch without calling every pack.
   */
  commands: readonly string[] | '*' | 'unclaimed';
  /**
   * Programs in `commands` this pack reads for one concern only (the CI
   * secrets a forge CLI sets): claiming them must not silence the generic
   * reading of their verbs, so unless another pack reads them whole, the
   * `'unclaimed'` packs read them too.
   */
  partly?: readonly string[];
  analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined;
  /**
   * Whether the command changes state (`write`) or only looks (`read`), for the
   * commands this pack knows. Asked only when the command targets a production
   * environment: a write there is gated even when nothing else is wrong.
   */
  effect?(cmd: SimpleCommand, ctx: AnalysisContext): 'read' | 'write' | undefined;
}

export interface EnvironmentMatch {
  /** Environment name from the config, or `production` / `local` / `unknown` when guessed. */
  name: string;
  production: boolean;
  /** What matched, human readable (`host db.acme.io matches *.acme.io`, `AWS_PROFILE=prod`). */
  evidence: string[];
  /**
   * Set when the target is proven disposable (a test database on this machine,
   * a local cluster, an emulator, a test-mode key, a pull request's preview):
   * its findings were weighed down. See environment/tier.ts for the others.
   */
  tier?: 'ephemeral';
  /**
   * Set when the command reaches this machine's loopback on a port forwarded earlier on the line: what answers
   * there is the forward's far end, so the loopback proves nothing disposable.
   */
  forwarded?: true;
}

/** Shells a request may name: POSIX shells (bash, sh, dash, ksh) share one reader; zsh and fish are read as they differ; PowerShell and cmd have their own. */
export type ShellName = 'bash' | 'sh' | 'dash' | 'ksh' | 'zsh' | 'fish' | 'pwsh' | 'cmd';

export interface CheckRequest {
  command: string;
  cwd?: string;
  env?: Record<string, string>;
  /** The shell that runs the line; when absent, the platform and the line's own syntax decide. */
  shell?: ShellName;
  /** The shell outlives the line (a terminal). What any line defines is judged where defined, since an agent's shell may outlive it too. */
  session?: boolean;
  /** The aliases and functions that shell already holds (`alias -p`, `declare -f` text): the line's words mean what they mean there. */
  shellState?: string;
}

export interface DecisionResult {
  command: string;
  decision: Decision;
  score: number;
  environment: EnvironmentMatch;
  findings: Finding[];
  /** Set when a workspace rule decided (its index in `rules` and its match text). */
  /** The rule that decided; `managed` when it is the organization's managed policy's (index then counts in the merged list). */
  rule?: { index: number; match: string; reason?: string; managed?: true };
  /** `monitor` mode: what would have been decided; `decision` is then always allow. */
  monitored?: Decision;
}

/** What the policy decided about one tool call (a hook call, a terminal line). */
export interface Verdict {
  decision: Decision;
  score: number;
  environment: EnvironmentMatch;
  /** What gates this tool call. */
  findings: Finding[];
  /** What a written script or SQL file would do when someone runs it: reported, not gating. */
  warnings: Finding[];
  /** Files whose content the warnings are about. */
  warnedFiles?: string[];
  monitored?: Decision;
  rule?: DecisionResult['rule'];
  /**
   * A harmless call in a folder whose human confirmed `agentguard.answerHarmless: "allow"`:
   * it gets an explicit allow instead of the host's "no decision".
   */
  handedOver?: true;
}

export const UNKNOWN_ENV: EnvironmentMatch = { name: 'unknown', production: false, evidence: [] };
