// The options a call is judged with, how its findings become a verdict, and a shell
// line's verdict from the engine: what every kind of call shares.
import type { Config } from '../config/schema';
import { evaluateLine, readLine, type EngineOptions, type Reading } from '../engine';
import { type CheckRequest, type EnvironmentMatch, type Finding, type Verdict } from '../types';
import type { HookRequest } from '../hosts/types';
import { managedHold } from '../policy/managedMerge';
import { decisionForScore } from '../policy/rules';

export interface JudgeOptions {
  workspace: string;
  /** Absolute working directory of the call. */
  cwd: string;
  config: Config | undefined;
  env: Record<string, string>;
  home?: string;
  /** Bounded read of a file's current content (tests inject one). */
  readFile?: EngineOptions['readFile'];
  /** Files agents wrote (see ledger.ts), for background launches of agent code. */
  agentWritten?: EngineOptions['agentWritten'];
  /** AgentGuard's state folder for this call (a judge serving another process passes the hook's). */
  stateDir?: string;
  /** Folders of the CLI that runs the hook, when the judge is another process. */
  guardInstall?: readonly string[];
  /** Folders the host says are open besides the workspace: edits there are inside the project. */
  workspaceRoots?: readonly string[];
}

function maxSeverity(findings: readonly Finding[]): number {
  return Math.min(
    100,
    findings.reduce((s, f) => Math.max(s, f.severity), 0),
  );
}

export function verdictOf(
  findings: Finding[],
  warnings: Finding[],
  environment: EnvironmentMatch,
  config: Config | undefined,
): Verdict {
  const score = maxSeverity(findings);
  const decision = decisionForScore(score, config);
  // What the organization's managed policy gates stays gated in monitor mode (policy/managedMerge.ts).
  const held = managedHold(config, decision, undefined, findings);
  if (held) return { decision, score, environment, findings: [...findings, held], warnings };
  return applyMonitor({ decision, score, environment, findings, warnings }, config);
}

function applyMonitor(v: Verdict, config: Config | undefined): Verdict {
  if (config?.mode !== 'monitor' || v.decision === 'allow') return v;
  return { ...v, monitored: v.decision, decision: 'allow' };
}

export function engineOptions(opts: JudgeOptions): EngineOptions {
  return {
    workspace: opts.workspace,
    config: opts.config,
    env: opts.env,
    ...(opts.home ? { home: opts.home } : {}),
    ...(opts.readFile ? { readFile: opts.readFile } : {}),
    ...(opts.agentWritten ? { agentWritten: opts.agentWritten } : {}),
    ...(opts.stateDir ? { stateDir: opts.stateDir } : {}),
    ...(opts.guardInstall ? { guardInstall: opts.guardInstall } : {}),
  };
}

function lineRequest(
  command: string,
  opts: JudgeOptions,
  shell: HookRequest['shell'],
  session: ShellSession | undefined,
): CheckRequest {
  return { command, cwd: opts.cwd, env: opts.env, ...(shell ? { shell } : {}), ...session };
}

/**
 * A shell line read as judgeShellLine reads it, before it is judged: what
 * looks at the line first (the editor's decline check) and the verdict then
 * share one reading (judgeShellLine's `read`, with the same options). May throw.
 */
export function readShellLine(
  command: string,
  opts: JudgeOptions,
  shell: HookRequest['shell'],
  session?: ShellSession,
): Reading[] {
  return readLine(lineRequest(command, opts, shell, session), engineOptions(opts));
}

/** A shell line's verdict, with the readings the engine judged it in (the walk hands them on instead of parsing the line again). */
export function judgeShellLine(
  command: string,
  opts: JudgeOptions,
  shell: HookRequest['shell'],
  session?: ShellSession,
  read?: readonly Reading[],
): { verdict: Verdict; readings: Reading[] } {
  const { result: r, readings } = evaluateLine(lineRequest(command, opts, shell, session), engineOptions(opts), read);
  const verdict: Verdict = {
    decision: r.decision,
    score: r.score,
    environment: r.environment,
    findings: r.findings,
    warnings: [],
    ...(r.monitored ? { monitored: r.monitored } : {}),
    ...(r.rule ? { rule: r.rule } : {}),
  };
  return { verdict, readings };
}

export function judgeShell(
  command: string,
  opts: JudgeOptions,
  shell: HookRequest['shell'],
  session?: ShellSession,
): Verdict {
  return judgeShellLine(command, opts, shell, session).verdict;
}

/** A terminal's shell outlives the line: what it defines now runs later, and what it already holds is sent with the line. */
export interface ShellSession {
  session: true;
  shellState?: string;
}

/** The session a request's line runs in: a terminal line's, or none. */
export function shellSessionOf(req: HookRequest): ShellSession | undefined {
  return req.event === 'terminalLine'
    ? { session: true, ...(req.shellState ? { shellState: req.shellState } : {}) }
    : undefined;
}
