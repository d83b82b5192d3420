// Room `hooks/`: one hook call's walk, from a host's payload to its answer:
// the pipeline (here), the judgment of the request (judge.ts), what an
// approval shows (subject.ts), and the ledger of files agents wrote
// (ledger.ts).
//
// One hook call from payload to answer, without the process around it: the
// CLI (`agentguard hook HOST`, a fresh process per call) and the editor's
// judge (a long-running process the CLI hands calls to) run exactly this, so
// a call is judged, recorded and answered the same way whoever runs it.
// Everything the process would supply (stdin, environment, working folder,
// how to ask a human) comes in `HookCall` and `HookCallDeps`; every path out
// is an explicit decision.
import * as os from 'node:os';
import { appendAudit, type AuditRecord } from '../state/audit';
import type { Config } from '../config/schema';
import { configErrorVerdict, killSwitchVerdict, type Verdict } from '../hosts/verdicts';
import { composeAnswer, failureAnswer, subjectText, type HookAnswer, type Resolution } from '../hosts/messages';
import { normalizePayload } from '../hosts/normalize';
import { ampEnvelope } from '../hosts/hostPayloads';
import { callBudget } from '../hosts/budget';
import type { HookRequest, HostId } from '../hosts/types';
import { findWorkspace, type WorkspaceLocation } from '../config/workspace';
import type { BeforeOptions, SnapshotStatus } from '../snapshot/before';
import type { JudgeOptions } from './judge';
import { accountHome, confirmedStateDir, readKillSwitch } from '../state';
import { claimSameCall } from './sameCall';
import { stringEnv } from '../../shared/stringEnv';
import { publishAnswer, type CallClaim } from './onceOnly';

/** What stdin gave: the payload text, or why there is none. */
export type HookInput = { ok: true; text: string } | { ok: false; error: string };

export interface HookCall {
  host: HostId;
  input: HookInput;
  /** The hook process's environment (the host's, not the judge's). */
  env: Readonly<Record<string, string | undefined>>;
  /** The hook process's working folder. */
  processCwd: string;
  started: Date;
  /** Folders of the CLI the host ran, when another process judges the call (protected like the judge's own). */
  install?: readonly string[];
}

/** Puts an `ask` to a human; the CLI goes through the approval channel, the editor's judge asks in its own window. */
export type AskEditor = (host: string, req: HookRequest, verdict: Verdict, loc: WorkspaceLocation, stateDir: string, timeoutMs: number, snapshot?: SnapshotStatus) => Promise<Resolution>;

export interface HookCallDeps {
  askEditor: AskEditor;
  /** Diagnostics for the host's log (the CLI's stderr). */
  warn(message: string): void;
  /**
   * Asked once the call's folder is known, before anything is recorded:
   * a reason to leave the call to another judge, or undefined to judge it.
   */
  declineFor?(req: HookRequest, loc: WorkspaceLocation, stateDir: string): string | undefined;
}

export type HookOutcome =
  | {
    declined: false; event: string; answer: HookAnswer; record: AuditRecord; stateDir: string;
    /** Another arrival of this very call judged and recorded it (sameCall.ts): this one repeats its answer, recorded once. */
    repeated?: true;
    /** This arrival judges its call for the others: what it settles once recorded. */
    settle?: (recorded: boolean) => void;
    /** Another process of the same call, started from another hook file of the same host, judged it (onceOnly.ts): answered as it was, recorded once, by that process. */
    duplicate?: true;
    /** This process judges a call such duplicates wait on: its answer is published for them. */
    claim?: CallClaim;
  }
  | { declined: true; reason: string };

export { stringEnv } from '../../shared/stringEnv';

export { callBudget } from '../hosts/budget';

/**
 * The state folder the hook process would use: the account's (never its
 * HOME's: state/accountHome), relocated by its environment only where a human
 * confirmed it (state/confirmedStateDir).
 */
export function hookStateDir(env: HookCall['env']): string {
  return confirmedStateDir(env, accountHome()).dir;
}

