// The one decision function every door calls: command text in, decision out.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_THRESHOLDS } from './config/defaults';
import type { Config } from './config/schema';
import { commandTargetEnvironment, strongestEnvironment } from './environment';
import { normalize } from './parse/normalize';
import { packs } from './packs';
import { protectedPathFindings } from './guard/protectedPaths';
import { caseInsensitiveFs, guardFs, runningInstall } from './guard';
import { readRegularFile } from './state/regularFile';
import { matchRules, PRODUCTION_WRITE_ID, resolveDecision, type CommandJudgement } from './policy/rules';
import { weighFindings } from './policy/weigh';
import type { AnalysisContext, CheckRequest, Decision, DecisionResult, Finding, Pack, SimpleCommand } from './types';

export interface EngineOptions {
  /** Absolute workspace root. */
  workspace: string;
  /** Home directory; defaults to the env's HOME, then the OS's. */
  home?: string;
  config?: Config;
  /** Environment used when the request carries none (the hook passes its own process env). */
  env?: Record<string, string>;
  /** Kill switch engaged: every decision is deny. */
  killSwitch?: boolean;
  /** Override file reads (tests). Default: bounded real reads. */
  readFile?: AnalysisContext['readFile'];
  /** Override symlink and hard-link lookups (tests). Default: the real file system, bounded. */
  fileSystem?: Pick<AnalysisContext, 'realpath' | 'stat'>;
  /** Override case-insensitive path comparison (default: macOS and Windows). */
  caseInsensitive?: boolean;
  /** Files agents wrote (the hook's ledger); absent: no background launch is known to run agent code. */
  agentWritten?: AnalysisContext['agentWritten'];
  /** AgentGuard's state folder for this call (default: from this process's environment). */
  stateDir?: string;
  /** Folders of the AgentGuard CLI that runs the hook (default: this process's own, when it is the CLI). */
  guardInstall?: readonly string[];
}

/** Largest file the engine reads to judge a command (`psql -f`, package.json, git config). */
export const MAX_READ_BYTES = 256 * 1024;

const readCache = new Map<string, { mtimeMs: number; size: number; text: string }>();

export function boundedReadFile(p: string, cwd: string): string | undefined {
  const abs = path.resolve(cwd, p);
  try {
    // No exception for a missing file: most lookups (package.json up the tree, git config) miss.
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st || !st.isFile() || st.size > MAX_READ_BYTES) return undefined;
    const cached = readCache.get(abs);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.text;
    // Opened non-blocking and checked again on the descriptor: a FIFO swapped in after the stat is refused, not waited on.
    const read = readRegularFile(abs, MAX_READ_BYTES, { followSymlinks: true });
    if (!read.ok) return undefined;
    if (readCache.size >= 64) readCache.delete(readCache.keys().next().value!);
    readCache.set(abs, { mtimeMs: st.mtimeMs, size: st.size, text: read.text });
    return read.text;
  } catch {
    return undefined;
  }
}

/**
 * A file reader for one call: bounded like boundedReadFile, remembering
 * reads only for the call's own lifetime. A long-running judge must see a
 * file the agent rewrote a moment ago (within the file system's timestamp
 * granularity), and caches keyed by the reader (the kube context) start
 * fresh with it.
 */
export function freshFileReader(): AnalysisContext['readFile'] {
  const seen = new Map<string, string | undefined>();
  return (p, cwd) => {
    const abs = path.resolve(cwd, p);
    if (seen.has(abs)) return seen.get(abs);
    if (seen.size >= 256) seen.clear();
    const text = readUncached(abs);
    seen.set(abs, text);
    return text;
  };
}

function readUncached(abs: string): string | undefined {
  try {
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st || !st.isFile() || st.size > MAX_READ_BYTES) return undefined;
    const read = readRegularFile(abs, MAX_READ_BYTES, { followSymlinks: true });
    return read.ok ? read.text : undefined;
  } catch {
    return undefined;
  }
}

// Packs per program name, with the every-command packs first; built once.
const byCommand = new Map<string, Pack[]>();
const everyCommand: Pack[] = packs.filter((p) => p.commands === '*');
const unclaimed: Pack[] = [...everyCommand, ...packs.filter((p) => p.commands === 'unclaimed')];
for (const pack of packs) {
  if (pack.commands === '*' || pack.commands === 'unclaimed') continue;
  for (const name of pack.commands) {
    const list = byCommand.get(name) ?? [...everyCommand];
    if (!list.includes(pack)) list.push(pack);
    byCommand.set(name, list);
  }
}

function packsFor(cmd: SimpleCommand): readonly Pack[] {
  return byCommand.get(cmd.argv[0] ?? '') ?? unclaimed;
}

function tempDirs(env: Record<string, string>): string[] {
  const dirs = new Set(['/tmp', '/var/tmp', '/dev/shm']);
  for (const v of ['TMPDIR', 'TMP', 'TEMP']) {
    const d = env[v];
    if (d && path.isAbsolute(d) && d !== '/') dirs.add(path.resolve(d));
  }
  return [...dirs];
}

export function makeContext(opts: EngineOptions, env: Record<string, string>): AnalysisContext {
  return {
    workspace: path.resolve(opts.workspace),
    home: opts.home ?? env.HOME ?? os.homedir(),
    tempDirs: tempDirs(env),
    readFile: opts.readFile ?? boundedReadFile,
    // Protected paths go by effect: symlinks and hard links resolved on the real file system.
    ...(opts.fileSystem ?? guardFs()),
    caseInsensitive: opts.caseInsensitive ?? caseInsensitiveFs(),
    guardInstall: opts.guardInstall ?? runningInstall(),
    ...(opts.stateDir ? { stateDir: opts.stateDir } : {}),
    ...(opts.agentWritten ? { agentWritten: opts.agentWritten } : {}),
  };
}

