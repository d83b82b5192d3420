// The command line a host runs for AgentGuard's hook, in the form its shell
// reads (sh, cmd.exe, PowerShell, or cmd.exe handed the line as one
// argument), and the script file some hosts run instead.
import type { HostId } from './types';

/**
 * How a host hands a hook command to a Windows shell, which decides how the
 * launcher's path must be written:
 * - `cmd` (the default): cmd.exe reads the line itself (`cmd /d /s /c "…"`,
 *   Node's `shell: true`), or Git Bash does: a double-quoted path serves both;
 * - `powershell`: `powershell -Command LINE` (Gemini CLI): a quoted path is
 *   a string there, not a command, so it is called with `&`, in single
 *   quotes (double quotes would expand `$` and backticks);
 * - `cmd-argv`: cmd.exe is started with the line as one argument
 *   (`spawn('cmd.exe', ['/d', '/s', '/c', LINE])`, Qwen Code), which Node
 *   escapes as `\"` — quotes cmd cannot read: the path is written bare, and a
 *   path that cmd would split or expand cannot be written at all.
 */
export type WindowsHookShell = 'cmd' | 'powershell' | 'cmd-argv';

/** Characters cmd.exe splits a bare word at or acts on (and `"`, which `cmd-argv` cannot carry). */
const CMD_BARE_UNSAFE = /[\s"&|<>^()%!,;=]/;

/** Quoted for the shell that runs a hook command: `sh`, or Windows' cmd. */
export function quoteArg(arg: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `"${arg.replace(/"/g, '""')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The shell command a host runs: the launcher by absolute path, quoted (see core/launcher). */
export function hookCommand(
  host: HostId,
  launcher: string,
  platform: NodeJS.Platform = process.platform,
  windowsShell: WindowsHookShell = 'cmd',
): string {
  if (platform === 'win32' && windowsShell === 'powershell') return `& '${launcher.replace(/'/g, "''")}' hook ${host}`;
  if (platform === 'win32' && windowsShell === 'cmd-argv') {
    if (CMD_BARE_UNSAFE.test(launcher)) {
      throw new Error(
        `${host} on Windows hands its hook command to cmd.exe with every quote escaped, so the launcher's path ${launcher} (a space or one of " & | < > ^ ( ) % ! , ; =) cannot be written into it; nothing was changed`,
      );
    }
    return `${launcher} hook ${host}`;
  }
  return `${quoteArg(launcher, platform)} hook ${host}`;
}

/** Written into every file AgentGuard writes whole, so uninstall and doctor know it is ours. */
export const MANAGED_MARK = 'agentguard-managed';

/** A shell script that runs the hook (Cline's hook file, Amp's delegate program). */
export function hookScript(host: HostId, command: string): string {
  return `#!/bin/sh
# ${MANAGED_MARK}: written by \`agentguard install --${host}\`; \`agentguard uninstall --${host}\` removes it.
# Runs AgentGuard's hook with the host's payload on stdin; its answer and exit code are the host's.
exec ${command}
`;
}
