// Which environment a command targets decides which rules gate it; a change
// to the environments that moves a command somewhere less gated is a
// loosening. Checked on the cases a review found, and as a property over
// generated baselines and changes: under the policy that holds, no command's
// decision is looser than under the one a human confirmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Config, EnvironmentConfig, Rule } from '../../../src/core/config/schema';
import { evaluate } from '../../../src/core/engine';
import { comparePolicies, effectiveConfig } from '../../../src/core/policy';
import { ungatingMoves } from '../../../src/core/policy/envMoves';
import type { Decision } from '../../../src/core/types';

const HOME = '/home/u';
const WS = '/home/u/code/app';
const STRICT: Record<Decision, number> = { allow: 0, ask: 1, deny: 2 };

function decide(command: string, config: Config | undefined): Decision {
  return evaluate(
    { command },
    { workspace: WS, home: HOME, config, env: { HOME, PATH: '/usr/bin:/bin' }, readFile: () => undefined },
  ).decision;
}

test('a non-production environment added ahead of one a deny rule covers is a loosening, and the deny keeps holding', () => {
  const baseline: Config = {
    environments: { staging: { hosts: ['db.staging.acme'] } },
    rules: [{ match: 'psql *', decision: 'deny', environments: ['staging'] }],
  };
  const cmd = 'psql -h db.staging.acme -c "SELECT 1"';
  assert.equal(decide(cmd, baseline), 'deny');
  const added: Config = {
    ...baseline,
    environments: { dev: { hosts: ['db.*'] }, staging: { hosts: ['db.staging.acme'] } },
  };
  assert.equal(decide(cmd, added), 'allow', "the file alone moves the command out of the deny rule's reach");
  const cmp = comparePolicies(baseline, added);
  assert.deepEqual(
    cmp.loosenings.map((l) => l.path),
    ['environments'],
  );
  assert.match(
    cmp.loosenings[0].summary,
    /commands the confirmed policy puts in "staging" land in "dev", out of reach of deny rule `psql \*` \(scoped to staging\)/,
  );
  assert.equal(decide(cmd, effectiveConfig(baseline, added, cmp)), 'deny');

  // Only the order changed.
  const two: Config = {
    environments: { staging: { hosts: ['db.staging.acme'] }, dev: { hosts: ['db.*'] } },
    rules: baseline.rules,
  };
  const reordered: Config = {
    environments: { dev: { hosts: ['db.*'] }, staging: { hosts: ['db.staging.acme'] } },
    rules: baseline.rules,
  };
  assert.equal(decide(cmd, two), 'deny');
  assert.equal(decide(cmd, reordered), 'allow');
  assert.equal(comparePolicies(two, reordered).loosenings.length, 1);
  assert.equal(decide(cmd, effectiveConfig(two, reordered)), 'deny');
});