function decisionFor(score: number, config: Config | undefined): Decision {
  const t = { ...DEFAULT_THRESHOLDS, ...config?.thresholds };
  if (score >= t.deny) return 'deny';
  if (score >= t.ask) return 'ask';
  return 'allow';
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

/** Judges one shell command line. Never throws: an internal error is an `ask`. */
export function evaluate(req: CheckRequest, opts: EngineOptions): DecisionResult {
  try {
    return evaluateUnsafe(req, opts);
  } catch (err) {
    return {
      command: req.command,
      decision: opts.killSwitch ? 'deny' : 'ask',
      score: 100,
      environment: { name: 'unknown', production: false, evidence: [] },
      findings: [{
        id: 'engine.internal-error',
        summary: `AgentGuard could not judge this command (${(err as Error)?.message ?? String(err)}); a human must decide`,
        severity: 100,
      }],
    };
  }
}

// The context depends only on the options when the request brings no env: build it once per options object.
const contexts = new WeakMap<EngineOptions, AnalysisContext>();

function contextFor(req: CheckRequest, opts: EngineOptions, env: Record<string, string>): AnalysisContext {
  if (req.env) return makeContext(opts, env);
  let ctx = contexts.get(opts);
  if (!ctx) {
    ctx = makeContext(opts, env);
    contexts.set(opts, ctx);
  }
  return ctx;
}

// The last line judged, so a caller that acts on the same line (snapshots before it runs) does not parse it twice.
let lastNormalized: { command: string; cwd: string; env: Record<string, string>; ctx: AnalysisContext; commands: SimpleCommand[] } | undefined;

/** The simple commands a line runs, as the engine saw them (from its last evaluation when it was this line). */
export function normalizedCommands(req: CheckRequest, opts: EngineOptions): { commands: SimpleCommand[]; ctx: AnalysisContext } {
  const env = req.env ?? opts.env ?? {};
  const ctx = contextFor(req, opts, env);
  const cwd = req.cwd === undefined || req.cwd === ctx.workspace ? ctx.workspace : path.resolve(ctx.workspace, req.cwd);
  const last = lastNormalized;
  if (last && last.command === req.command && last.cwd === cwd && last.env === env) return { commands: last.commands, ctx: last.ctx };
  return { commands: normalize({ command: req.command, cwd, env }, ctx).commands, ctx };
}

function evaluateUnsafe(req: CheckRequest, opts: EngineOptions): DecisionResult {
  const env = req.env ?? opts.env ?? {};
  const ctx = contextFor(req, opts, env);
  const cwd = req.cwd === undefined || req.cwd === ctx.workspace ? ctx.workspace : path.resolve(ctx.workspace, req.cwd);
  const config = opts.config;

  const normalized = normalize({ command: req.command, cwd, env }, ctx);
  lastNormalized = { command: req.command, cwd, env, ctx, commands: normalized.commands };
  const findings: Finding[] = [...normalized.findings];
  const targets = normalized.commands.map((cmd) => commandTargetEnvironment(cmd, ctx, config));

  // Each command is judged against the environment *it* targets, so in
  // `psql $PROD -c 'SELECT 1' | head` the `head` is not a production write.
  const judged: CommandJudgement[] = [];
  for (let i = 0; i < normalized.commands.length; i++) {
    const cmd = normalized.commands[i];
    const found: Finding[] = [];
    for (const pack of packsFor(cmd)) {
      const out = pack.analyze(cmd, ctx);
      if (out) found.push(...out);
    }
    found.push(...protectedPathFindings(cmd, ctx, config));
    // The target's environment weighs what the packs found (policy/weigh.ts).
    const weighed = weighFindings(found, cmd, targets[i], ctx, config);
    const own = weighed.findings;
    const target = weighed.environment;
    targets[i] = target;
    if (target.production && !weighed.dryRun && effectOf(cmd, ctx) !== 'read') own.push(productionWriteFinding(target.name));
    findings.push(...own);
    judged.push({ findings: own, matches: config?.rules ? matchRules(config.rules, cmd, target) : [], environment: target });
  }

  const environment = strongestEnvironment(targets);
  const score = Math.min(100, findings.reduce((s, f) => Math.max(s, f.severity), 0));
  // Precedence (DESIGN.md "Decisions"): deny rule > kill switch > ask rule > allow rule > score; see resolveDecision.
  const resolved = resolveDecision({
    commands: judged,
    lineFindings: normalized.findings,
    killSwitch: opts.killSwitch === true,
    decide: (s) => decisionFor(s, config),
  });
  const decision = resolved.decision;
  const rule = resolved.rule;
  if (resolved.by === 'kill-switch') {
    findings.unshift({ id: 'killswitch.engaged', summary: 'the AgentGuard kill switch is engaged: every agent command is halted until a human releases it', severity: 100 });
  }

  const result: DecisionResult = {
    command: req.command,
    decision,
    score: resolved.by === 'kill-switch' ? 100 : score,
    environment,
    findings,
  };
  if (rule) result.rule = { index: rule.index, match: rule.rule.match, ...(rule.rule.reason ? { reason: rule.rule.reason } : {}) };
  // Monitor mode records instead of blocking, but a kill switch a human engaged still halts.
  if (config?.mode === 'monitor' && decision !== 'allow' && resolved.by !== 'kill-switch') {
    result.monitored = decision;
    result.decision = 'allow';
  }
  return result;
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
