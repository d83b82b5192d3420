// Workspace rules from `.agentguard.json` and the precedence that turns
// rules, the kill switch and the score into one decision
// (docs/configuration.md, `.agentguard.json`): deny rule > kill switch > ask
// rule > allow rule > score.
import { commandGlob, hasWildcard } from '../config/glob';
import { readGlobalOptions } from '../command/globalOptions';
import type { Config, Rule } from '../config/schema';
import { MANAGED_RULES } from '../config/effective';
import { DEFAULT_THRESHOLDS } from '../config/defaults';
import type { Decision, EnvironmentMatch, Finding, SimpleCommand } from '../types';

export interface RuleMatch {
  index: number;
  rule: Rule;
}

/** Built-in gates an allow rule lifts only when it names them (see allowRuleLifts). */
export const PRODUCTION_WRITE_ID = 'env.production-write';
export const PROTECTED_PATH_ID = 'path.protected';
/** A path the organization's managed policy protects: only the managed policy's own exact allow rules lift it. */
export const MANAGED_PATH_ID = 'path.managed';
/** AgentGuard's own files (config, hook files, state): no allow rule lifts this gate. */
export const GUARD_FILE_ID = 'path.agentguard';
/** Severity of a GUARD_FILE_ID finding about AgentGuard's state folder (protectedPaths GUARD_STATE_SEVERITY). */
const GUARD_STATE_MIN_SEVERITY = 95;

interface CompiledRule {
  index: number;
  rule: Rule;
  pattern: RegExp;
}

// Compiled once per loaded config: the rules array is the config's own, so a
// reloaded config is a new key and the old entry goes with it.
const compiledRules = new WeakMap<readonly Rule[], CompiledRule[]>();

function compile(rules: readonly Rule[]): CompiledRule[] {
  let list = compiledRules.get(rules);
  if (!list) {
    list = rules.map((rule, index) => ({ index, rule, pattern: commandGlob(rule.match) }));
    compiledRules.set(rules, list);
  }
  return list;
}

/**
 * The texts a rule's `match` is tried against: the command as it runs
 * (`git push x`, whatever wrappers it came through), each wrapper as written
 * (`npm run db:reset`, `ssh db-prod`, `sudo`), and the whole chain
 * (`sudo git push x`) so a rule can single out a wrapped form. `bare` adds
 * the same with the CLI's global options read away (`git -C . --no-pager
 * push` is a `git push`): deny and ask rules see through them; an allow rule
 * does not, since `git -c core.pager=… status` is not the `git status` it allowed.
 */
function subjects(cmd: SimpleCommand): { exact: string[]; bare: string[] } {
  const command = cmd.argv.join(' ');
  const stripped = readGlobalOptions(cmd.argv, cmd.cwd).bare?.join(' ');
  const wrappers = cmd.via.map((v) => v.trim().replace(/\s+/g, ' '));
  const around = (c: string) => (wrappers.length ? [c, ...wrappers, [...wrappers, c].join(' ')] : [c]);
  return { exact: around(command), bare: stripped ? around(stripped) : [] };
}

/**
 * Rules that match one normalised simple command, in file order. A rule with
 * `environments` applies only when the command targets one of them.
 */
export function matchRules(rules: Config['rules'], cmd: SimpleCommand, env: EnvironmentMatch): RuleMatch[] {
  if (!rules?.length || !cmd.argv.length) return [];
  const texts = subjects(cmd);
  const out: RuleMatch[] = [];
  for (const c of compile(rules)) {
    if (c.rule.environments && !c.rule.environments.includes(env.name)) continue;
    const hit =
      texts.exact.some((t) => c.pattern.test(t)) ||
      (c.rule.decision !== 'allow' && texts.bare.some((t) => c.pattern.test(t)));
    if (hit) out.push({ index: c.index, rule: c.rule });
  }
  return out;
}

/**
 * Whether an allow rule lifts one built-in gate. "Names it explicitly" means:
 * - a production write: the rule's `environments` lists the production
 *   environment the command targets (`{"match": "prisma migrate deploy",
 *   "decision": "allow", "environments": ["production"]}`);
 * - a protected path: the rule's `match` has no wildcard, so it names one
 *   exact command (`rm backups/2023-01.sql`), not a family of them;
 * - AgentGuard's own files and the kill switch: never.
 * Any other finding is the score's business, which every allow rule beats.
 */
export function allowRuleLifts(m: RuleMatch, finding: Finding, target: EnvironmentMatch): boolean {
  switch (finding.id) {
    case PRODUCTION_WRITE_ID:
      return !!m.rule.environments?.includes(target.name);
    case PROTECTED_PATH_ID:
      return !hasWildcard(m.rule.match);
    case MANAGED_PATH_ID:
      return MANAGED_RULES.has(m.rule) && !hasWildcard(m.rule.match);
    case GUARD_FILE_ID:
      return false;
    default:
      return true;
  }
}

