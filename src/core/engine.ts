// The one decision function every door calls: command text in, decision out.
import * as path from 'node:path';
import { commandTargetEnvironment, strongestEnvironment } from './environment';
import { forwardedTargets } from './environment/forwardedPorts';
import { switchedContextTargets } from './environment/contextSwitch';
import { normalize, type NormalizeInput } from './parse/normalize';
import { dialectsFor, type DialectHint } from './parse/detect';
import type { Dialect } from './parse/normalize/scope';
import { isWindowsPath, resolveWindows } from './command/winPaths';
import { claimedProgram, lineContextAfter, packsFor } from './packs';
import { autorunWriteFindings, writesSaid } from './packs/autorun';
import { plantedPipelineFindings } from './packs/pipelines/planted';
import { protectedPathFindings } from './guard/protectedPaths';
import { databaseFileFindings } from './guard/databaseFiles';
import { newJudgment } from './guard';
import {
  decisionForScore,
  matchRules,
  PRODUCTION_WRITE_ID,
  resolveDecision,
  type CommandJudgement,
} from './policy/rules';
import { managedHold } from './policy/managedMerge';
import { MANAGED_RULES } from './config/effective';
import { addToLine, weighFindings } from './policy/weigh';
import type { AnalysisContext, CheckRequest, Decision, DecisionResult, Finding, SimpleCommand } from './types';
import { makeContext, targetsWindows, type EngineOptions } from './context';
export { MAX_READ_BYTES, boundedReadFile, freshFileReader } from './state/fileReads';
export { guardFs } from './guard';
export { makeContext, targetsWindows, type EngineOptions } from './context';

export { lookupCount, lookWeight, recordLookups, SeenLooks, stillSeen, type Look } from './state/lookups';

/** The request's working directory against the workspace, in the context's own path form. */
function workingDirectory(req: CheckRequest, ctx: AnalysisContext): string {
  if (req.cwd === undefined || req.cwd === ctx.workspace) return ctx.workspace;
  if (ctx.windows || isWindowsPath(req.cwd)) return resolveWindows(ctx.workspace, req.cwd);
  return path.resolve(ctx.workspace, req.cwd);
}

/** deny > ask > allow, then the higher score. */
function stricter(a: DecisionResult, b: DecisionResult): boolean {
  const rank = (d: Decision) => (d === 'deny' ? 2 : d === 'ask' ? 1 : 0);
  const ra = rank(a.monitored ?? a.decision);
  const rb = rank(b.monitored ?? b.decision);
  return ra !== rb ? ra > rb : a.score > b.score;
}

function dialects(req: CheckRequest, opts: EngineOptions): Dialect[] {
  // Built field by field: a spread copies through a slower path, and this runs for every line.
  const hint: DialectHint = { windows: targetsWindows(opts) };
  if (req.shell) hint.shell = req.shell;
  return dialectsFor(req.command, hint);
}

/** The finding for a write aimed at a production environment; shared with the hook's MCP judgment. */
export function productionWriteFinding(target: string): Finding {
  return {
    id: PRODUCTION_WRITE_ID,
    summary: 'changes state in a production environment',
    target,
    alternative: 'run it against staging or a local copy first',
    severity: 70,
  };
}

/** One reading of a line (the shell it is read in) and the simple commands it would run. */
export interface Reading {
  dialect: Dialect;
  commands: SimpleCommand[];
  ctx: AnalysisContext;
  /** What the text itself was found to be (unparseable, too deep…): a reading made by readLine can be judged without reading the line again. */
  findings?: readonly Finding[];
}

/** A line's decision, with every reading the engine judged it in: a caller that acts on the line (snapshots, where it acts, what it writes) reads those instead of parsing it again. */
export interface Evaluation {
  result: DecisionResult;
  readings: Reading[];
}

/** Judges one shell command line. Never throws: an internal error is an `ask`. */
export function evaluate(req: CheckRequest, opts: EngineOptions): DecisionResult {
  return evaluateLine(req, opts).result;
}

/** `evaluate`, keeping the readings (normalized once); `read`: readLine's readings of this very request, not read again. Never throws. */
export function evaluateLine(req: CheckRequest, opts: EngineOptions, read?: readonly Reading[]): Evaluation {
  newJudgment();
  const readings: Reading[] = [];
  try {
    let best: DecisionResult | undefined;
    const each = dialects(req, opts);
    for (let i = 0; i < each.length; i++) {
      const r = evaluateUnsafe(req, opts, each[i], readings, read);
      if (!best || stricter(r, best)) best = r;
    }
    return { result: best!, readings };
  } catch (err) {
    return {
      readings,
      result: {
        command: req.command,
        decision: opts.killSwitch ? 'deny' : 'ask',
        score: 100,
        environment: { name: 'unknown', production: false, evidence: [] },
        findings: [
          {
            id: 'engine.internal-error',
            summary: `AgentGuard could not judge this command (${(err as Error)?.message ?? String(err)}); a human must decide`,
            severity: 100,
          },
        ],
      },
    };
  }
}

