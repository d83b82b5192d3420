// The human's side of "a policy that gets looser behind the editor's back
// does not take effect". The hook judges with the last `.agentguard.json` a
// human confirmed (core/policy); this is where a human confirms. When a
// folder's file loosens that policy, a notification says so, "Review…" shows
// the confirmed and the current text side by side (read-only) and a modal
// lists each loosening, where Enter and Escape keep the stricter policy and
// only a click on "Apply loosening" records the file as confirmed.
// Tightening needs nobody. A confirmed loosening is a human's approval: its
// audit entry says what the check of the editor is worth (`peerProof`), and
// where the managed policy takes only approvals the kernel backs
// (`approvalPeerProof` "kernel") and this kernel does not, it is refused as
// an ask is, with the same words and fix. The same watch keeps AgentGuard's
// entry in the agent hook files: one that disappears without a human is put
// back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  comparePolicies,
  confirmedPolicyFile,
  readBaseline,
  withHumanRules,
  type PolicyChange,
} from '../core/frontdoor/policy';
import {
  CONFIG_FILE_NAME,
  findWorkspace,
  MAX_CONFIG_BYTES,
  parseConfigText,
  type Config,
} from '../core/frontdoor/config';
import { addHook, findHooks, GENERATED_HOSTS, hookFile, removeHook } from '../core/frontdoor/setup';
import {
  HOSTS,
  accountHome,
  peerProofOf,
  readPtraceScope,
  readRegularText,
  type HostId,
} from '../core/frontdoor/launch';
import { refusedAsk } from '../core/frontdoor/approvalProof';
import { recordEvent } from '../core/frontdoor/records';
import { onDidConfirmPolicy, recordBaseline } from './confirmedPolicy';
import { ALLOW_REMOVAL, replaceHookFile, WholeHookWatch } from './wholeHooks';

export { ALLOW_REMOVAL, onDidConfirmPolicy };

export const POLICY_SCHEME = 'agentguard-policy';
export const APPLY = 'Apply loosening';
export const KEEP = 'Keep stricter policy';
export const REVIEW = 'Review…';
const POLL_MS = 1000;

/** A regular file's text, bounded; undefined when missing. Never opens a FIFO or device, so the watch cannot hang. */
function readRegular(file: string, max = MAX_CONFIG_BYTES): string | undefined {
  return readRegularText(file, max);
}

function fileMode(file: string): number {
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  return st?.isFile() ? st.mode & 0o777 : 0o644;
}

