// The editor's side of the approval gate: one approval channel per open
// workspace folder, answered by a modal the human has to click, with the
// change itself in a diff beside it. Production targets also need the
// environment's name typed, so a reflexive Enter is not enough. Nothing here
// can approve without a human, and nothing here decides: the verdict, the
// preview and the exact allow rule all come from core.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lockedSetting } from './lockedSettings';
import { approvalSocketPath } from '../channels/approval/paths';
import {
  ApprovalChannelTakenError,
  startApprovalServer,
  type ApprovalQueue,
  type ApprovalServer,
} from '../channels/approval/server';
import { recordWithService } from '../channels/service/approvals';
import { exactAllowRule } from '../core/frontdoor/policy';
import { DEFAULT_THRESHOLDS, loadConfig } from '../core/frontdoor/config';
import { describeDeletes, hiddenCharacters, visibleText } from '../core/frontdoor/question';
import { hostAdapter } from '../core/frontdoor/setup';
import { makeContext } from '../core/engine';
import { HOSTS, stringEnv, type HostId } from '../core/frontdoor/launch';
import type { ApprovalAnswerDecision, ApprovalSubject } from '../shared/protocol';
import { writeAllowRule, type AfterHumanPolicyWrite } from './alwaysAllow';
import type { DiffView } from './diffView';

const SAMPLE_LINES = 5;
const DIFF_WAIT_MS = 3000;

export interface ApprovalGateDeps {
  stateDir: string;
  log: vscode.LogOutputChannel;
  diffView: DiffView;
  afterHumanPolicyWrite: AfterHumanPolicyWrite;
}

function hostName(s: ApprovalSubject): string {
  // The terminal door: a line typed into a terminal, or a command string an extension's shell was about to run.
  if (s.host === 'terminal') return `the terminal "${s.tool}"`;
  if (s.host === 'extension-host') return `an extension's ${s.tool}`;
  return HOSTS.includes(s.host as HostId) ? hostAdapter(s.host as HostId).label : s.host;
}

function intent(s: ApprovalSubject): string {
  switch (s.kind) {
    case 'shell':
      return 'run a command';
    case 'edit':
      return 'change files';
    case 'mcp':
      return 'call an MCP tool';
    case 'other':
      return `use the ${visibleText(s.tool)} tool`;
  }
}

function timeoutSeconds(): number {
  const v =
    lockedSetting('agentguard.approvalTimeoutSeconds') ??
    vscode.workspace.getConfiguration('agentguard').get<number>('approvalTimeoutSeconds', 60);
  return Number.isFinite(v) ? Math.min(600, Math.max(5, v)) : 60;
}

interface Shown {
  message: string;
  detail: string;
}

