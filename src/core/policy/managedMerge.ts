// The organization's managed policy laid under a workspace's policy (the one
// a human confirmed, see index.ts). Everything it gates holds in every
// workspace; the workspace may add to it, never take away:
// - its deny and ask rules apply (precedence already puts them above any
//   allow rule);
// - its protected paths gate as `path.managed`, which only the managed
//   policy's own exact allow rules lift (rules.ts allowRuleLifts);
// - its production environments stay production, and a workspace allow rule
//   that names one is left out (that is how a production write is lifted);
// - thresholds and the rate limit take the stricter of both;
// - monitor mode, where the organization allows it at all, never lifts what
//   the managed policy gates (`policy.managed` marks such a decision).
// Pure: configs in, config out.
import { DEFAULT_RATE_LIMIT, DEFAULT_THRESHOLDS } from '../config/defaults';
import { KEEP_PRODUCTION_GUESS, MANAGED_LAYER, MANAGED_RULES, type EffectiveConfig } from '../config/effective';
import type { ManagedConfig } from '../config/managedSchema';
import type { Config, EnvironmentConfig, Rule } from '../config/schema';
import type { Verdict } from '../types';
import type { Decision, Finding } from '../types';
import type { ManagedPolicy } from './managed';
import { MANAGED_PATH_ID, PRODUCTION_WRITE_ID } from './rules';

/** A decision the managed policy made (or held): shown, audited, and never turned into allow by monitor mode. */
export const MANAGED_HOLD_ID = 'policy.managed';
/** The managed policy cannot be read or is invalid: what would ask is denied. */
export const MANAGED_INVALID_ID = 'policy.managed-invalid';

const LIST_FIELDS = ['hosts', 'kubeContexts', 'namespaces', 'awsProfiles', 'gcloudProjects', 'databases'] as const;

function isProductionConfigured(c: Config | undefined): boolean {
  return Object.values(c?.environments ?? {}).some((e) => e.production === true);
}

/** Recognised by either definition; production when either says so. One glob per variable: the managed one wins. */
function unionEnvironment(managed: EnvironmentConfig, workspace: EnvironmentConfig | undefined): EnvironmentConfig {
  const out: EnvironmentConfig = {};
  if (managed.production === true || workspace?.production === true) out.production = true;
  for (const field of LIST_FIELDS) {
    const list = [...new Set([...(managed[field] ?? []), ...(workspace?.[field] ?? [])])];
    if (list.length) out[field] = list;
  }
  const env = { ...workspace?.env, ...managed.env };
  if (Object.keys(env).length) out.env = env;
  return out;
}

function ruleText(r: Rule): string {
  return `\`${r.match}\`${r.environments?.length ? ` in ${r.environments.join(', ')}` : ''}`;
}

/**
 * The policy that holds with `managed` under `workspace` (undefined: no
 * workspace policy). The managed policy's rule objects are marked as its own
 * (MANAGED_RULES); nothing in the result comes out of JSON with that mark.
 */
export function mergeManaged(
  workspace: EffectiveConfig | undefined,
  managed: ManagedConfig,
  file: string,
): EffectiveConfig {
  const w: EffectiveConfig = workspace ?? {};
  const out: EffectiveConfig = {};

  // Managed environments first: when a command matches both a managed production environment and one of the
  // workspace's, it is named after the managed one (the first match wins), which no workspace allow rule names.
  const environments: Record<string, EnvironmentConfig> = {};
  for (const [name, e] of Object.entries(managed.environments ?? {}))
    environments[name] = unionEnvironment(e, w.environments?.[name]);
  for (const [name, e] of Object.entries(w.environments ?? {})) if (!(name in environments)) environments[name] = e;
  if (Object.keys(environments).length) out.environments = environments;
  const managedProduction = new Set(
    Object.entries(managed.environments ?? {})
      .filter(([, e]) => e.production === true)
      .map(([name]) => name),
  );

  // The workspace's rules keep their places (and numbers); precedence does not depend on order.
  const rules: Rule[] = [];
  const dropped: string[] = [];
  (w.rules ?? []).forEach((rule, i) => {
    if (rule.decision !== 'allow' || !rule.environments?.some((e) => managedProduction.has(e))) {
      rules.push(rule);
      return;
    }
    const kept = rule.environments.filter((e) => !managedProduction.has(e));
    dropped.push(
      `allow rule ${ruleText(rule)} (rules[${i}]): the organization's managed policy marks ${rule.environments.filter((e) => managedProduction.has(e)).join(', ')} production`,
    );
    // Left with no environment it matches nothing (rules.ts matchRules), and stays in place so later rules keep their numbers.
    rules.push({ ...rule, environments: kept });
  });
  for (const rule of managed.rules ?? []) {
    MANAGED_RULES.add(rule);
    rules.push(rule);
  }
  if (rules.length) out.rules = rules;

  if (w.protectedPaths?.length) out.protectedPaths = w.protectedPaths;
  if (managed.thresholds || w.thresholds) {
    const m = { ...DEFAULT_THRESHOLDS, ...managed.thresholds };
    const c = { ...DEFAULT_THRESHOLDS, ...w.thresholds };
    // Each minimum comes from a valid pair (ask < deny), so ask stays below deny.
    out.thresholds = { ask: Math.min(m.ask, c.ask), deny: Math.min(m.deny, c.deny) };
  }
  if (managed.rateLimit || w.rateLimit) {
    const m = { ...DEFAULT_RATE_LIMIT, ...managed.rateLimit };
    const c = { ...DEFAULT_RATE_LIMIT, ...w.rateLimit };
    out.rateLimit = {
      maxGated: Math.min(m.maxGated, c.maxGated),
      windowSeconds: Math.max(m.windowSeconds, c.windowSeconds),
    };
  }
  if (managed.allowMonitorMode === false) out.mode = 'enforce';
  else if (w.mode) out.mode = w.mode;
  else if (managed.mode) out.mode = managed.mode;
  // The organization's production environments add to the built-in guess; only the workspace's own facts replace it.
  if (w[KEEP_PRODUCTION_GUESS] || (!isProductionConfigured(w) && isProductionConfigured(out)))
    out[KEEP_PRODUCTION_GUESS] = true;
  out[MANAGED_LAYER] = {
    file,
    productionEnvironments: managedProduction,
    protectedPaths: managed.protectedPaths ?? [],
    dropped,
    observeOnly: managed.mode === 'monitor',
  };
  return out;
}

