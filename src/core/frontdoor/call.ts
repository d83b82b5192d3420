// Room `frontdoor/`: the one way into core for every door. A call's whole
// walk lives here, with its steps in the order they run: one hook call
// (here), one terminal line (line.ts), the policy's verdict and the circuit
// breaker (verdict.ts), where state lives (state.ts), the way back
// (wayBack.ts), the record (audit.ts), what a request writes
// (agentWrites.ts), one call judged once across hook files and processes
// (sameCall.ts, onceOnly.ts), confinement (confinement.ts) and what an
// approval shows (subject.ts). Each walk returns a neutral outcome; how it
// is said to a host is the host adapter's (core/hosts), to a shell the
// terminal's (core/terminal).
//
// One hook call from payload to answer, without the process around it: the
// CLI (`agentguard hook HOST`, a fresh process per call) and the editor's
// judge (a long-running process the CLI hands calls to) run exactly this, so
// a call is judged, recorded and answered the same way whoever runs it.
// Everything the process would supply (stdin, environment, working folder,
// how to ask a human) comes in `HookCall` and `HookCallDeps`; every path out
// is an explicit decision.
import type { AuditRecord } from '../state/audit';
import { shellHome } from '../state/homes';
import { isoTime } from '../text/isoTime';
import { composeAnswer, failureAnswer } from '../hosts/messages';
import { normalizePayload } from '../hosts/normalize';
import { hostAdapter, PROJECT_DIR_VARS } from '../hosts';
import { withSettingsReads } from '../hosts/settingsText';
import { callBudget } from '../hosts/budget';
import { isDoctorSample } from '../hosts/samples';
import type { HookAnswer, HookRequest, HostId, Resolution } from '../hosts/types';
import { findWorkspace, type WorkspaceLocation } from '../config/workspace';
import { runningInstall } from '../guard/runningInstall';
import type { Reading } from '../engine';
import type { ManagedPolicy } from '../policy/managed';
import type { Verdict } from '../types';

import { auditRecord, hostSandboxOfCall, type HookAuditRecord } from './audit';
import { refusedAsk } from './approvalProof';
import { confinementFor } from './confinement';
import { publishAnswer, roleFor, type CallClaim } from './onceOnly';
import { claimSameCall } from './sameCall';
import { withShadow } from './shadow';
import { stateFor, stringEnv, type CallState } from './state';
import { countGated, policyVerdict, readCall } from './verdict';
export { breakerHalted, breakerUncounted } from './verdict';
import { snapshotIfItMayRun, withoutWayBack, withSnapshotNote, type SnapshotStatus } from './wayBack';

export type { HookAnswer, HookRequest, HostId } from '../hosts/types';
export type { WorkspaceLocation } from '../config/workspace';
export type { Verdict } from '../types';
export type { Reading } from '../engine';
/** The answer in the host's own form is its adapter's; a failure's answer and a signed line are the same for every host. */
export { shapeAnswer } from '../hosts';
export { failureAnswer, signed } from '../hosts/messages';
export { servicedState, stateFor, type ServiceView } from './state';
export { isoTime } from '../text/isoTime';

/** What stdin gave: the payload text, or why there is none. */
export type HookInput = { ok: true; text: string } | { ok: false; error: string };

/** A reason to leave a call to another judge, or undefined to judge it; `readings`: the line as the verdict then judges it. */
export type DeclineFor = (
  req: HookRequest,
  loc: WorkspaceLocation,
  stateDir: string,
  readings?: readonly Reading[],
) => string | undefined;

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
  /** Where this call's state lives (default: stateFor): an AgentGuard service's (state.ts servicedState), or the folder the editor's judge already chose. */
  state?: CallState;
  /** The managed policy, when the door read it already for this call (else read once, at the verdict). */
  managed?: ManagedPolicy;
}

/** Puts an `ask` to a human; the CLI goes through the approval channel, the editor's judge asks in its own window. */
export type AskEditor = (
  host: string,
  req: HookRequest,
  verdict: Verdict,
  loc: WorkspaceLocation,
  stateDir: string,
  timeoutMs: number,
  snapshot?: SnapshotStatus,
) => Promise<Resolution>;

export interface HookCallDeps {
  askEditor: AskEditor;
  /** Diagnostics for the host's log (the CLI's stderr). */
  warn(message: string): void;
  /**
   * Asked once the call's folder is known, before anything is recorded:
   * a reason to leave the call to another judge, or undefined to judge it.
   * `readings`: a shell line as the verdict then judges it (read once for both).
   */
  declineFor?: DeclineFor;
  /**
   * The verdict once counted toward the circuit breaker, before any human is
   * asked: the AgentGuard service counts it where no process of the user can
   * reset the count, and a call that trips the breaker there is itself halted.
   */
  afterCount?(verdict: Verdict): Promise<Verdict>;
}