/** A call that could not be judged at all: a deny that says why, recorded as such. */
export function failedCall(call: Pick<HookCall, 'host' | 'env' | 'started'>, problem: string, finding = 'hook.internal-error', event = ''): HookOutcome & { declined: false } {
  return {
    declined: false,
    event,
    answer: failureAnswer(problem),
    record: { time: call.started.toISOString(), host: call.host, decision: 'deny', score: 100, findings: [finding], error: problem },
    stateDir: hookStateDir(call.env),
  };
}

export async function judgeHookCall(call: HookCall, deps: HookCallDeps): Promise<HookOutcome> {
  const { host, env } = call;
  const dir = hookStateDir(env);
  const fail = (problem: string) => failedCall(call, problem, 'hook.unreadable-input');
  if (!call.input.ok) return fail(call.input.error);
  let payload: unknown;
  try {
    payload = JSON.parse(call.input.text);
  } catch {
    return fail(call.input.text.trim() ? 'the payload is not valid JSON (garbage or truncated)' : 'the payload is empty');
  }
  // Amp hands its delegate program only the tool's arguments; the tool's name comes in the environment.
  if (host === 'amp') payload = ampEnvelope(payload, env.AGENT_TOOL_NAME, call.processCwd);
  const normalized = normalizePayload(payload);
  if (!normalized.ok) return fail(normalized.error);
  const req = normalized.request;

  // Claude Code and Gemini CLI name the project folder in the hook's environment.
  const projectDirs = [env.CLAUDE_PROJECT_DIR, env.GEMINI_PROJECT_DIR].filter((d): d is string => typeof d === 'string' && d.length > 0);
  const loc = findWorkspace(req.cwd, [...req.workspaceRoots, ...projectDirs], call.processCwd);
  const declined = deps.declineFor?.(req, loc, dir);
  if (declined !== undefined) return { declined: true, reason: declined };
  // A host with a managed hook runs the workspace's and the user's too: the call is judged once, whoever is first.
  const { roleFor } = await import('./onceOnly');
  const role = await roleFor(host, payload, dir, callBudget(host, env).approvalMs);
  if (role.role === 'duplicate') {
    const record: AuditRecord = { time: call.started.toISOString(), host, decision: role.answer.decision, score: 0, findings: [] };
    return { declined: false, event: req.event, answer: role.answer, record, stateDir: dir, duplicate: true };
  }

  const deferTo = host === 'cursor' && req.event === 'preToolUse' && (req.kind === 'shell' || req.kind === 'mcp')
    ? (req.kind === 'shell' ? 'beforeShellExecution' : 'beforeMCPExecution')
    : undefined;
  const judgedEnv = stringEnv(env);
  const judged = await decide(req, loc, dir, judgedEnv, call);
  const budget = callBudget(host, env);

  // Another arrival of this very call (another host's hook file, another event) may have judged it already.
  let same = claimSameCall(dir, host, req, loc.cwd, loc.workspace, judged.verdict, budget.deadlineMs);
  if (same.role === 'repeat') {
    const first = await same.wait(budget.approvalMs);
    if (first?.state === 'done') {
      const answer = withSnapshotNote(composeAnswer(host, req, first.verdict, first.resolution, loc.cwd), first.snapshot);
      return { declined: false, event: req.event, answer, record: auditRecord(host, req, loc, first.verdict, first.resolution, answer, call.started), stateDir: dir, repeated: true };
    }
    // The first arrival gave its place up, did not decide in time or could not record it: this one decides, as if alone.
    same = first?.state === 'owner' ? first.owner : { role: 'alone' };
  }

  const counted = await countGated(judged, dir, call, deferTo !== undefined, deps.warn);
  const snapshot = await snapshotIfItMayRun(req, counted, deferTo !== undefined, { stateDir: dir, workspace: loc.workspace, cwd: loc.cwd, env: judgedEnv });
  const verdict = snapshot?.full ? withoutWayBack(counted) : counted;

  let resolution: Resolution = { via: 'policy' };
  if (verdict.decision === 'ask') {
    resolution = deferTo
      ? { via: 'deferred', to: deferTo }
      : await deps.askEditor(host, req, verdict, loc, dir, budget.approvalMs, snapshot);
  }

  const composed = withSnapshotNote(composeAnswer(host, req, verdict, resolution, loc.cwd), snapshot);
  // What is let through runs confined where the host takes the command back rewritten.
  const confinement = req.kind === 'shell'
    ? (await import('./confinement')).confinementFor({
      host, req, verdict, resolution, answer: composed, workspace: loc.workspace, home: env.HOME || os.homedir(), env: judgedEnv, stateDir: dir,
      install: call.install ?? (await import('../guard/runningInstall')).runningInstall(),
    })
    : undefined;
  const answer = confinement?.updatedInput ? { ...composed, updatedInput: confinement.updatedInput } : composed;
  const record = auditRecord(host, req, loc, verdict, resolution, answer, call.started);
  if (confinement) record.confinement = confinement.note;
  const kept = snapshot && { ...(snapshot.id ? { id: snapshot.id } : {}), ...(snapshot.note ? { note: snapshot.note } : {}) };
  if (kept) record.snapshot = kept;
  const owner = same.role === 'owner' ? same : undefined;
  // Settled once recorded: an unrecorded call is denied here, and must be there too.
  const settle = owner && ((recorded: boolean) => owner.settle(!recorded ? { state: 'failed' }
    : resolution.via === 'deferred' ? { state: 'open' }
      : { state: 'done', verdict, resolution, ...(snapshot ? { snapshot } : {}) }));
  return { declined: false, event: req.event, answer, record, stateDir: dir, ...(settle ? { settle } : {}), ...(role.role === 'judge' ? { claim: role.claim } : {}) };
}

