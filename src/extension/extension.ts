import * as vscode from 'vscode';
import { stateDir } from '../core/state';
import type { AfterHumanPolicyWrite } from './alwaysAllow';
import { startApprovalChannel } from './approval';
import { startJudge } from './judge';
import { registerShowAuditLog } from './auditLog';
import { EnvironmentBadge } from './badge';
import { registerCommands } from './commands';
import { DiffView } from './diffView';
import { KillSwitch } from './killSwitch';
import { addToPath, setUpLauncher } from './launcher';
import { LanguageClientHost } from './languageClient';
import { ModeSync } from './mode';
import { confirmWrittenByHuman, startPolicyGate } from './policyGate';
import { registerRestoreSnapshot } from './snapshots';

/** What the extension exposes to other extensions (and to its integration tests). */
export interface AgentGuardApi {
  readonly killSwitch: { readonly engaged: boolean; onDidChange: vscode.Event<unknown> };
}

let languageClient: LanguageClientHost | undefined;

export function activate(context: vscode.ExtensionContext): AgentGuardApi {
  const log = vscode.window.createOutputChannel('AgentGuard', { log: true });
  context.subscriptions.push(log);

  // Policy a human wrote with a click (Always allow, Open Policy) becomes the confirmed baseline at once,
  // so the policy gate does not ask about the very rule the human just added.
  const afterHumanPolicyWrite: AfterHumanPolicyWrite = (folder, text) => {
    const confirmed = confirmWrittenByHuman(folder, text);
    // Not confirmed: the policy gate is not running, or the text is not a valid policy (the hook then keeps the last confirmed one).
    log.info(`human-written policy in ${folder}${confirmed ? ' recorded as confirmed' : ' not recorded as confirmed (no policy gate, or not a valid policy)'}`);
  };

  const killSwitch = new KillSwitch(stateDir(), log);
  const badge = new EnvironmentBadge(log, stateDir());
  const diffView = new DiffView(log);
  context.subscriptions.push(
    killSwitch,
    badge,
    diffView,
    new ModeSync(stateDir(), log),
    vscode.commands.registerCommand('agentguard.toggleKillSwitch', () => killSwitch.toggle()),
    vscode.commands.registerCommand('agentguard.showLog', () => log.show()),
    ...registerCommands(context, log, afterHumanPolicyWrite),
  );
  const approvals = startApprovalChannel({
    stateDir: stateDir(), log, diffView, afterHumanPolicyWrite,
    onTaken: (err, retry) => killSwitch.channelTaken(err, retry),
  });
  // Hooks hand their calls to this window's judge, which asks through the channels above.
  context.subscriptions.push(approvals, startJudge(approvals, log));
  // Loosenings of .agentguard.json wait for a human; removed hook entries come back.
  context.subscriptions.push(startPolicyGate(stateDir(), log));
  context.subscriptions.push(registerRestoreSnapshot(stateDir(), log));
  context.subscriptions.push(registerShowAuditLog(stateDir()));
  languageClient = new LanguageClientHost(context, log);
  context.subscriptions.push(vscode.commands.registerCommand('agentguard.addToPath', () => addToPath(log)));
  log.info(`AgentGuard activated; kill switch ${killSwitch.engaged ? 'engaged' : 'released'}`);
  // The launcher every hook runs, and hooks an update left pointing at an old path: checked in the background.
  void setUpLauncher(context, log).catch((err: Error) => log.warn(`launcher set-up failed: ${err.message}`));

  return { killSwitch };
}

export async function deactivate(): Promise<void> {
  // The language server is a child process: stopped and awaited, so it never outlives the window.
  await languageClient?.stop();
  languageClient = undefined;
}
