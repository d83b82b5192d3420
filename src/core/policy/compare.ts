// Whether one policy is looser than another, and the policy that holds while
// a loosening waits for a human. A `.agentguard.json` can be rewritten by
// anything running as the user (an agent's script, a cloned repository), so
// what loosens the last policy a human confirmed is not honoured until a
// human confirms it again; what tightens applies at once. Pure: configs in,
// configs out.
import { DEFAULT_RATE_LIMIT, DEFAULT_THRESHOLDS } from '../config/defaults';
import { KEEP_PRODUCTION_GUESS, type EffectiveConfig } from '../config/effective';
import type { Config, EnvironmentConfig, Rule } from '../config/schema';
import { ungatingMoves } from './envMoves';

export interface PolicyChange {
  /** JSON path in the current file (or in the baseline, for something removed): `rules[3]`, `thresholds.ask`. */
  path: string;
  /** One sentence a human understands: `allow rule \`rm -rf *\` (rules[3])`. */
  summary: string;
}

export interface PolicyComparison {
  loosenings: PolicyChange[];
  tightenings: PolicyChange[];
}

const STRICTNESS: Record<Rule['decision'], number> = { allow: 0, ask: 1, deny: 2 };
const LIST_FIELDS = ['hosts', 'kubeContexts', 'namespaces', 'awsProfiles', 'gcloudProjects', 'databases'] as const;

function key(p: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
}

function jsonPath(...segments: (string | number)[]): string {
  return segments
    .map((s) => (typeof s === 'number' ? `[${s}]` : key(s)))
    .join('')
    .replace(/^\./, '');
}

/** Rules are the same rule when they match the same commands in the same environments. */
function ruleKey(r: Rule): string {
  return JSON.stringify([r.match, [...(r.environments ?? [])].sort()]);
}

function ruleText(r: Rule): string {
  const scope = r.environments?.length ? ` in ${r.environments.join(', ')}` : '';
  return `\`${r.match}\`${scope}`;
}

interface KeyedRules {
  /** Strictest decision per key, with the first rule that has it. */
  byKey: Map<string, { rule: Rule; index: number }>;
}

function keyed(rules: readonly Rule[] | undefined): KeyedRules {
  const byKey = new Map<string, { rule: Rule; index: number }>();
  (rules ?? []).forEach((rule, index) => {
    const k = ruleKey(rule);
    const had = byKey.get(k);
    // Precedence does not depend on order (deny > ask > allow), so the strictest rule per key is what counts.
    if (!had || STRICTNESS[rule.decision] > STRICTNESS[had.rule.decision]) byKey.set(k, { rule, index });
  });
  return { byKey };
}

function isProductionConfigured(c: Config): boolean {
  return Object.values(c.environments ?? {}).some((e) => e.production === true);
}

function identity(e: EnvironmentConfig | undefined): Set<string> {
  const out = new Set<string>();
  for (const field of LIST_FIELDS) for (const v of e?.[field] ?? []) out.add(`${field} ${v}`);
  for (const [k, v] of Object.entries(e?.env ?? {})) out.add(`env ${k}=${v}`);
  return out;
}

/**
 * Non-production environments that rules are scoped to: recognising more of
 * them widens an allow rule, recognising less narrows an ask or deny rule.
 * Their confirmed definition holds until a human confirms the change.
 */
function scopedEnvLoosenings(base: Config, cur: Config): { name: string; change: PolicyChange }[] {
  const out: { name: string; change: PolicyChange }[] = [];
  const baseEnvs = base.environments ?? {};
  const curEnvs = cur.environments ?? {};
  for (const name of new Set([...Object.keys(baseEnvs), ...Object.keys(curEnvs)])) {
    const b = baseEnvs[name];
    const c = curEnvs[name];
    if (b?.production === true || c?.production === true) continue;
    const bi = identity(b);
    const ci = identity(c);
    const at = jsonPath('environments', name);
    const allow = (cur.rules ?? []).find((r) => r.decision === 'allow' && r.environments?.includes(name));
    const wider = [...ci].filter((x) => !bi.has(x));
    if (allow && wider.length) {
      out.push({
        name,
        change: {
          path: at,
          summary: `environment "${name}" recognised by more (${wider.join(', ')}), widening allow rule ${ruleText(allow)} (${at})`,
        },
      });
      continue;
    }
    const gate = (base.rules ?? []).find((r) => r.decision !== 'allow' && r.environments?.includes(name));
    const narrower = [...bi].filter((x) => !ci.has(x));
    if (gate && narrower.length) {
      out.push({
        name,
        change: {
          path: at,
          summary: `environment "${name}" recognised by less (${narrower.join(', ')} removed), narrowing ${gate.decision} rule ${ruleText(gate)} (${at})`,
        },
      });
    }
  }
  return out;
}