function auditFailureAnswer(error: string): HookAnswer {
  const reason = `AgentGuard cannot write its audit log (${error}), so this call is blocked: nothing may run unrecorded. Check the state folder (agentguard audit path).`;
  return { decision: 'deny', reason, userMessage: reason, agentMessage: `${reason}\nDo not retry it or work around it; tell the user.` };
}

/**
 * Record first, then answer: no call proceeds unlogged. When the record
 * cannot be written, the answer becomes a deny that says why — for allowed
 * calls too, since an unrecorded allow is exactly what the log must exclude.
 */
export function recordOutcome(outcome: HookOutcome & { declined: false }, warn: (message: string) => void): HookAnswer {
  // The same call's first arrival, or its first process, recorded it: one call, one entry.
  if (outcome.repeated || outcome.duplicate) return outcome.answer;
  const logged = appendAudit(outcome.stateDir, outcome.record);
  outcome.settle?.(logged.ok);
  if (!logged.ok) warn(`cannot write its audit log: ${logged.error}`);
  const answer = logged.ok || outcome.answer.decision === 'deny' ? outcome.answer : auditFailureAnswer(logged.error);
  if (outcome.claim) publishAnswer(outcome.claim, answer);
  return answer;
}

/**
 * Before a call that may run (allow, or an ask the host may grant) deletes,
 * overwrites or drops data, copy it to the snapshot store. A deny needs no
 * snapshot; an ask left to another hook gets its snapshot there.
 */
export async function snapshotIfItMayRun(req: HookRequest, verdict: Verdict, deferred: boolean, opts: BeforeOptions): Promise<SnapshotStatus | undefined> {
  if (verdict.decision === 'deny' || (deferred && verdict.decision === 'ask')) return undefined;
  const { snapshotBefore } = await import('../snapshot/before');
  return await snapshotBefore(req, subjectText(req), opts);
}

