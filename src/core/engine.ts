// The one decision function every door calls: command text in, decision out.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_THRESHOLDS, type Config } from './config/schema';
import { detectTargetEnvironment } from './environment';
import { normalize } from './parse/normalize';
import { packs } from './packs';
import { protectedPathFindings } from './protectedPaths';
import { matchRules, type RuleMatch } from './rules';
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
}

/** Largest file the engine reads to judge a command (`psql -f`, package.json, git config). */
export const MAX_READ_BYTES = 256 * 1024;

export function boundedReadFile(p: string, cwd: string): string | undefined {
  const abs = path.resolve(cwd, p);
  try {
    const st = fs.statSync(abs);
    if (!st.isFile() || st.size > MAX_READ_BYTES) return undefined;
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

const byCommand = new Map<string, Pack[]>();
const everyCommand: Pack[] = [];
for (const pack of packs) {
  if (pack.commands === '*') everyCommand.push(pack);
  else for (const name of pack.commands) {
    const list = byCommand.get(name) ?? [];
    list.push(pack);
    byCommand.set(name, list);
  }
}

function packsFor(cmd: SimpleCommand): Pack[] {
  const specific = byCommand.get(cmd.argv[0] ?? '');
  return specific ? [...everyCommand, ...specific] : everyCommand;
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
  };
}

function decisionFor(score: number, config: Config | undefined): Decision {
  const t = { ...DEFAULT_THRESHOLDS, ...config?.thresholds };
  if (score >= t.deny) return 'deny';
  if (score >= t.ask) return 'ask';
  return 'allow';
}

const PRODUCTION_WRITE: Omit<Finding, 'target'> = {
  id: 'env.production-write',
  summary: 'changes state in a production environment',
  alternative: 'run it against staging or a local copy first',
  severity: 70,
};

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

function evaluateUnsafe(req: CheckRequest, opts: EngineOptions): DecisionResult {
  const env = req.env ?? opts.env ?? {};
  const ctx = makeContext(opts, env);
  const cwd = path.resolve(ctx.workspace, req.cwd ?? ctx.workspace);
  const config = opts.config;

  const normalized = normalize({ command: req.command, cwd, env }, ctx);
  const findings: Finding[] = [...normalized.findings];
  const environment = detectTargetEnvironment(normalized.commands, ctx, config);

  let denyRule: RuleMatch | undefined;
  let askRule: RuleMatch | undefined;
  let allowRule: RuleMatch | undefined;
  let allCommandsAllowedByRule = normalized.commands.length > 0;
  let gatedByBuiltin = false; // protected path or production write: only an explicit rule may unlock it

  for (const cmd of normalized.commands) {
    for (const pack of packsFor(cmd)) {
      const out = pack.analyze(cmd, ctx);
      if (out) findings.push(...out);
    }
    const guarded = protectedPathFindings(cmd, ctx, config);
    if (guarded.length) {
      findings.push(...guarded);
      gatedByBuiltin = true;
    }
    if (environment.production && effectOf(cmd, ctx) !== 'read') {
      findings.push({ ...PRODUCTION_WRITE, target: environment.name });
      gatedByBuiltin = true;
    }
    const matches = config?.rules ? matchRules(config.rules, cmd, environment) : [];
    let allowed = false;
    for (const m of matches) {
      if (m.rule.decision === 'deny') denyRule ??= m;
      else if (m.rule.decision === 'ask') askRule ??= m;
      else { allowRule ??= m; allowed = true; }
    }
    if (!allowed) allCommandsAllowedByRule = false;
  }

  const score = Math.min(100, findings.reduce((s, f) => Math.max(s, f.severity), 0));
  let decision = decisionFor(score, config);
  let rule: RuleMatch | undefined;

  // Precedence (DESIGN.md "Decisions"): deny rule > kill switch > ask rule > allow rule > score.
  if (denyRule) {
    decision = 'deny';
    rule = denyRule;
  } else if (opts.killSwitch) {
    decision = 'deny';
    findings.unshift({ id: 'killswitch.engaged', summary: 'the AgentGuard kill switch is engaged: every agent command is halted until a human releases it', severity: 100 });
  } else if (askRule) {
    decision = decision === 'deny' ? 'deny' : 'ask';
    rule = askRule;
  } else if (allowRule && allCommandsAllowedByRule && !(gatedByBuiltin && !ruleIsExplicit(allowRule))) {
    decision = 'allow';
    rule = allowRule;
  }

  const result: DecisionResult = {
    command: req.command,
    decision,
    score: opts.killSwitch && !denyRule ? 100 : score,
    environment,
    findings,
  };
  if (rule) result.rule = { index: rule.index, match: rule.rule.match, ...(rule.rule.reason ? { reason: rule.rule.reason } : {}) };
  if (config?.mode === 'monitor' && decision !== 'allow') {
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

/** An allow rule unlocks a built-in gate only when it names the exact command (no wildcard). */
function ruleIsExplicit(m: RuleMatch): boolean {
  return !m.rule.match.includes('*') && !m.rule.match.includes('?');
}