function envChanges(base: Config, cur: Config, out: PolicyComparison): void {
  for (const { change } of scopedEnvLoosenings(base, cur)) out.loosenings.push(change);
  const baseEnvs = base.environments ?? {};
  const curEnvs = cur.environments ?? {};
  for (const [name, b] of Object.entries(baseEnvs)) {
    if (b.production !== true) continue;
    const c = curEnvs[name];
    const at = (...s: (string | number)[]) => jsonPath('environments', name, ...s);
    if (!c) {
      out.loosenings.push({ path: at(), summary: `production environment "${name}" removed (${at()})` });
      continue;
    }
    if (c.production !== true)
      out.loosenings.push({
        path: at('production'),
        summary: `environment "${name}" no longer marked production (${at('production')})`,
      });
    for (const field of LIST_FIELDS) {
      const now = new Set(c[field] ?? []);
      for (const v of b[field] ?? []) {
        if (!now.has(v))
          out.loosenings.push({
            path: at(field),
            summary: `"${v}" removed from ${field} of production environment "${name}" (${at(field)})`,
          });
      }
    }
    for (const [variable, glob] of Object.entries(b.env ?? {})) {
      const now = c.env?.[variable];
      if (now !== glob) {
        out.loosenings.push({
          path: at('env', variable),
          summary: `${variable}=${glob} ${now === undefined ? 'removed from' : `changed to ${now} in`} production environment "${name}" (${at('env', variable)})`,
        });
      }
    }
  }
  for (const [name, c] of Object.entries(curEnvs)) {
    if (c.production !== true) continue;
    const b = baseEnvs[name];
    const at = jsonPath('environments', name);
    if (!b || b.production !== true)
      out.tightenings.push({ path: at, summary: `environment "${name}" marked production (${at})` });
    else if (
      LIST_FIELDS.some((f) => (c[f] ?? []).some((v) => !(b[f] ?? []).includes(v))) ||
      Object.keys(c.env ?? {}).some((v) => !(v in (b.env ?? {})))
    ) {
      out.tightenings.push({ path: at, summary: `more ways to recognise production environment "${name}" (${at})` });
    }
  }
  if (!isProductionConfigured(base) && isProductionConfigured(cur)) {
    out.loosenings.push({
      path: 'environments',
      summary:
        'naming a production environment turns off the built-in production guess (`prod`, `production`, `live` in names) (environments)',
    });
  }
}

