// Puts an `ask` to the editor that shows this folder and waits for the human.
// Loaded only when a call needs approval, so allowed calls never pay for it.
import * as os from 'node:os';
import * as path from 'node:path';
import { requestNearestApproval } from '../../core/approval/client';
import { findApprovalSockets } from '../../core/approval/paths';
import type { Verdict } from '../../core/hooks/verdicts';
import { subjectText, type Resolution } from '../../core/hooks/messages';
import type { HookRequest, HostId } from '../../core/hooks/types';
import type { WorkspaceLocation } from '../../core/hooks/workspace';
import type { ApprovalPreview, ApprovalSubject } from '../../shared/protocol';
import { loadConfig } from '../../core/config/load';
import { boundedReadFile } from '../../core/engine';
import { detectWorkspaceEnvironment } from '../../core/environment';
import { previewRequest } from '../../core/preview';
import { realPreviewIo } from '../../core/preview/io';

function processEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** What the human needs to see besides the verdict: the change itself and the workspace's own environment. Best effort, bounded. */
function context(req: HookRequest, loc: WorkspaceLocation): { preview?: ApprovalPreview; workspaceEnvironment?: { name: string; production: boolean } } {
  const env = processEnv();
  const home = env.HOME ?? os.homedir();
  const out: { preview?: ApprovalPreview; workspaceEnvironment?: { name: string; production: boolean } } = {};
  const preview = previewRequest(req, { workspace: loc.workspace, cwd: loc.cwd, env, home }, realPreviewIo());
  if (preview) out.preview = preview;
  try {
    const loaded = loadConfig(loc.workspace);
    // An invalid config already made this an ask with its errors; the badge's guess is not worth a second message.
    if (loaded.ok) {
      const w = detectWorkspaceEnvironment(loc.workspace, env, loaded.config, boundedReadFile, home);
      out.workspaceEnvironment = { name: w.name, production: w.production };
    }
  } catch {
    // the modal then shows only the target's environment
  }
  return out;
}

function approvalSubject(host: HostId, req: HookRequest, v: Verdict, loc: WorkspaceLocation, snapshot?: ApprovalSubject['snapshot']): ApprovalSubject {
  return {
    host,
    tool: req.toolName,
    kind: req.kind,
    ...(req.kind === 'shell' ? { command: req.command ?? '' } : {}),
    ...(req.kind === 'edit' ? { paths: (req.targets ?? []).map((t) => path.resolve(loc.cwd, t.path)) } : {}),
    ...(req.kind === 'mcp' || req.kind === 'other' ? { summary: subjectText(req) } : {}),
    cwd: loc.cwd,
    workspace: loc.workspace,
    score: v.score,
    environment: { name: v.environment.name, production: v.environment.production },
    findings: v.findings.map((f) => ({
      id: f.id,
      summary: f.summary,
      ...(f.target ? { target: f.target } : {}),
      ...(f.alternative ? { alternative: f.alternative } : {}),
    })),
    ...(snapshot ? { snapshot: { taken: snapshot.taken, ...(snapshot.id ? { id: snapshot.id } : {}), ...(snapshot.note ? { note: snapshot.note } : {}) } } : {}),
    ...context(req, loc),
  };
}

export async function askEditor(host: HostId, req: HookRequest, v: Verdict, loc: WorkspaceLocation, stateDir: string, timeoutMs: number, snapshot?: ApprovalSubject['snapshot']): Promise<Resolution> {
  const sockets = findApprovalSockets(stateDir, [loc.cwd, loc.workspace, ...req.workspaceRoots]);
  if (!sockets.length) return { via: 'unanswered', why: 'the AgentGuard editor extension is not running for this folder' };
  const outcome = await requestNearestApproval(sockets, approvalSubject(host, req, v, loc, snapshot), { timeoutMs });
  switch (outcome.status) {
    case 'timeout':
      return { via: 'unanswered', why: `nobody answered in the editor within ${Math.round(timeoutMs / 1000)} s` };
    case 'unavailable':
      return { via: 'unanswered', why: outcome.reason };
    case 'answered':
      if (outcome.by === 'user') return { via: 'editor', decision: outcome.decision };
      if (outcome.by === 'invalid') return { via: 'editor', decision: 'deny', note: outcome.reason ?? 'the request was refused' };
      return { via: 'unanswered', why: outcome.reason ?? `the editor could not ask (${outcome.by})` };
  }
}
