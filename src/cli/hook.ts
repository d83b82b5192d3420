// `agentguard hook HOST`: the door agents knock on before
// every command and edit. Reads the host's payload, judges it with the same
// engine as every other door, puts an `ask` to the editor, records the
// decision and answers in the host's schema. Every path out of here is an
// explicit decision; anything that goes wrong is a deny, never an allow.
//
// The hook is a fresh process before every agent action, so only what every
// call needs is imported up front; the engine, the config loader and the
// approval client load when a call gets that far.
import { appendAudit, type AuditRecord } from '../core/audit';
import type { Config } from '../core/config/schema';
import { configErrorVerdict, killSwitchVerdict, type Verdict } from '../core/hooks/verdicts';
import { composeAnswer, failureAnswer, subjectText, type HookAnswer, type Resolution } from '../core/hooks/messages';
import { normalizePayload } from '../core/hooks/normalize';
import { ampEnvelope } from '../core/hooks/hostPayloads';
import { hookBudget } from '../core/hooks/hostProfiles';
import { HOSTS, type HookRequest, type HostId } from '../core/hooks/types';
import { findWorkspace, type WorkspaceLocation } from '../core/hooks/workspace';
import type { BeforeOptions, SnapshotStatus } from '../core/snapshot/before';
import { readKillSwitch, stateDir } from '../core/state';
import { HookResponder } from './hook/answer';
import { MAX_PAYLOAD_BYTES, readBounded } from './hook/stdin';

const DEFAULT_STDIN_TIMEOUT_MS = 5000;
const DEFAULT_APPROVAL_TIMEOUT_MS = 60_000;