/**
 * `config` with the managed policy under it; with one that cannot be used,
 * `config` as it is but never in monitor mode (the caller denies what would
 * ask, failClosedOnInvalid).
 */
export function underManagedPolicy(
  config: EffectiveConfig | undefined,
  managed: ManagedPolicy,
): EffectiveConfig | undefined {
  if (managed.state === 'ok') return mergeManaged(config, managed.config, managed.file);
  if (managed.state === 'invalid' && config?.mode === 'monitor') return { ...config, mode: 'enforce' };
  return config;
}

/**
 * Why the managed policy holds a gated decision, as a severity-0 finding, or
 * undefined when it does not: a managed rule decided, or what is gated is a
 * managed protected path or a write to a managed production environment.
 */
export function managedHold(
  config: Config | undefined,
  decision: Decision,
  rule: Rule | undefined,
  findings: readonly Finding[],
): Finding | undefined {
  const layer = (config as EffectiveConfig | undefined)?.[MANAGED_LAYER];
  if (!layer || layer.observeOnly || decision === 'allow') return undefined;
  const askAt = { ...DEFAULT_THRESHOLDS, ...config?.thresholds }.ask;
  const why: string[] = [];
  if (rule && MANAGED_RULES.has(rule))
    why.push(`its ${rule.decision} rule ${ruleText(rule)}${rule.reason ? ` (${rule.reason})` : ''}`);
  for (const f of findings) {
    if (f.severity < askAt) continue;
    if (f.id === MANAGED_PATH_ID) why.push(`a protected path (${f.target ?? f.summary})`);
    else if (f.id === PRODUCTION_WRITE_ID && f.target && layer.productionEnvironments.has(f.target))
      why.push(`the production environment ${f.target}`);
  }
  if (!why.length) return undefined;
  return {
    id: MANAGED_HOLD_ID,
    summary: `held by the organization's managed policy (${layer.file}): ${[...new Set(why)].join('; ')}; no workspace rule, setting or confirmation lifts it`,
    alternative: 'ask the administrator who manages AgentGuard on this machine',
    severity: 0,
  };
}

/** A verdict (or a `check` result) under a managed policy that cannot be used: what would ask is denied, saying why. */
export function failClosedOnInvalid<T extends Pick<Verdict, 'decision' | 'findings'>>(v: T, managed: ManagedPolicy): T {
  if (managed.state !== 'invalid' || v.decision !== 'ask') return v;
  return {
    ...v,
    decision: 'deny',
    findings: [
      ...v.findings,
      {
        id: MANAGED_INVALID_ID,
        summary: `the organization's managed policy cannot be used, so every call that would need a human is denied until an administrator fixes it: ${managed.problem}`,
        alternative: 'ask your administrator to fix the managed policy (`agentguard env` shows the problem)',
        severity: 100,
      },
    ],
  };
}

/** Whether the editor's monitor mode may apply on this machine. An invalid managed policy says no. */
export function monitorModeAllowed(managed: ManagedPolicy): boolean {
  if (managed.state === 'invalid') return false;
  if (managed.state === 'none') return true;
  return managed.config.allowMonitorMode !== false && managed.config.lockedSettings?.['agentguard.mode'] !== 'enforce';
}
