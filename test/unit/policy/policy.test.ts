// A policy that gets looser without a human does not take effect: what counts
// as loosening and tightening, and the policy that holds meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Config } from '../../../src/core/config/schema';
import { evaluate } from '../../../src/core/engine';
import {
  baselineFile,
  comparePolicies,
  effectiveConfig,
  guardedPolicy,
  KEEP_PRODUCTION_GUESS,
  readBaseline,
  writeBaseline,
} from '../../../src/core/policy';

const paths = (cs: { path: string }[]) => cs.map((c) => c.path);

test('no file on either side, or the same file: nothing changes and the current config is used as is', () => {
  assert.deepEqual(comparePolicies(undefined, undefined), { loosenings: [], tightenings: [] });
  const c: Config = { rules: [{ match: 'npm run db:reset', decision: 'allow' }] };
  assert.deepEqual(comparePolicies(c, structuredClone(c)), { loosenings: [], tightenings: [] });
  assert.equal(effectiveConfig(c, c), c);
});

test('each kind of loosening is named with its JSON path and a sentence', () => {
  const baseline: Config = {
    environments: {
      production: { production: true, hosts: ['db.acme.io', '*.prod.acme'], env: { NODE_ENV: 'production' } },
      prod2: { production: true },
    },
    rules: [
      { match: 'git push *', decision: 'deny' },
      { match: 'terraform apply *', decision: 'ask' },
      { match: 'rm -rf dist', decision: 'ask' },
    ],
    protectedPaths: ['migrations/**'],
    thresholds: { ask: 40, deny: 90 },
    rateLimit: { maxGated: 5, windowSeconds: 10 },
  };
  const current: Config = {
    mode: 'monitor',
    environments: { production: { production: true, hosts: ['db.acme.io'] } },
    rules: [
      { match: 'rm -rf *', decision: 'allow' },
      { match: 'terraform apply *', decision: 'allow' },
      { match: 'rm -rf dist', decision: 'ask' },
    ],
    thresholds: { ask: 60, deny: 95 },
    rateLimit: { maxGated: 50, windowSeconds: 2 },
  };
  const { loosenings, tightenings } = comparePolicies(baseline, current);
  assert.deepEqual(tightenings, []);
  assert.deepEqual(
    paths(loosenings).sort(),
    [
      'environments.prod2',
      'environments.production.env.NODE_ENV',
      'environments.production.hosts',
      'mode',
      'protectedPaths[0]',
      'rateLimit.maxGated',
      'rateLimit.windowSeconds',
      'rules[0]',
      'rules[0]',
      'rules[1].decision',
      'thresholds.ask',
      'thresholds.deny',
    ].sort(),
  );
  const text = loosenings.map((l) => l.summary).join('\n');
  assert.match(text, /allow rule `rm -rf \*` \(rules\[0\]\)/);
  assert.match(text, /deny rule `git push \*` removed \(was rules\[0\]\)/);
  assert.match(text, /rule `terraform apply \*` changed from ask to allow \(rules\[1\]\.decision\)/);
  assert.match(text, /protected path "migrations\/\*\*" removed/);
  assert.match(text, /"\*\.prod\.acme" removed from hosts of production environment "production"/);
  assert.match(text, /production environment "prod2" removed/);
  assert.match(text, /mode "monitor"/);
});

test('each kind of tightening is named, and applies at once', () => {
  const baseline: Config = {
    mode: 'monitor',
    rules: [
      { match: 'npm test', decision: 'allow' },
      { match: 'git push *', decision: 'ask' },
    ],
    thresholds: { ask: 50, deny: 95 },
    rateLimit: { maxGated: 9, windowSeconds: 5 },
  };
  const current: Config = {
    rules: [
      { match: 'git push *', decision: 'deny' },
      { match: 'psql *', decision: 'ask' },
    ],
    protectedPaths: ['docs/legal/**'],
    thresholds: { ask: 30, deny: 80 },
    rateLimit: { maxGated: 3, windowSeconds: 30 },
  };
  const { loosenings, tightenings } = comparePolicies(baseline, current);
  assert.deepEqual(loosenings, []);
  assert.deepEqual(
    paths(tightenings).sort(),
    [
      'mode',
      'protectedPaths[0]',
      'rateLimit.maxGated',
      'rateLimit.windowSeconds',
      'rules[0]',
      'rules[0].decision',
      'rules[1]',
      'thresholds.ask',
      'thresholds.deny',
    ].sort(),
  );
  assert.equal(effectiveConfig(baseline, current), current);
});

