// Hook files AgentGuard writes whole (Cline's hook script, Kiro's hook file,
// OpenCode's plugin, Amp's delegate program) have no entry to put back: when
// one is deleted or replaced without a human, the editor writes back the
// whole text it last saw. What to do is decided here, from texts alone, and
// the write back never goes through a link or into a FIFO put in its place.
import { managedCommand } from '../hosts/hostFiles';
import { replaceFile } from '../state/replaceFile';

/** What the editor last saw of a whole hook file that was AgentGuard's. */
export interface WholeHookFile {
  /** The file's text while it was AgentGuard's; undefined while it is not (or never was). */
  text?: string;
}

export type WholeHookStep =
  /** The file is AgentGuard's (maybe rewritten by `agentguard install`): remember this text. */
  | { kind: 'remember'; text: string }
  /** AgentGuard's file was deleted or replaced: write `text` back; `replaced` is what stood there instead (undefined: deleted). */
  | { kind: 'restore'; text: string; replaced?: string }
  /** Not AgentGuard's and never was: leave it alone. */
  | { kind: 'none' };

/** `now` is the file's text, undefined when it is missing or not a regular file. */
export function planWholeHookFile(seen: WholeHookFile, now: string | undefined): WholeHookStep {
  if (now !== undefined && managedCommand(now) !== undefined) return { kind: 'remember', text: now };
  if (seen.text === undefined) return { kind: 'none' };
  return now === undefined ? { kind: 'restore', text: seen.text } : { kind: 'restore', text: seen.text, replaced: now };
}

/**
 * Replaces a hook file by a new regular file (state/replaceFile.ts), so a symlink or FIFO an agent put in its place is
 * replaced, never followed or opened (the editor must not write through a link to ~/.bashrc, nor hang on a FIFO).
 */
export function replaceHookFile(file: string, text: string, mode: number): void {
  replaceFile(file, text, mode, { folderMode: 0o777 });
}
