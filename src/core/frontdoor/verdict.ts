// The policy's verdict on one request, the same for a hook call and a
// terminal line: the kill switch first (it needs neither config nor
// engine), the organization's managed policy under everything, the
// workspace's confirmed policy, the request judged (request/, the engine for
// a shell line), judged again in every other workspace it acts in, a
// loosening nobody confirmed, the editor's mode — and then counted toward
// the circuit breaker (countGated), apart, so an arrival that repeats
// another's judgment of the same call is not counted twice.
import { formatConfigErrors } from '../config/errors';
import { loadConfig } from '../config/load';
import type { Config } from '../config/schema';
import type { WorkspaceLocation } from '../config/workspace';
import { freshFileReader, readingsFor, type Reading } from '../engine';
import type { HookRequest } from '../hosts/types';
import { guardedPolicy, pendingLooseningFinding, readBaseline, workspacePolicy } from '../policy';
import { readAnswerHarmless, withEditorMode } from '../policy/editorMode';
import { readManagedPolicy, type ManagedPolicy } from '../policy/managed';
import { settleKeptBaselineRoot } from '../policy/baseline';
import { failClosedOnInvalid, monitorModeAllowed } from '../policy/managedMerge';
import { configErrorVerdict, killSwitchVerdict } from '../policy/verdicts';
import { judgeRequest, judgeShellLine, readShellLine, shellSessionOf, type JudgeOptions } from '../request';
import { MAX_DIRS, MAX_WORKSPACES, otherWorkspaces, requestDirs, stricter } from '../request/targets';
import type { Verdict } from '../types';
import { agentWrites } from './agentWrites';
import type { CallState } from './state';

export interface Judged {
  verdict: Verdict;
  /** The policy it was judged with (its rate limit counts the call). */
  config?: Config;
  /** A shell line's readings, as the engine judged it: what acts on the line reads these. */
  readings?: readonly Reading[];
}

/** Who a verdict is for: an agent's call (a hook, an agent's terminal), or a line a human typed (no kill switch, no rate limit). */
export interface DecideCall {
  started: Date;
  install?: readonly string[];
  human?: boolean;
  /** doctor's dangerous sample (hosts/samples isDoctorSample): a deny of it is not counted. */
  doctorSample?: boolean;
  /** The managed policy as the door already read it for this call: every part of the call judges with that one reading. */
  managed?: ManagedPolicy;
}

/**
 * A shell call's line read once, before anything looks at it: the editor's
 * decline check plans its snapshot from these readings, and the verdict
 * judges them (policyVerdict's `read`), one parse for both.
 */
export interface ReadCall {
  readonly req: HookRequest;
  readonly loc: WorkspaceLocation;
  readonly env: Record<string, string>;
  readonly readFile: NonNullable<JudgeOptions['readFile']>;
  readonly readings: readonly Reading[];
}

/**
 * The line of a shell call read as policyVerdict reads it, or undefined
 * (not a shell line, or it could not be read: then each reads it itself,
 * and fails as it would have alone).
 */
export function readCall(
  req: HookRequest,
  loc: WorkspaceLocation,
  env: Record<string, string>,
  install?: readonly string[],
): ReadCall | undefined {
  if (req.kind !== 'shell' || !req.command) return undefined;
  // The verdict reads files through this same reader: what the line's parse read is what its judgment reads.
  const readFile = freshFileReader();
  const opts: JudgeOptions = {
    workspace: loc.workspace,
    cwd: loc.cwd,
    config: undefined,
    env,
    readFile,
    ...(install ? { guardInstall: install } : {}),
  };
  try {
    return { req, loc, env, readFile, readings: readShellLine(req.command, opts, req.shell, shellSessionOf(req)) };
  } catch {
    return undefined;
  }
}

/**
 * The policy's verdict, not yet counted toward the rate limit (countGated).
 * An agent's call that may run leaves what it writes in the ledger, so a
 * background launch of it later asks.
 */