/** One simple command of a line, judged. */
export interface CommandJudgement {
  /** This command's findings (packs, protected paths, production write). */
  findings: readonly Finding[];
  /** Workspace rules matching this command. */
  matches: readonly RuleMatch[];
  /** The environment this command targets. */
  environment: EnvironmentMatch;
}

export interface Resolution {
  decision: Decision;
  /** What decided. */
  by: 'deny-rule' | 'kill-switch' | 'ask-rule' | 'allow-rule' | 'score';
  rule?: RuleMatch;
  /** Highest severity left once allow rules lifted what they may: what the score decision used. */
  effectiveScore: number;
}

export interface ResolveInput {
  commands: readonly CommandJudgement[];
  /** Findings about the line itself (unparseable, code fetched and run): no rule lifts them. */
  lineFindings: readonly Finding[];
  killSwitch: boolean;
  /** The score → decision mapping with the configured thresholds. */
  decide(score: number): Decision;
}

/**
 * Precedence: a deny rule on any command > kill switch > an ask rule on any
 * command (even over a deny score: the workspace chose a human) > allow rules
 * > score. An allow rule works per command: it lifts that command's findings
 * except the built-in gates it does not name (allowRuleLifts); a line is
 * decided by what is left across all its commands, so `npm run db:reset &&
 * echo done` is allowed by a rule for `npm run db:reset` alone.
 */
/** The decision a score comes to under the workspace's thresholds. */
export function decisionForScore(score: number, config: Config | undefined): Decision {
  const t = config?.thresholds ? { ...DEFAULT_THRESHOLDS, ...config.thresholds } : DEFAULT_THRESHOLDS;
  if (score >= t.deny) return 'deny';
  if (score >= t.ask) return 'ask';
  return 'allow';
}

const NO_MATCHES: readonly RuleMatch[] = [];

export function resolveDecision(input: ResolveInput): Resolution {
  let effectiveScore = maxSeverity(input.lineFindings);
  let allowRule: RuleMatch | undefined;
  for (let i = 0; i < input.commands.length; i++) {
    const c = input.commands[i];
    // Most commands match no rule: nothing to lift.
    const allows = c.matches.length ? c.matches.filter((m) => m.rule.decision === 'allow') : NO_MATCHES;
    if (allows.length) allowRule ??= allows[0];
    for (let j = 0; j < c.findings.length; j++) {
      const f = c.findings[j];
      if (allows.length && allows.some((m) => allowRuleLifts(m, f, c.environment))) continue;
      effectiveScore = Math.max(effectiveScore, f.severity);
    }
  }
  effectiveScore = Math.min(100, effectiveScore);

  const deny = firstMatch(input.commands, 'deny');
  if (deny) return { decision: 'deny', by: 'deny-rule', rule: deny, effectiveScore };
  if (input.killSwitch) return { decision: 'deny', by: 'kill-switch', effectiveScore: 100 };
  // AgentGuard's state (snapshots, audit log, kill switch) is the way back and the record: denied whatever the rules say.
  if (touchesGuardState(input.commands))
    return { decision: 'deny', by: 'score', effectiveScore: Math.max(effectiveScore, GUARD_STATE_MIN_SEVERITY) };
  const ask = firstMatch(input.commands, 'ask');
  if (ask) return { decision: 'ask', by: 'ask-rule', rule: ask, effectiveScore };
  const decision = input.decide(effectiveScore);
  if (allowRule && decision === 'allow') return { decision, by: 'allow-rule', rule: allowRule, effectiveScore };
  return { decision, by: 'score', effectiveScore };
}

// Indexed loops (resolveDecision runs once per judged line, and until V8 optimizes it, most of a batch, for…of
// allocates an iterator result per step): the first command's first rule of that decision.
function firstMatch(commands: readonly CommandJudgement[], decision: Rule['decision']): RuleMatch | undefined {
  for (let i = 0; i < commands.length; i++) {
    const matches = commands[i].matches;
    for (let j = 0; j < matches.length; j++) if (matches[j].rule.decision === decision) return matches[j];
  }
  return undefined;
}

function touchesGuardState(commands: readonly CommandJudgement[]): boolean {
  for (let i = 0; i < commands.length; i++) {
    const findings = commands[i].findings;
    for (let j = 0; j < findings.length; j++)
      if (findings[j].id === GUARD_FILE_ID && findings[j].severity >= GUARD_STATE_MIN_SEVERITY) return true;
  }
  return false;
}

function maxSeverity(findings: readonly Finding[]): number {
  let max = 0;
  for (let i = 0; i < findings.length; i++) if (findings[i].severity > max) max = findings[i].severity;
  return max;
}
