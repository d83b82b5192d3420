// `agentguard install --terminal` / `uninstall --terminal`: the guarded line
// that loads the terminal gate, in the startup file of each shell found on
// this machine (core/terminal/startupLine.ts). Uninstall takes only that line
// out; the editor, when running, puts a removed line back until a human
// allows the removal (as for hook files). The files are the account's home's
// (core/state/homes.ts), where the editor watches them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { accountHome } from '../core/frontdoor/launch';
import {
  addStartupLine,
  removeStartupLine,
  replaceFile,
  startupFile,
  startupLine,
  STARTUP_SHELLS,
  type StartupShell,
} from '../core/frontdoor/setup';

export interface StartupOutcome {
  shell: StartupShell;
  file: string;
  status: 'added' | 'unchanged' | 'removed' | 'absent' | 'failed';
  error?: string;
}

/** Shells installed here (bash, zsh, fish, pwsh on PATH). */
export function installedShells(): StartupShell[] {
  return STARTUP_SHELLS.filter((s) => spawnSync('sh', ['-c', `command -v ${s}`], { stdio: 'ignore' }).status === 0);
}

function edit(
  file: string,
  change: (text: string) => { text: string; changed: boolean },
  create: boolean,
): 'changed' | 'unchanged' | 'absent' {
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text === undefined && !create) return 'absent';
  const next = change(text ?? '');
  if (!next.changed) return 'unchanged';
  const mode = text === undefined ? 0o644 : fs.statSync(file).mode & 0o777;
  // A new file renamed over it, its temporary file opened exclusively: never written through a planted link.
  replaceFile(file, next.text, mode, { folderMode: 0o777 });
  return 'changed';
}

export function installStartupLines(
  shells: readonly StartupShell[],
  node: string,
  cli: string,
  env = process.env,
  home = accountHome(),
): StartupOutcome[] {
  return shells.map((shell) => {
    const file = startupFile(shell, env, home);
    try {
      const r = edit(file, (t) => addStartupLine(t, startupLine(shell, { node, cli })), true);
      return { shell, file, status: r === 'changed' ? 'added' : 'unchanged' };
    } catch (err) {
      return { shell, file, status: 'failed', error: (err as Error).message };
    }
  });
}

export function uninstallStartupLines(
  shells: readonly StartupShell[],
  env = process.env,
  home = accountHome(),
): StartupOutcome[] {
  return shells.map((shell) => {
    const file = startupFile(shell, env, home);
    try {
      const r = edit(file, removeStartupLine, false);
      return { shell, file, status: r === 'changed' ? 'removed' : 'absent' };
    } catch (err) {
      return { shell, file, status: 'failed', error: (err as Error).message };
    }
  });
}

const LABEL: Record<StartupOutcome['status'], string> = {
  added: 'terminal gate line added',
  unchanged: 'terminal gate line already there',
  removed: 'terminal gate line removed',
  absent: 'no terminal gate line',
  failed: 'FAILED',
};

export function reportStartup(outcomes: readonly StartupOutcome[]): number {
  for (const o of outcomes) {
    (o.status === 'failed' ? process.stderr : process.stdout).write(
      `${o.shell.padEnd(11)} ${o.file}  ${LABEL[o.status]}${o.error ? `: ${o.error}` : ''}\n`,
    );
  }
  return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}