// The context depends only on the options when the request brings no env: build it once per options object.
const contexts = new WeakMap<EngineOptions, AnalysisContext>();
// A request's own env changes only the names the context takes from it (home, temp folders): one context per
// options object and those names, so the protected places and file-system lookups worked out for it are shared.
const ENV_NAMES = ['HOME', 'TMPDIR', 'TMP', 'TEMP', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH'] as const;
const MAX_ENV_CONTEXTS = 16;
const envContexts = new WeakMap<EngineOptions, Map<string, AnalysisContext>>();

function contextFor(req: CheckRequest, opts: EngineOptions, env: Record<string, string>): AnalysisContext {
  if (req.env) {
    let byEnv = envContexts.get(opts);
    if (!byEnv) envContexts.set(opts, (byEnv = new Map()));
    const key = ENV_NAMES.map((n) => (typeof env[n] === 'string' ? `=${env[n]}` : '')).join('\0');
    let ctx = byEnv.get(key);
    if (!ctx) {
      if (byEnv.size >= MAX_ENV_CONTEXTS) byEnv.clear();
      ctx = makeContext(opts, env);
      byEnv.set(key, ctx);
    }
    return ctx;
  }
  let ctx = contexts.get(opts);
  if (!ctx) {
    ctx = makeContext(opts, env);
    contexts.set(opts, ctx);
  }
  return ctx;
}

/**
 * The simple commands a line runs, in every reading of it (each shell it
 * may be read in when the request does not say): the readings already
 * `known` (from its evaluation) are reused, any other is normalized now, so
 * nothing any of them would touch is missed.
 */
export function readingsFor(
  req: CheckRequest,
  opts: EngineOptions,
  known: readonly Reading[] = [],
): { commands: SimpleCommand[]; ctx: AnalysisContext } {
  const env = req.env ?? opts.env ?? {};
  const ctx = contextFor(req, opts, env);
  const cwd = workingDirectory(req, ctx);
  const commands: SimpleCommand[] = [];
  for (const dialect of dialects(req, opts)) {
    const reading = known.find((r) => r.dialect === dialect);
    if (reading) commands.push(...reading.commands);
    else commands.push(...normalize(normalizeInput(req, cwd, env, dialect), ctx).commands);
  }
  return { commands, ctx };
}

/** Every reading of a line, as evaluateLine would make them, to be judged later (evaluateLine's `read`). May throw. */
export function readLine(req: CheckRequest, opts: EngineOptions): Reading[] {
  const env = req.env ?? opts.env ?? {};
  const ctx = contextFor(req, opts, env);
  const cwd = workingDirectory(req, ctx);
  return dialects(req, opts).map((dialect) => ({
    dialect,
    ctx,
    ...normalize(normalizeInput(req, cwd, env, dialect), ctx),
  }));
}

/** What `normalize` reads of a request in one dialect: the shell's saved state only where the request has it. */
function normalizeInput(req: CheckRequest, cwd: string, env: Record<string, string>, dialect: Dialect): NormalizeInput {
  const input: NormalizeInput = { command: req.command, cwd, env, dialect, claimed: claimedProgram };
  if (req.shellState) input.shellState = req.shellState;
  return input;
}

function evaluateUnsafe(
  req: CheckRequest,
  opts: EngineOptions,
  dialect: Dialect,
  readings: Reading[],
  read?: readonly Reading[],
): DecisionResult {
  const env = req.env ?? opts.env ?? {};
  const ctx = contextFor(req, opts, env);
  const cwd = workingDirectory(req, ctx);
  const config = opts.config;

  const known = read?.find((r) => r.dialect === dialect && r.findings !== undefined);
  const normalized = known
    ? { commands: known.commands, findings: known.findings ?? [] }
    : normalize(normalizeInput(req, cwd, env, dialect), ctx);
  readings.push({ dialect, commands: normalized.commands, ctx });
  const findings: Finding[] = [...normalized.findings];
  const targets = normalized.commands.map((cmd) => commandTargetEnvironment(cmd, ctx, config));
  // A client of a port forwarded earlier on the line (`kubectl port-forward … &`) reaches what the forward reaches.
  forwardedTargets(normalized.commands, targets);
  // A kube command after `kubectl config use-context NAME` on the line acts on NAME.
  if (normalized.commands.length > 1) switchedContextTargets(normalized.commands, targets, ctx, config);

  // Each command is judged against the environment *it* targets, so in
  // `psql $PROD -c 'SELECT 1' | head` the `head` is not a production write.
  const judged: CommandJudgement[] = [];
  // Files the line writes a credential into and remotes it adds, seen by the commands after (`env > e; curl -T e …`).
  let lineCtx = ctx;
  for (let i = 0; i < normalized.commands.length; i++) {
    const cmd = normalized.commands[i];
    const found: Finding[] = [];
    // Indexed loops here: until V8 optimizes this (most of a batch), for…of allocates an iterator result per step.
    const packs = packsFor(cmd);
    for (let k = 0; k < packs.length; k++) {
      const out = packs[k].analyze(cmd, lineCtx);
      if (out) found.push(...out);
    }
    found.push(...protectedPathFindings(cmd, lineCtx, config), ...databaseFileFindings(cmd, lineCtx, config));
    // The target's environment weighs what the packs found (policy/weigh.ts).
    const weighed = weighFindings(found, cmd, targets[i], ctx, config);
    const own = weighed.findings;
    const target = weighed.environment;
    targets[i] = target;
    // Writes that plant code to run later (a git hook, an autostart entry) act on this machine, whatever the target: not weighed.
    addNew(own, autorunWriteFindings(cmd, lineCtx, req.command));
    // CI workflows, container builds and Makefiles written on the line: the steps they add are judged for where they will run.
    addNew(
      own,
      plantedPipelineFindings(cmd, lineCtx, opts, (only) => writesSaid(cmd, lineCtx, only), judgeStep),
    );
    if (i + 1 < normalized.commands.length) lineCtx = lineContextAfter(cmd, lineCtx); // no command after the last
    if (target.production && !weighed.dryRun && effectOf(cmd, ctx) !== 'read')
      own.push(productionWriteFinding(target.name));
    addToLine(findings, own);
    judged.push({
      findings: own,
      matches: config?.rules ? matchRules(config.rules, cmd, target) : [],
      environment: target,
    });
  }

  const environment = strongestEnvironment(targets);
  const score = Math.min(
    100,
    findings.reduce((s, f) => Math.max(s, f.severity), 0),
  );
  // Precedence (docs/configuration.md): deny rule > kill switch > ask rule > allow rule > score; see resolveDecision.
  const resolved = resolveDecision({
    commands: judged,
    lineFindings: normalized.findings,
    killSwitch: opts.killSwitch === true,
    decide: (s) => decisionForScore(s, config),
  });
  const decision = resolved.decision;
  const rule = resolved.rule;
  if (resolved.by === 'kill-switch') {
    findings.unshift({
      id: 'killswitch.engaged',
      summary: 'the AgentGuard kill switch is engaged: every agent command is halted until a human releases it',
      severity: 100,
    });
  }

  const result: DecisionResult = {
    command: req.command,
    decision,
    score: resolved.by === 'kill-switch' ? 100 : score,
    environment,
    findings,
  };
  if (rule)
    result.rule = {
      index: rule.index,
      match: rule.rule.match,
      ...(rule.rule.reason ? { reason: rule.rule.reason } : {}),
      ...(MANAGED_RULES.has(rule.rule) ? { managed: true as const } : {}),
    };
  // What the organization's managed policy gates says so, and stays gated in monitor mode.
  const held = resolved.by === 'kill-switch' ? undefined : managedHold(config, decision, rule?.rule, findings);
  if (held) findings.push(held);
  // Monitor mode records instead of blocking, but a kill switch a human engaged still halts.
  if (config?.mode === 'monitor' && decision !== 'allow' && resolved.by !== 'kill-switch' && !held) {
    result.monitored = decision;
    result.decision = 'allow';
  }
  return result;
}

/** A step a line plants (packs/pipelines/planted.ts): judged in bash for its findings, not read as where the line acts. */
function judgeStep(command: string, cwd: string, opts: EngineOptions): Finding[] {
  return evaluateUnsafe({ command, cwd, env: opts.env }, opts, 'bash', []).findings;
}

/** `more`'s findings that `own` does not hold yet (by id and target), added to it. */
function addNew(own: Finding[], more: readonly Finding[]): void {
  for (let k = 0; k < more.length; k++) {
    const f = more[k];
    if (!own.some((g) => g.id === f.id && g.target === f.target)) own.push(f);
  }
}

function effectOf(cmd: SimpleCommand, ctx: AnalysisContext): 'read' | 'write' | undefined {
  let effect: 'read' | 'write' | undefined;
  for (const pack of packsFor(cmd)) {
    const e = pack.effect?.(cmd, ctx);
    if (e === 'write') return 'write';
    if (e === 'read') effect = 'read';
  }
  return effect;
}
