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

/**
 * What a once-gate's Node starts with, before its program: the editor's
 * runtime runs as Node, and a CA file the shell's environment names is not
 * read (Node parses a whole CA bundle at start, about 40 ms of CPU; a
 * judgment makes no TLS connection). An empty value is no file to Node. A
 * prefix assignment reaches the gate's process only: the command it judges
 * runs with the variable as it was.
 */
export const ONCE_GATE_ENV = 'ELECTRON_RUN_AS_NODE=1 NODE_EXTRA_CA_CERTS=';
