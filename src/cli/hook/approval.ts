// Puts an `ask` to the editor that shows this folder and waits for the human.
// Loaded only when a call needs approval, so allowed calls never pay for it.
import * as path from 'node:path';
import { requestNearestApproval } from '../../core/approval/client';
import { findApprovalSockets } from '../../core/approval/paths';
import type { Verdict } from '../../core/hooks/verdicts';
import { subjectText, type Resolution } from '../../core/hooks/messages';
import type { HookRequest, HostId } from '../../core/hooks/types';
import type { WorkspaceLocation } from '../../core/hooks/workspace';
import type { ApprovalSubject } from '../../shared/protocol';

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
