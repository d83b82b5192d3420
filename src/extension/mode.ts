// `agentguard.mode`, made real: the mode of each open folder is written where
// the hook reads it (core/policy/editorMode). An untrusted workspace may tighten
// (say "enforce"), never loosen: its "monitor" is ignored. A switch to
// monitor, from any settings level, is a request an agent could have written
// into a settings file: the hook keeps enforcing until a human confirms it
// here (notification, then a modal whose default keeps enforcing). A switch
// back to enforce applies at once.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { monitorModeAllowedHere } from './lockedSettings';
import { recordEvent } from '../core/state/auditEvents';
import { planModeSync, readModeRecord, requestedEditorMode, writeEditorMode, type ModeSource, type RequestedMode } from '../core/policy/editorMode';

export const KEEP_ENFORCING = 'Keep enforcing';
export const SWITCH_TO_MONITOR = 'Switch to monitor';
export const REVIEW_MODE = 'Review…';

export function requestedMode(folder: vscode.WorkspaceFolder, trusted: boolean): RequestedMode {
  // The organization's managed policy may lock enforce mode: then no settings level asks for monitor.
  if (!monitorModeAllowedHere()) return { mode: 'enforce' };
  const seen = vscode.workspace.getConfiguration('agentguard', folder.uri).inspect<string>('mode');
  return requestedEditorMode({ workspaceFolder: seen?.workspaceFolderValue, workspace: seen?.workspaceValue, user: seen?.globalValue, default: seen?.defaultValue }, trusted);
}

function sourceLabel(source: ModeSource | undefined, folder: vscode.WorkspaceFolder): string {
  switch (source) {
    case 'workspaceFolder': return `the folder settings (${path.join(folder.uri.fsPath, '.vscode', 'settings.json')})`;
    case 'workspace': {
      const file = vscode.workspace.workspaceFile;
      return `the workspace settings (${file?.scheme === 'file' ? file.fsPath : path.join(folder.uri.fsPath, '.vscode', 'settings.json')})`;
    }
    case 'user': return 'your user settings';
    default: return 'the settings';
  }
}

const pendingChanged = new vscode.EventEmitter<void>();
/** Fires when a folder's unconfirmed switch to monitor appears or goes (for the status bar). */
export const onDidChangePendingMode = pendingChanged.event;
const pendingFolders = new Map<string, string>();

/** Folders whose settings ask for monitor while the hook, unconfirmed, still enforces; with where the setting came from. */
export function pendingModeSwitches(): ReadonlyMap<string, string> {
  return pendingFolders;
}

export class ModeSync implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Folders already told this session about an unconfirmed monitor, with the settings level it came from: one request, one notification. */
  private readonly notified = new Map<string, ModeSource | undefined>();
  private readonly asking = new Set<string>();

  constructor(private readonly stateDir: string, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentguard.mode')) this.sync();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.sync()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.sync()),
      vscode.commands.registerCommand('agentguard.reviewMode', () => this.reviewAny()),
    );
    this.sync();
  }

  private folders(): vscode.WorkspaceFolder[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  }

  sync(): void {
    const before = [...pendingFolders.keys()].join('\n');
    pendingFolders.clear();
    for (const folder of this.folders()) {
      try {
        this.syncFolder(folder);
      } catch (err) {
        this.log.warn(`could not record the mode for ${folder.uri.fsPath}: ${(err as Error).message}; the hook enforces`);
      }
    }
    if ([...pendingFolders.keys()].join('\n') !== before) pendingChanged.fire();
  }

  private syncFolder(folder: vscode.WorkspaceFolder): void {
    const fsPath = folder.uri.fsPath;
    const requested = requestedMode(folder, vscode.workspace.isTrusted);
    const step = planModeSync(requested, readModeRecord(this.stateDir, fsPath));
    if (step.writeEnforce) {
      writeEditorMode(this.stateDir, fsPath, 'enforce');
      this.log.info(`mode for ${fsPath}: enforce`);
    }
    if (requested.mode === 'enforce') {
      this.notified.delete(fsPath);
      return;
    }
    if (!step.ask) {
      this.notified.delete(fsPath);
      this.log.info(`mode for ${fsPath}: monitor, as confirmed by a human (agents are judged and logged, never blocked; the kill switch still halts them)`);
      return;
    }
    const from = sourceLabel(requested.source, folder);
    pendingFolders.set(fsPath, from);
    if (this.notified.has(fsPath) && this.notified.get(fsPath) === requested.source) return;
    this.notified.set(fsPath, requested.source);
    this.log.warn(`mode for ${fsPath}: "monitor" requested by ${from} is not applied until a human confirms it in the editor; the hook keeps enforcing`);
    void this.notify(folder, from);
  }

  private async notify(folder: vscode.WorkspaceFolder, from: string): Promise<void> {
    const choice = await vscode.window.showWarningMessage(
      `AgentGuard monitor mode for ${folder.name} was requested by ${from} — not applied until you confirm; agents stay guarded`,
      REVIEW_MODE,
    );
    if (choice === REVIEW_MODE) await this.review(folder);
  }

  private async reviewAny(): Promise<void> {
    const folder = this.folders().find((f) => pendingFolders.has(f.uri.fsPath));
    if (folder) await this.review(folder);
    else void vscode.window.showInformationMessage('AgentGuard: no switch to monitor mode waits for confirmation.');
  }

  /** The modal. Only a click on "Switch to monitor" confirms; Enter and Escape keep enforcing. */
  async review(folder: vscode.WorkspaceFolder): Promise<boolean> {
    const fsPath = folder.uri.fsPath;
    if (this.asking.has(fsPath)) return false;
    const requested = requestedMode(folder, vscode.workspace.isTrusted);
    if (!planModeSync(requested, readModeRecord(this.stateDir, fsPath)).ask) return false;
    this.asking.add(fsPath);
    try {
      const detail = [
        `In monitor mode AgentGuard blocks nothing in ${fsPath}: every risky command and edit an agent proposes runs, and is only recorded in the audit log. The kill switch still halts agents.`,
        '',
        `The request came from ${sourceLabel(requested.source, folder)}, a file an agent can write. Until you switch, AgentGuard keeps enforcing.`,
      ].join('\n');
      // The first button is the default: Enter keeps enforcing, and so does Escape (Cancel).
      const choice = await vscode.window.showWarningMessage(`Switch AgentGuard to monitor mode for ${folder.name}?`, { modal: true, detail }, KEEP_ENFORCING, SWITCH_TO_MONITOR);
      // The setting may have changed while the modal was open: confirm only what is still asked for.
      const again = requestedMode(folder, vscode.workspace.isTrusted);
      if (choice !== SWITCH_TO_MONITOR || again.mode !== 'monitor' || again.source !== requested.source) {
        this.log.info(`mode for ${fsPath}: monitor kept inactive (${choice ?? 'dismissed'}); the hook enforces`);
        return false;
      }
      writeEditorMode(this.stateDir, fsPath, 'monitor', again.source);
      const logged = recordEvent(this.stateDir, { event: 'policy.monitor-confirmed', by: 'editor', workspace: fsPath, changes: [`monitor mode, requested by ${sourceLabel(again.source, folder)}`] });
      if (!logged.ok) this.log.error(`monitor mode confirmation not in the audit log: ${logged.error}`);
      this.log.info(`mode for ${fsPath}: a human switched to monitor (requested by ${sourceLabel(again.source, folder)}); agents are judged and logged, never blocked; the kill switch still halts them`);
      this.sync();
      return true;
    } finally {
      this.asking.delete(fsPath);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
