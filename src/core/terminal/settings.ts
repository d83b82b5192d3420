// The human-terminal setting where a gate with no editor to ask finds it: the
// extension writes `agentguard.terminal.gateHumanTerminals` (user settings
// only) into the state folder, which agents cannot write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../state/regularFile';
import { DEFAULT_HUMAN_TERMINAL_GATING, HUMAN_TERMINAL_GATING, type HumanTerminalGating } from './types';

export function terminalSettingsFile(stateDir: string): string {
  return path.join(stateDir, 'terminal.json');
}

/** The last setting the editor wrote; the default when there is none or it cannot be read. */
export function readHumanTerminalGating(stateDir: string): HumanTerminalGating {
  const read = readRegularFile(terminalSettingsFile(stateDir), 4096);
  if (!read.ok) return DEFAULT_HUMAN_TERMINAL_GATING;
  try {
    const v = (JSON.parse(read.text) as { gateHumanTerminals?: unknown }).gateHumanTerminals;
    return HUMAN_TERMINAL_GATING.includes(v as HumanTerminalGating)
      ? (v as HumanTerminalGating)
      : DEFAULT_HUMAN_TERMINAL_GATING;
  } catch {
    return DEFAULT_HUMAN_TERMINAL_GATING;
  }
}

export function writeHumanTerminalGating(stateDir: string, value: HumanTerminalGating): void {
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = terminalSettingsFile(stateDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ gateHumanTerminals: value }) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