/** What `current` loosens and tightens compared with `baseline`; undefined stands for no file (built-in defaults). */
export function comparePolicies(baseline: Config | undefined, current: Config | undefined): PolicyComparison {
  const base = baseline ?? {};
  const cur = current ?? {};
  const out: PolicyComparison = { loosenings: [], tightenings: [] };

  const baseMonitor = base.mode === 'monitor';
  const curMonitor = cur.mode === 'monitor';
  if (curMonitor && !baseMonitor)
    out.loosenings.push({ path: 'mode', summary: 'mode "monitor": nothing would be blocked (mode)' });
  if (!curMonitor && baseMonitor) out.tightenings.push({ path: 'mode', summary: 'mode "enforce" (mode)' });

  const baseRules = keyed(base.rules);
  const curRules = keyed(cur.rules);
  for (const [k, { rule, index }] of curRules.byKey) {
    const at = jsonPath('rules', index);
    const had = baseRules.byKey.get(k);
    const now = STRICTNESS[rule.decision];
    if (!had) {
      if (rule.decision === 'allow') out.loosenings.push({ path: at, summary: `allow rule ${ruleText(rule)} (${at})` });
      else out.tightenings.push({ path: at, summary: `${rule.decision} rule ${ruleText(rule)} (${at})` });
    } else if (now < STRICTNESS[had.rule.decision]) {
      out.loosenings.push({
        path: `${at}.decision`,
        summary: `rule ${ruleText(rule)} changed from ${had.rule.decision} to ${rule.decision} (${at}.decision)`,
      });
    } else if (now > STRICTNESS[had.rule.decision]) {
      out.tightenings.push({
        path: `${at}.decision`,
        summary: `rule ${ruleText(rule)} changed from ${had.rule.decision} to ${rule.decision} (${at}.decision)`,
      });
    }
  }
  for (const [k, { rule, index }] of baseRules.byKey) {
    if (curRules.byKey.has(k)) continue;
    const at = jsonPath('rules', index);
    if (rule.decision === 'allow')
      out.tightenings.push({ path: at, summary: `allow rule ${ruleText(rule)} removed (was ${at})` });
    else out.loosenings.push({ path: at, summary: `${rule.decision} rule ${ruleText(rule)} removed (was ${at})` });
  }

  const curPaths = new Set(cur.protectedPaths ?? []);
  const basePaths = new Set(base.protectedPaths ?? []);
  (base.protectedPaths ?? []).forEach((p, i) => {
    if (!curPaths.has(p))
      out.loosenings.push({
        path: jsonPath('protectedPaths', i),
        summary: `protected path "${p}" removed (was protectedPaths[${i}])`,
      });
  });
  (cur.protectedPaths ?? []).forEach((p, i) => {
    if (!basePaths.has(p))
      out.tightenings.push({
        path: jsonPath('protectedPaths', i),
        summary: `protected path "${p}" (protectedPaths[${i}])`,
      });
  });

  const bt = { ...DEFAULT_THRESHOLDS, ...base.thresholds };
  const ct = { ...DEFAULT_THRESHOLDS, ...cur.thresholds };
  for (const which of ['ask', 'deny'] as const) {
    const at = `thresholds.${which}`;
    if (ct[which] > bt[which])
      out.loosenings.push({ path: at, summary: `${which} threshold raised from ${bt[which]} to ${ct[which]} (${at})` });
    if (ct[which] < bt[which])
      out.tightenings.push({
        path: at,
        summary: `${which} threshold lowered from ${bt[which]} to ${ct[which]} (${at})`,
      });
  }

  const br = { ...DEFAULT_RATE_LIMIT, ...base.rateLimit };
  const cr = { ...DEFAULT_RATE_LIMIT, ...cur.rateLimit };
  if (cr.maxGated > br.maxGated)
    out.loosenings.push({
      path: 'rateLimit.maxGated',
      summary: `rate limit raised from ${br.maxGated} to ${cr.maxGated} gated actions (rateLimit.maxGated)`,
    });
  if (cr.maxGated < br.maxGated)
    out.tightenings.push({
      path: 'rateLimit.maxGated',
      summary: `rate limit lowered from ${br.maxGated} to ${cr.maxGated} gated actions (rateLimit.maxGated)`,
    });
  if (cr.windowSeconds < br.windowSeconds)
    out.loosenings.push({
      path: 'rateLimit.windowSeconds',
      summary: `rate limit window shortened from ${br.windowSeconds} s to ${cr.windowSeconds} s (rateLimit.windowSeconds)`,
    });
  if (cr.windowSeconds > br.windowSeconds)
    out.tightenings.push({
      path: 'rateLimit.windowSeconds',
      summary: `rate limit window lengthened from ${br.windowSeconds} s to ${cr.windowSeconds} s (rateLimit.windowSeconds)`,
    });

  const envLoosenings = out.loosenings.length;
  envChanges(base, cur, out);
  // Whatever else changed about environments: a change that lets a command land somewhere less gated is a loosening.
  if (out.loosenings.length === envLoosenings) {
    for (const m of ungatingMoves(base, cur, cur.rules)) {
      out.loosenings.push({
        path: 'environments',
        summary: `the environments now let commands the confirmed policy puts in "${m.from}" land in "${m.to}", ${m.why} (environments)`,
      });
    }
  }
  return out;
}

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined {
  if (!a?.length && !b?.length) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

function mergeProductionEnv(b: EnvironmentConfig | undefined, c: EnvironmentConfig | undefined): EnvironmentConfig {
  const out: EnvironmentConfig = { production: true };
  for (const field of LIST_FIELDS) {
    const list = union(b?.[field], c?.[field]);
    if (list) out[field] = list;
  }
  // One glob per variable: the confirmed one wins where both name it.
  const env = { ...c?.env, ...(b?.production === true ? b.env : {}) };
  if (Object.keys(env).length) out.env = env;
  return out;
}

function effectiveEnvironments(base: Config, cur: Config): Config['environments'] {
  const baseEnvs = base.environments ?? {};
  const curEnvs = cur.environments ?? {};
  const out: NonNullable<Config['environments']> = {};
  const confirmedOnly = new Set(scopedEnvLoosenings(base, cur).map((l) => l.name));
  for (const name of new Set([...Object.keys(curEnvs), ...Object.keys(baseEnvs)])) {
    const b = baseEnvs[name];
    const c = curEnvs[name];
    if (b?.production === true || c?.production === true) out[name] = mergeProductionEnv(b, c);
    else if (confirmedOnly.has(name)) {
      if (b) out[name] = b;
    } else if (c) out[name] = c;
    // A non-production environment dropped from the file identifies nothing production: it goes.
  }
  return Object.keys(out).length ? out : undefined;
}

function effectiveRules(base: Config, cur: Config): Rule[] | undefined {
  const baseRules = keyed(base.rules);
  const curKeys = new Set<string>();
  const out: Rule[] = [];
  for (const rule of cur.rules ?? []) {
    const k = ruleKey(rule);
    curKeys.add(k);
    const had = baseRules.byKey.get(k)?.rule;
    if (!had) {
      if (rule.decision !== 'allow') out.push(rule);
      continue;
    }
    out.push(STRICTNESS[rule.decision] < STRICTNESS[had.decision] ? had : rule);
  }
  // Confirmed deny and ask rules the file dropped keep applying.
  for (const [k, { rule }] of baseRules.byKey) if (!curKeys.has(k) && rule.decision !== 'allow') out.push(rule);
  return out.length ? out : undefined;
}

/**
 * The policy that holds: every tightening of `current` at once, and for every
 * loosening the confirmed (stricter) entry of `baseline`. With nothing
 * loosened this is `current` itself (same object, so per-config caches hold).
 */
export function effectiveConfig(
  baseline: Config | undefined,
  current: Config | undefined,
  comparison?: PolicyComparison,
): EffectiveConfig | undefined {
  const cmp = comparison ?? comparePolicies(baseline, current);
  if (!cmp.loosenings.length) return current;
  const base = baseline ?? {};
  const cur = current ?? {};
  const out: EffectiveConfig = {};
  if (cur.$schema) out.$schema = cur.$schema;
  const rules = effectiveRules(base, cur);
  if (rules) out.rules = rules;
  const keepGuess = !isProductionConfigured(base) && isProductionConfigured(cur);
  const candidate = effectiveEnvironments(base, cur);
  // Environments that would still let a command land somewhere less gated than the confirmed ones put it: the confirmed ones hold.
  const moves = ungatingMoves(
    base,
    { environments: candidate, ...(keepGuess ? { [KEEP_PRODUCTION_GUESS]: true as const } : {}) },
    rules,
    1,
  );
  const environments = moves.length ? base.environments : candidate;
  if (environments) out.environments = environments;
  const protectedPaths = union(cur.protectedPaths, base.protectedPaths);
  if (protectedPaths) out.protectedPaths = protectedPaths;
  if (base.thresholds || cur.thresholds) {
    const bt = { ...DEFAULT_THRESHOLDS, ...base.thresholds };
    const ct = { ...DEFAULT_THRESHOLDS, ...cur.thresholds };
    // Each minimum comes from a valid pair (ask < deny), so ask stays below deny.
    out.thresholds = { ask: Math.min(bt.ask, ct.ask), deny: Math.min(bt.deny, ct.deny) };
  }
  if (base.rateLimit || cur.rateLimit) {
    const br = { ...DEFAULT_RATE_LIMIT, ...base.rateLimit };
    const cr = { ...DEFAULT_RATE_LIMIT, ...cur.rateLimit };
    out.rateLimit = {
      maxGated: Math.min(br.maxGated, cr.maxGated),
      windowSeconds: Math.max(br.windowSeconds, cr.windowSeconds),
    };
  }
  if (base.mode === 'monitor' && cur.mode === 'monitor') out.mode = 'monitor';
  else if (cur.mode || base.mode) out.mode = 'enforce';
  if (keepGuess && environments !== base.environments) out[KEEP_PRODUCTION_GUESS] = true;
  return out;
}

/**
 * What a human confirms by writing `after` over `before` themselves ("Always
 * allow" adds one rule): the confirmed `baseline` plus the rules the write
 * added — and nothing else the file held. A loosening an agent put into the
 * file earlier, still waiting for review, is not confirmed along with the
 * human's rule.
 */
export function withHumanRules(
  baseline: Config | undefined,
  before: Config | undefined,
  after: Config | undefined,
): Config {
  const had = new Set((before?.rules ?? []).map(ruleKey));
  const confirmed = new Set((baseline?.rules ?? []).map(ruleKey));
  const added = (after?.rules ?? []).filter((r) => !had.has(ruleKey(r)) && !confirmed.has(ruleKey(r)));
  const out: Config = { ...baseline };
  const rules = [...(baseline?.rules ?? []), ...added];
  if (rules.length) out.rules = rules;
  return out;
}