/** A store full of snapshots kept for a human: what would have run silently without its way back needs a human now. */
function withoutWayBack(v: Verdict): Verdict {
  if (v.decision !== 'allow') return v;
  return {
    ...v,
    decision: 'ask',
    score: Math.max(v.score, 50),
    findings: [...v.findings, {
      id: 'snapshot.store-full',
      summary: 'AgentGuard cannot keep a copy of what this deletes or overwrites: its snapshot store is full of snapshots kept for a human (younger than a day, or the newest of their files)',
      alternative: 'a human reviews the snapshots (agentguard snapshot list) and removes old ones from the store (agentguard snapshot path)',
      severity: 50,
    }],
  };
}

function withSnapshotNote(answer: HookAnswer, snapshot: SnapshotStatus | undefined): HookAnswer {
  if (!snapshot?.note || answer.decision === 'deny') return answer;
  const line = snapshot.taken
    ? `\nAgentGuard ${snapshot.note}; undo with: agentguard snapshot restore ${snapshot.id}`
    : `\nAgentGuard: ${snapshot.note}.`;
  const noted = { ...answer, reason: answer.reason + line, userMessage: answer.userMessage + line, agentMessage: answer.agentMessage + line };
  // A "no decision" carries no reason to the host: the note travels where the host shows information.
  if (answer.decision === 'defer') noted.warning = answer.warning ? `${answer.warning}${line}` : line.slice(1);
  return noted;
}

export interface Judged {
  verdict: Verdict;
  /** The policy it was judged with (its rate limit counts the call). */
  config?: Config;
}

/** Who a verdict is for: an agent's call (a hook, an agent's terminal), or a line a human typed (no kill switch, no rate limit). */
export interface DecideCall {
  started: Date;
  install?: readonly string[];
  human?: boolean;
}

/**
 * The policy's verdict: kill switch first (it needs neither config nor
 * engine), then the workspace config, then the engine. Not yet counted
 * toward the rate limit (countGated): an arrival that repeats another's
 * judgment of the same call is not counted twice.
 */
export async function decide(req: HookRequest, loc: WorkspaceLocation, dir: string, env: Record<string, string>, call: DecideCall): Promise<Judged> {
  const agent = !call.human;
  // A human's own line meets no kill switch: it halts agents, not the person at the keyboard.
  const killSwitch = agent ? readKillSwitch(dir) : undefined;
  if (killSwitch?.engaged) return { verdict: killSwitchVerdict(killSwitch.reason) };
  // The organization's managed policy lies under everything; one that cannot be used turns every ask into a deny.
  const { readManagedPolicy } = await import('../policy/managed');
  const { failClosedOnInvalid, monitorModeAllowed } = await import('../policy/managedMerge');
  const managed = readManagedPolicy();
  const { loadConfig } = await import('../config/load');
  const loaded = loadConfig(loc.workspace);
  if (!loaded.ok) return { verdict: failClosedOnInvalid(configErrorVerdict((await import('../config/errors')).formatConfigErrors(loaded.errors)), managed) };
  // A loosening nobody confirmed in the editor does not apply (core/policy).
  const { workspacePolicy, pendingLooseningFinding } = await import('../policy');
  const policy = workspacePolicy(dir, loc.workspace, loaded.config, managed);
  const config: Config | undefined = policy.config;
  const { judgeRequest } = await import('./judge');
  const { freshFileReader } = await import('../engine');
  const ledger = await import('./ledger');
  const judgeOpts = {
    workspace: loc.workspace, cwd: loc.cwd, config, env, stateDir: dir, readFile: freshFileReader(), agentWritten: ledger.ledgerLookup(dir),
    ...(call.install ? { guardInstall: call.install } : {}),
    workspaceRoots: req.workspaceRoots,
  };
  const judged = await judgedWhereItActs(req, loc, dir, judgeRequest(req, judgeOpts), judgeOpts);
  const pending = policy.pending.length && judged.decision !== 'allow'
    ? { ...judged, findings: [...judged.findings, pendingLooseningFinding(policy.pending)] }
    : judged;
  // The editor's agentguard.mode (trust applied) for this folder: monitor records what it would gate, unless the
  // managed policy forbids monitor mode. Allowed calls skip it; a harmless one reads agentguard.answerHarmless
  // instead: only a human's confirmed "allow" turns its "no decision" into an allow.
  const editorMode = await import('../policy/editorMode');
  const monitored = pending.decision !== 'allow' ? (monitorModeAllowed(managed) ? editorMode.withEditorMode(pending, dir, loc.workspace) : pending)
    : !pending.rule && editorMode.readAnswerHarmless(dir, loc.workspace) === 'allow' ? { ...pending, handedOver: true as const } : pending;
  const verdict = failClosedOnInvalid(monitored, managed);
  // What an agent may now write is remembered, so a background launch of it later asks.
  if (agent && verdict.decision !== 'deny') ledger.recordAgentWrites(dir, req, loc.workspace, loc.cwd, env);
  return { verdict, ...(config ? { config } : {}) };
}

