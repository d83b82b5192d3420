// The terminal door's own files and settings, for the doors that set it up:
// the gate each shell loads, the gate of the extension host's children,
// whether a human's own terminals are gated, and what a human approved a
// moment ago in a terminal (the editor's file guard). A line's walk is
// line.ts.
export {
  bashPromptLoader,
  childGateEnvironment,
  terminalGateFiles,
  terminalGateLayout,
  type GateFile,
  type TerminalGateLayout,
} from '../terminal/childGate';
export { approvedRecently } from '../terminal/fileWrites';
export { replaceFile } from '../state/replaceFile';
export { gateShellSpawns } from '../terminal/shGate';
export { readHumanTerminalGating, writeHumanTerminalGating } from '../terminal/settings';
export { gateScript, type GatePaths, type InteractiveShell } from '../terminal/shells';
export { DEFAULT_HUMAN_TERMINAL_GATING, HUMAN_TERMINAL_GATING, type HumanTerminalGating } from '../terminal/types';
