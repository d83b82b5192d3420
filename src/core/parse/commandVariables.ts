// Variables whose value is a command line another program runs: the pager
// and editor every program that pages or edits reads (PAGER, MANPAGER,
// EDITOR, VISUAL), git's own (GIT_PAGER, GIT_EDITOR, GIT_SSH_COMMAND,
// GIT_EXTERNAL_DIFF, …), the askpass helpers, and less's input filters
// (LESSOPEN, LESSCLOSE, which any program paging through less runs). Set on
// the line, the command runs inside whatever reads it as surely as one typed
// there (`PAGER='sh -c …' git log`, `EDITOR=… git commit`, `LESSOPEN='|… %s'
// less f`), so it is judged as a line of its own; `PAGER=cat`, `EDITOR=vim`
// judge as what they are. The user's own values, in the environment the line
// starts with, are the user's business.
import type { Scope, Walker } from './normalize/scope';
import { table } from '../text/own';

export const COMMAND_VARIABLES: readonly string[] = [
  'PAGER',
  'MANPAGER',
  'SYSTEMD_PAGER',
  'GIT_PAGER',
  'EDITOR',
  'VISUAL',
  'SUDO_EDITOR',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'GIT_EXTERNAL_DIFF',
  'GIT_PROXY_COMMAND',
  'LESSOPEN',
  'LESSCLOSE',
];

/** The command line a variable's value stands for: less's `|cmd %s`, `||cmd %s` and `|-cmd %s` are the command after the bars. */
function commandOf(name: string, value: string): string {
  return name === 'LESSOPEN' || name === 'LESSCLOSE' ? value.replace(/^\|{1,2}-?/, '') : value;
}

/**
 * Walks the command each such variable set on the line holds, for a command
 * that runs with `env`: with the variables that command runs with (the shell
 * the pager runs in sees them too), but these back at the user's own values,
 * so a command they hold is not judged again inside itself.
 */
export function walkCommandVariables(env: Readonly<Record<string, string>>, scope: Scope, w: Walker): void {
  if (env === w.lineVars) return;
  let vars: Record<string, string> | undefined;
  for (const name of COMMAND_VARIABLES) {
    const value = env[name];
    if (!value || value === w.requestEnv[name]) continue;
    if (!vars) {
      vars = table(env);
      for (const n of COMMAND_VARIABLES) {
        const before = w.requestEnv[n];
        if (before === undefined) delete vars[n];
        else vars[n] = before;
      }
    }
    const text = commandOf(name, value).trim();
    if (text) w.walkText(text, { ...scope, vars, via: [...scope.via, name], depth: scope.depth + 1 }, true);
  }
}
