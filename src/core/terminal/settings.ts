// The human-terminal setting where a gate with no editor to ask finds it: the
// extension writes `agentguard.terminal.gateHumanTerminals` (user settings
// only) into the state folder, which agents cannot write.
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
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
  const file = terminalSettingsFile(stateDir);
  replaceFile(file, JSON.stringify({ gateHumanTerminals: value }) + '\n', 0o600, { folderMode: 0o700 });
}
