// Said once in the editor: whether what the agent hooks let through can run
// confined on this machine. Where no sandbox can start (no user namespaces,
// bubblewrap missing, Windows), commands are judged but run unconfined, and
// the human is told so — once per reason, not on every start.
import * as vscode from 'vscode';
import { sandboxAvailability } from '../core/frontdoor/setup';

const SAID = 'agentguard.confinementUnavailableSaid';

export function sayIfUnconfined(
  context: vscode.ExtensionContext,
  stateDir: string,
  log: vscode.LogOutputChannel,
): void {
  // Off the activation path: the trial may run bubblewrap once.
  setTimeout(() => {
    let reason: string | undefined;
    try {
      const available = sandboxAvailability(stateDir);
      if (available.ok) {
        log.info(`confinement: ${available.engine} (${available.binary})`);
        return;
      }
      reason = available.reason;
    } catch (err) {
      reason = `the sandbox could not be checked (${(err as Error).message})`;
    }
    log.warn(`confinement: none — ${reason}`);
    if (context.globalState.get<string>(SAID) === reason) return;
    void context.globalState.update(SAID, reason);
    void vscode.window.showWarningMessage(
      `AgentGuard: commands that agents are allowed to run are judged, but cannot run confined on this machine: ${reason}. See "What confinement adds" in AgentGuard's security model (docs/security.md).`,
    );
  }, 2000);
}
