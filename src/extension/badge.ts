// The workspace's environment in the status bar, next to the kill switch so
// both are one glance: production is red and always there; anything else is
// quiet. The same function as `agentguard env` decides, with the evidence in
// the tooltip.
import { unwatchFile, watchFile } from 'node:fs';
import * as vscode from 'vscode';
import { boundedReadFile } from '../core/engine';
import { shellHome } from '../core/frontdoor/launch';
import { badgeView, enforcedEnvironment, type EnforcedEnvironment, managedPolicyFile } from '../core/frontdoor/policy';
import { onDidChangePendingMode, pendingHarmlessSwitches, pendingModeSwitches } from './mode';
import { onDidConfirmPolicy } from './policyGate';
import type { TerminalGateStatus } from './terminalDoor';

const DEBOUNCE_MS = 300;

export type FolderEnvironment = EnforcedEnvironment;

export function folderEnvironment(folder: string, stateDir: string): FolderEnvironment {
  return enforcedEnvironment(folder, {
    stateDir,
    processEnv: process.env,
    home: shellHome(),
    readFile: boundedReadFile,
  });
}

export class EnvironmentBadge implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private current: FolderEnvironment[] = [];
  private managedProblem: string | undefined;
  private readonly onManagedChange = () => this.schedule();
  private terminalGate: TerminalGateStatus = { active: [], inactive: [] };

  // The kill switch sits at priority 1000 on the left; 999 puts the badge right beside it.
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly stateDir: string,
  ) {
    this.item = vscode.window.createStatusBarItem('agentguard.environment', vscode.StatusBarAlignment.Left, 999);
    this.item.name = 'AgentGuard environment';
    this.item.command = 'agentguard.showEnvironment';
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.agentguard.json,.env,.env.*}');
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.schedule()),
      watcher.onDidCreate(() => this.schedule()),
      watcher.onDidDelete(() => this.schedule()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
      // What the hook enforces also changes when a human confirms a loosening or a mode switch.
      onDidConfirmPolicy(() => this.schedule()),
      onDidChangePendingMode(() => this.schedule()),
    );
    // The managed policy lives outside every workspace, where file watchers do not look: polled, as the OS allows.
    watchFile(managedPolicyFile(), { interval: 5000, persistent: false }, this.onManagedChange);
    this.refresh();
  }

  get environments(): readonly FolderEnvironment[] {
    return this.current;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
  }

  refresh(): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    this.current = folders.map((f) => {
      try {
        return folderEnvironment(f.uri.fsPath, this.stateDir);
      } catch (err) {
        return { folder: f.uri.fsPath, error: (err as Error).message, pending: [] };
      }
    });
    this.render();
  }

  /** Which terminals' lines are judged: a terminal without the gate shows in the tooltip, and keeps the badge visible. */
  setTerminalGate(status: TerminalGateStatus): void {
    const same =
      status.active.join('\0') === this.terminalGate.active.join('\0') &&
      status.inactive.join('\0') === this.terminalGate.inactive.join('\0');
    this.terminalGate = status;
    if (!same) this.render();
  }

  private terminalLine(): string {
    const { active, inactive } = this.terminalGate;
    if (!active.length && !inactive.length) return '';
    const quoted = (names: string[]) => names.map((n) => `"${n.replace(/[\\`*_[\]<>]/g, '')}"`).join(', ');
    if (!inactive.length)
      return `\n\n$(terminal) Terminal gate active in ${active.length === 1 ? 'the terminal' : `all ${active.length} terminals`}.`;
    return `\n\n$(warning) **Terminal gate not active** in ${quoted(inactive)}: lines typed there are not judged (shell without a gate, or shell integration off; \`agentguard doctor\` in that terminal says which).${active.length ? ` Active in ${quoted(active)}.` : ''}`;
  }

  private render(): void {
    const view = badgeView(this.current, pendingModeSwitches(), pendingHarmlessSwitches());
    this.sayManagedProblem();
    const ungated = this.terminalGate.inactive.length > 0;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip + this.terminalLine(), true);
    this.item.text = view.text;
    this.item.accessibilityInformation = { label: view.label };
    this.item.backgroundColor =
      view.kind === 'production'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.kind === 'error'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    if (view.kind === 'hidden' && !ungated) this.item.hide();
    else this.item.show();
    if (view.kind === 'hidden' && ungated) {
      this.item.text = '$(terminal) gate off';
      this.item.accessibilityInformation = { label: 'AgentGuard: a terminal has no gate' };
    }
    this.log.info(`workspace environment: ${view.summary}`);
  }

  /** An unusable managed policy denies every ask: the human hears it once per problem, not only on hover. */
  private sayManagedProblem(): void {
    const broken = this.current.find((c) => c.managed?.state === 'invalid')?.managed;
    const problem = broken ? `${broken.file}: ${broken.problem ?? ''}` : undefined;
    if (problem && problem !== this.managedProblem) {
      this.log.error(`managed policy unusable, every call that would ask is denied: ${problem}`);
      void vscode.window.showErrorMessage(
        `AgentGuard: the organization's managed policy cannot be used, so every agent call that would ask is denied until an administrator fixes it. ${problem}`,
      );
    }
    this.managedProblem = problem;
  }

  dispose(): void {
    clearTimeout(this.timer);
    unwatchFile(managedPolicyFile(), this.onManagedChange);
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}