test("moving commands into production, or into an allow rule's environment, can loosen too; a plain new production host still tightens", () => {
  // A production environment that takes staging's host: a read in production is routine, staging's deny rule no longer applies.
  const staging: Config = {
    environments: { staging: { hosts: ['db.staging.acme'] }, prod: { production: true, hosts: ['db.acme.io'] } },
    rules: [{ match: 'psql *', decision: 'deny', environments: ['staging'] }],
  };
  const stolen: Config = {
    ...staging,
    environments: {
      staging: { hosts: ['db.staging.acme'] },
      prod: { production: true, hosts: ['db.acme.io', 'db.staging.acme'] },
    },
  };
  const read = 'psql -h db.staging.acme -c "SELECT 1"';
  assert.equal(decide(read, stolen), 'allow');
  assert.notEqual(comparePolicies(staging, stolen).loosenings.length, 0);
  assert.equal(decide(read, effectiveConfig(staging, stolen)), 'deny');

  // An allow rule scoped to production reaches a host added to production.
  const deploy: Config = {
    environments: { prod: { production: true, hosts: ['db.acme.io'] } },
    rules: [{ match: 'psql *', decision: 'allow', environments: ['prod'] }],
  };
  const widened: Config = {
    ...deploy,
    environments: { prod: { production: true, hosts: ['db.acme.io', 'db.other.acme'] } },
  };
  const drop = 'psql -h db.other.acme -c "DROP TABLE users"';
  assert.notEqual(decide(drop, deploy), 'allow');
  assert.equal(decide(drop, widened), 'allow');
  assert.match(
    comparePolicies(deploy, widened)
      .loosenings.map((l) => l.summary)
      .join('\n'),
    /land in "prod", into allow rule `psql \*` \(scoped to prod\)/,
  );
  assert.notEqual(decide(drop, effectiveConfig(deploy, widened)), 'allow');

  // Without rules scoped to environments, a new production host only adds a gate: it applies at once.
  const plain: Config = {
    environments: { prod: { production: true, hosts: ['db.acme.io'] }, staging: { hosts: ['*.staging.acme'] } },
  };
  const more: Config = {
    environments: {
      prod: { production: true, hosts: ['db.acme.io', 'db.staging.acme'] },
      staging: { hosts: ['*.staging.acme'] },
    },
  };
  const cmp = comparePolicies(plain, more);
  assert.deepEqual(cmp.loosenings, []);
  assert.equal(effectiveConfig(plain, more, cmp), more);
  const now = evaluate(
    { command: 'psql -h db.staging.acme -c "DELETE FROM users WHERE id = 1"' },
    { workspace: WS, home: HOME, config: effectiveConfig(plain, more, cmp), env: { HOME }, readFile: () => undefined },
  );
  assert.equal(now.environment.production, true);
  assert.notEqual(now.decision, 'allow');
});

