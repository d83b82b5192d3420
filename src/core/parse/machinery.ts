// The shell's own machinery, which the terminal gate stands on: the builtins
// its functions call, the handler bash runs for an unknown command, the
// signal that stops a refused line and the DEBUG trap it chains into, the
// builtins `enable` can switch off, line editing itself. A line that
// redefines or switches off one of them could make the shell's next lines
// run unjudged, or make a stop not stop: it asks. The walk reports function
// and alias names and traps where it reads them; the terminal pack the
// options and builtins (packs/terminal.ts).
import type { Finding } from '../types';

const ALTERNATIVE =
  "leave the shell's builtins, traps and handlers as they are; a human changes them in their own startup files";

/**
 * Names whose redefinition (as a function or an alias) changes what the
 * gate's own code or the shell's stop does: the builtins the gate calls, the
 * unknown-command handlers of bash, zsh and fish, and the hook functions the
 * editor's shell integration and bash-preexec run before each command.
 */
const MACHINERY_NAME =
  /^(?:builtin|command|enable|trap|kill|bind|bindkey|zle|printf|print|read|declare|typeset|local|set|shopt|setopt|unsetopt|unset|unfunction|functions|eval|exec|source|\.|history|fc|disown|alias|unalias|emulate|autoload|coproc|commandline|command_not_found_handle|command_not_found_handler|fish_command_not_found|preexec|precmd|__agentguard_\w*|__vsc_\w*|__bp_\w*)$/;

/**
 * A wrapper that starts a new shell process (`bash -c`, `sh build.sh`, `./build.sh`, a script found by its
 * shebang): what that shell traps, switches off or defines ends with it and never touches the terminal's own
 * shell, whose process the gate stops (`kill -INT $$`). A script's `trap cleanup INT EXIT` is routine.
 * `source FILE` and `eval` run in the shell itself and are not one.
 */
const CHILD_SHELL_VIA = /^(?:\S*\/)?(?:ba|z|da|k|mk|fi|y)?sh(?:\s|$)/;

/** Whether code read through these wrappers runs in a shell process of its own, not in the terminal's shell. */
export function inChildShell(via: readonly string[]): boolean {
  return via.some((v) => CHILD_SHELL_VIA.test(v) || (v.includes('/') && !/^(?:source|\.)\s/.test(v) && !/\s/.test(v)));
}

function machineryFinding(id: string, summary: string, target: string): Finding {
  return { id, summary, target: target.slice(0, 200), severity: 55, alternative: ALTERNATIVE };
}

/** `f() { … }` or `alias f=…` for a name the gate or the shell's stop relies on. */
export function machineryNameFinding(name: string, as: 'function' | 'alias'): Finding | undefined {
  if (!MACHINERY_NAME.test(name)) return undefined;
  const what = /^command_not_found|fish_command_not_found/.test(name)
    ? `the shell's handler for unknown commands (${name}): whatever is typed and not found would run it instead`
    : `${name}, which AgentGuard's terminal gate or the shell's own stop relies on`;
  return machineryFinding(
    'terminal.shell-machinery',
    `defines ${as === 'function' ? 'a function' : 'an alias'} that replaces ${what}`,
    `${as} ${name}`,
  );
}

/** Signals whose handling the gate relies on: INT stops a refused line, DEBUG is where it stops it under the editor's integration. */
const GATE_SIGNALS = /^(?:INT|SIGINT|2|DEBUG|RETURN)$/i;

/** `trap CODE INT`, `trap '' INT`, `trap CODE DEBUG`: the shell's stop no longer stops. A reset (`trap - INT`) and a listing are harmless. */
export function trapFinding(argv: readonly string[]): Finding | undefined {
  // `trap -- '' INT` is `trap '' INT`: `--` only ends the options.
  const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
  if (args.length < 2 || args[0] === '-' || args[0] === '-p' || args[0] === '-l') return undefined;
  const signals = args.slice(1).filter((s) => GATE_SIGNALS.test(s));
  if (!signals.length) return undefined;
  return machineryFinding(
    'terminal.shell-machinery',
    `trap changes what the shell does on ${signals.join(', ')}, which AgentGuard's terminal gate uses to stop a refused line`,
    argv.join(' '),
  );
}

/** Whether NAME runs the program at FILE: its own name, or a numbered version of it (`python` for python3, `pip` for pip3). */
export function sameProgram(name: string, file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.startsWith(name) && /^[\d.-]*$/.test(base.slice(name.length));
}

/**
 * `hash -p FILE NAME`: for every later line of the shell, NAME runs FILE (`hash -p /bin/rm ls`), with no alias or
 * function to show for it. Pinning a program under its own name (`hash -p /usr/bin/git git`), or a name to a
 * versioned build of it (`hash -p /usr/bin/python3 python`), changes nothing the name does not already say.
 */
export function hashRemapFinding(file: string, names: readonly string[]): Finding | undefined {
  const remapped = names.filter((n) => !sameProgram(n, file));
  if (!remapped.length) return undefined;
  return machineryFinding(
    'terminal.shell-machinery',
    `hash -p makes ${remapped.join(', ')} run ${file} on every later line of the shell, whatever the name shows`,
    `hash -p ${file} ${remapped.join(' ')}`,
  );
}

/** `alias ls=rm`, `ls() { rm "$@"; }`: a known command's name runs another program for every later line of the shell. */
export function renameFinding(as: 'function' | 'alias', name: string, program: string): Finding {
  return machineryFinding(
    'terminal.shell-machinery',
    `${as} ${name} makes ${name} run ${program} on every later line of the shell, whatever the name shows`,
    `${as} ${name}`,
  );
}
