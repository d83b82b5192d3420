import * as vscode from 'vscode';
import { stateDir } from '../core/state';
import type { AfterHumanPolicyWrite } from './alwaysAllow';
import { startApprovalChannel } from './approval';
import { EnvironmentBadge } from './badge';
import { registerCommands } from './commands';
import { DiffView } from './diffView';
import { KillSwitch } from './killSwitch';
import { LanguageClientHost } from './languageClient';
import { ModeSync } from './mode';

/** What the extension exposes to other extensions (and to its integration tests). */
export interface AgentGuardApi {
  readonly killSwitch: { readonly engaged: boolean; onDidChange: vscode.Event<unknown> };
}

let languageClient: LanguageClientHost | undefined;

export function activate(context: vscode.ExtensionContext): AgentGuardApi {
  const log = vscode.window.createOutputChannel('AgentGuard', { log: true });
  context.subscriptions.push(log);

  // Policy written by a human click (Always allow, Open Policy) is announced here.
  const afterHumanPolicyWrite: AfterHumanPolicyWrite = (folder) => log.info(`human-confirmed policy written in ${folder}`);

  const killSwitch = new KillSwitch(stateDir(), log);
  const badge = new EnvironmentBadge(log);
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
  context.subscriptions.push(startApprovalChannel({ stateDir: stateDir(), log, diffView, afterHumanPolicyWrite }));
  languageClient = new LanguageClientHost(context, log);
  log.info(`AgentGuard activated; kill switch ${killSwitch.engaged ? 'engaged' : 'released'}`);

  return { killSwitch };
}

export async function deactivate(): Promise<void> {
  // The language server is a child process: stopped and awaited, so it never outlives the window.
  await languageClient?.stop();
  languageClient = undefined;
}
