// Which environment a command targets decides which workspace rules apply to
// it (a rule's `environments`), whether it is a production write, and
// whether an allow rule lifts that gate. So a change to the environments
// — one added, reordered, widened, narrowed or removed — can move commands
// from one environment to another, and a move can ungate them: out of an
// environment a deny rule covers, out of production, or into one an allow
// rule covers. This finds the moves a change makes possible and the ones
// that would loosen, so they wait for a human like any other loosening.
//
// "Possible" is judged from the patterns alone, without asking whether two
// globs can match the same text: a command carries many clues at once (a
// URL, a variable, a kube context), and an agent writes the command.
import { KEEP_PRODUCTION_GUESS, type EffectiveConfig } from '../config/effective';
import type { Rule } from '../config/schema';

const STRICTNESS: Record<Rule['decision'], number> = { allow: 0, ask: 1, deny: 2 };
const LIST_FIELDS = ['hosts', 'kubeContexts', 'namespaces', 'awsProfiles', 'gcloudProjects', 'databases'] as const;

/** One place the environment matcher can put a command, in the order it tries them (environment/match.ts). */
interface Place {
  /** A configured environment, or one of the matcher's own places. */
  kind: 'env' | 'guess' | 'local' | 'unknown';
  name: string;
  production: boolean;
  /** What recognises it: `hosts db.acme.io`, `env NODE_ENV=production`, or a token for the built-in places. */
  ident: Set<string>;
  /** Where everything nothing else recognised ends up. */
  catchAll?: boolean;
}

export interface EnvironmentMove {
  from: string;
  to: string;
  /** Why the move ungates: one clause. */
  why: string;
}

function identityOf(e: NonNullable<EffectiveConfig['environments']>[string]): Set<string> {
  const out = new Set<string>();
  for (const field of LIST_FIELDS) for (const v of e[field] ?? []) out.add(`${field} ${v}`);
  for (const [k, v] of Object.entries(e.env ?? {})) out.add(`env ${k}=${v}`);
  return out;
}

/** The matcher's order: production environments, the built-in production guess, the others, then local and unknown. */
function places(config: EffectiveConfig | undefined): Place[] {
  const envs = Object.entries(config?.environments ?? {});
  const production = envs.filter(([, e]) => e.production === true);
  const guess = production.length === 0 || config?.[KEEP_PRODUCTION_GUESS] === true;
  return [
    ...production.map(([name, e]): Place => ({ kind: 'env', name, production: true, ident: identityOf(e) })),
    ...(guess
      ? [
          {
            kind: 'guess',
            name: 'production',
            production: true,
            ident: new Set(['(names that say production)']),
          } as Place,
        ]
      : []),
    ...envs
      .filter(([, e]) => e.production !== true)
      .map(([name, e]): Place => ({ kind: 'env', name, production: false, ident: identityOf(e) })),
    { kind: 'local', name: 'local', production: false, ident: new Set(['(this machine)']) },
    { kind: 'unknown', name: 'unknown', production: false, ident: new Set<string>(), catchAll: true },
  ];
}

const sameEnv = (a: Place, b: Place) => a.kind === b.kind && a.name === b.name && a.production === b.production;
const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => b.has(x));

/**
 * Can a command the confirmed policy puts in `a` land in `b` under the new
 * one? Only if nothing before `b` still takes it — `a` comes after `b` now,
 * or lost what recognised the command — and the confirmed policy did not
 * already try `b` first, unless `b` gained a way to recognise it.
 */
function canMove(a: Place, b: Place, before: readonly Place[], after: readonly Place[]): boolean {
  if (sameEnv(a, b)) return false;
  const aNow = after.findIndex((p) => sameEnv(p, a));
  const bNow = after.findIndex((p) => sameEnv(p, b));
  const aThen = before.findIndex((p) => sameEnv(p, a));
  const bThen = before.findIndex((p) => sameEnv(p, b));
  const aLost = aNow === -1 || !subset(a.ident, after[aNow].ident);
  if (b.catchAll) return aLost;
  if (!b.ident.size) return false;
  if (a.catchAll) {
    // Nothing the confirmed policy knew recognised the command: only a way of recognising it that is new anywhere can.
    return [...b.ident].some((x) => !before.some((p) => p.ident.has(x)));
  }
  const stillTakenByA = aNow !== -1 && aNow < bNow && !aLost;
  if (stillTakenByA) return false;
  const bGained = bThen === -1 || !subset(b.ident, before[bThen].ident);
  const triedBFirst = bThen !== -1 && bThen < aThen;
  return !triedBFirst || bGained;
}

const appliesIn = (r: Rule, env: string) => !r.environments || r.environments.includes(env);

/**
 * Why moving a command from `a` (confirmed rules) to `b` (rules that would
 * hold) could ungate it, or undefined when it cannot: every gate rule that
 * covered it in `a` must cover it in `b` at least as strictly, and every
 * allow rule scoped to `b` must have covered it in `a`.
 */
function ungates(a: Place, b: Place, rulesBefore: readonly Rule[], rulesAfter: readonly Rule[]): string | undefined {
  if (a.production && !b.production) return `out of production`;
  for (const r of rulesBefore) {
    if (r.decision === 'allow' || !r.environments?.includes(a.name)) continue;
    const kept = rulesAfter.some(
      (x) => x.match === r.match && STRICTNESS[x.decision] >= STRICTNESS[r.decision] && appliesIn(x, b.name),
    );
    if (!kept) return `out of reach of ${r.decision} rule \`${r.match}\` (scoped to ${a.name})`;
  }
  for (const x of rulesAfter) {
    if (x.decision !== 'allow' || !x.environments?.includes(b.name)) continue;
    const had = rulesBefore.some(
      (r) => r.decision === 'allow' && r.match === x.match && r.environments?.includes(a.name),
    );
    if (!had) return `into allow rule \`${x.match}\` (scoped to ${b.name})`;
  }
  return undefined;
}

/** Moves from the confirmed environments to `after`'s that could ungate a command (at most `limit`). */
export function ungatingMoves(
  before: EffectiveConfig | undefined,
  after: EffectiveConfig | undefined,
  rulesAfter: readonly Rule[] | undefined,
  limit = 5,
): EnvironmentMove[] {
  const then = places(before);
  const now = places(after);
  const out: EnvironmentMove[] = [];
  for (const a of then) {
    for (const b of now) {
      if (!canMove(a, b, then, now)) continue;
      const why = ungates(a, b, before?.rules ?? [], rulesAfter ?? []);
      if (why) out.push({ from: a.name, to: b.name, why });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
