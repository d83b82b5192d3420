// One terminal line's walk, from the text the shell would run to what the
// shell does: the same policy, kill switch, snapshot, approval and audit
// record as a hook call (call.ts), with the terminal's own rules of
// whose line it is. The editor's judge runs this for the gates of its
// terminals; a gate with no editor to talk to runs it in its own process.
//
// Whose line: a terminal another extension created, and a shell the
// extension host spawned, are an agent's: judged like a hook call. A
// terminal the human opened follows `gateHumanTerminals`: `off` never
// judges, `production` stops only what targets production (a human typing
// `rm -rf dist` never sees a modal), `all` judges like an agent's terminal.
// A human's line that runs unjudged or allowed is not recorded: the audit log
// is about agents and about what was gated.
import type { AuditRecord } from '../state/audit';
import type { Verdict } from '../types';
import { findWorkspace } from '../config/workspace';
import { isoTime } from '../text/isoTime';
import type { HookAnswer, HookRequest, Resolution } from '../hosts/types';
import { awaitsMoreInput } from '../terminal/complete';
import { lineAnswer, lineFailure } from '../terminal/messages';
import type { LineAnswer, LineCall } from '../terminal/types';
import { auditRecord } from './audit';
import { refusedAsk } from './approvalProof';
import type { AskEditor, DeclineFor } from './call';
import { stateFor, stringEnv, type CallState } from './state';
import { countGated, policyVerdict, readCall } from './verdict';
import { snapshotIfItMayRun, withoutWayBack } from './wayBack';

export type { HumanTerminalGating, LineAnswer, LineCall, LineOrigin } from '../terminal/types';
export { readHumanTerminalGating } from '../terminal/settings';

/** Longest line judged; a longer one is not run (the parser's own limit is far below it). */
export const MAX_LINE_CHARS = 256 * 1024;

export interface LineDeps {
  askEditor: AskEditor;
  warn(message: string): void;
  /** A reason to leave the line to the gate's own process (another window's folder, a snapshot that needs a process). */
  declineFor?: DeclineFor;
  /** How long a human may take to answer (ms). */
  approvalMs: number;
  /** The state to judge with (default: the caller's own state folder); the AgentGuard service's view when one is named. */
  state?: CallState;
  /** The verdict once counted toward the circuit breaker (the AgentGuard service counts it too, and may halt it). */
  afterCount?(verdict: Verdict): Promise<Verdict>;
}

export type LineOutcome =
  { declined: true; reason: string } | { declined: false; answer: LineAnswer; record?: AuditRecord; state: CallState };

/** The audit log's door name for a line. */
export function lineHost(call: Pick<LineCall, 'origin'>): string {
  return call.origin === 'extension-host' ? 'extension-host' : 'terminal';
}

function isHuman(call: LineCall): boolean {
  return (call.origin === 'human-terminal' || call.origin === 'outside') && call.humanGating !== 'all';
}

export function lineRequest(call: LineCall): HookRequest {
  // zsh and fish lines are read in their own dialects (glob qualifiers, `(cmd)`, `; and`).
  const shell = call.shell === 'zsh' || call.shell === 'fish' ? { shell: call.shell } : {};
  return {
    event: call.via === 'terminal' ? 'terminalLine' : 'childCommand',
    kind: 'shell',
    toolName: call.label,
    command: call.line,
    cwd: call.cwd,
    workspaceRoots: [],
    ...shell,
    ...(call.shellState ? { shellState: call.shellState } : {}),
  };
}

