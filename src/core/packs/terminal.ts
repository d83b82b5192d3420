// The terminal gate's footing in the shell a line runs in: the keys that
// accept a line (readline's `bind`, zsh's `bindkey` and `zle`, fish's `bind`),
// the gate's functions, and shells started without it. A line that changes
// them could make the shell's next lines run unjudged, so it asks; a human's
// own terminal is judged only for production targets and never sees it.
// (Variables and `unset -f` of the gate's names: parse/guardVariables.ts.)
import * as path from 'node:path';
import type { Finding, Pack, SimpleCommand } from '../types';
import { finding } from './common/finding';
import { own } from '../text/own';
import { inChildShell } from '../parse/machinery';

const ALTERNATIVE =
  "leave the terminal gate's keys and functions as they are; a human changes them in their own startup files";

/** Shells that never load the gate (they have no line editor AgentGuard binds). */
const GATELESS_SHELLS = new Set([
  'sh',
  'dash',
  'ash',
  'ksh',
  'mksh',
  'pdksh',
  'csh',
  'tcsh',
  'busybox',
  'yash',
  'nu',
  'xonsh',
  'elvish',
]);
/** Flags that start bash, zsh or fish without the startup files the gate is loaded from. */
const NO_STARTUP: Record<string, readonly string[]> = {
  bash: ['--norc', '--noprofile', '--posix', '--rcfile', '--init-file', '-r', '--restricted'],
  zsh: ['-f', '--no-rcs', '--no-globalrcs', '-d'],
  fish: ['-N', '--no-config', '--no-execute', '-n'],
};

function gateFinding(id: string, summary: string, target: string): Finding {
  return finding(id, 55, summary, target.slice(0, 200), ALTERNATIVE);
}

/** An interactive shell: no `-c`, no script or command operand. */
function interactive(argv: readonly string[]): boolean {
  for (const a of argv.slice(1)) {
    if (a === '-c' || a === '--command' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return false;
    if (!a.startsWith('-') && !a.startsWith('+')) return false;
  }
  return true;
}

/** Options that switch off line editing (Enter then never reaches the gate) or change what the DEBUG trap sees. */
const LINE_EDITING_OFF = /^(?:emacs|vi|functrace)$/;

/**
 * The shell's machinery itself: `enable` switches builtins off or loads new
 * ones, `set +o emacs` turns line editing off, `shopt -s extdebug` and
 * `set -T` change the DEBUG trap, zsh's `unsetopt zle` switches its line
 * editor off, and `fc` runs lines from history that never passed the gate.
 */
function machineryFinding(prog: string, args: readonly string[], source: string): Finding | undefined {
  const machinery = (summary: string) => ({
    id: 'terminal.shell-machinery',
    summary,
    target: source.slice(0, 200),
    severity: 55,
    alternative: ALTERNATIVE,
  });
  if (prog === 'enable' && args.some((a) => a !== '-a' && a !== '-p' && a !== '-s')) {
    return machinery(
      `enable switches shell builtins off or loads new ones (${args.join(' ')}): the builtins AgentGuard's terminal gate uses to stop a line could stop working`,
    );
  }
  if (prog === 'set') {
    for (let i = 0; i < args.length; i++) {
      const off = args[i] === '+o' && LINE_EDITING_OFF.test(args[i + 1] ?? '') && args[i + 1] !== 'functrace';
      const trace = (args[i] === '-o' && args[i + 1] === 'functrace') || /^-[a-zA-Z]*T/.test(args[i]);
      if (off)
        return machinery(
          `set +o ${args[i + 1]} turns the shell's line editor off: lines would reach it without passing AgentGuard's terminal gate`,
        );
      if (trace)
        return machinery("set -T makes functions inherit the DEBUG trap AgentGuard's terminal gate is chained into");
    }
  }
  if (prog === 'shopt' && args.includes('-s') && args.includes('extdebug')) {
    return machinery(
      "shopt -s extdebug changes what the shell's DEBUG trap does, which AgentGuard's terminal gate is chained into",
    );
  }
  if (
    (prog === 'unsetopt' && args.some((a) => /^zle$/i.test(a))) ||
    (prog === 'setopt' && args.some((a) => /^no_?zle$/i.test(a)))
  ) {
    return machinery(
      `${prog} switches zsh's line editor off: lines would reach it without passing AgentGuard's terminal gate`,
    );
  }
  if (prog === 'fc' && !args.some((a) => /^-[a-zA-Z]*l/.test(a))) {
    return machinery(
      "fc runs lines from the shell history (after an editor, or at once with -s): they never pass AgentGuard's terminal gate",
    );
  }
  return undefined;
}

export const terminalPack: Pack = {
  id: 'terminal',
  commands: [
    'bind',
    'bindkey',
    'zle',
    'unfunction',
    'functions',
    'exec',
    'enable',
    'set',
    'shopt',
    'setopt',
    'unsetopt',
    'fc',
    ...GATELESS_SHELLS,
    'bash',
    'zsh',
    'fish',
  ],
  analyze(cmd: SimpleCommand): Finding[] | undefined {
    const prog = path.basename(cmd.argv[0] ?? '');
    const args = cmd.argv.slice(1);
    // A shell process of its own (`bash build.sh`, `./build.sh`) has no gate to disarm: its traps and keys end with it.
    const child = inChildShell(cmd.via);
    const machinery = child ? undefined : machineryFinding(prog, args, cmd.source);
    if (machinery) return [machinery];
    if (!child && (prog === 'bind' || prog === 'bindkey' || prog === 'zle')) {
      return [
        gateFinding(
          'terminal.gate-keys',
          `${prog} reads or changes the shell's key bindings, through which AgentGuard's terminal gate judges each line`,
          cmd.source,
        ),
      ];
    }
    if (
      (prog === 'unfunction' || (prog === 'functions' && args.some((a) => a === '-e' || a === '--erase'))) &&
      args.some((a) => a.startsWith('__agentguard'))
    ) {
      return [
        gateFinding('terminal.gate-function', `${prog} removes a function of AgentGuard's terminal gate`, cmd.source),
      ];
    }
    const shell = prog === 'busybox' ? (args[0] === 'sh' || args[0] === 'ash' ? 'sh' : undefined) : prog;
    // A shell reading a pipe, a heredoc or a file runs that script, not what a human types (other packs read the script).
    const fedStdin =
      cmd.stdin !== undefined ||
      cmd.stdinFrom !== undefined ||
      cmd.redirects.some((r) => r.op === '<' || r.op === '<>');
    if (!shell || fedStdin || !interactive(prog === 'busybox' ? cmd.argv.slice(1) : cmd.argv)) return undefined;
    if (GATELESS_SHELLS.has(shell) || (own(NO_STARTUP, shell) ?? []).some((f) => args.includes(f))) {
      return [
        gateFinding(
          'terminal.ungated-shell',
          `starts an interactive ${shell} without AgentGuard's terminal gate: the lines typed into it would run unjudged`,
          cmd.source,
        ),
      ];
    }
    return undefined;
  },
};
