import * as vscode from 'vscode';
import { stateDir } from '../core/state';
import { startApprovalChannel } from './approval';
import { registerShowAuditLog } from './auditLog';
import { KillSwitch } from './killSwitch';
import { startPolicyGate } from './policyGate';
import { startLanguageClient } from './languageClient';
import { registerRestoreSnapshot } from './snapshots';

/** What the extension exposes to other extensions (and to its integration tests). */
export interface AgentGuardApi {
  readonly killSwitch: { readonly engaged: boolean; onDidChange: vscode.Event<unknown> };
}

export function activate(context: vscode.ExtensionContext): AgentGuardApi {
  const log = vscode.window.createOutputChannel('AgentGuard', { log: true });
  context.subscriptions.push(log);

  const killSwitch = new KillSwitch(stateDir(), log);
  context.subscriptions.push(
    killSwitch,
    vscode.commands.registerCommand('agentguard.toggleKillSwitch', () => killSwitch.toggle()),
    vscode.commands.registerCommand('agentguard.showLog', () => log.show()),
  );
  context.subscriptions.push(startApprovalChannel(stateDir(), log, (err, retry) => killSwitch.channelTaken(err, retry)));
  // Loosenings of .agentguard.json wait for a human; removed hook entries come back.
  context.subscriptions.push(startPolicyGate(stateDir(), log));
  context.subscriptions.push(startLanguageClient(context, log));
  context.subscriptions.push(registerRestoreSnapshot(stateDir(), log));
  context.subscriptions.push(registerShowAuditLog(stateDir()));
  log.info(`AgentGuard activated; kill switch ${killSwitch.engaged ? 'engaged' : 'released'}`);

  return { killSwitch };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
