// The editor settings that loosen the hook, made real: `agentguard.mode`
// ("monitor": record, never block) and `agentguard.answerHarmless` ("allow":
// AgentGuard approves harmless calls itself, switching the host's own prompt
// off for them). Each open folder's value is written where the hook reads it
// (core/policy/editorMode). An untrusted workspace may tighten, never loosen:
// its loose values are ignored. A loose value, from any settings level, is a
// request an agent could have written into a settings file: the hook keeps
// the strict one until a human confirms it here (notification, then a modal
// whose default keeps the strict value). Going back applies at once.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ANSWER_HARMLESS_SETTING,
  MODE_SETTING,
  planSettingSync,
  readModeRecord,
  requestedSetting,
  writeEditorSetting,
  type LooseningSetting,
  type ModeSource,
} from '../core/frontdoor/policy';
import { recordEvent, type AuditEventName } from '../core/frontdoor/records';
import { peerProofOf, readPtraceScope } from '../core/frontdoor/launch';
import { monitorModeAllowedHere } from './lockedSettings';

export const KEEP_ENFORCING = 'Keep enforcing';
export const SWITCH_TO_MONITOR = 'Switch to monitor';
export const KEEP_DEFERRING = 'Keep the host deciding';
export const HAND_OVER = 'Let AgentGuard approve';
export const REVIEW_MODE = 'Review…';

/** One loosening setting: what the human is told and which buttons keep or confirm it. */
interface SettingSpec {
  setting: LooseningSetting<string>;
  keep: string;
  confirm: string;
  /** What the loose value does, for the notification. */
  what: string;
  question(folder: string): string;
  detail(fsPath: string): string;
  confirmed: string;
  /** The audit event a confirmation records. */
  event: AuditEventName;
  /** Whether the loose value may be asked for on this machine at all (a managed policy may lock it). */
  allowedHere(): boolean;
}

const SPECS: readonly SettingSpec[] = [
  {
    setting: MODE_SETTING,
    keep: KEEP_ENFORCING,
    confirm: SWITCH_TO_MONITOR,
    what: 'monitor mode',
    question: (folder) => `Switch AgentGuard to monitor mode for ${folder}?`,
    detail: (fsPath) =>
      `In monitor mode AgentGuard blocks nothing in ${fsPath}: every risky command and edit an agent proposes runs, and is only recorded in the audit log. The kill switch still halts agents.`,
    confirmed:
      'monitor, as confirmed by a human (agents are judged and logged, never blocked; the kill switch still halts them)',
    event: 'policy.monitor-confirmed',
    // The organization's managed policy may lock enforce mode: then no settings level asks for monitor.
    allowedHere: monitorModeAllowedHere,
  },
  {
    setting: ANSWER_HARMLESS_SETTING,
    keep: KEEP_DEFERRING,
    confirm: HAND_OVER,
    what: 'answering harmless calls with an allow',
    question: (folder) => `Let AgentGuard approve harmless agent calls in ${folder}?`,
    detail: (fsPath) =>
      `AgentGuard then answers every call it finds harmless in ${fsPath} with an explicit allow, which switches the agent host's own permission prompt off for it. Anything AgentGuard misses would run without the prompt you would otherwise see. Risky calls still stop at AgentGuard's own gate.`,
    confirmed: 'harmless calls answered with an allow, as confirmed by a human',
    event: 'policy.answer-harmless-confirmed',
    allowedHere: () => true,
  },
];

function seenValues(folder: vscode.WorkspaceFolder, key: string) {
  const seen = vscode.workspace.getConfiguration('agentguard', folder.uri).inspect<string>(key);
  return {
    workspaceFolder: seen?.workspaceFolderValue,
    workspace: seen?.workspaceValue,
    user: seen?.globalValue,
    default: seen?.defaultValue,
  };
}

function requested(
  spec: SettingSpec,
  folder: vscode.WorkspaceFolder,
  trusted: boolean,
): { value: string; source?: ModeSource } {
  if (!spec.allowedHere()) return { value: spec.setting.strict };
  return requestedSetting(spec.setting, seenValues(folder, spec.setting.key), trusted);
}

function sourceLabel(source: ModeSource | undefined, folder: vscode.WorkspaceFolder): string {
  switch (source) {
    case 'workspaceFolder':
      return `the folder settings (${path.join(folder.uri.fsPath, '.vscode', 'settings.json')})`;
    case 'workspace': {
      const file = vscode.workspace.workspaceFile;
      return `the workspace settings (${file?.scheme === 'file' ? file.fsPath : path.join(folder.uri.fsPath, '.vscode', 'settings.json')})`;
    }
    case 'user':
      return 'your user settings';
    default:
      return 'the settings';
  }
}

const pendingChanged = new vscode.EventEmitter<void>();
/** Fires when a folder's unconfirmed loosening setting appears or goes (for the status bar). */
export const onDidChangePendingMode = pendingChanged.event;
const pending = new Map<string, Map<string, string>>(SPECS.map((s) => [s.setting.key, new Map<string, string>()]));

/** Folders whose settings ask for monitor while the hook, unconfirmed, still enforces; with where the setting came from. */
export function pendingModeSwitches(): ReadonlyMap<string, string> {
  return pending.get('mode')!;
}

/** Folders whose settings ask AgentGuard to approve harmless calls while the hook, unconfirmed, still defers to the host. */
export function pendingHarmlessSwitches(): ReadonlyMap<string, string> {
  return pending.get('answerHarmless')!;
}