/** Deterministic PRNG (mulberry32): a failure names its seed and replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = ['db.staging.acme', 'db.dev.acme', 'api.acme', 'pg.prod.internal', 'localhost'];
const PATTERNS = [...HOSTS, '*.acme', 'db.*', '*staging*', '*prod*', '*'];
const NAMES = ['staging', 'dev', 'qa', 'live', 'production'];
const MATCHES = ['psql *', 'curl *', 'psql -h *'];
const DECISIONS: Rule['decision'][] = ['allow', 'ask', 'deny'];

const COMMANDS: string[] = [];
for (const h of HOSTS) {
  COMMANDS.push(
    `psql -h ${h} -c "SELECT 1"`,
    `psql -h ${h} -c "DROP TABLE users"`,
    `curl -X DELETE https://${h}/v1/things/1`,
    `curl https://${h}/status`,
  );
  for (const h2 of HOSTS) if (h2 !== h) COMMANDS.push(`curl -X POST https://${h}/a https://${h2}/b`);
  COMMANDS.push(`DATABASE_URL=postgres://app@${h}/shop psql -c "TRUNCATE orders"`);
  // Variables an environment may name, and databases named for tests (weighed as disposable on this machine).
  COMMANDS.push(
    `APP_DB=postgres://app@${h}/app_test psql "$APP_DB" -c "DROP TABLE users"`,
    `STAGE=staging psql -h ${h} -c "DELETE FROM users"`,
  );
}

function generate(r: () => number): { baseline: Config; current: Config } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => r() < p);
  const env = (): EnvironmentConfig => {
    const e: EnvironmentConfig = { hosts: some(PATTERNS, 0.25) };
    if (!e.hosts!.length) e.hosts = [pick(PATTERNS)];
    if (r() < 0.2) e.production = true;
    if (r() < 0.25)
      e.env = {
        [pick(['DATABASE_URL', 'APP_DB', 'STAGE'])]: pick(['*staging*', '*prod*', '*acme*', '*localhost*', '*']),
      };
    return e;
  };
  const environments: Record<string, EnvironmentConfig> = {};
  for (const name of some(NAMES, 0.5)) environments[name] = env();
  const names = Object.keys(environments);
  const rule = (): Rule => {
    const out: Rule = { match: pick(MATCHES), decision: pick(DECISIONS) };
    const scope = names.length && r() < 0.8 ? some(names, 0.4) : [];
    if (scope.length) out.environments = scope;
    return out;
  };
  const baseline: Config = { environments, rules: Array.from({ length: 1 + Math.floor(r() * 3) }, rule) };

  // The change: environments added (anywhere), reordered, widened, narrowed, renamed, re-flagged; sometimes a rule too.
  let entries = Object.entries(structuredClone(environments));
  const changes = 1 + Math.floor(r() * 3);
  for (let i = 0; i < changes; i++) {
    const what = Math.floor(r() * 6);
    if (what === 0) {
      const free = NAMES.filter((n) => !entries.some(([k]) => k === n));
      if (free.length) entries.splice(Math.floor(r() * (entries.length + 1)), 0, [pick(free), env()]);
    } else if (what === 1 && entries.length > 1) {
      entries = entries.sort(() => r() - 0.5);
    } else if (what === 2 && entries.length) {
      const e = pick(entries)[1];
      e.hosts = [...new Set([...(e.hosts ?? []), pick(PATTERNS)])];
    } else if (what === 3 && entries.length) {
      const e = pick(entries)[1];
      e.hosts = (e.hosts ?? []).slice(1);
    } else if (what === 4 && entries.length) {
      const e = pick(entries)[1];
      e.production = !e.production;
    } else if (what === 5 && entries.length) {
      entries.splice(Math.floor(r() * entries.length), 1);
    }
  }
  const current: Config = { environments: Object.fromEntries(entries), rules: structuredClone(baseline.rules) };
  if (r() < 0.3) current.rules = [...current.rules!, rule()];
  return { baseline, current };
}

test('property: under the policy that holds, no command is judged looser than under the confirmed one (added, reordered, overlapping environments)', () => {
  const SEEDS = Number(process.env.AGENTGUARD_PROPERTY_SEEDS ?? 400);
  let changedSomething = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { baseline, current } = generate(rng(seed));
    const effective = effectiveConfig(baseline, current);
    for (const command of COMMANDS) {
      const before = decide(command, baseline);
      const now = decide(command, effective);
      assert.ok(
        STRICT[now] >= STRICT[before],
        `seed ${seed}: \`${command}\` was ${before} under the confirmed policy, ${now} under the one that holds\nconfirmed: ${JSON.stringify(baseline)}\nfile: ${JSON.stringify(current)}`,
      );
      if (decide(command, current) !== before) changedSomething++;
    }
  }
  // The generator does reach changes that matter (otherwise the property is empty).
  assert.ok(changedSomething > 200, `only ${changedSomething} decisions changed between confirmed and written files`);
});

test('the moves themselves: out of production, past a deny rule, into an allow rule; nothing for an unchanged or a narrowing-only list', () => {
  const prod: Config = { environments: { prod: { production: true, hosts: ['db.acme.io'] } } };
  assert.deepEqual(
    ungatingMoves(prod, { environments: {} }, []).map((m) => [m.from, m.to, m.why]),
    [
      ['prod', 'local', 'out of production'],
      ['prod', 'unknown', 'out of production'],
    ],
  );
  assert.deepEqual(ungatingMoves(prod, prod, []), []);
  const gated: Config = {
    environments: { a: { hosts: ['x'] }, b: { hosts: ['y'] } },
    rules: [{ match: 'psql *', decision: 'ask', environments: ['b'] }],
  };
  assert.deepEqual(ungatingMoves(gated, gated, gated.rules), []);
  // b stops recognising y: its commands fall through to unknown, out of the ask rule's reach.
  assert.deepEqual(
    ungatingMoves(gated, { environments: { a: { hosts: ['x'] }, b: { hosts: [] } } }, gated.rules).map(
      (m) => `${m.from}>${m.to}`,
    ),
    ['b>local', 'b>unknown'],
  );
  // The same rule covering both places: moving between them ungates nothing.
  const both: Config = {
    environments: { a: { hosts: ['x'] }, b: { hosts: ['y'] } },
    rules: [{ match: 'psql *', decision: 'ask', environments: ['a', 'b'] }],
  };
  assert.deepEqual(
    ungatingMoves(both, { environments: { b: { hosts: ['y'] }, a: { hosts: ['x', 'y'] } } }, both.rules),
    [],
  );
});
