// The terminal gate's footing in the shell a line runs in: the keys that
// accept a line (readline's `bind`, zsh's `bindkey` and `zle`, fish's `bind`),
// the gate's functions, and shells started without it. A line that changes
// them could make the shell's next lines run unjudged, so it asks; a human's
// own terminal is judged only for production targets and never sees it.
// (Variables and `unset -f` of the gate's names: parse/guardVariables.ts.)
import * as path from 'node:path';
import type { Finding, Pack, SimpleCommand } from '../types';

const ALTERNATIVE = "leave the terminal gate's keys and functions as they are; a human changes them in their own startup files";

/** Shells that never load the gate (they have no line editor AgentGuard binds). */
const GATELESS_SHELLS = new Set(['sh', 'dash', 'ash', 'ksh', 'mksh', 'pdksh', 'csh', 'tcsh', 'busybox', 'yash', 'nu', 'xonsh', 'elvish']);
/** Flags that start bash, zsh or fish without the startup files the gate is loaded from. */
const NO_STARTUP: Record<string, readonly string[]> = {
  bash: ['--norc', '--noprofile', '--posix', '--rcfile', '--init-file', '-r', '--restricted'],
  zsh: ['-f', '--no-rcs', '--no-globalrcs', '-d'],
  fish: ['-N', '--no-config', '--no-execute', '-n'],
};

function finding(id: string, summary: string, target: string): Finding {
  return { id, summary, target: target.slice(0, 200), severity: 55, alternative: ALTERNATIVE };
}

/** An interactive shell: no `-c`, no script or command operand. */
function interactive(argv: readonly string[]): boolean {
  for (const a of argv.slice(1)) {
    if (a === '-c' || a === '--command' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return false;
    if (!a.startsWith('-') && !a.startsWith('+')) return false;
  }
  return true;
}

export const terminalPack: Pack = {
  id: 'terminal',
  commands: ['bind', 'bindkey', 'zle', 'unfunction', 'functions', 'exec', ...GATELESS_SHELLS, 'bash', 'zsh', 'fish'],
  analyze(cmd: SimpleCommand): Finding[] | undefined {
    const prog = path.basename(cmd.argv[0] ?? '');
    const args = cmd.argv.slice(1);
    if (prog === 'bind' || prog === 'bindkey' || prog === 'zle') {
      return [finding('terminal.gate-keys', `${prog} reads or changes the shell's key bindings, through which AgentGuard's terminal gate judges each line`, cmd.source)];
    }
    if ((prog === 'unfunction' || (prog === 'functions' && args.some((a) => a === '-e' || a === '--erase'))) && args.some((a) => a.startsWith('__agentguard'))) {
      return [finding('terminal.gate-function', `${prog} removes a function of AgentGuard's terminal gate`, cmd.source)];
    }
    const shell = prog === 'busybox' ? (args[0] === 'sh' || args[0] === 'ash' ? 'sh' : undefined) : prog;
    // A shell reading a pipe, a heredoc or a file runs that script, not what a human types (other packs read the script).
    const fedStdin = cmd.stdin !== undefined || cmd.stdinFrom !== undefined || cmd.redirects.some((r) => r.op === '<' || r.op === '<>');
    if (!shell || fedStdin || !interactive(prog === 'busybox' ? cmd.argv.slice(1) : cmd.argv)) return undefined;
    if (GATELESS_SHELLS.has(shell) || (NO_STARTUP[shell] ?? []).some((f) => args.includes(f))) {
      return [finding('terminal.ungated-shell', `starts an interactive ${shell} without AgentGuard's terminal gate: the lines typed into it would run unjudged`, cmd.source)];
    }
    return undefined;
  },
};