export function policyVerdict(
  req: HookRequest,
  loc: WorkspaceLocation,
  state: CallState,
  env: Record<string, string>,
  call: DecideCall,
  read?: ReadCall,
): Judged {
  const agent = !call.human;
  // Only the reading of this very call, in this folder and environment, stands for the verdict's own.
  const known = read && read.req === req && read.loc === loc && read.env === env ? read : undefined;
  // A human's own line meets no kill switch: it halts agents, not the person at the keyboard.
  const killSwitch = agent ? state.killSwitch() : undefined;
  if (killSwitch?.engaged) return { verdict: killSwitchVerdict(killSwitch.reason) };
  // The organization's managed policy lies under everything; one that cannot be used turns every ask into a deny.
  const managed = call.managed ?? readManagedPolicy();
  // Where confirmed policies are read follows from the same reading (once per process: see keptBaselineRoot).
  settleKeptBaselineRoot(managed);
  const loaded = loadConfig(loc.workspace);
  const broken = loaded.ok ? undefined : configErrorVerdict(formatConfigErrors(loaded.errors));
  // A file that cannot be read where one held a policy (a symlink whose target is gone, unreadable) asks, and the
  // policy it held still stands under the ask: its deny rules are not lowered to a question.
  if (broken && !readBaseline(state.dir, loc.workspace)) return { verdict: failClosedOnInvalid(broken, managed) };
  // A loosening nobody confirmed in the editor does not apply (core/policy).
  const policy = workspacePolicy(state.dir, loc.workspace, loaded.ok ? loaded.config : undefined, managed);
  const config: Config | undefined = policy.config;
  const judgeOpts: JudgeOptions = {
    workspace: loc.workspace,
    cwd: loc.cwd,
    config,
    env,
    stateDir: state.dir,
    readFile: known?.readFile ?? freshFileReader(),
    agentWritten: state.agentWritten(),
    ...(call.install ? { guardInstall: call.install } : {}),
    workspaceRoots: req.workspaceRoots,
  };
  // A shell line is read once: its readings go on to where it acts, what it writes and its snapshot.
  const shell =
    req.kind === 'shell'
      ? judgeShellLine(req.command ?? '', judgeOpts, req.shell, shellSessionOf(req), known?.readings)
      : undefined;
  const here = shell?.verdict ?? judgeRequest(req, judgeOpts);
  const readings = shell?.readings;
  const judged = judgedWhereItActs(req, loc, state.dir, here, judgeOpts, readings);
  const pending =
    policy.pending.length && judged.decision !== 'allow'
      ? { ...judged, findings: [...judged.findings, pendingLooseningFinding(policy.pending)] }
      : judged;
  // The editor's agentguard.mode (trust applied) for this folder: monitor records what it would gate, unless the
  // managed policy forbids monitor mode. Allowed calls skip it; a harmless one reads agentguard.answerHarmless
  // instead: only a human's confirmed "allow" turns its "no decision" into an allow.
  const monitored =
    pending.decision !== 'allow'
      ? monitorModeAllowed(managed)
        ? withEditorMode(pending, state.dir, loc.workspace)
        : pending
      : !pending.rule && readAnswerHarmless(state.dir, loc.workspace) === 'allow'
        ? { ...pending, handedOver: true as const }
        : pending;
  const verdict = failClosedOnInvalid(broken ? stricter(monitored, broken) : monitored, managed);
  // What an agent may now write is remembered, so a background launch of it later asks.
  if (agent && verdict.decision !== 'deny') state.recordWrites(agentWrites(req, loc, env, readings));
  return { verdict, ...(config ? { config } : {}), ...(readings ? { readings } : {}) };
}

/**
 * A gated verdict counts toward the rate limit, which may engage the kill
 * switch on the spot; an ask left to another hook (`deferred`) is counted
 * there, not twice. A human's own line is never counted toward the circuit
 * breaker that halts agents, nor doctor's probe denied (DecideCall.doctorSample).
 */