export type HookOutcome =
  | {
      declined: false;
      event: string;
      answer: HookAnswer;
      record: AuditRecord;
      state: CallState;
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

/** A call that could not be judged at all: a deny that says why, recorded as such. */
export function failedCall(
  call: Pick<HookCall, 'host' | 'env' | 'started'>,
  problem: string,
  finding = 'hook.internal-error',
  event = '',
): HookOutcome & { declined: false } {
  return {
    declined: false,
    event,
    answer: failureAnswer(problem),
    record: {
      time: isoTime(call.started),
      host: call.host,
      decision: 'deny',
      score: 100,
      findings: [finding],
      error: problem,
    },
    state: stateFor(call.env),
  };
}

/** Decides one hook call: a neutral outcome to record (recordHookCall) and then say in the host's form. */
export async function decideHookCall(call: HookCall, deps: HookCallDeps): Promise<HookOutcome> {
  const { host, env } = call;
  const state = call.state ?? stateFor(env);
  const dir = state.dir;
  // No state folder to trust (state.ts unusableState): denied before the payload is read, saying why.
  if (state.unusable !== undefined) return failedCall(call, state.unusable, 'hook.state-unusable');
  const fail = (problem: string) => failedCall(call, problem, 'hook.unreadable-input');
  if (!call.input.ok) return fail(call.input.error);
  let payload: unknown;
  try {
    payload = JSON.parse(call.input.text);
  } catch {
    return fail(
      call.input.text.trim() ? 'the payload is not valid JSON (garbage or truncated)' : 'the payload is empty',
    );
  }
  const adapter = hostAdapter(host);
  // Amp hands its delegate program only the tool's arguments; the tool's name comes in the environment.
  if (adapter.envelope) payload = adapter.envelope(payload, env, call.processCwd);
  const normalized = normalizePayload(payload);
  if (!normalized.ok) return fail(normalized.error);
  const req = normalized.request;

  // Claude Code and Gemini CLI name the project folder in the hook's environment.
  const projectDirs = PROJECT_DIR_VARS.map((v) => env[v]).filter(
    (d): d is string => typeof d === 'string' && d.length > 0,
  );
  const loc = findWorkspace(req.cwd, [...req.workspaceRoots, ...projectDirs], call.processCwd);
  const judgedEnv = stringEnv(env);
  // A judge that may decline reads a shell line first: its decline check and the verdict share that one reading.
  const read = deps.declineFor ? readCall(req, loc, judgedEnv, call.install) : undefined;
  const declined = deps.declineFor?.(req, loc, dir, read?.readings);
  if (declined !== undefined) return { declined: true, reason: declined };
  // A host with a managed hook runs the workspace's and the user's too: the call is judged once, whoever is first.
  const role = await roleFor(host, payload, dir, callBudget(host, env).approvalMs);
  if (role.role === 'duplicate') {
    const record: AuditRecord = {
      time: isoTime(call.started),
      host,
      decision: role.answer.decision,
      score: 0,
      findings: [],
    };
    return { declined: false, event: req.event, answer: role.answer, record, state, duplicate: true };
  }

  // Cursor's preToolUse leaves an ask about a shell or MCP call to the hook of that call's own event.
  const deferTo = adapter.deferAsk?.(req);
  const policy = policyVerdict(req, loc, state, judgedEnv, call, read);
  // A workspace file of this host that takes AgentGuard's hook away from some calls: those that are not read-only ask.
  // The home's own files are the user level, which no workspace rule is for: never a relative HOME, which would make
  // the working folder (the workspace) the home.
  const home = shellHome(env);
  const judged = { ...policy, verdict: withShadow(policy.verdict, req, host, loc.workspace, home, dir, loc.cwd) };
  const budget = callBudget(host, env);

  // Another arrival of this very call (another host's hook file, another event) may have judged it already.
  let same = claimSameCall(dir, host, req, loc.cwd, loc.workspace, judged.verdict, budget.deadlineMs);
  if (same.role === 'repeat') {
    const first = await same.wait(budget.approvalMs);
    if (first?.state === 'done') {
      const answer = withSnapshotNote(
        composeAnswer(host, req, first.verdict, first.resolution, loc.cwd),
        first.snapshot,
      );
      return {
        declined: false,
        event: req.event,
        answer,
        record: auditRecord(host, req, loc, first.verdict, first.resolution, answer, call.started),
        state,
        repeated: true,
      };
    }
    // The first arrival gave its place up, did not decide in time or could not record it: this one decides, as if alone.
    same = first?.state === 'owner' ? first.owner : { role: 'alone' };
  }

  const probe = isDoctorSample(req, env);
  const countedHere = countGated(judged, state, { ...call, doctorSample: probe }, deferTo !== undefined, deps.warn);
  const counted = deps.afterCount ? await deps.afterCount(countedHere) : countedHere;
  const snapshot = await snapshotIfItMayRun(req, counted, deferTo !== undefined, {
    stateDir: dir,
    workspace: loc.workspace,
    cwd: loc.cwd,
    env: judgedEnv,
    ...(judged.readings ? { readings: judged.readings } : {}),
    ...(state.keepSnapshot ? { keep: state.keepSnapshot } : {}),
  });
  const verdict = snapshot?.full || snapshot?.unkept ? withoutWayBack(counted, snapshot) : counted;

  let resolution: Resolution = { via: 'policy' };
  if (verdict.decision === 'ask') {
    resolution = deferTo
      ? { via: 'deferred', to: deferTo }
      : (refusedAsk() ?? (await deps.askEditor(host, req, verdict, loc, dir, budget.approvalMs, snapshot)));
  }

  const composed = withSnapshotNote(composeAnswer(host, req, verdict, resolution, loc.cwd), snapshot);
  // The host's settings files, asked about by the confinement and the record, are each read once for both.
  const { confinement, hostSandbox } = withSettingsReads(() => ({
    // What is let through runs confined where the host takes the command back rewritten.
    confinement:
      req.kind === 'shell'
        ? confinementFor({
            host,
            req,
            verdict,
            resolution,
            answer: composed,
            workspace: loc.workspace,
            home,
            env: judgedEnv,
            stateDir: dir,
            install: call.install ?? runningInstall(),
          })
        : undefined,
    hostSandbox: hostSandboxOfCall(host, loc.workspace, home, dir, judgedEnv),
  }));
  const answer = confinement?.updatedInput ? { ...composed, updatedInput: confinement.updatedInput } : composed;
  const record: HookAuditRecord = auditRecord(host, req, loc, verdict, resolution, answer, call.started);
  if (confinement) record.confinement = confinement.note;
  if (hostSandbox) record.hostSandbox = hostSandbox;
  const kept = snapshot && {
    ...(snapshot.id ? { id: snapshot.id } : {}),
    ...(snapshot.note ? { note: snapshot.note } : {}),
  };
  if (kept) record.snapshot = kept;
  const owner = same.role === 'owner' ? same : undefined;
  // Settled once recorded: an unrecorded call is denied here, and must be there too.
  const settle =
    owner &&
    ((recorded: boolean) =>
      owner.settle(
        !recorded
          ? { state: 'failed' }
          : resolution.via === 'deferred'
            ? { state: 'open' }
            : { state: 'done', verdict, resolution, ...(snapshot ? { snapshot } : {}) },
      ));
  return {
    declined: false,
    event: req.event,
    answer,
    record,
    state,
    ...(settle ? { settle } : {}),
    ...(role.role === 'judge' ? { claim: role.claim } : {}),
  };
}

function auditFailureAnswer(error: string): HookAnswer {
  const reason = `AgentGuard cannot write its audit log (${error}), so this call is blocked: nothing may run unrecorded. Check the state folder (agentguard audit path).`;
  return {
    decision: 'deny',
    reason,
    userMessage: reason,
    agentMessage: `${reason}\nDo not retry it or work around it; tell the user.`,
  };
}

/**
 * Record first, then answer: no call proceeds unlogged. When the record
 * cannot be written, the answer becomes a deny that says why — for allowed
 * calls too, since an unrecorded allow is exactly what the log must exclude.
 */
export function recordHookCall(
  outcome: HookOutcome & { declined: false },
  warn: (message: string) => void,
  recorded?: { ok: true } | { ok: false; error: string },
): HookAnswer {
  // The same call's first arrival, or its first process, recorded it: one call, one entry.
  if (outcome.repeated || outcome.duplicate) return outcome.answer;
  // `recorded`: the door recorded it elsewhere already (the AgentGuard service).
  const logged = recorded ?? outcome.state.record(outcome.record);
  outcome.settle?.(logged.ok);
  if (!logged.ok) warn(`cannot write its audit log: ${logged.error}`);
  const answer = logged.ok || outcome.answer.decision === 'deny' ? outcome.answer : auditFailureAnswer(logged.error);
  if (outcome.claim) publishAnswer(outcome.claim, answer);
  return answer;
}
