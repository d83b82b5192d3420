// The target's environment weighs every finding, in this one place. A pack
// says what a command does (drops a table, deletes a topic, purges a queue);
// where it does it decides how much that matters:
// - production: as the pack said, and any write there is gated on its own
//   (env.production-write, added by the engine);
// - shared or unknown: as the pack said: without proof, caution stays;
// - provably disposable (environment/disposable.ts: a test database on this
//   machine, a local cache or cluster, an emulator, a test-mode key, a
//   pull request's preview, a framework's development or test database) or a
//   dry run that changes nothing: the finding stays in the record but no
//   longer asks.
// Only findings about the target are weighed; what a command does to this
// machine's files, repositories, secrets and AgentGuard itself is the same
// wherever the command points.
import type { Config } from '../config/schema';
import { targetEvidence, type TargetEvidence } from '../environment/disposable';
import { dryRunFlag, isPreviewName, isTestName } from '../environment/disposableNames';
import type { AnalysisContext, EnvironmentMatch, Finding, SimpleCommand } from '../types';

/** Severity a weighed-down finding keeps: recorded, below any ask threshold a policy can set sensibly. */
export const DISPOSABLE_SEVERITY = 25;

/** Finding families whose harm lands on the command's target (a database, a cluster, an API), not on this machine. */
const TARGET_FAMILIES = new Set([
  'sql',
  'db',
  'orm',
  'cloud',
  'http',
  'mcp',
  'stream',
  'warehouse',
  'search',
  'backup',
  'identity',
  'deploy',
  'framework',
  'cli',
]);
/** …except these, which run code or reach files on the machine that hosts the target. */
const NEVER_WEIGHED = new Set([
  'sql.copy-program',
  'sql.shell-escape',
  'http.payment-money-move',
  'db.redis-writes-files',
]);

export function weighsByTarget(f: Finding): boolean {
  const dot = f.id.indexOf('.');
  return dot > 0 && TARGET_FAMILIES.has(f.id.slice(0, dot)) && !NEVER_WEIGHED.has(f.id);
}

export interface Weighed {
  findings: Finding[];
  /** The command's environment, with tier and evidence when weighing proved it disposable. */
  environment: EnvironmentMatch;
  /** The command changes nothing (a dry run or plan-only form). */
  dryRun: boolean;
}

function weighDown(f: Finding, why: string): Finding {
  if (f.severity <= DISPOSABLE_SEVERITY) return f;
  return { ...f, severity: DISPOSABLE_SEVERITY, summary: `${f.summary} — but ${why}, so it runs without asking` };
}

/**
 * Weighs findings about a target whose evidence was read elsewhere (an MCP
 * call: its server's configuration and its own arguments): production and
 * unknown targets keep them, a disposable one takes them below asking.
 */
export function weighByEvidence(
  findings: Finding[],
  environment: EnvironmentMatch,
  disposable: readonly string[],
): Weighed {
  if (
    environment.production ||
    !disposable.length ||
    !findings.some((f) => weighsByTarget(f) && f.severity > DISPOSABLE_SEVERITY)
  ) {
    return { findings, environment, dryRun: false };
  }
  const why = disposable.join('; ');
  return {
    findings: findings.map((f) => (weighsByTarget(f) ? weighDown(f, why) : f)),
    environment: { ...environment, tier: 'ephemeral', evidence: [...environment.evidence, ...disposable] },
    dryRun: false,
  };
}

/**
 * Weighs one command's findings by the environment it targets. Cheap when
 * there is nothing to weigh: the evidence is read only for a command that has
 * a finding about its target and is not production.
 */
export function weighFindings(
  findings: Finding[],
  cmd: SimpleCommand,
  environment: EnvironmentMatch,
  ctx: AnalysisContext,
  config: Config | undefined,
): Weighed {
  findings = onePerTarget(findings);
  let weighable = false;
  // Indexed loops here: run for every command, and until V8 optimizes them (most of a batch) for…of allocates per step.
  for (let i = 0; i < findings.length; i++)
    if (weighsByTarget(findings[i]) && findings[i].severity > DISPOSABLE_SEVERITY) weighable = true;
  // Nothing to weigh: whether it is a dry run matters only for a production target (no production write is added for one).
  if (!weighable)
    return { findings, environment, dryRun: environment.production && dryRunFlag(cmd.argv) !== undefined };
  const dry = dryRunFlag(cmd.argv);
  if (dry) {
    return {
      findings: findings.map((f) => (weighsByTarget(f) ? weighDown(f, `${dry} only reports what it would do`) : f)),
      environment,
      dryRun: true,
    };
  }
  // A loopback port forwarded elsewhere is not this machine's server: nothing about it proves the target disposable.
  if (environment.production || environment.forwarded) return { findings, environment, dryRun: false };

  const evidence: TargetEvidence = targetEvidence(cmd, ctx, config);
  if (evidence.disposable.length) {
    const why = evidence.disposable.join('; ');
    return {
      findings: findings.map((f) => (weighsByTarget(f) ? weighDown(f, why) : f)),
      environment: { ...environment, tier: 'ephemeral', evidence: [...environment.evidence, ...evidence.disposable] },
      dryRun: false,
    };
  }
  // The thing a finding names can be disposable where the command's target is not proven so.
  let changed = false;
  const out = findings.map((f) => {
    if (!weighsByTarget(f) || !f.target) return f;
    if (isPreviewName(f.target)) {
      changed = true;
      return weighDown(f, `${f.target} is named for a pull request's preview`);
    }
    if (evidence.onlyLocalHosts && !evidence.remote && isTestName(f.target)) {
      changed = true;
      return weighDown(f, `${f.target} is on this machine and named for tests`);
    }
    return f;
  });
  return { findings: changed ? out : findings, environment, dryRun: false };
}

/**
 * Two readers of one command (the database client's and the code reader's) may find the same thing: it is listed
 * once, at the highest severity either gave.
 */
function onePerTarget(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const kept = new Map<string, Finding>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const key = f.target === undefined ? `${f.id}\0\0${f.summary}` : `${f.id}\0${f.target}`;
    const seen = kept.get(key);
    if (!seen || f.severity > seen.severity) kept.set(key, f);
  }
  return kept.size === findings.length ? findings : [...kept.values()];
}

/**
 * Adds a command's findings to the line's: one the line already lists for the same target (`mongosh --eval` read by
 * the database reader and by the code reader as two commands) is kept once, at the higher severity.
 */
export function addToLine(line: Finding[], own: readonly Finding[]): void {
  for (let i = 0; i < own.length; i++) {
    const f = own[i];
    const at = line.findIndex((g) => sameFinding(g, f));
    if (at === -1) line.push(f);
    else if (f.severity > line[at].severity) line[at] = f;
  }
}

/** Same id and target; with no target, the same summary too (two unnamed findings may say different things). */
function sameFinding(a: Finding, b: Finding): boolean {
  return a.id === b.id && a.target === b.target && (a.target !== undefined || a.summary === b.summary);
}
