// The audit record of one call: what was asked, where, what the policy
// decided, how an ask ended and what the host was told. Written before the
// answer goes out (call.ts, line.ts): nothing runs unrecorded.
import type { WorkspaceLocation } from '../config/workspace';
import { subjectText } from '../hosts/messages';
import { isoTime } from '../text/isoTime';
import type { HookAnswer, HookRequest, HostId, Resolution } from '../hosts/types';
import { denyWriteList, hostSandboxStatus, type HostSandboxStatus } from '../launcher/hostSandbox';
import type { AuditRecord } from '../state/audit';
import { peerProofOf, readPtraceScope } from '../launcher/yama';
import type { Verdict } from '../types';

export function auditRecord(
  host: string,
  req: HookRequest,
  loc: WorkspaceLocation,
  v: Verdict,
  r: Resolution,
  answer: HookAnswer,
  time: Date,
): AuditRecord {
  const record: AuditRecord = {
    time: isoTime(time),
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
  if (req.kind === 'mcp' && req.mcp)
    record.mcp = { ...(req.mcp.server ? { server: req.mcp.server } : {}), tool: req.mcp.tool };
  if (req.kind === 'other') record.command = subjectText(req);
  if (v.decision !== answer.decision) record.policy = v.decision;
  if (r.via === 'editor') {
    record.approval = r.decision;
    // The password proves more than the kernel's check, and only the service's word (its `approved` reply) says it was had.
    record.peerProof = r.peerProof === 'authenticated' ? 'authenticated' : peerProofOf(readPtraceScope());
  }
  if (r.via === 'refused') record.peerProof = 'recorded';
  if (r.via === 'unanswered') record.approval = 'unanswered';
  if (v.warnings.length) record.warnings = v.warnings.map((w) => w.id);
  if (v.monitored) record.monitored = v.monitored;
  if (v.rule) record.rule = v.rule.match;
  if (req.sessionId) record.sessionId = req.sessionId;
  return record;
}

/** A hook call's record: the host's own sandbox where the call runs, as `hostSandboxStatus` reads it. */
export type HookAuditRecord = AuditRecord & { hostSandbox?: HostSandboxStatus };

/**
 * The host's sandbox as its settings stand at this call (against the list
 * without the walk for nested repositories, built only when the host's sandbox is on).
 * Information only: a settings file that cannot be read leaves the field out.
 */
export function hostSandboxOfCall(
  host: HostId,
  workspace: string,
  home: string,
  stateDir: string,
  env: Readonly<Record<string, string | undefined>>,
): HostSandboxStatus | undefined {
  try {
    return withoutStackTraces(
      () =>
        hostSandboxStatus(
          host,
          workspace,
          home,
          () => denyWriteList({ home, workspace, stateDir, env, nested: false }),
          env,
        ).status,
    );
  } catch {
    return undefined;
  }
}

/**
 * Runs `fn` with no stack trace taken for the errors thrown in it. The host's
 * settings files hostSandboxOfCall looks for are mostly not there, each one an
 * exception thrown and caught inside, and taking its stack trace is most of
 * what a throw costs (about 80 µs of a call in all); nothing there reads a
 * stack. Synchronous, so no other code runs meanwhile. Where Error's
 * stackTraceLimit cannot be changed (node --frozen-intrinsics), as before.
 */
function withoutStackTraces<T>(fn: () => T): T {
  if (Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')?.writable !== true) return fn();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
