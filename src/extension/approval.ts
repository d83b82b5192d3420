// The editor's side of the approval gate: one approval channel per open
// workspace folder, answered by a modal the human has to click. Production
// targets also need the environment's name typed, so a reflexive Enter is
// not enough. Nothing here can approve without a human.
import * as vscode from 'vscode';
import { approvalSocketPath } from '../core/approval/paths';
import { ApprovalChannelTakenError, startApprovalServer, type ApprovalServer } from '../core/approval/server';
import type { ApprovalAnswerDecision, ApprovalSubject } from '../shared/protocol';

const HOST_NAMES: Record<string, string> = { claude: 'Claude Code', cursor: 'Cursor', copilot: 'Copilot' };

function intent(s: ApprovalSubject): string {
  switch (s.kind) {
    case 'shell': return 'run a command';
    case 'edit': return 'change files';
    case 'mcp': return 'call an MCP tool';
    case 'other': return `use the ${s.tool} tool`;
  }
}

function describe(s: ApprovalSubject): { message: string; detail: string } {
  const env = s.environment;
  const message = `AgentGuard: ${HOST_NAMES[s.host] ?? s.host} wants to ${intent(s)}${env.production ? ` in PRODUCTION (${env.name})` : ''}`;
  const what = s.command ?? s.paths?.join('\n') ?? s.summary ?? s.tool;
  const findings = s.findings.map((f) => `• ${f.summary}${f.target ? ` (${f.target})` : ''} [${f.id}]${f.alternative ? `\n   Safer: ${f.alternative}` : ''}`);
  const detail = [
    what,
    '',
    ...findings,
    '',
    `Environment: ${env.name}${env.production ? ' (production)' : ''} · risk ${s.score}/100`,
    `In: ${s.cwd}`,
  ].join('\n');
  return { message, detail };
}

async function askHuman(s: ApprovalSubject, signal: AbortSignal, log: vscode.LogOutputChannel): Promise<ApprovalAnswerDecision> {
  const { message, detail } = describe(s);
  const allow = 'Allow once';
  // The first button is the default one: Enter must deny, so approving always takes a deliberate click.
  const deny = 'Deny';
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, deny, allow);
  let decision: ApprovalAnswerDecision = choice === allow && !signal.aborted ? 'allow' : 'deny';
  if (decision === 'allow' && s.environment.production) {
    const name = s.environment.name;
    const typed = await vscode.window.showInputBox({
      title: 'AgentGuard: confirm a production action',
      prompt: `Type "${name}" to let the agent do this in production`,
      placeHolder: name,
      ignoreFocusOut: true,
      validateInput: (v) => (v === name ? undefined : `Type ${name} exactly, or press Escape to deny`),
    });
    if (typed !== name || signal.aborted) decision = 'deny';
  }
  log.info(`approval ${decision}${signal.aborted ? ' (the agent stopped waiting)' : ''}: ${HOST_NAMES[s.host] ?? s.host} ${s.kind} ${s.command ?? s.paths?.join(', ') ?? s.summary ?? s.tool} [${s.findings.map((f) => f.id).join(', ')}]`);
  return decision;
}

/** Listens for approval requests for every open folder (and folders added later) until disposed. */
export function startApprovalChannel(stateDir: string, log: vscode.LogOutputChannel, onTaken?: (err: ApprovalChannelTakenError, retry: () => void) => void): vscode.Disposable {
  const servers = new Map<string, Promise<ApprovalServer | undefined>>();

  const open = (folder: vscode.WorkspaceFolder) => {
    const key = folder.uri.fsPath;
    if (folder.uri.scheme !== 'file' || servers.has(key)) return;
    servers.set(key, startApprovalServer({
      socketPath: approvalSocketPath(stateDir, key),
      decide: (subject, signal) => askHuman(subject, signal, log),
      log: (m) => log.info(m),
    }).catch((err: Error) => {
      log.warn(`no approval channel for ${key}: ${err.message}; agents there fall back to their own prompt`);
      if (err instanceof ApprovalChannelTakenError && onTaken) {
        onTaken(err, () => {
          servers.delete(key);
          open(folder);
        });
      }
      return undefined;
    }));
  };
  const close = (key: string) => {
    const server = servers.get(key);
    servers.delete(key);
    void server?.then((s) => s?.close());
  };

  for (const folder of vscode.workspace.workspaceFolders ?? []) open(folder);
  const watcher = vscode.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const f of e.removed) close(f.uri.fsPath);
    for (const f of e.added) open(f);
  });
  return new vscode.Disposable(() => {
    watcher.dispose();
    for (const key of [...servers.keys()]) close(key);
  });
}