export function countGated(
  { verdict, config }: Judged,
  state: CallState,
  call: DecideCall,
  deferred: boolean,
  warn: (m: string) => void,
): Verdict {
  if (call.human || verdict.decision === 'allow' || (deferred && verdict.decision === 'ask')) return verdict;
  if (call.doctorSample && verdict.decision === 'deny') return verdict;
  // Nothing the engine judged (the kill switch, an invalid config) was counted before either.
  if (verdict.findings.some((f) => f.id === 'killswitch.engaged' || f.id === 'config.invalid')) return verdict;
  const limit = state.countGated(config, call.started);
  if (limit.error) warn(limit.error);
  // A gated call the circuit breaker cannot count would let a burst through unseen: it does not run.
  if (limit.recorded === false) return breakerUncounted(verdict, limit.error ?? 'unknown error');
  if (!limit.tripped) return verdict;
  return breakerHalted(verdict, state.killSwitch().reason ?? `${limit.count} gated agent actions in a row`);
}

/** The call that tripped the circuit breaker: halted itself, with what it was judged for kept beside. */
export function breakerHalted(verdict: Verdict, reason: string): Verdict {
  if (verdict.findings.some((f) => f.id === 'killswitch.engaged')) return verdict;
  const halted = killSwitchVerdict(reason);
  return { ...halted, findings: [...halted.findings, ...verdict.findings] };
}

/** A gated call the circuit breaker could not count: it does not run. */
export function breakerUncounted(verdict: Verdict, error: string): Verdict {
  return { ...verdict, decision: 'deny', findings: [...verdict.findings, rateLimitUnrecorded(error)] };
}

/**
 * The call judged again in every other workspace it acts in (`cd ../api &&
 * git push`, `git -C ~/code/api push`, an edit there), with that
 * workspace's confirmed policy; the stricter verdict stands.
 */
function judgedWhereItActs(
  req: HookRequest,
  loc: WorkspaceLocation,
  dir: string,
  here: Verdict,
  opts: JudgeOptions,
  readings: readonly Reading[] | undefined,
): Verdict {
  if (req.kind !== 'shell' && req.kind !== 'edit') return here;
  const dirs = requestDirs(
    req,
    loc,
    () =>
      readingsFor(
        { command: req.command ?? '', cwd: loc.cwd, env: opts.env },
        { workspace: loc.workspace, config: opts.config, env: opts.env },
        readings,
      ).commands,
  );
  if (!dirs.found.length) return here;
  const workspaces = otherWorkspaces(dirs.found, loc);
  let verdict = dirs.more || workspaces.more ? stricter(here, tooManyPlaces(dirs.more, here.environment)) : here;
  for (const workspace of workspaces.found) {
    const loaded = loadConfig(workspace);
    if (!loaded.ok) {
      verdict = stricter(verdict, configErrorVerdict(formatConfigErrors(loaded.errors)));
      continue;
    }
    const there = judgeRequest(req, {
      ...opts,
      workspace,
      config: guardedPolicy(dir, workspace, loaded.config).config,
    });
    verdict = stricter(verdict, there);
  }
  return verdict;
}

/** Past the bound on where a call is judged again: a policy there would not hold, so a human looks. */
function tooManyPlaces(dirs: boolean, environment: Verdict['environment']): Verdict {
  const what = dirs
    ? `more than ${MAX_DIRS} folders`
    : `more than ${MAX_WORKSPACES} other workspaces with a policy of their own (.agentguard.json)`;
  return {
    decision: 'ask',
    score: 60,
    environment,
    findings: [
      {
        id: 'policy.too-many-places',
        summary: `the call acts in ${what}; AgentGuard applies each one's rules only within that bound, so a human must look at it`,
        alternative: 'split the work into calls that each act in fewer places',
        severity: 60,
      },
    ],
    warnings: [],
  };
}

function rateLimitUnrecorded(error: string): Verdict['findings'][number] {
  return {
    id: 'ratelimit.unrecorded',
    summary: `AgentGuard could not count this gated call toward the rate limit, so it is blocked (${error})`,
    alternative: "check that AgentGuard's state folder is writable (agentguard doctor)",
    severity: 100,
  };
}
