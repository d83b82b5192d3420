// What every shell's gate script needs from the install that prints it: the
// program to start its gate process with, quoted for the shell that reads it.

export interface GatePaths {
  /** A Node binary (the editor's own runs as Node with ELECTRON_RUN_AS_NODE=1). */
  node: string;
  /** The agentguard CLI (dist/cli.js). */
  cli: string;
}

/** A POSIX-shell (and fish) single-quoted word. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell single-quoted string. */
export function psq(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The first line of every printed gate, which `install --terminal` and doctor recognise. */
export const GATE_MARK = 'AgentGuard terminal gate';