function auditFailureAnswer(error: string): HookAnswer {
  const reason = `AgentGuard cannot write its audit log (${error}), so this call is blocked: nothing may run unrecorded. Check the state folder (agentguard audit path).`;
  return { decision: 'deny', reason, userMessage: reason, agentMessage: `${reason}\nDo not retry it or work around it; tell the user.` };
}

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = Number(env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function processEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

export async function runHook(args: string[]): Promise<number> {
  try {
    return await hook(args);
  } catch (err) {
    // An answer may already be out; if not, this is it. Exit 0 either way, so the host reads it.
    const problem = `internal error: ${(err as Error)?.message ?? err}`;
    const host = (HOSTS.includes(args[0] as HostId) ? args[0] : 'claude') as HostId;
    return finish(failSafe(host), stateDir(), failureAnswer(problem), { time: new Date().toISOString(), host, decision: 'deny', score: 100, findings: ['hook.internal-error'], error: problem });
  }
}

// One responder per process, so an error after the answer cannot send a second one.
let theResponder: HookResponder | undefined;
const failSafe = (host: HostId): HookResponder => (theResponder ??= new HookResponder(host));

async function hook(args: string[]): Promise<number> {
  const host = args[0] as HostId;
  if (!HOSTS.includes(host)) {
    // Without a host there is no schema to answer in; exit 2 blocks in all of them.
    process.stderr.write(`AgentGuard: usage: agentguard hook ${HOSTS.join('|')} < payload (got ${JSON.stringify(args[0] ?? '')}); blocking.\n`);
    return 2;
  }
  const env = process.env;
  const stdinTimeoutMs = envNumber(env, 'AGENTGUARD_HOOK_STDIN_TIMEOUT_MS', DEFAULT_STDIN_TIMEOUT_MS);
  // Every wait fits inside the host's own timeout: a hook the host kills is one it may let through.
  const budget = hookBudget(host, stdinTimeoutMs, Math.min(envNumber(env, 'AGENTGUARD_APPROVAL_TIMEOUT_MS', DEFAULT_APPROVAL_TIMEOUT_MS), 10 * 60_000));
  const approvalTimeoutMs = budget.approvalMs;
  const responder = failSafe(host);
  responder.arm(budget.deadlineMs);
  const dir = stateDir(env);
  const started = new Date();

  const fail = (problem: string): number =>
    finish(responder, dir, failureAnswer(problem), { time: started.toISOString(), host, decision: 'deny', score: 100, findings: ['hook.unreadable-input'], error: problem });

  const input = await readBounded(0, MAX_PAYLOAD_BYTES, stdinTimeoutMs);
  if (!input.ok) return fail(input.error);
  let payload: unknown;
  try {
    payload = JSON.parse(input.text);
  } catch {
    return fail(input.text.trim() ? 'the payload is not valid JSON (garbage or truncated)' : 'the payload is empty');
  }
  // Amp hands its delegate program only the tool's arguments; the tool's name comes in the environment.
  if (host === 'amp') payload = ampEnvelope(payload, env.AGENT_TOOL_NAME, process.cwd());
  const normalized = normalizePayload(payload);
  if (!normalized.ok) return fail(normalized.error);
  const req = normalized.request;
  responder.setEvent(req.event);

  // Claude Code and Gemini CLI name the project folder in the hook's environment.
  const projectDirs = [env.CLAUDE_PROJECT_DIR, env.GEMINI_PROJECT_DIR].filter((d): d is string => typeof d === 'string' && d.length > 0);
  const loc = findWorkspace(req.cwd, [...req.workspaceRoots, ...projectDirs], process.cwd());
  const deferTo = host === 'cursor' && req.event === 'preToolUse' && (req.kind === 'shell' || req.kind === 'mcp')
    ? (req.kind === 'shell' ? 'beforeShellExecution' : 'beforeMCPExecution')
    : undefined;
  const judgedEnv = processEnv(env);
  const verdict = await decide(req, loc, dir, judgedEnv, started, deferTo !== undefined);
  const snapshot = await snapshotIfItMayRun(req, verdict, deferTo !== undefined, { stateDir: dir, workspace: loc.workspace, cwd: loc.cwd, env: judgedEnv });

  let resolution: Resolution = { via: 'policy' };
  if (verdict.decision === 'ask') {
    if (deferTo) {
      resolution = { via: 'deferred', to: deferTo };
    } else {
      const { askEditor } = await import('./hook/approval');
      resolution = await askEditor(host, req, verdict, loc, dir, approvalTimeoutMs, snapshot);
    }
  }

  const answer = withSnapshotNote(composeAnswer(host, req, verdict, resolution, loc.cwd), snapshot);
  const record = auditRecord(host, req, loc, verdict, resolution, answer, started);
  if (snapshot) record.snapshot = { ...(snapshot.id ? { id: snapshot.id } : {}), ...(snapshot.note ? { note: snapshot.note } : {}) };
  return finish(responder, dir, answer, record);
}

/**
 * Before a call that may run (allow, or an ask the host may grant) deletes,
 * overwrites or drops data, copy it to the snapshot store. A deny needs no
 * snapshot; an ask left to another hook gets its snapshot there.
 */
async function snapshotIfItMayRun(req: HookRequest, verdict: Verdict, deferred: boolean, opts: BeforeOptions): Promise<SnapshotStatus | undefined> {
  if (verdict.decision === 'deny' || (deferred && verdict.decision === 'ask')) return undefined;
  const { snapshotBefore } = await import('../core/snapshot/before');
  return await snapshotBefore(req, subjectText(req), opts);
}

function withSnapshotNote(answer: HookAnswer, snapshot: SnapshotStatus | undefined): HookAnswer {
  if (!snapshot?.note || answer.decision === 'deny') return answer;
  const line = snapshot.taken
    ? `\nAgentGuard ${snapshot.note}; undo with: agentguard snapshot restore ${snapshot.id}`
    : `\nAgentGuard: ${snapshot.note}.`;
  return { ...answer, reason: answer.reason + line, userMessage: answer.userMessage + line, agentMessage: answer.agentMessage + line };
}

/**
 * The policy's verdict: kill switch first (it needs neither config nor
 * engine), then the workspace config, then the engine. A gated verdict counts
 * toward the rate limit, which may engage the kill switch on the spot; an ask
 * left to another hook (`deferred`) is counted there, not twice.
 */
async function decide(req: HookRequest, loc: WorkspaceLocation, dir: string, env: Record<string, string>, now: Date, deferred: boolean): Promise<Verdict> {
  const killSwitch = readKillSwitch(dir);
  if (killSwitch.engaged) return killSwitchVerdict(killSwitch.reason);
  const { formatConfigErrors, loadConfig } = await import('../core/config/load');
  const loaded = loadConfig(loc.workspace);
  if (!loaded.ok) return configErrorVerdict(formatConfigErrors(loaded.errors));
  // A loosening nobody confirmed in the editor does not apply (core/policy).
  const { guardedPolicy, pendingLooseningFinding } = await import('../core/policy');
  const policy = guardedPolicy(dir, loc.workspace, loaded.config);
  const config: Config | undefined = policy.config;
  const { judgeRequest } = await import('../core/hooks/judge');
  const ledger = await import('../core/ledger');
  const judged = judgeRequest(req, { workspace: loc.workspace, cwd: loc.cwd, config, env, agentWritten: ledger.ledgerLookup(dir) });
  const pending = policy.pending.length && judged.decision !== 'allow'
    ? { ...judged, findings: [...judged.findings, pendingLooseningFinding(policy.pending)] }
    : judged;
  // The editor's agentguard.mode (trust applied) for this folder: monitor records what it would gate. Allowed calls skip it.
  const verdict = pending.decision === 'allow' ? pending : (await import('../core/editorMode')).withEditorMode(pending, dir, loc.workspace);
  // What an agent may now write is remembered, so a background launch of it later asks.
  if (verdict.decision !== 'deny') ledger.recordAgentWrites(dir, req, loc.workspace, loc.cwd, env);
  if (verdict.decision === 'allow' || (deferred && verdict.decision === 'ask')) return verdict;
  const { recordGatedDecision } = await import('../core/rateLimit');
  const limit = recordGatedDecision(dir, config, now);
  if (limit.error) process.stderr.write(`AgentGuard: ${limit.error}\n`);
  // A gated call the circuit breaker cannot count would let a burst through unseen: it does not run.
  if (limit.recorded === false) return { ...verdict, decision: 'deny', findings: [...verdict.findings, rateLimitUnrecorded(limit.error ?? 'unknown error')] };
  if (!limit.tripped) return verdict;
  const halted = killSwitchVerdict(readKillSwitch(dir).reason ?? `${limit.count} gated agent actions in a row`);
  return { ...halted, findings: [...halted.findings, ...verdict.findings] };
}

function rateLimitUnrecorded(error: string): Verdict['findings'][number] {
  return {
    id: 'ratelimit.unrecorded',
    summary: `AgentGuard could not count this gated call toward the rate limit, so it is blocked (${error})`,
    alternative: 'check that AgentGuard\'s state folder is writable (agentguard doctor)',
    severity: 100,
  };
}

function auditRecord(host: HostId, req: HookRequest, loc: WorkspaceLocation, v: Verdict, r: Resolution, answer: HookAnswer, time: Date): AuditRecord {
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

// Record first, then answer: no call proceeds unlogged. When the record
// cannot be written, the answer becomes a deny that says why — for allowed
// calls too, since an unrecorded allow is exactly what the log must exclude.
// A second answer (after an internal error) is not sent, only recorded.
// Returns the exit code that goes with the host's form of the answer (2,
// blocked, when it could not be written).
function finish(responder: HookResponder, dir: string, answer: HookAnswer, record: AuditRecord): number {
  const logged = appendAudit(dir, record);
  if (!logged.ok) {
    process.stderr.write(`AgentGuard: cannot write its audit log: ${logged.error}\n`);
    if (answer.decision !== 'deny') answer = auditFailureAnswer(logged.error);
  }
  const exitCode = responder.respond(answer);
  // A read of stdin may still be pending (a payload that never ended): nothing may keep the agent waiting.
  setImmediate(() => process.exit());
  return exitCode;
}
