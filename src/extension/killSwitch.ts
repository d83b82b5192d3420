import * as vscode from 'vscode';
import * as fs from 'node:fs';
import { verifyRelease } from '../channels/editorJudge/release';
import type { ApprovalChannelTakenError } from '../channels/approval/server';
import {
  readKillSwitch,
  writeKillSwitch,
  killSwitchFile,
  type KillSwitchState,
  recordEvent,
} from '../core/frontdoor/records';
import { hostSandboxTooltip, wiredHostSandboxes } from '../core/frontdoor/setup';
import { accountHome } from '../core/frontdoor/launch';
import { serviceConfig } from '../core/frontdoor/records';
import { ownAddress } from '../channels/service/client';
import { serviceSwitchView, toggleServiceSwitch, type ServiceSwitchView } from '../channels/service/switchView';

/** How often the status bar asks the AgentGuard service for its kill switch. */
const SERVICE_POLL_MS = 2_000;

/**
 * The status-bar kill switch. One click halts every agent; releasing needs a
 * modal confirmation whose default button keeps agents halted, because a
 * stray click or Enter must never let agents loose again. The state lives in
 * a file outside the workspace so the hook process sees it and it survives a
 * window reload.
 *
 * The extension owns the switch: a release it did not make (the file
 * rewritten or removed by anything but a human click in an editor window) is
 * reverted at once and shown. A release naming another window is believed
 * only when that window's extension host, asked over its own judge channel,
 * says it made it (channels/editorJudge/release.ts): the file's `by` and `pid` are only
 * what its writer claims. Engaging is accepted from anywhere.
 */