/** Workspace-relative when inside it: shorter, and what the human knows the files by. */
function shortPath(p: string, workspace: string): string {
  const rel = path.relative(workspace, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function describe(
  s: ApprovalSubject,
  extra: { waited: boolean; waiting: number; rule?: string; timeout: number; diffs: number },
): Shown {
  const env = s.environment;
  const message = `AgentGuard: ${hostName(s)} wants to ${intent(s)}${env.production ? ` in PRODUCTION (${env.name})` : ''}`;
  // Hidden characters (bidi overrides, zero-width, controls) are written out, so the human reads what runs.
  const what = visibleText(
    s.command ?? s.paths?.map((p) => shortPath(p, s.workspace)).join('\n') ?? s.summary ?? s.tool,
  );
  const lines = [what, ''];
  // The command as the agent wrote it; the host runs it wrapped in AgentGuard's sandbox.
  if (s.confined)
    lines.push(
      `If allowed, it runs confined (${s.confined}): AgentGuard's files, the hooks and the editor's sockets stay out of its reach.`,
      '',
    );
  const deletes = s.preview?.deletes;
  if (deletes) {
    lines.push(`Deletes ${describeDeletes(deletes)}:`);
    for (const p of deletes.sample.slice(0, SAMPLE_LINES)) lines.push(`  ${visibleText(shortPath(p, s.workspace))}`);
    if (!deletes.complete || deletes.count > SAMPLE_LINES) lines.push('  …');
    lines.push('');
  }
  for (const f of s.preview?.files ?? []) {
    if (f.note) lines.push(`${visibleText(path.basename(f.path))}: ${f.note}`);
  }
  if (extra.diffs)
    lines.push(
      `The change is shown in ${extra.diffs === 1 ? 'a diff' : `${extra.diffs} diffs`} beside this dialog (current ↔ proposed).`,
      '',
    );
  for (const f of s.findings) {
    lines.push(
      visibleText(
        `• ${f.summary}${f.target ? ` (${f.target})` : ''} [${f.id}]${f.alternative ? `\n   Safer: ${f.alternative}` : ''}`,
      ),
    );
  }
  lines.push('', `Environment: ${env.name}${env.production ? ' (production)' : ''} · risk ${s.score}/100`);
  const ws = s.workspaceEnvironment;
  if (ws && (ws.name !== env.name || ws.production !== env.production)) {
    lines.push(`Workspace environment: ${ws.name}${ws.production ? ' (PRODUCTION)' : ''}`);
  }
  lines.push(`In: ${visibleText(s.cwd)}`);
  if (extra.rule)
    lines.push(
      '',
      `"Always allow" adds {"match": ${JSON.stringify(extra.rule)}, "decision": "allow"} to .agentguard.json.`,
    );
  const queue: string[] = [];
  if (extra.waited) queue.push('This request was waiting while you answered the one before.');
  if (extra.waiting > 0) queue.push(`${extra.waiting} more waiting after this one.`);
  queue.push(`Unanswered, it is denied in ${extra.timeout} s.`);
  lines.push('', queue.join(' '));
  return { message, detail: lines.join('\n') };
}

function openFolderFor(dir: string): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
}

/** The exact rule "Always allow" would write, or undefined when that button is not offered. */
function allowRuleFor(s: ApprovalSubject): { match: string; folder: string } | undefined {
  if (s.kind !== 'shell' || !s.command || s.workspaceEnvironment?.production) return undefined;
  // A rule spelled with hidden characters would read as another command in the policy file.
  if (hiddenCharacters(s.command, 1).length) return undefined;
  // Only into the policy of a folder open in this window, never a path a request names elsewhere.
  const folder = openFolderFor(s.workspace);
  if (!folder || folder.uri.scheme !== 'file' || path.resolve(folder.uri.fsPath) !== path.resolve(s.workspace))
    return undefined;
  const loaded = loadConfig(s.workspace);
  if (!loaded.ok) return undefined;
  const env = stringEnv();
  const offer = exactAllowRule(
    {
      command: s.command,
      cwd: s.cwd,
      env,
      findingIds: s.findings.map((f) => f.id),
      score: s.score,
      denyThreshold: { ...DEFAULT_THRESHOLDS, ...loaded.config?.thresholds }.deny,
      production: s.environment.production,
    },
    makeContext({ workspace: s.workspace, env }, env),
  );
  return offer.ok ? { match: offer.match, folder: s.workspace } : undefined;
}

type Outcome = { kind: 'answer'; choice: string | undefined } | { kind: 'aborted' } | { kind: 'timeout' };

/** Resolves when the agent stops waiting or the configured wait is over, whichever comes first. */
function gone(signal: AbortSignal, deadline: number): { promise: Promise<Outcome>; dispose(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const promise = new Promise<Outcome>((resolve) => {
    if (signal.aborted) return resolve({ kind: 'aborted' });
    onAbort = () => resolve({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, deadline - Date.now()));
  });
  return {
    promise,
    dispose: () => {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
    },
  };
}

class ApprovalGate {
  /** Set when a request queued up while a modal was open: the next modal says it waited. */
  private queuedWhileShown = false;

  constructor(private readonly deps: ApprovalGateDeps) {}

  async decide(s: ApprovalSubject, signal: AbortSignal, queue: ApprovalQueue): Promise<ApprovalAnswerDecision> {
    const { log, diffView } = this.deps;
    const waited = this.queuedWhileShown;
    this.queuedWhileShown = false;
    const timeout = timeoutSeconds();
    const deadline = Date.now() + timeout * 1000;
    const watch = queue.onDidChange(() => {
      const n = queue.waiting();
      if (n > 0) {
        this.queuedWhileShown = true;
        log.info(`approval queued: ${n} waiting behind the open question`);
      }
    });
    const end = gone(signal, deadline);
    const files = (s.preview?.files ?? []).filter((f) => f.before !== undefined || f.after !== undefined);
    // The diff first, so it is on screen when the modal appears; but the
    // question never waits more than a moment for it.
    const diffs = files.length ? diffView.open(files, hostName(s)) : undefined;
    try {
      if (diffs) await Promise.race([diffs, end.promise, new Promise((resolve) => setTimeout(resolve, DIFF_WAIT_MS))]);
      // Gone before the question could be shown: no modal that nobody can close.
      if (signal.aborted) return this.gaveUp(s, 'aborted', timeout);
      const rule = allowRuleFor(s);
      const { message, detail } = describe(s, {
        waited,
        waiting: queue.waiting(),
        rule: rule?.match,
        timeout,
        diffs: Math.min(files.length, 5),
      });
      const deny = 'Deny';
      const allow = 'Allow once';
      const always = 'Always allow in this workspace';
      // The first button is the default one: Enter must deny, so approving always takes a deliberate click.
      const buttons = rule ? [deny, allow, always] : [deny, allow];
      const modal = vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
      const outcome = await Promise.race([modal.then((choice): Outcome => ({ kind: 'answer', choice })), end.promise]);
      if (outcome.kind !== 'answer') return this.gaveUp(s, outcome.kind, timeout);

      let decision: ApprovalAnswerDecision = outcome.choice === allow || outcome.choice === always ? 'allow' : 'deny';
      if (decision === 'allow' && s.environment.production) decision = await this.confirmProduction(s, end.promise);
      if (signal.aborted) decision = 'deny';
      if (decision === 'allow' && outcome.choice === always && rule) {
        const written = await writeAllowRule(
          rule.folder,
          { match: rule.match, reason: `allowed from the approval modal on ${new Date().toISOString().slice(0, 10)}` },
          this.deps.afterHumanPolicyWrite,
          log,
        );
        if (!written.ok)
          void vscode.window.showWarningMessage(
            `AgentGuard: allowed once, but the rule was not written: ${written.problem}`,
          );
      }
      log.info(
        `approval ${decision}${outcome.choice === always && decision === 'allow' ? ' (always, in this workspace)' : ''}: ${hostName(s)} ${s.kind} ${visibleText(s.command ?? s.paths?.join(', ') ?? s.summary ?? s.tool)} [${s.findings.map((f) => f.id).join(', ')}]`,
      );
      return decision;
    } finally {
      end.dispose();
      watch.dispose();
      void diffs?.then((d) => d.dispose());
    }
  }

  private async confirmProduction(s: ApprovalSubject, ended: Promise<Outcome>): Promise<ApprovalAnswerDecision> {
    const name = s.environment.name;
    const box = vscode.window.showInputBox({
      title: 'AgentGuard: confirm a production action',
      prompt: `Type "${name}" to let the agent do this in production`,
      placeHolder: name,
      ignoreFocusOut: true,
      validateInput: (v) => (v === name ? undefined : `Type ${name} exactly, or press Escape to deny`),
    });
    const typed = await Promise.race([box, ended.then(() => undefined)]);
    return typed === name ? 'allow' : 'deny';
  }

  // VS Code has no API to close a modal it is showing: the question is
  // answered (deny) at once so the agent and the queue move on, the diff is
  // closed, and a later click on the stale dialog is ignored.
  private gaveUp(s: ApprovalSubject, why: 'aborted' | 'timeout', timeout: number): ApprovalAnswerDecision {
    const what = s.command ?? s.paths?.map((p) => path.basename(p)).join(', ') ?? s.summary ?? s.tool;
    const reason = why === 'aborted' ? 'the agent stopped waiting' : `nobody answered within ${timeout} s`;
    this.deps.log.info(`approval deny (${reason}): ${hostName(s)} ${s.kind} ${visibleText(what)}`);
    void vscode.window.showInformationMessage(
      `AgentGuard: denied "${what}": ${reason}. The open question no longer applies; any answer to it is ignored.`,
    );
    return 'deny';
  }
}

/** This window's approval channels; the editor's judge asks through them. */
export interface ApprovalChannels extends vscode.Disposable {
  /** The channels listening now, one per open folder (none for a folder another process holds). */
  listening(): readonly ApprovalServer[];
}

/** Listens for approval requests for every open folder (and folders added later) until disposed. */
export function startApprovalChannel(
  deps: ApprovalGateDeps & { onTaken?: (err: ApprovalChannelTakenError, retry: () => void) => void },
): ApprovalChannels {
  const { stateDir, log, onTaken } = deps;
  const gate = new ApprovalGate(deps);
  const servers = new Map<string, Promise<ApprovalServer | undefined>>();
  const listening = new Set<ApprovalServer>();

  const open = (folder: vscode.WorkspaceFolder) => {
    const key = folder.uri.fsPath;
    if (folder.uri.scheme !== 'file' || servers.has(key)) return;
    servers.set(
      key,
      startApprovalServer({
        socketPath: approvalSocketPath(stateDir, key),
        decide: (subject, signal, queue) => gate.decide(subject, signal, queue),
        // With an AgentGuard service, every answer is recorded there before the hook hears it.
        record: recordWithService,
        log: (m) => log.info(m),
      }).then(
        (server) => {
          // A close() meanwhile chains after this and takes it out again.
          listening.add(server);
          return server;
        },
        (err: Error) => {
          log.warn(`no approval channel for ${key}: ${err.message}; agents there fall back to their own prompt`);
          if (err instanceof ApprovalChannelTakenError && onTaken) {
            onTaken(err, () => {
              servers.delete(key);
              open(folder);
            });
          }
          return undefined;
        },
      ),
    );
  };
  const close = (key: string) => {
    const server = servers.get(key);
    servers.delete(key);
    void server?.then((s) => {
      if (!s) return;
      listening.delete(s);
      return s.close();
    });
  };

  for (const folder of vscode.workspace.workspaceFolders ?? []) open(folder);
  const settings = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('agentguard.approvalTimeoutSeconds'))
      log.info(`approval timeout: ${timeoutSeconds()} s`);
  });
  const watcher = vscode.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const f of e.removed) close(f.uri.fsPath);
    for (const f of e.added) open(f);
  });
  const disposable = new vscode.Disposable(() => {
    watcher.dispose();
    settings.dispose();
    for (const key of [...servers.keys()]) close(key);
  });
  return { dispose: () => disposable.dispose(), listening: () => [...listening] };
}
