// Where a confirmed policy (the floor the hook judges with) is recorded for a
// human's click in the editor: in the user's state folder, or through the
// AgentGuard service when the managed policy names one (then a record in the
// user's own folder would not be read).
import * as vscode from 'vscode';
import { writeBaseline } from '../core/frontdoor/policy';
import { type Config } from '../core/frontdoor/config';
import { serviceConfig } from '../core/frontdoor/records';
import { AUTHENTICATION_TIMEOUT_MS } from '../core/frontdoor/approvalProof';
import { ownAddress } from '../channels/service/client';
import { confirmWithService } from '../channels/service/policies';

const confirmed = new vscode.EventEmitter<string>();
/** Fires with the workspace whose confirmed policy (the baseline) was just written. */
export const onDidConfirmPolicy = confirmed.event;

export function recordBaseline(stateDir: string, ws: string, text: string | null, config: Config | null): void {
  const service = serviceConfig();
  if (!service) {
    writeBaseline(stateDir, ws, text, config);
    confirmed.fire(ws);
    return;
  }
  // The AgentGuard service keeps confirmations: a record in the user's own folder would not be read.
  // Under approvalPeerProof "authenticated" the service answers a loosening once the human typed their password (or gave up).
  const address = ownAddress(service);
  if (service.approvalPeerProof === 'authenticated') address.timeoutMs += AUTHENTICATION_TIMEOUT_MS;
  void confirmWithService(address, ws, text, config).then((error) => {
    if (!error) return confirmed.fire(ws);
    void vscode.window.showErrorMessage(
      `AgentGuard: the AgentGuard service did not record the confirmed policy of ${ws} (${error}); the policy confirmed before still holds.`,
    );
  });
}