export class KillSwitch implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<KillSwitchState>();
  readonly onDidChange = this.changed.event;
  private watcher: fs.FSWatcher | undefined;
  private state: KillSwitchState;
  /** `since` of our own last write, to tell it from anyone else's. */
  private ownSince: string | undefined;
  /** `since` of our own last write when it was a release: what another window may ask us to confirm. */
  private ownRelease: string | undefined;
  /** Counts changes seen, so a slow check of an older release does not act on a newer file. */
  private changes = 0;
  private readonly listeners: vscode.Disposable[] = [];
  /** The AgentGuard service the managed policy names: its kill switch is the one that counts, shown and set here. */
  private readonly service = serviceConfig();
  private serviceView: ServiceSwitchView | undefined;
  private servicePoll: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item = vscode.window.createStatusBarItem('agentguard.killSwitch', vscode.StatusBarAlignment.Left, 1000);
    this.item.name = 'AgentGuard kill switch';
    this.item.command = 'agentguard.toggleKillSwitch';
    this.state = readKillSwitch(dir);
    this.render();
    // The hosts' sandboxes as their settings stand: read again when the folders or the settings change.
    this.listeners.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.render()),
      vscode.workspace.onDidChangeConfiguration(() => this.render()),
    );
    this.item.show();
    this.watch();
    if (this.service) {
      void this.askService();
      this.servicePoll = setInterval(() => void this.askService(), SERVICE_POLL_MS);
    }
  }

  get engaged(): boolean {
    // Until the service has answered, agents are as halted as every hook finds them.
    if (this.service) return this.serviceView?.halted ?? true;
    return this.state.engaged;
  }

  private async askService(): Promise<void> {
    if (!this.service) return;
    const view = await serviceSwitchView(ownAddress(this.service), this.service);
    const was = this.serviceView?.state;
    this.serviceView = view;
    if (was !== view.state) this.log.info(`the AgentGuard service's kill switch: ${view.state}`);
    this.render();
  }

  /** A click with a service: engage there, or ask it to release (it refuses unless the policy lets developers). */
  private async toggleService(): Promise<void> {
    const service = this.service!;
    const view = this.serviceView;
    if (view?.state === 'unreachable') {
      void vscode.window.showErrorMessage(view.tooltip);
      return;
    }
    if (view?.state === 'engaged') {
      const release = 'Release';
      const answer = await vscode.window.showWarningMessage(
        'Release the AgentGuard kill switch?',
        {
          modal: true,
          detail: "The AgentGuard service keeps it; it releases only where the organization's policy lets you.",
        },
        'Keep halted',
        release,
      );
      if (answer !== release) return;
    }
    const r = await toggleServiceSwitch(ownAddress(service), view?.state !== 'engaged');
    if (!r.ok) void vscode.window.showWarningMessage(`AgentGuard: ${r.message ?? 'the AgentGuard service refused'}`);
    await this.askService();
  }

  async toggle(): Promise<void> {
    if (this.service) return this.toggleService();
    if (!this.state.engaged) {
      this.set({ engaged: true, since: new Date().toISOString(), by: 'user' });
      return;
    }
    // The first button is the modal's default: Enter keeps agents halted; releasing takes a click on "Release".
    const keep = 'Keep halted';
    const release = 'Release';
    const answer = await vscode.window.showWarningMessage(
      'Release the AgentGuard kill switch?',
      {
        modal: true,
        detail: 'Agents will be able to run commands and edit files again, subject to your workspace rules.',
      },
      keep,
      release,
    );
    if (answer === release) this.set({ engaged: false, since: new Date().toISOString(), by: 'user' });
  }

  /** Another process holds a folder's approval channel: halt every agent and name it. */
  channelTaken(err: ApprovalChannelTakenError, retry: () => void): void {
    this.log.error(err.message);
    if (!this.state.engaged)
      this.set({ engaged: true, since: new Date().toISOString(), by: 'extension', reason: err.message });
    const end = 'End that process';
    const buttons = err.holder ? [end] : [];
    void vscode.window
      .showErrorMessage(
        `AgentGuard halted all agents: ${err.message}. It could answer agents' approval requests in the editor's place.`,
        ...buttons,
      )
      .then((choice) => {
        if (choice !== end || !err.holder) return;
        try {
          process.kill(err.holder.pid, 'SIGTERM');
          this.log.warn(`ended pid ${err.holder.pid} (${err.holder.cmdline}) at the user's request`);
        } catch (e) {
          this.log.warn(`could not end pid ${err.holder.pid}: ${(e as Error).message}`);
        }
        setTimeout(retry, 500);
      });
  }

  /** Whether this window's own last write was a release at `since` (asked by another window before it believes one). */
  releasedAt(since: string): boolean {
    return this.ownRelease !== undefined && this.ownRelease === since;
  }

  private set(state: KillSwitchState): void {
    const own = { ...state, pid: process.pid };
    const was = this.state.engaged;
    this.ownSince = own.since;
    this.ownRelease = own.engaged ? undefined : own.since;
    writeKillSwitch(this.dir, own);
    // Halting or releasing every agent is something a security team alerts on: it goes in the audit log.
    if (was !== own.engaged) {
      const logged = recordEvent(this.dir, {
        event: own.engaged ? 'killswitch.engaged' : 'killswitch.released',
        by: 'editor',
        changes: [`by ${own.by ?? 'the editor'}${own.reason ? `: ${own.reason}` : ''}`],
      });
      if (!logged.ok) this.log.error(`kill switch change not in the audit log: ${logged.error}`);
    }
    this.update(own);
  }

  private isOwnWrite(s: KillSwitchState): boolean {
    return s.pid === process.pid && s.since !== undefined && s.since === this.ownSince;
  }

  private onFileChanged(): void {
    const seen = ++this.changes;
    const next = readKillSwitch(this.dir);
    if (!this.state.engaged || next.engaged || this.isOwnWrite(next)) {
      this.update(next);
      return;
    }
    const what = next.by ? `written by "${next.by}"${next.pid ? ` as pid ${next.pid}` : ''}` : 'the file was removed';
    if (next.by !== 'user' || next.pid === undefined || next.since === undefined) {
      this.revert(what, 'not made by a click in an editor window');
      return;
    }
    // Halted until the window the release names confirms it made it.
    void verifyRelease({ pid: next.pid, since: next.since }, { engagedSince: this.state.since }).then((check) => {
      if (seen !== this.changes) return;
      if (!check.ok) {
        this.revert(what, check.reason);
        return;
      }
      this.log.info(`kill switch released in the editor window of pid ${next.pid} (it confirmed the release)`);
      this.update(next);
    });
  }

  private revert(what: string, why: string): void {
    this.log.warn(`kill switch released outside the editor (${what}; ${why}): re-engaged`);
    this.set({
      engaged: true,
      since: new Date().toISOString(),
      by: 'extension',
      reason: `a release not made in the editor was reverted (${what})`,
    });
    void vscode.window.showWarningMessage(
      `AgentGuard: something released the kill switch outside the editor (${what}). Agents stay halted; only a click here releases them.`,
    );
  }

  private update(state: KillSwitchState): void {
    const was = this.state.engaged;
    this.state = state;
    this.render();
    if (was !== state.engaged) {
      this.log.info(
        `kill switch ${state.engaged ? 'engaged' : 'released'} by ${state.by ?? 'unknown'}${state.reason ? `: ${state.reason}` : ''}`,
      );
      this.changed.fire(state);
      if (state.engaged && state.by === 'rate-limit') {
        const what =
          state.count !== undefined && state.windowSeconds !== undefined
            ? `${state.count} gated actions in ${state.windowSeconds} s`
            : (state.reason ?? 'too many gated actions');
        void vscode.window.showWarningMessage(
          `AgentGuard halted all agents: ${what}. Check what they were doing before you release the kill switch.`,
        );
      }
    }
  }

  private render(): void {
    if (this.service) {
      const v = this.serviceView;
      this.item.text = v?.text ?? '$(loading~spin) AgentGuard';
      this.item.tooltip = v
        ? `${v.tooltip}${v.halted ? '' : this.sandboxes()}`
        : 'AgentGuard: asking the AgentGuard service for its kill switch; agents are blocked until it answers.';
      this.item.backgroundColor =
        v?.halted === false ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    if (this.state.engaged) {
      this.item.text = '$(circle-slash) Agents halted';
      this.item.tooltip = `AgentGuard: every agent command and edit is denied${this.state.reason ? ` (${this.state.reason})` : ''}. Click to release.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = '$(shield) AgentGuard';
      this.item.tooltip = `AgentGuard is guarding agent commands. Click to halt every agent at once.${this.sandboxes()}`;
      this.item.backgroundColor = undefined;
    }
  }

  /** Per wired host of the open folders: its own sandbox on or off, AgentGuard's list there or not. */
  private sandboxes(): string {
    try {
      const folders = (vscode.workspace.workspaceFolders ?? [])
        .filter((f) => f.uri.scheme === 'file')
        .map((f) => f.uri.fsPath);
      const texts = folders.map((folder) =>
        hostSandboxTooltip(wiredHostSandboxes(folder, accountHome(), process.env, this.dir)),
      );
      return [...new Set(texts.filter(Boolean))].map((t) => `\n\n${t}`).join('');
    } catch (err) {
      this.log.warn(`cannot read the hosts' sandbox settings: ${(err as Error).message}`);
      return '';
    }
  }

  // The hook's rate limiter can engage the switch from another process; the
  // status bar must show it at once, and a release from elsewhere is undone.
  // Reads never block (readKillSwitch refuses a FIFO or anything but a file).
  private watch(): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.watcher = fs.watch(this.dir, (_event, name) => {
        if (name && name.toString() !== 'killswitch.json') return;
        this.onFileChanged();
      });
    } catch (err) {
      this.log.warn(`cannot watch ${killSwitchFile(this.dir)}: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    if (this.servicePoll) clearInterval(this.servicePoll);
    this.watcher?.close();
    this.item.dispose();
    this.changed.dispose();
    for (const l of this.listeners) l.dispose();
  }
}