export class ModeSync implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Per setting and folder, the level already told about this session: one request, one notification. */
  private readonly notified = new Map<string, ModeSource | undefined>();
  private readonly asking = new Set<string>();

  constructor(
    private readonly stateDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (SPECS.some((s) => e.affectsConfiguration(`agentguard.${s.setting.key}`))) this.sync();
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
    const before = [...pending.values()].map((m) => [...m.keys()].join('\n')).join('\0');
    for (const m of pending.values()) m.clear();
    for (const folder of this.folders()) {
      for (const spec of SPECS) {
        try {
          this.syncFolder(spec, folder);
        } catch (err) {
          this.log.warn(
            `could not record ${spec.setting.key} for ${folder.uri.fsPath}: ${(err as Error).message}; the hook keeps the strict value`,
          );
        }
      }
    }
    if ([...pending.values()].map((m) => [...m.keys()].join('\n')).join('\0') !== before) pendingChanged.fire();
  }

  private syncFolder(spec: SettingSpec, folder: vscode.WorkspaceFolder): void {
    const fsPath = folder.uri.fsPath;
    const key = `${spec.setting.key}\0${fsPath}`;
    const want = requested(spec, folder, vscode.workspace.isTrusted);
    const step = planSettingSync(spec.setting, want, readModeRecord(this.stateDir, fsPath));
    if (step.writeEnforce) {
      writeEditorSetting(this.stateDir, fsPath, spec.setting, spec.setting.strict);
      this.log.info(`${spec.setting.key} for ${fsPath}: ${spec.setting.strict}`);
    }
    if (want.value === spec.setting.strict) {
      this.notified.delete(key);
      return;
    }
    if (!step.ask) {
      this.notified.delete(key);
      this.log.info(`${spec.setting.key} for ${fsPath}: ${spec.confirmed}`);
      return;
    }
    const from = sourceLabel(want.source, folder);
    pending.get(spec.setting.key)!.set(fsPath, from);
    if (this.notified.has(key) && this.notified.get(key) === want.source) return;
    this.notified.set(key, want.source);
    this.log.warn(
      `${spec.setting.key} for ${fsPath}: "${spec.setting.loose}" requested by ${from} is not applied until a human confirms it in the editor; the hook keeps "${spec.setting.strict}"`,
    );
    void this.notify(spec, folder, from);
  }

  private async notify(spec: SettingSpec, folder: vscode.WorkspaceFolder, from: string): Promise<void> {
    const choice = await vscode.window.showWarningMessage(
      `AgentGuard ${spec.what} for ${folder.name} was requested by ${from} — not applied until you confirm; agents stay guarded`,
      REVIEW_MODE,
    );
    if (choice === REVIEW_MODE) await this.review(folder, spec);
  }

  private async reviewAny(): Promise<void> {
    for (const spec of SPECS) {
      const folder = this.folders().find((f) => pending.get(spec.setting.key)!.has(f.uri.fsPath));
      if (folder) {
        await this.review(folder, spec);
        return;
      }
    }
    void vscode.window.showInformationMessage('AgentGuard: no loosening setting waits for confirmation.');
  }

  /** The modal. Only a click on the confirming button confirms; Enter and Escape keep the strict value. */
  async review(folder: vscode.WorkspaceFolder, spec: SettingSpec = SPECS[0]): Promise<boolean> {
    const fsPath = folder.uri.fsPath;
    const key = `${spec.setting.key}\0${fsPath}`;
    if (this.asking.has(key)) return false;
    const want = requested(spec, folder, vscode.workspace.isTrusted);
    if (!planSettingSync(spec.setting, want, readModeRecord(this.stateDir, fsPath)).ask) return false;
    this.asking.add(key);
    try {
      const detail = [
        spec.detail(fsPath),
        '',
        `The request came from ${sourceLabel(want.source, folder)}, a file an agent can write. Until you confirm, nothing changes.`,
      ].join('\n');
      // The first button is the default: Enter keeps the strict value, and so does Escape (Cancel).
      const choice = await vscode.window.showWarningMessage(
        spec.question(folder.name),
        { modal: true, detail },
        spec.keep,
        spec.confirm,
      );
      // The setting may have changed while the modal was open: confirm only what is still asked for.
      const again = requested(spec, folder, vscode.workspace.isTrusted);
      if (choice !== spec.confirm || again.value !== spec.setting.loose || again.source !== want.source) {
        this.log.info(
          `${spec.setting.key} for ${fsPath}: "${spec.setting.loose}" kept inactive (${choice ?? 'dismissed'})`,
        );
        return false;
      }
      writeEditorSetting(this.stateDir, fsPath, spec.setting, spec.setting.loose, again.source);
      const logged = recordEvent(this.stateDir, {
        event: spec.event,
        by: 'editor',
        workspace: fsPath,
        changes: [`${spec.what}, requested by ${sourceLabel(again.source, folder)}`],
        // A human's confirmation of a loosening, worth what the check of who clicked is (as policyGate.ts records one).
        peerProof: peerProofOf(readPtraceScope()),
      });
      if (!logged.ok) this.log.error(`${spec.setting.key} confirmation not in the audit log: ${logged.error}`);
      this.log.info(
        `${spec.setting.key} for ${fsPath}: a human confirmed "${spec.setting.loose}" (requested by ${sourceLabel(again.source, folder)}): ${spec.confirmed}`,
      );
      this.sync();
      return true;
    } finally {
      this.asking.delete(key);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
