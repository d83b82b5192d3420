// Room `state/`: AgentGuard's state folder and everything kept in it that
// the hook and the editor share: its location and the kill switch (here),
// the hash-chained audit log (audit.ts), and the non-blocking read every
// file in the hook's path goes through (regularFile.ts).
//
// Where AgentGuard keeps state that must outlive a window and be shared
// between the editor and the hook process: outside every workspace, so an
// agent editing the project cannot reach it by accident, and protected by
// the built-in policy so it cannot reach it on purpose.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { readRegularFile } from './regularFile';

/** A kill switch file is a few hundred bytes; anything larger was not written by AgentGuard. */
const MAX_KILL_SWITCH_BYTES = 64 * 1024;

/** The state folder: `AGENTGUARD_STATE_DIR`, else `%LOCALAPPDATA%\AgentGuard` on Windows, else `$XDG_STATE_HOME/agentguard` (`~/.local/state`). */
export function stateDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir(), platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (env.AGENTGUARD_STATE_DIR) return p.resolve(env.AGENTGUARD_STATE_DIR);
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA && p.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : p.join(home, 'AppData', 'Local');
    return p.join(local, 'AgentGuard');
  }
  const base = env.XDG_STATE_HOME && p.isAbsolute(env.XDG_STATE_HOME)
    ? env.XDG_STATE_HOME
    : p.join(home, '.local', 'state');
  return p.join(base, 'agentguard');
}

export function killSwitchFile(dir: string): string {
  return path.join(dir, 'killswitch.json');
}

export interface KillSwitchState {
  engaged: boolean;
  /** ISO time of the last change. */
  since?: string;
  /** Who changed it: `user` (status bar), `rate-limit`, `cli`, `extension` (a release it did not make, reverted). */
  by?: string;
  reason?: string;
  /** The process that wrote it (the editor's extension host for `user`). */
  pid?: number;
  /** For `rate-limit`: gated calls counted, and the window they fell in. */
  count?: number;
  windowSeconds?: number;
}

/**
 * Reads the kill switch, never blocking. A file that exists but is not a
 * regular file (a FIFO, a directory, a link), is oversized, or cannot be
 * read or parsed counts as engaged: the switch fails closed.
 */
export function readKillSwitch(dir: string): KillSwitchState {
  const read = readRegularFile(killSwitchFile(dir), MAX_KILL_SWITCH_BYTES);
  if (!read.ok) return read.missing ? { engaged: false } : { engaged: true, reason: `kill switch file unreadable: ${read.error}` };
  try {
    const parsed = JSON.parse(read.text) as Partial<KillSwitchState>;
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
