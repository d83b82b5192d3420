// The one guarded line `agentguard install --terminal` adds to a shell's
// startup file, so terminals outside the editor (and editor terminals whose
// environment does not carry the gate) load it too. The line names the CLI
// by absolute path and does nothing when that file is gone; it ends with a
// mark by which install, uninstall, doctor and the editor's watch find it.
import * as path from 'node:path';
import { psq, shq, type GatePaths } from './shells/common';
import type { GateShell } from './types';

export type StartupShell = Exclude<GateShell, 'sh'>;
export const STARTUP_SHELLS: readonly StartupShell[] = ['bash', 'zsh', 'fish', 'pwsh'];

export const STARTUP_MARK = '# agentguard-terminal-gate';

export function startupFile(
  shell: StartupShell,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  const config =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  switch (shell) {
    case 'bash':
      return path.join(home, '.bashrc');
    case 'zsh':
      return path.join(
        env.ZDOTDIR && path.isAbsolute(env.ZDOTDIR) && !env.ZDOTDIR.includes(`${path.sep}agentguard${path.sep}`)
          ? env.ZDOTDIR
          : home,
        '.zshrc',
      );
    case 'fish':
      return path.join(config, 'fish', 'config.fish');
    case 'pwsh':
      return path.join(config, 'powershell', 'Microsoft.PowerShell_profile.ps1');
  }
}

/** The line for `shell`: runs the gate of the CLI at `p` when that CLI still exists. */
export function startupLine(shell: StartupShell, p: GatePaths): string {
  const node = shq(p.node);
  const cli = shq(p.cli);
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `[ -f ${cli} ] && eval "$(ELECTRON_RUN_AS_NODE=1 ${node} ${cli} shell-init ${shell})" ${STARTUP_MARK}`;
    case 'fish':
      return `test -f ${cli}; and env ELECTRON_RUN_AS_NODE=1 ${node} ${cli} shell-init fish | source ${STARTUP_MARK}`;
    case 'pwsh':
      return `if (Test-Path ${psq(p.cli)}) { $env:ELECTRON_RUN_AS_NODE = '1'; & ${psq(p.node)} ${psq(p.cli)} shell-init pwsh | Out-String | Invoke-Expression; Remove-Item Env:ELECTRON_RUN_AS_NODE } ${STARTUP_MARK}`;
  }
}

export function hasStartupLine(text: string): boolean {
  return text.split('\n').some((l) => l.trimEnd().endsWith(STARTUP_MARK));
}

/** The text with `line` in place of any earlier AgentGuard line, or at the end; `changed` false when it was already there. */
export function addStartupLine(text: string, line: string): { text: string; changed: boolean } {
  const lines = text.split('\n');
  const kept = lines.filter((l) => !l.trimEnd().endsWith(STARTUP_MARK));
  if (kept.length === lines.length - 1 && lines.includes(line)) return { text, changed: false };
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return { text: `${kept.join('\n')}${kept.length ? '\n' : ''}${line}\n`, changed: true };
}

export function removeStartupLine(text: string): { text: string; changed: boolean } {
  const lines = text.split('\n');
  const kept = lines.filter((l) => !l.trimEnd().endsWith(STARTUP_MARK));
  return { text: kept.join('\n'), changed: kept.length !== lines.length };
}
