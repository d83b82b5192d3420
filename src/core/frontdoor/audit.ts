// The audit record of one call: what was asked, where, what the policy
// decided, how an ask ended and what the host was told. Written before the
// answer goes out (call.ts, line.ts): nothing runs unrecorded.
import type { WorkspaceLocation } from '../config/workspace';
import { subjectText } from '../hosts/messages';
import type { HookAnswer, HookRequest, Resolution } from '../hosts/types';
import type { AuditRecord } from '../state/audit';
import type { Verdict } from '../types';

export function auditRecord(host: string, req: HookRequest, loc: WorkspaceLocation, v: Verdict, r: Resolution, answer: HookAnswer, time: Date): AuditRecord {
  const record: AuditRecord = {
    time: time.toISOString(),
    host,
    event: req.event,
    tool: req.toolName,
    kind: req.kind,
    cwd: loc.cwd,
    workspace: loc.workspace,
    decision: answer.decision,
    score: v.score,
    findings: v.findings.map((f) => f.id),
    environment: { name: v.environment.name, production: v.environment.production },
  };
  if (req.kind === 'shell') record.command = req.command;
  if (req.kind === 'edit') record.paths = (req.targets ?? []).map((t) => t.path);
  if (req.kind === 'mcp' && req.mcp) record.mcp = { ...(req.mcp.server ? { server: req.mcp.server } : {}), tool: req.mcp.tool };
  if (req.kind === 'other') record.command = subjectText(req);
  if (v.decision !== answer.decision) record.policy = v.decision;
  if (r.via === 'editor') record.approval = r.decision;
  if (r.via === 'unanswered') record.approval = 'unanswered';
  if (v.warnings.length) record.warnings = v.warnings.map((w) => w.id);
  if (v.monitored) record.monitored = v.monitored;
  if (v.rule) record.rule = v.rule.match;
  if (req.sessionId) record.sessionId = req.sessionId;
  return record;
}
