import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TerminalGateLayout } from '../core/frontdoor/terminal';
import { confirmStateRelocation } from '../core/frontdoor/records';
import { accountHome, recordEditorBinary, stateDir } from '../core/frontdoor/launch';
import { gateExtensionHostChildren, type ChildGateState } from './childGate';
import { gateShellSpawns } from '../core/frontdoor/terminal';
import { FileGuard } from './fileGuard';
import { StartupLineWatch } from './startupLines';
import { TerminalDoor, writeGateFiles } from './terminalDoor';
import type { AfterHumanPolicyWrite } from './alwaysAllow';
import { startApprovalChannel } from './approval';
import { startJudge } from './editorJudge';
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
import { sayIfUnconfined } from './confinement';
import { startShipping } from './shipping';
import { refuseInspectorSignal, sayInspectorRefusals } from './inspectorGuard';

/** What the extension exposes to other extensions (and to its integration tests). */
export interface AgentGuardApi {
  readonly killSwitch: { readonly engaged: boolean; onDidChange: vscode.Event<unknown> };
}

let languageClient: LanguageClientHost | undefined;

export function activate(context: vscode.ExtensionContext): AgentGuardApi {
  const activatedAt = Date.now();
  // Before anything else: a signal must not open a debugger in the process that answers approvals.
  refuseInspectorSignal();
  // First, before anything can wait: the commands other extensions spawn from now on inherit the gate.
  const gatePaths = { node: process.execPath, cli: context.asAbsolutePath(path.join('dist', 'cli.js')) };
  let layout: TerminalGateLayout | undefined;
  let children: ChildGateState | undefined;
  let gateError: string | undefined;
  try {
    layout = writeGateFiles(stateDir(), gatePaths);
    children = gateExtensionHostChildren(layout);
    const shells = gateShellSpawns(layout, gatePaths);
    context.subscriptions.push(
      new vscode.Disposable(() => {
        children?.restore();
        shells.restore();
      }),
    );
  } catch (err) {
    gateError = (err as Error).message;
  }
  const log = vscode.window.createOutputChannel('AgentGuard', { log: true });
  context.subscriptions.push(log);
  sayInspectorRefusals(log, (message) => void vscode.window.showWarningMessage(message));
  if (children)
    log.info(
      `commands spawned from this extension host are gated (${children.summary}), ${Date.now() - activatedAt} ms into activation`,
    );
  else log.error(`commands spawned from this extension host are NOT gated: ${gateError}`);

  // Policy a human wrote with a click (Always allow, Open Policy) becomes the confirmed baseline at once,
  // so the policy gate does not ask about the very rule the human just added.
  const afterHumanPolicyWrite: AfterHumanPolicyWrite = (folder, text) => {
    const confirmed = confirmWrittenByHuman(folder, text);
    // Not confirmed: the policy gate is not running, or the text is not a valid policy (the hook then keeps the last confirmed one).
    log.info(
      `human-written policy in ${folder}${confirmed ? ' recorded as confirmed' : ' not recorded as confirmed (no policy gate, or not a valid policy)'}`,
    );
  };

  // The editor was started by the human: the state folder it uses is confirmed for hooks started with the same relocation.
  try {
    confirmStateRelocation(stateDir(), accountHome());
  } catch (err) {
    log.warn(
      `cannot record the state folder ${stateDir()} as confirmed: ${(err as Error).message}; hooks relocated there use the default folder`,
    );
  }
  // The binary this extension host runs: hooks trust an approval or a judgment only from a process running it (channels/peer).
  try {
    const mine = recordEditorBinary(stateDir());
    log.info(
      `editor binary ${mine ? `${mine.path} recorded (sha256 ${mine.sha256.slice(0, 12)}…)` : 'could not be recorded: approvals in the editor will not be trusted by hooks'}`,
    );
  } catch (err) {
    log.warn(
      `cannot record the editor's binary in ${stateDir()}: ${(err as Error).message}; approvals in the editor will not be trusted by hooks`,
    );
  }
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
    stateDir: stateDir(),
    log,
    diffView,
    afterHumanPolicyWrite,
    onTaken: (err, retry) => killSwitch.channelTaken(err, retry),
  });
  // Terminal lines come to the same judge; the terminal door says whose terminal they come from.
  const terminals = layout ? new TerminalDoor(context, stateDir(), layout, log) : undefined;
  if (terminals) {
    context.subscriptions.push(
      terminals,
      terminals.onDidChangeStatus(() => badge.setTerminalGate(terminals.status())),
    );
  }
  // Protected files changed without a hook (an extension's WorkspaceEdit, an agent's process) are put back.
  context.subscriptions.push(new FileGuard(stateDir(), diffView, log));
  // The line `agentguard install --terminal` wrote into shells' startup files stays until a human allows its removal.
  context.subscriptions.push(new StartupLineWatch(log));
  // Hooks hand their calls to this window's judge, which asks through the channels above.
  context.subscriptions.push(
    approvals,
    startJudge(approvals, log, (since) => killSwitch.releasedAt(since), terminals),
  );
  // Loosenings of .agentguard.json wait for a human; removed hook entries come back.
  context.subscriptions.push(startPolicyGate(stateDir(), log));
  context.subscriptions.push(registerRestoreSnapshot(stateDir(), log));
  context.subscriptions.push(registerShowAuditLog(stateDir()));
  sayIfUnconfined(context, stateDir(), log);
  // Every audit entry to the organization's log pipeline, when one is configured; never in the hook's path.
  context.subscriptions.push(startShipping(stateDir(), log));
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
