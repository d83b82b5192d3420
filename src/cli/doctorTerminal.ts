// `agentguard doctor`, the terminal door's part: whether the shell doctor
// runs in has its line gate (a gate process beside it), where that shell's
// gate would come from (the startup file's line, the editor's terminal
// environment), for each shell installed here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { accountHome } from '../core/frontdoor/launch';
import { hasStartupLine, startupFile, STARTUP_SHELLS } from '../core/frontdoor/setup';

function cmdline(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Children of `pid` whose command line is a shell gate (`… gate --shell S`), at most a few thousand processes looked at. */
function gateChildren(pid: number): number[] {
  let entries: string[];
  try {
    entries = fs
      .readdirSync('/proc')
      .filter((e) => /^\d+$/.test(e))
      .slice(0, 20_000);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      const argv = cmdline(Number(e));
      const i = argv.indexOf('gate');
      if (i !== -1 && argv[i + 1] === '--shell') found.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

export function terminalDoctorLines(env = process.env, home = accountHome()): string[] {
  const out: string[] = [];
  if (process.platform === 'linux') {
    const shellPid = process.ppid;
    const shell = path.basename(cmdline(shellPid)[0] ?? 'unknown').replace(/^-/, '');
    const gates = gateChildren(shellPid);
    out.push(
      gates.length
        ? `terminal   this shell (${shell}, pid ${shellPid}): gate active (gate process ${gates.join(', ')}); each line is judged before it runs`
        : `terminal   this shell (${shell}, pid ${shellPid}): gate NOT active — lines typed here are not judged${['bash', 'zsh', 'fish', 'pwsh'].includes(shell) ? ' (open a new terminal, or run agentguard install --terminal)' : ` (${shell} has no gate)`}`,
    );
  }
  const editor = [
    /__agentguard/.test(env.PROMPT_COMMAND ?? '') ? 'PROMPT_COMMAND (bash)' : '',
    /[\\/]agentguard[\\/]terminal[\\/]zdotdir/.test(env.ZDOTDIR ?? env.AGENTGUARD_USER_ZDOTDIR ?? '')
      ? 'ZDOTDIR (zsh)'
      : '',
    /[\\/]agentguard[\\/]terminal[\\/]fish/.test(env.XDG_DATA_DIRS ?? '') ? 'XDG_DATA_DIRS (fish)' : '',
  ].filter(Boolean);
  out.push(
    `terminal   editor environment: ${editor.length ? `carries the gate through ${editor.join(', ')}` : 'no AgentGuard gate variables (not an editor terminal, or one opened before AgentGuard ran)'}`,
  );
  for (const s of STARTUP_SHELLS) {
    const file = startupFile(s, env, home);
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    out.push(
      `terminal   ${s.padEnd(5)} ${file}  ${text === undefined ? 'no such file' : hasStartupLine(text) ? 'loads the gate' : 'no gate line (agentguard install --terminal adds it)'}`,
    );
  }
  return out;
}
