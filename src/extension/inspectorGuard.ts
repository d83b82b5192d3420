// Node opens its inspector (a debugger that runs any code it is sent) when
// its process receives SIGUSR1, unless a listener for that signal is
// installed. Any process of the developer's account — an agent's command
// among them — may send the extension host that signal, then run code
// inside the editor: where AgentGuard answers approvals, and where the
// approval and judge channels' identity checks (the editor's own binary and
// code) would vouch for it. A listener installed before anything else in
// activation turns the signal into a logged refusal instead. The editor's
// other processes (its main process, its server) are not ours to guard: the
// docs say so.
import type * as vscode from 'vscode';

let installed = false;
let tell: ((message: string) => void) | undefined;

/** Installs the listener once per extension host; it stays for the life of the process (removing it would reopen the inspector). */
export function refuseInspectorSignal(): void {
  // Windows has no SIGUSR1 (Node's `process._debugProcess` opens the debugger there by another way, not closed here).
  if (installed || process.platform === 'win32') return;
  installed = true;
  process.on('SIGUSR1', () => {
    tell?.(
      "a process sent the editor's extension host SIGUSR1, which opens Node's debugger inside the editor; AgentGuard refused it (the debugger stays closed)",
    );
  });
}

/** Where a refusal is said, once the output channel exists (the listener is installed before it). */
export function sayInspectorRefusals(log: vscode.LogOutputChannel, warn: (message: string) => void): void {
  tell = (message) => {
    log.warn(message);
    warn(`AgentGuard: ${message}.`);
  };
}
