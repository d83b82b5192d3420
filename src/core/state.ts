// Where AgentGuard keeps state that must outlive a window and be shared
// between the editor and the hook process: outside every workspace, so an
// agent editing the project cannot reach it by accident, and protected by
// the built-in policy so it cannot reach it on purpose.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';

export function stateDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (env.AGENTGUARD_STATE_DIR) return path.resolve(env.AGENTGUARD_STATE_DIR);
  const base = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME)
    ? env.XDG_STATE_HOME
    : path.join(home, '.local', 'state');
  return path.join(base, 'agentguard');
}

export function killSwitchFile(dir: string): string {
  return path.join(dir, 'killswitch.json');
}

export interface KillSwitchState {
  engaged: boolean;
  /** ISO time of the last change. */
  since?: string;
  /** Who changed it: `user` (status bar), `rate-limit`, `cli`. */
  by?: string;
  reason?: string;
}

/**
 * Reads the kill switch. A file that exists but cannot be read or parsed
 * counts as engaged: the switch fails closed.
 */
export function readKillSwitch(dir: string): KillSwitchState {
  let text: string;
  try {
    text = fs.readFileSync(killSwitchFile(dir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { engaged: false };
    return { engaged: true, reason: `kill switch file unreadable: ${(err as Error).message}` };
  }
  try {
    const parsed = JSON.parse(text) as Partial<KillSwitchState>;
    if (typeof parsed.engaged !== 'boolean') return { engaged: true, reason: 'kill switch file has no "engaged" flag' };
    return parsed as KillSwitchState;
  } catch {
    return { engaged: true, reason: 'kill switch file is not valid JSON' };
  }
}

/** Writes atomically (temp file + rename) so a reader never sees half a file. */
export function writeKillSwitch(dir: string, state: KillSwitchState): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = killSwitchFile(dir);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
