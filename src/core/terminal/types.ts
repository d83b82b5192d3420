// Room `terminal/`: the terminal door, for agents that have no hook. A
// command line typed (or sent) into a shell of the editor's terminals, and a
// command string a shell spawned by the extension host is about to run, are
// judged as a whole before the shell runs them: whether the shell would read
// more first (complete.ts), what the shell is told (messages.ts), the gate
// each shell loads (shells/), and the gate for the extension host's children
// (childGate.ts). The line's walk through the same policy as a hook call is
// the front door's (frontdoor/line.ts).

/** Shells with a gate: `sh` is a command string of a POSIX shell (judged whole where the shell lets us). */
export type GateShell = 'bash' | 'zsh' | 'fish' | 'pwsh' | 'sh';

export const GATE_SHELLS: readonly GateShell[] = ['bash', 'zsh', 'fish', 'pwsh'];

/**
 * Who a line comes from, as the editor knows its terminals:
 * - `agent-terminal`: a terminal another extension created (always gated);
 * - `human-terminal`: a terminal the human opened (gated per the setting);
 * - `extension-host`: a shell the extension host spawned (`bash -c` from an agent extension);
 * - `outside`: a shell no editor window owns (a terminal application with the startup line).
 */
export type LineOrigin = 'agent-terminal' | 'human-terminal' | 'extension-host' | 'outside';

/** `agentguard.terminal.gateHumanTerminals`. */
export type HumanTerminalGating = 'off' | 'production' | 'all';

export const HUMAN_TERMINAL_GATING: readonly HumanTerminalGating[] = ['off', 'production', 'all'];
export const DEFAULT_HUMAN_TERMINAL_GATING: HumanTerminalGating = 'production';

/** How the line reached the judge: a terminal's gate, or the gate of a shell the extension host spawned. */
export type LineVia = 'terminal' | 'bash-env' | 'zdotdir' | 'shim';

export interface LineCall {
  /** The whole text the shell would run (continuation lines and pasted blocks joined). */
  line: string;
  shell: GateShell;
  cwd: string;
  /** The shell's environment as the line would run with it. */
  env: Readonly<Record<string, string | undefined>>;
  origin: LineOrigin;
  humanGating: HumanTerminalGating;
  /** What the human is shown as the line's source: a terminal's name, `bash -c`, a shimmed program. */
  label: string;
  via: LineVia;
  started: Date;
  /** Folders of the CLI the gate ran (protected like the judge's own). */
  install?: readonly string[];
  /** The shell's aliases and the functions the line names (`alias -p`, `declare -f` text): the line means what they make it. */
  shellState?: string;
}

/**
 * What the shell does: run the line (after printing `notice`, if any), read
 * another line first (`more`), or not run it and print `message` instead
 * (exit status non-zero, so an agent waiting for the command sees why).
 */
export type LineAnswer =
  { decision: 'allow'; notice?: string } | { decision: 'more' } | { decision: 'deny'; message: string };