test("a cloned repository's monitor mode and allow rules loosen the built-in defaults and stay inactive", () => {
  const cloned: Config = {
    mode: 'monitor',
    rules: [
      { match: 'rm -rf ~', decision: 'allow' },
      { match: 'git push *', decision: 'deny' },
    ],
  };
  const cmp = comparePolicies(undefined, cloned);
  assert.deepEqual(paths(cmp.loosenings), ['mode', 'rules[0]']);
  const eff = effectiveConfig(undefined, cloned);
  assert.deepEqual(eff, { rules: [{ match: 'git push *', decision: 'deny' }], mode: 'enforce' });
  const home = '/home/u';
  const r = evaluate({ command: 'rm -rf ~' }, { workspace: '/home/u/code/x', home, config: eff, env: { HOME: home } });
  assert.notEqual(r.decision, 'allow');
  assert.equal(
    evaluate({ command: 'rm -rf ~' }, { workspace: '/home/u/code/x', home, config: cloned, env: { HOME: home } })
      .decision,
    'allow',
  );
});

test('a mixed file: tightenings apply, loosenings keep the confirmed entry', () => {
  const baseline: Config = {
    rules: [
      { match: 'git push *', decision: 'deny', reason: 'CI' },
      { match: 'npm run seed', decision: 'allow' },
    ],
    protectedPaths: ['a/**'],
    thresholds: { ask: 40, deny: 90 },
    rateLimit: { maxGated: 5, windowSeconds: 10 },
  };
  const current: Config = {
    rules: [
      { match: 'git push *', decision: 'ask' },
      { match: 'npm run seed', decision: 'allow' },
      { match: 'curl *', decision: 'deny' },
      { match: 'make deploy', decision: 'allow' },
    ],
    protectedPaths: ['b/**'],
    thresholds: { ask: 30, deny: 95 },
    rateLimit: { maxGated: 8, windowSeconds: 20 },
  };
  const eff = effectiveConfig(baseline, current)!;
  assert.deepEqual(eff.rules, [
    { match: 'git push *', decision: 'deny', reason: 'CI' },
    { match: 'npm run seed', decision: 'allow' },
    { match: 'curl *', decision: 'deny' },
  ]);
  assert.deepEqual(eff.protectedPaths, ['b/**', 'a/**']);
  assert.deepEqual(eff.thresholds, { ask: 30, deny: 90 });
  assert.deepEqual(eff.rateLimit, { maxGated: 5, windowSeconds: 20 });
});

test('a deleted file is a loosening of every confirmed deny rule and protected path', () => {
  const baseline: Config = { rules: [{ match: 'git push *', decision: 'deny' }], protectedPaths: ['migrations/**'] };
  const cmp = comparePolicies(baseline, undefined);
  assert.deepEqual(paths(cmp.loosenings), ['rules[0]', 'protectedPaths[0]']);
  assert.deepEqual(effectiveConfig(baseline, undefined), {
    rules: [{ match: 'git push *', decision: 'deny' }],
    protectedPaths: ['migrations/**'],
  });
});

test('naming a production environment keeps the built-in guess on until confirmed', () => {
  const current: Config = { environments: { production: { production: true, hosts: ['db.acme.io'] } } };
  const cmp = comparePolicies(undefined, current);
  assert.deepEqual(paths(cmp.loosenings), ['environments']);
  assert.deepEqual(paths(cmp.tightenings), ['environments.production']);
  const eff = effectiveConfig(undefined, current)!;
  assert.equal(eff[KEEP_PRODUCTION_GUESS], true);
  const ws = '/home/u/code/x';
  const opts = (config: Config | undefined) => ({ workspace: ws, home: '/home/u', config, env: { HOME: '/home/u' } });
  // The guess: a host named prod is production. The file alone turns that off; the effective policy does not.
  const cmd = 'psql postgres://app@pg.prod.internal/app -c "DELETE FROM users WHERE id = 1"';
  assert.equal(evaluate({ command: cmd }, opts(current)).environment.production, false);
  assert.equal(evaluate({ command: cmd }, opts(eff)).environment.production, true);
  // And the newly named production host counts at once.
  assert.equal(
    evaluate({ command: 'psql postgres://db.acme.io/app -c "DELETE FROM t WHERE id = 1"' }, opts(eff)).environment
      .production,
    true,
  );
  // Once confirmed, the guess is off as the file says.
  assert.equal(effectiveConfig(current, current), current);
});