/** Decides one terminal line: a neutral outcome to record (recordLine) and then say to the shell. */
export async function decideLine(call: LineCall, deps: LineDeps): Promise<LineOutcome> {
  const state = deps.state ?? stateFor(call.env);
  const dir = state.dir;
  const done = (answer: LineAnswer, record?: AuditRecord): LineOutcome => ({
    declined: false,
    answer,
    ...(record ? { record } : {}),
    state,
  });
  if (call.line.length > MAX_LINE_CHARS) {
    return done(
      lineFailure(`the command is ${call.line.length} characters long (limit ${MAX_LINE_CHARS})`),
      failureRecord(call, 'the command is too long'),
    );
  }
  if (!call.line.trim()) return done({ decision: 'allow' });
  // fish reads on by itself; PowerShell's handler sees only what PSReadLine accepts.
  if (
    (call.shell === 'bash' || call.shell === 'zsh' || call.shell === 'sh') &&
    call.via === 'terminal' &&
    awaitsMoreInput(call.line)
  )
    return done({ decision: 'more' });
  const human = isHuman(call);
  if (human && call.humanGating === 'off') return done({ decision: 'allow' });
  // No state folder to trust (state.ts unusableState): an agent's line is denied, saying why; a human's meets no kill switch either.
  if (state.unusable !== undefined && !human)
    return done(lineFailure(state.unusable), failureRecord(call, state.unusable));

  const req = lineRequest(call);
  const loc = findWorkspace(call.cwd, [], call.cwd);
  const env = stringEnv(call.env);
  // The decline check and the verdict share one reading of the line (call.ts does the same).
  const read = deps.declineFor ? readCall(req, loc, env, call.install) : undefined;
  const declined = deps.declineFor?.(req, loc, dir, read?.readings);
  if (declined !== undefined) return { declined: true, reason: declined };
  const who = { started: call.started, human, ...(call.install ? { install: call.install } : {}) };
  const judged = policyVerdict(req, loc, state, env, who, read);
  const counted = countGated(judged, state, who, false, deps.warn);
  const countedThere = deps.afterCount ? await deps.afterCount(counted) : counted;
  // The human's own line: stopped only when it would do something gated to production.
  if (human && (countedThere.decision === 'allow' || !countedThere.environment.production))
    return done({ decision: 'allow' });

  const snapshot = await snapshotIfItMayRun(req, countedThere, false, {
    stateDir: dir,
    workspace: loc.workspace,
    cwd: loc.cwd,
    env,
    ...(judged.readings ? { readings: judged.readings } : {}),
    ...(state.keepSnapshot ? { keep: state.keepSnapshot } : {}),
  });
  const verdict = snapshot?.unkept ? withoutWayBack(countedThere, snapshot) : countedThere;
  let resolution: Resolution = { via: 'policy' };
  if (verdict.decision === 'ask')
    resolution =
      refusedAsk() ?? (await deps.askEditor(lineHost(call), req, verdict, loc, dir, deps.approvalMs, snapshot));
  const answer = lineAnswer(verdict, resolution, snapshot);
  const text = answer.decision === 'deny' ? answer.message : answer.decision === 'allow' ? (answer.notice ?? '') : '';
  const hookAnswer: HookAnswer = {
    decision: answer.decision === 'allow' ? 'allow' : 'deny',
    reason: text,
    userMessage: text,
    agentMessage: text,
  };
  const record = auditRecord(lineHost(call), req, loc, verdict, resolution, hookAnswer, call.started);
  if (snapshot)
    record.snapshot = {
      ...(snapshot.id ? { id: snapshot.id } : {}),
      ...(snapshot.note ? { note: snapshot.note } : {}),
    };
  if (call.origin !== 'extension-host') record.origin = call.origin;
  return done(answer, record);
}

function failureRecord(call: LineCall, problem: string): AuditRecord {
  return {
    time: isoTime(call.started),
    host: lineHost(call),
    tool: call.label,
    kind: 'shell',
    decision: 'deny',
    score: 100,
    findings: ['terminal.unjudged'],
    error: problem,
  };
}

/** A line that could not be judged: recorded as a deny that says why. */
export function failedLine(call: LineCall, problem: string): LineOutcome & { declined: false } {
  return {
    declined: false,
    answer: lineFailure(problem),
    record: failureRecord(call, problem),
    state: stateFor(call.env),
  };
}

/**
 * Record first, then answer: a line that cannot be recorded does not run
 * (an unrecorded allow is what the log must exclude).
 */
export function recordLine(outcome: LineOutcome & { declined: false }, warn: (message: string) => void): LineAnswer {
  if (!outcome.record) return outcome.answer;
  const logged = outcome.state.record(outcome.record);
  if (logged.ok) return outcome.answer;
  warn(`cannot write its audit log: ${logged.error}`);
  if (outcome.answer.decision === 'deny') return outcome.answer;
  return {
    decision: 'deny',
    message: `AgentGuard cannot write its audit log (${logged.error}), so this command was not run: nothing may run unrecorded. Check the state folder (agentguard audit path).`,
  };
}