function stamp(file: string): string {
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}:${st.isFile()}` : 'missing';
}

interface FolderState {
  workspace: string;
  stamp?: string;
  /** The confirmed policy's file as last seen: a hook or the CLI raises that floor too. */
  confirmedStamp?: string;
  /** The file text last put to the human, so one change asks once. */
  notified?: string;
}

interface HookState {
  host: HostId;
  file: string;
  stamp?: string;
  /** AgentGuard's command as installed; undefined while the file has none. */
  command?: string;
}

let active: PolicyGate | undefined;

/**
 * For a change a human just made in the editor (the "Always allow" button
 * writing a rule): records `text` as confirmed for `folder`, so the gate does
 * not ask about it again. Call it right after writing the file.
 */
export function confirmWrittenByHuman(folder: string, text: string): boolean {
  return active?.confirmWrittenByHuman(folder, text) ?? false;
}

export class PolicyGate implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly hooks = new Map<string, HookState>();
  private readonly whole: WholeHookWatch;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();

  constructor(
    private readonly stateDir: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly home = accountHome(),
  ) {
    this.whole = new WholeHookWatch(log);
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(POLICY_SCHEME, {
        provideTextDocumentContent: (uri) => this.content(uri),
        onDidChange: this.changed.event,
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.track()),
      vscode.commands.registerCommand('agentguard.reviewPolicy', () => this.reviewAny()),
      onDidConfirmPolicy((ws) => this.changed.fire(this.uri('confirmed', ws))),
      this.changed,
    );
    this.track();
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.poll();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    if (active === (this as PolicyGate | undefined)) active = undefined;
    for (const d of this.disposables) d.dispose();
  }

  confirmWrittenByHuman(folder: string, text: string): boolean {
    const ws = this.workspaceOf(folder);
    const config = this.parse(ws, text);
    if (config === false) return false;
    // The file may hold a loosening nobody confirmed yet (an agent's): the human confirmed their rule, not that.
    const waiting = this.pending(ws);
    const before = readBaseline(this.stateDir, ws)?.config ?? undefined;
    const refused = this.refused(ws, comparePolicies(before, config ?? undefined).loosenings);
    if (refused) return false;
    if (waiting) {
      const merged = withHumanRules(before, waiting.config, config);
      const shown = `// Confirmed: the policy confirmed before, plus the rules a human added in the editor.\n// The rest of ${CONFIG_FILE_NAME} still waits for review.\n${JSON.stringify(merged, null, 2)}\n`;
      recordBaseline(this.stateDir, ws, shown, merged);
      this.auditConfirmed(ws, comparePolicies(before, merged).loosenings);
      this.log.warn(
        `policy: the rule a human wrote into ${path.join(ws, CONFIG_FILE_NAME)} is confirmed; ${waiting.loosenings.length} other loosening(s) in the file still wait for review`,
      );
      return true;
    }
    recordBaseline(this.stateDir, ws, text, config ?? null);
    this.auditConfirmed(ws, comparePolicies(before, config ?? undefined).loosenings);
    const state = this.folders.get(ws);
    if (state) state.notified = text;
    this.log.info(`policy: ${path.join(ws, CONFIG_FILE_NAME)} confirmed as written by a human in the editor`);
    return true;
  }

  /** A loosening a human confirmed is recorded in the audit log, where a security team can alert on it. */
  private auditConfirmed(ws: string, loosenings: readonly PolicyChange[]): void {
    if (!loosenings.length) return;
    const logged = recordEvent(this.stateDir, {
      event: 'policy.loosening-confirmed',
      by: 'editor',
      workspace: ws,
      changes: loosenings.map((l) => l.summary),
      peerProof: peerProofOf(readPtraceScope()),
    });
    if (!logged.ok) this.log.error(`confirmed loosening not in the audit log: ${logged.error}`);
  }

  /** Whether the managed policy refuses a confirmation of these loosenings on this kernel (then said, and nothing recorded). */
  private refused(ws: string, loosenings: readonly PolicyChange[]): boolean {
    const refusal = loosenings.length ? refusedAsk() : undefined;
    if (!refusal) return false;
    this.log.warn(`policy: loosening of ${path.join(ws, CONFIG_FILE_NAME)} not confirmed: ${refusal.why}`);
    void vscode.window.showErrorMessage(
      `AgentGuard: the loosening of the policy of ${path.basename(ws)} cannot be confirmed here and stays inactive: ${refusal.why}`,
    );
    return true;
  }

  private workspaceOf(folder: string): string {
    return findWorkspace(folder, [folder], folder).workspace;
  }

  private track(): void {
    const open = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath);
    for (const folder of open) {
      const ws = this.workspaceOf(folder);
      if (!this.folders.has(ws)) this.folders.set(ws, { workspace: ws });
      // Hosts whose hook is a whole file AgentGuard wrote (Cline, Kiro, OpenCode, Amp's delegate) are watched as whole files.
      this.whole.track(ws, this.home);
      for (const host of HOSTS.filter((h) => !GENERATED_HOSTS.has(h)))
        for (const scope of ['project', 'user'] as const) {
          const file = hookFile(host, scope, ws, this.home);
          if (!this.hooks.has(file)) this.hooks.set(file, { host, file, command: this.ourCommand(host, file) });
        }
    }
  }

  private ourCommand(host: HostId, file: string): string | undefined {
    try {
      const text = readRegular(file);
      if (text === undefined) return undefined;
      const found = findHooks(text, host);
      return found.ok ? found.hooks[0]?.command : undefined;
    } catch {
      return undefined;
    }
  }

  /** undefined: no file; false: invalid (the hook asks on every call until it is fixed; nothing to confirm). */
  private parse(ws: string, text: string | undefined): Config | undefined | false {
    if (text === undefined) return undefined;
    const loaded = parseConfigText(text, path.join(ws, CONFIG_FILE_NAME));
    return loaded.ok ? loaded.config : false;
  }

  private poll(): void {
    for (const state of this.folders.values()) {
      const file = path.join(state.workspace, CONFIG_FILE_NAME);
      // An open review diff shows the confirmed policy as it is now, whoever raised it.
      const confirmedNow = stamp(confirmedPolicyFile(this.stateDir, state.workspace));
      if (state.confirmedStamp !== undefined && confirmedNow !== state.confirmedStamp)
        this.changed.fire(this.uri('confirmed', state.workspace));
      state.confirmedStamp = confirmedNow;
      const now = stamp(file);
      if (now === state.stamp) continue;
      state.stamp = now;
      // An open review diff shows the file as it is now.
      this.changed.fire(this.uri('current', state.workspace));
      this.safely(`policy check of ${file}`, () => this.checkPolicy(state));
    }
    for (const h of this.hooks.values()) {
      const now = stamp(h.file);
      if (now === h.stamp) continue;
      const first = h.stamp === undefined;
      h.stamp = now;
      if (!first) this.safely(`hook check of ${h.file}`, () => this.checkHook(h));
    }
    this.whole.poll((what, fn) => this.safely(what, fn));
  }

  private safely(what: string, fn: () => void | Promise<void>): void {
    try {
      void Promise.resolve(fn()).catch((err: Error) => this.log.warn(`${what}: ${err.message}`));
    } catch (err) {
      this.log.warn(`${what}: ${(err as Error).message}`);
    }
  }

  private pending(
    ws: string,
  ): { text: string | undefined; config: Config | undefined; loosenings: PolicyChange[] } | undefined {
    const text = readRegular(path.join(ws, CONFIG_FILE_NAME));
    const config = this.parse(ws, text);
    if (config === false) return undefined;
    const baseline = readBaseline(this.stateDir, ws);
    const cmp = comparePolicies(baseline?.config ?? undefined, config);
    if (!cmp.loosenings.length) {
      // Only stricter than what the human confirmed: it becomes the new floor, so undoing it later is a loosening.
      if (cmp.tightenings.length && text !== undefined) recordBaseline(this.stateDir, ws, text, config ?? null);
      return undefined;
    }
    return { text, config, loosenings: cmp.loosenings };
  }

  private async checkPolicy(state: FolderState): Promise<void> {
    const p = this.pending(state.workspace);
    if (!p || state.notified === (p.text ?? '')) return;
    state.notified = p.text ?? '';
    const name = path.basename(state.workspace);
    this.log.warn(
      `policy: ${path.join(state.workspace, CONFIG_FILE_NAME)} loosens the confirmed policy; not applied: ${p.loosenings.map((l) => l.summary).join('; ')}`,
    );
    const choice = await vscode.window.showWarningMessage(
      `The AgentGuard policy of ${name} was loosened outside your review — the loosening is not applied`,
      REVIEW,
    );
    if (choice === REVIEW) await this.review(state.workspace);
  }

  private async reviewAny(): Promise<void> {
    for (const state of this.folders.values()) {
      if (this.pending(state.workspace)) {
        await this.review(state.workspace);
        return;
      }
    }
    void vscode.window.showInformationMessage('AgentGuard: no policy change waits for review.');
  }

  private uri(side: 'confirmed' | 'current', ws: string): vscode.Uri {
    return vscode.Uri.from({
      scheme: POLICY_SCHEME,
      path: `/${side}/${path.basename(ws)}/${CONFIG_FILE_NAME}`,
      query: encodeURIComponent(ws),
    });
  }

  private content(uri: vscode.Uri): string {
    const ws = decodeURIComponent(uri.query);
    if (uri.path.startsWith('/confirmed/')) {
      const b = readBaseline(this.stateDir, ws);
      return b
        ? (b.text ?? '// confirmed: no .agentguard.json (built-in defaults)\n')
        : '// nothing confirmed yet: the built-in defaults\n';
    }
    return readRegular(path.join(ws, CONFIG_FILE_NAME)) ?? '// no .agentguard.json\n';
  }

  /** The diff, then the modal. Only a click on "Apply loosening" confirms; Enter and Escape keep the stricter policy. */
  async review(ws: string): Promise<boolean> {
    const p = this.pending(ws);
    if (!p || this.refused(ws, p.loosenings)) return false;
    const left = this.uri('confirmed', ws);
    const right = this.uri('current', ws);
    this.changed.fire(left);
    this.changed.fire(right);
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `AgentGuard policy of ${path.basename(ws)}: confirmed ↔ current`,
      { preview: true, preserveFocus: false },
    );
    const detail = [
      'These changes to .agentguard.json make AgentGuard less strict. Until you apply them, agents are judged by the stricter policy.',
      '',
      ...p.loosenings.map((l) => `• ${l.summary}`),
    ].join('\n');
    // The first button is the default: Enter keeps the stricter policy, and so does Escape (Cancel).
    const choice = await vscode.window.showWarningMessage(
      `Apply the loosening of the AgentGuard policy of ${path.basename(ws)}?`,
      { modal: true, detail },
      KEEP,
      APPLY,
    );
    const again = this.pending(ws);
    if (choice !== APPLY || !again || again.text !== p.text) {
      this.log.info(`policy: loosening of ${path.join(ws, CONFIG_FILE_NAME)} kept inactive (${choice ?? 'dismissed'})`);
      return false;
    }
    recordBaseline(this.stateDir, ws, p.text ?? null, p.config ?? null);
    this.auditConfirmed(ws, p.loosenings);
    // The diff's confirmed side now shows what was just confirmed.
    this.changed.fire(left);
    this.log.info(
      `policy: a human applied the loosening of ${path.join(ws, CONFIG_FILE_NAME)}: ${p.loosenings.map((l) => l.summary).join('; ')}`,
    );
    return true;
  }

  private async checkHook(h: HookState): Promise<void> {
    const now = this.ourCommand(h.host, h.file);
    if (now || !h.command) {
      h.command = now;
      return;
    }
    // AgentGuard's entry is gone and no human said so here: put it back.
    const command = h.command;
    const text = readRegular(h.file) ?? '';
    const edit = addHook(text, h.host, command);
    if (!edit.ok) {
      this.log.warn(`hook: AgentGuard's entry was removed from ${h.file} and cannot be restored (${edit.error})`);
      void vscode.window.showErrorMessage(
        `AgentGuard's hook was removed from ${h.file} and could not be restored: ${edit.error}. Agents there are not guarded.`,
      );
      return;
    }
    // A link or FIFO put in the file's place is replaced, never written through.
    replaceHookFile(h.file, edit.text, fileMode(h.file));
    h.stamp = stamp(h.file);
    this.log.warn(`hook: AgentGuard's entry was removed from ${h.file} without confirmation; restored`);
    const choice = await vscode.window.showWarningMessage(
      `AgentGuard's hook was removed from ${h.file} outside your review — it has been restored`,
      ALLOW_REMOVAL,
    );
    if (choice !== ALLOW_REMOVAL) return;
    const current = readRegular(h.file) ?? '';
    const removed = removeHook(current);
    if (removed.ok) {
      replaceHookFile(h.file, removed.text, fileMode(h.file));
      h.stamp = stamp(h.file);
      h.command = undefined;
      this.log.info(`hook: a human allowed removing AgentGuard's entry from ${h.file}`);
    }
  }
}

export function startPolicyGate(stateDir: string, log: vscode.LogOutputChannel): PolicyGate {
  const gate = new PolicyGate(stateDir, log);
  active = gate;
  return gate;
}
