import * as vscode from 'vscode';
import * as fs from 'node:fs';
import { readKillSwitch, writeKillSwitch, killSwitchFile, type KillSwitchState } from '../core/state';

/**
 * The status-bar kill switch. One click halts every agent; releasing needs a
 * modal confirmation, because a stray click must never let agents loose again.
 * The state lives in a file outside the workspace so the hook process sees it
 * and it survives a window reload.
 */
export class KillSwitch implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<KillSwitchState>();
  readonly onDidChange = this.changed.event;
  private watcher: fs.FSWatcher | undefined;
  private state: KillSwitchState;

  constructor(private readonly dir: string, private readonly log: vscode.LogOutputChannel) {
    this.item = vscode.window.createStatusBarItem('agentguard.killSwitch', vscode.StatusBarAlignment.Left, 1000);
    this.item.name = 'AgentGuard kill switch';
    this.item.command = 'agentguard.toggleKillSwitch';
    this.state = readKillSwitch(dir);
    this.render();
    this.item.show();
    this.watch();
  }

  get engaged(): boolean {
    return this.state.engaged;
  }

  async toggle(): Promise<void> {
    if (!this.state.engaged) {
      this.set({ engaged: true, since: new Date().toISOString(), by: 'user' });
      return;
    }
    const release = 'Release';
    const answer = await vscode.window.showWarningMessage(
      'Release the AgentGuard kill switch?',
      { modal: true, detail: 'Agents will be able to run commands and edit files again, subject to your workspace rules.' },
      release,
    );
    if (answer === release) this.set({ engaged: false, since: new Date().toISOString(), by: 'user' });
  }

  private set(state: KillSwitchState): void {
    writeKillSwitch(this.dir, state);
    this.update(state);
  }

  private update(state: KillSwitchState): void {
    const was = this.state.engaged;
    this.state = state;
    this.render();
    if (was !== state.engaged) {
      this.log.info(`kill switch ${state.engaged ? 'engaged' : 'released'} by ${state.by ?? 'unknown'}${state.reason ? `: ${state.reason}` : ''}`);
      this.changed.fire(state);
    }
  }

  private render(): void {
    if (this.state.engaged) {
      this.item.text = '$(circle-slash) Agents halted';
      this.item.tooltip = `AgentGuard: every agent command and edit is denied${this.state.reason ? ` (${this.state.reason})` : ''}. Click to release.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = '$(shield) AgentGuard';
      this.item.tooltip = 'AgentGuard is guarding agent commands. Click to halt every agent at once.';
      this.item.backgroundColor = undefined;
    }
  }

  // The hook's rate limiter can engage the switch from another process; the
  // status bar must show it at once.
  private watch(): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.watcher = fs.watch(this.dir, (_event, name) => {
        if (name && name.toString() !== 'killswitch.json') return;
        this.update(readKillSwitch(this.dir));
      });
    } catch (err) {
      this.log.warn(`cannot watch ${killSwitchFile(this.dir)}: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    this.watcher?.close();
    this.item.dispose();
    this.changed.dispose();
  }
}