test('production environment merges keep the confirmed identity and add the new one', () => {
  const baseline: Config = {
    environments: {
      prod: { production: true, hosts: ['a.prod'], env: { DATABASE_URL: '*prod*' } },
      staging: { hosts: ['s'] },
    },
  };
  const current: Config = {
    environments: {
      prod: { production: false, hosts: ['b.prod'], env: { DATABASE_URL: '*' } },
      staging: { hosts: ['s2'] },
    },
  };
  const eff = effectiveConfig(baseline, current)!;
  assert.deepEqual(eff.environments, {
    prod: { production: true, hosts: ['a.prod', 'b.prod'], env: { DATABASE_URL: '*prod*' } },
    staging: { hosts: ['s2'] },
  });
});

test('the baseline lives in the state folder, is read only when it is a regular file, and drives the guarded policy', () => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-policy-'));
  try {
    const ws = path.join(state, 'ws');
    const cloned: Config = { mode: 'monitor', rules: [{ match: 'rm -rf ~', decision: 'allow' }] };
    assert.equal(readBaseline(state, ws), undefined);
    let g = guardedPolicy(state, ws, cloned);
    assert.equal(g.pending.length, 2);
    assert.notEqual(g.config, cloned);
    assert.deepEqual(guardedPolicy(state, ws, undefined), { config: undefined, pending: [] });

    const file = writeBaseline(state, ws, JSON.stringify(cloned), cloned);
    assert.equal(file, baselineFile(state, ws));
    assert.match(path.basename(file), /^[0-9a-f]{64}\.json$/);
    assert.equal(readBaseline(state, ws)?.text, JSON.stringify(cloned));
    g = guardedPolicy(state, ws, cloned);
    assert.deepEqual(g.pending, []);
    assert.equal(g.config, cloned);
    // Another workspace's baseline does not count.
    assert.equal(readBaseline(state, path.join(state, 'other')), undefined);

    // A FIFO, a symlink or garbage in its place: no baseline (the strict side), and no hang.
    fs.rmSync(file);
    fs.symlinkSync('/dev/zero', file);
    assert.equal(readBaseline(state, ws), undefined);
    fs.rmSync(file);
    fs.writeFileSync(file, '{"version":1');
    assert.equal(readBaseline(state, ws), undefined);
    fs.rmSync(file);
    if (process.platform !== 'win32') {
      execFileSync('mkfifo', [file]);
      assert.equal(readBaseline(state, ws), undefined);
    }
  } finally {
    fs.rmSync(state, { recursive: true, force: true });
  }
});

test('a rule scoped to a non-production environment: widening it for an allow rule or narrowing it for a gate is a loosening', () => {
  const baseline: Config = {
    environments: { staging: { hosts: ['*.staging.acme'] }, qa: { hosts: ['qa.acme', 'qa2.acme'] } },
    rules: [
      { match: 'psql *', decision: 'allow', environments: ['staging'] },
      { match: 'rm -rf *', decision: 'deny', environments: ['qa'] },
    ],
  };
  const current: Config = {
    environments: { staging: { hosts: ['*.staging.acme', '*'] }, qa: { hosts: ['qa.acme'] } },
    rules: baseline.rules,
  };
  const cmp = comparePolicies(baseline, current);
  assert.deepEqual(paths(cmp.loosenings).sort(), ['environments.qa', 'environments.staging']);
  assert.match(
    cmp.loosenings.map((l) => l.summary).join('\n'),
    /environment "staging" recognised by more \(hosts \*\), widening allow rule `psql \*` in staging/,
  );
  assert.deepEqual(effectiveConfig(baseline, current)!.environments, baseline.environments);
  // Without a rule scoped to it, an environment's identity only names things.
  const unscoped = comparePolicies(
    { environments: { staging: { hosts: ['a'] } } },
    { environments: { staging: { hosts: ['b'] } } },
  );
  assert.deepEqual(unscoped, { loosenings: [], tightenings: [] });
});
