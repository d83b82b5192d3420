// AgentGuard's own settings variables (AGENTGUARD_STATE_DIR, its timeouts and
// snapshot limits) and XDG_STATE_HOME, which moves its state folder. A line
// that sets or unsets one points the guard, or any AgentGuard the line starts,
// at another kill switch, audit log, snapshot store or limits. The shell
// builtins that change variables (`export`, `unset`, `X=1`) never reach the
// packs, so the walk reports them where it reads them.
import type { Finding } from '../types';

const GUARD_VARIABLE = /^(?:AGENTGUARD_[A-Z0-9_]*|XDG_STATE_HOME)$/i;
/**
 * What the terminal gate stands on: its own functions and variables
 * (`__agentguard_*`), the hooks it chains into (PS0, PROMPT_COMMAND, zsh's
 * precmd and preexec lists) and the variables that load the gate of shells the
 * extension host spawns (BASH_ENV, ZDOTDIR), and the characters that start a
 * history reference (histchars), which the gate expands before judging a line.
 * `unset -f` names functions the same way; `NAME[i]=` sets NAME.
 */
const GATE_NAME =
  /^(?:__agentguard_\w*|PS0|PROMPT_COMMAND|precmd_functions|preexec_functions|BASH_ENV|ZDOTDIR|histchars|HISTCHARS)$/;

/** A finding when `name` is one of AgentGuard's variables; `how` says what the line does to it. */
export function guardVariableFinding(written: string, how: 'sets' | 'unsets'): Finding | undefined {
  const name = written.replace(/\[.*$/s, '');
  if (GATE_NAME.test(name)) {
    return {
      id: 'guard.terminal-gate',
      summary: `${how} ${name}, which AgentGuard's terminal gate stands on: the shell's later lines could run unjudged`,
      target: name,
      severity: 60,
      alternative: "leave the shell's gate as it is; a human changes it in their own startup files",
    };
  }
  if (!GUARD_VARIABLE.test(name)) return undefined;
  return {
    id: 'guard.settings-variable',
    summary: `${how} ${name}, which AgentGuard reads for its own state and limits: it would point the guard somewhere else`,
    target: name,
    severity: 60,
    alternative: "leave AgentGuard's variables as they are; a human changes them in the editor's environment",
  };
}