/**
 * A gated verdict counts toward the rate limit, which may engage the kill
 * switch on the spot; an ask left to another hook (`deferred`) is counted
 * there, not twice. A human's own line is never counted toward the circuit
 * breaker that halts agents.
 */
export async function countGated({ verdict, config }: Judged, dir: string, call: DecideCall, deferred: boolean, warn: (m: string) => void): Promise<Verdict> {
  if (call.human || verdict.decision === 'allow' || (deferred && verdict.decision === 'ask')) return verdict;
  // Nothing the engine judged (the kill switch, an invalid config) was counted before either.
  if (verdict.findings.some((f) => f.id === 'killswitch.engaged' || f.id === 'config.invalid')) return verdict;
  const { recordGatedDecision } = await import('../policy/rateLimit');
  const limit = recordGatedDecision(dir, config, call.started);
  if (limit.error) warn(limit.error);
  // A gated call the circuit breaker cannot count would let a burst through unseen: it does not run.
  if (limit.recorded === false) return { ...verdict, decision: 'deny', findings: [...verdict.findings, rateLimitUnrecorded(limit.error ?? 'unknown error')] };
  if (!limit.tripped) return verdict;
  const halted = killSwitchVerdict(readKillSwitch(dir).reason ?? `${limit.count} gated agent actions in a row`);
  return { ...halted, findings: [...halted.findings, ...verdict.findings] };
}

/**
 * The call judged again in every other workspace it acts in (`cd ../api &&
 * git push`, `git -C ~/code/api push`, an edit there), with that
 * workspace's confirmed policy; the stricter verdict stands.
 */
async function judgedWhereItActs(req: HookRequest, loc: WorkspaceLocation, dir: string, here: Verdict, opts: JudgeOptions): Promise<Verdict> {
  if (req.kind !== 'shell' && req.kind !== 'edit') return here;
  const { requestDirs, otherWorkspaces, stricter } = await import('./targets');
  const { normalizedCommands } = await import('../engine');
  const dirs = requestDirs(req, loc, () => normalizedCommands({ command: req.command ?? '', cwd: loc.cwd, env: opts.env }, { workspace: loc.workspace, config: opts.config, env: opts.env }).commands);
  if (!dirs.length) return here;
  const { loadConfig } = await import('../config/load');
  const { guardedPolicy } = await import('../policy');
  const { judgeRequest } = await import('./judge');
  let verdict = here;
  for (const workspace of otherWorkspaces(dirs, loc)) {
    const loaded = loadConfig(workspace);
    if (!loaded.ok) {
      verdict = stricter(verdict, configErrorVerdict((await import('../config/errors')).formatConfigErrors(loaded.errors)));
      continue;
    }
    const there = judgeRequest(req, { ...opts, workspace, config: guardedPolicy(dir, workspace, loaded.config).config });
    verdict = stricter(verdict, there);
  }
  return verdict;
}

function rateLimitUnrecorded(error: string): Verdict['findings'][number] {
  return {
    id: 'ratelimit.unrecorded',
    summary: `AgentGuard could not count this gated call toward the rate limit, so it is blocked (${error})`,
    alternative: 'check that AgentGuard\'s state folder is writable (agentguard doctor)',
    severity: 100,
  };
}

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
