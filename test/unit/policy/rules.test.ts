import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandGlob, identityGlob } from '../../../src/core/config/glob';
import type { Config, Rule } from '../../../src/core/config/schema';
import { evaluate } from '../../../src/core/engine';
import { matchRules, resolveDecision, type CommandJudgement, type RuleMatch } from '../../../src/core/policy/rules';
import type { Decision, EnvironmentMatch, Finding } from '../../../src/core/types';
import { HOME, WORKSPACE, simple } from '../support/helpers';

const UNKNOWN: EnvironmentMatch = { name: 'unknown', production: false, evidence: [] };
const PROD: EnvironmentMatch = { name: 'production', production: true, evidence: ['host db.prod'] };

const matches = (pattern: string, text: string) => commandGlob(pattern).test(text);

test('rule globs: `*` spans words and characters within words', () => {
  assert.ok(matches('git push *', 'git push origin main'));
  assert.ok(matches('git push *', 'git push --force origin main'));
  assert.ok(matches('rm -rf *', 'rm -rf node_modules dist'));
  assert.ok(matches('git push*', 'git push-mirror x'));
  assert.ok(matches('terraform * -auto-approve', 'terraform apply -var x=1 -auto-approve'));
  assert.ok(matches('kubectl delete *prod*', 'kubectl delete ns payments-prod-eu'));
  assert.ok(!matches('git push *', 'git pull origin'));
  assert.ok(!matches('git push *', 'git pushx'), 'a word-star needs a word boundary before it');
  assert.ok(!matches('git push', 'git push origin'), 'without a wildcard the whole command must match');
});

test('rule globs: a `*` word also matches no words at all', () => {
  assert.ok(matches('git push *', 'git push'));
  assert.ok(matches('git push * --force', 'git push --force'));
  assert.ok(matches('* --force', '--force'));
  assert.ok(matches('* --force', 'git push --force'));
  assert.ok(matches('*', 'anything at all'));
  assert.ok(!matches('* --force', 'git push --forced'));
});

test('rule globs: case-sensitive, `?` is one character, `\\*` is literal, spaces in the pattern are one separator', () => {
  assert.ok(!matches('git push *', 'GIT push x'));
  assert.ok(matches('rm file?.txt', 'rm file1.txt'));
  assert.ok(!matches('rm file?.txt', 'rm file10.txt'));
  assert.ok(matches('echo \\*', 'echo *'));
  assert.ok(!matches('echo \\*', 'echo x'));
  assert.ok(matches('git   push   *', 'git push x'));
});

test('identity globs (hosts, variables, contexts) are case-insensitive and `*` spans dots and slashes', () => {
  assert.ok(identityGlob('*.prod.acme.internal').test('DB1.Prod.acme.internal'));
  assert.ok(identityGlob('*.prod.acme.internal').test('a.b.prod.acme.internal'));
  assert.ok(!identityGlob('*.prod.acme.internal').test('prod.acme.internal'));
  assert.ok(identityGlob('*prod*').test('postgres://u:p@db.prod.acme.io:5432/app'));
  assert.ok(!identityGlob('db.acme.io').test('db.acme.io.evil.com'));
});

function rules(...list: Rule[]): Rule[] {
  return list;
}

test('matchRules: a rule meets the command after unwrapping (`sudo git push x` meets `git push *`)', () => {
  const r = rules({ match: 'git push *', decision: 'deny' });
  const wrapped = simple(['git', 'push', 'x'], { via: ['sudo'], source: 'sudo git push x' });
  assert.deepEqual(
    matchRules(r, wrapped, UNKNOWN).map((m) => m.index),
    [0],
  );
  assert.deepEqual(matchRules(r, simple(['git', 'status']), UNKNOWN), []);
});

test('matchRules: a rule meets a wrapper form in `via` (`npm run db:reset`) and the whole chain (`sudo rm *`)', () => {
  const reset = simple(['prisma', 'migrate', 'reset', '--force'], { via: ['npm run db:reset'] });
  assert.equal(matchRules(rules({ match: 'npm run db:reset', decision: 'allow' }), reset, UNKNOWN).length, 1);
  assert.equal(matchRules(rules({ match: 'npm run db:*', decision: 'allow' }), reset, UNKNOWN).length, 1);
  const sudoRm = simple(['rm', '-rf', 'x'], { via: ['sudo'] });
  assert.equal(matchRules(rules({ match: 'sudo rm *', decision: 'deny' }), sudoRm, UNKNOWN).length, 1);
  assert.equal(
    matchRules(rules({ match: 'sudo rm *', decision: 'deny' }), simple(['rm', '-rf', 'x']), UNKNOWN).length,
    0,
  );
  const overSsh = simple(['rm', '-rf', '/srv'], { via: ['ssh db-prod'], remote: { kind: 'ssh', target: 'db-prod' } });
  assert.equal(matchRules(rules({ match: 'ssh db-prod *', decision: 'deny' }), overSsh, UNKNOWN).length, 1);
});

test('matchRules: `environments` scopes a rule to commands targeting those environments', () => {
  const r = rules(
    { match: 'psql *', decision: 'deny', environments: ['production'] },
    { match: 'psql *', decision: 'allow', environments: ['staging'] },
  );
  const psql = simple(['psql', '-c', 'select 1']);
  assert.deepEqual(
    matchRules(r, psql, PROD).map((m) => m.rule.decision),
    ['deny'],
  );
  assert.deepEqual(
    matchRules(r, psql, { name: 'staging', production: false, evidence: [] }).map((m) => m.rule.decision),
    ['allow'],
  );
  assert.deepEqual(matchRules(r, psql, UNKNOWN), []);
});

test('matchRules: every matching rule comes back, in file order; no rules or no words match nothing', () => {
  const r = rules({ match: 'git *', decision: 'ask' }, { match: 'git push *', decision: 'deny' });
  assert.deepEqual(
    matchRules(r, simple(['git', 'push']), UNKNOWN).map((m) => m.index),
    [0, 1],
  );
  assert.deepEqual(matchRules(undefined, simple(['git', 'push']), UNKNOWN), []);
  assert.deepEqual(matchRules(r, simple([]), UNKNOWN), []);
});

// ---- precedence, on judged commands -------------------------------------------

const decide = (score: number): Decision => (score >= 90 ? 'deny' : score >= 40 ? 'ask' : 'allow');
const finding = (id: string, severity: number): Finding => ({ id, summary: id, severity });
const rm = (index: number, rule: Rule): RuleMatch => ({ index, rule });
const judged = (
  findings: Finding[],
  matched: RuleMatch[] = [],
  environment: EnvironmentMatch = UNKNOWN,
): CommandJudgement => ({ findings, matches: matched, environment });
const resolve = (commands: CommandJudgement[], killSwitch = false) =>
  resolveDecision({ commands, lineFindings: [], killSwitch, decide });

const DENY = rm(0, { match: 'git push *', decision: 'deny' });
const ASK = rm(1, { match: 'terraform *', decision: 'ask' });
const ALLOW = rm(2, { match: 'npm run *', decision: 'allow' });
const ALLOW_EXACT = rm(3, { match: 'rm backups/old.sql', decision: 'allow' });
const ALLOW_PROD = rm(4, { match: 'prisma migrate *', decision: 'allow', environments: ['production'] });

test('precedence: a deny rule beats the kill switch and everything else', () => {
  const r = resolve([judged([], [ALLOW, DENY])], true);
  assert.equal(r.decision, 'deny');
  assert.equal(r.by, 'deny-rule');
  assert.equal(r.rule, DENY);
});

test('precedence: the kill switch beats ask and allow rules', () => {
  const r = resolve([judged([], [ALLOW])], true);
  assert.deepEqual([r.decision, r.by, r.rule], ['deny', 'kill-switch', undefined]);
  assert.equal(resolve([judged([], [ASK])], true).by, 'kill-switch');
});

test('precedence: an ask rule beats allow rules and the score, a deny score included', () => {
  assert.deepEqual(
    [resolve([judged([], [ASK, ALLOW])]).decision, resolve([judged([], [ASK, ALLOW])]).by],
    ['ask', 'ask-rule'],
  );
  assert.equal(resolve([judged([finding('cloud.destroy', 95)], [ASK])]).decision, 'ask');
  assert.equal(resolve([judged([], [ASK])]).decision, 'ask', 'asks even when nothing scored');
});

test('precedence: an allow rule beats the score', () => {
  const r = resolve([judged([finding('orm.reset', 95)], [ALLOW])]);
  assert.deepEqual([r.decision, r.by, r.rule], ['allow', 'allow-rule', ALLOW]);
  assert.equal(resolve([judged([finding('orm.reset', 95)])]).decision, 'deny');
});

test('precedence: with no rule the score decides', () => {
  assert.equal(resolve([judged([finding('x', 39)])]).decision, 'allow');
  assert.equal(resolve([judged([finding('x', 40)])]).decision, 'ask');
  assert.equal(resolve([judged([finding('x', 90)])]).by, 'score');
});

test('an allow rule with a wildcard does not lift a protected path; an exact one does', () => {
  const guarded = [finding('path.protected', 70), finding('fs.rm', 50)];
  const wild = resolve([judged(guarded, [ALLOW])]);
  assert.equal(wild.decision, 'ask');
  assert.equal(wild.effectiveScore, 70, 'the other findings are lifted, the gate stays');
  assert.equal(resolve([judged(guarded, [ALLOW_EXACT])]).decision, 'allow');
});

test('an allow rule lifts a production write only when its `environments` names that environment', () => {
  const prodWrite = [finding('env.production-write', 70)];
  assert.equal(resolve([judged(prodWrite, [ALLOW], PROD)]).decision, 'ask');
  assert.equal(
    resolve([judged(prodWrite, [ALLOW_EXACT], PROD)]).decision,
    'ask',
    'an exact match alone does not name production',
  );
  assert.equal(resolve([judged(prodWrite, [ALLOW_PROD], PROD)]).decision, 'allow');
  const eu: EnvironmentMatch = { name: 'production-eu', production: true, evidence: [] };
  assert.equal(
    resolve([judged(prodWrite, [ALLOW_PROD], eu)]).decision,
    'ask',
    'naming another environment lifts nothing',
  );
});

test("no allow rule lifts AgentGuard's own files", () => {
  const own = [finding('path.agentguard', 80)];
  assert.equal(resolve([judged(own, [ALLOW_EXACT])]).decision, 'ask');
  assert.equal(resolve([judged([finding('path.agentguard', 95)], [ALLOW_EXACT, ALLOW])]).decision, 'deny');
});

test('an allow rule works per command: the other commands of the line are still judged', () => {
  // `npm run db:reset && echo done`: the rule covers the reset, echo scores nothing.
  assert.equal(resolve([judged([finding('orm.reset', 70)], [ALLOW]), judged([])]).decision, 'allow');
  // `npm run x && rm -rf ~`: the rule does not cover the second command.
  assert.equal(resolve([judged([], [ALLOW]), judged([finding('fs.rm-home', 95)])]).decision, 'deny');
});

test('line findings (unparseable text, code fetched and run) are never lifted', () => {
  const r = resolveDecision({
    commands: [judged([], [ALLOW])],
    lineFindings: [finding('parse.unparseable', 60)],
    killSwitch: false,
    decide,
  });
  assert.equal(r.decision, 'ask');
});

// ---- the same, through the engine ------------------------------------------------

const config: Config = {
  environments: {
    production: { production: true, hosts: ['*.prod.acme.internal'] },
    staging: { hosts: ['*.staging.acme.internal'] },
  },
  rules: [
    { match: 'git push *', decision: 'deny', reason: 'pushes go through CI' },
    { match: 'npm run db:reset', decision: 'allow' },
    { match: 'terraform apply *', decision: 'ask' },
    { match: 'psql *', decision: 'allow', environments: ['staging'] },
  ],
  protectedPaths: ['migrations/**'],
};
const files: Record<string, string> = {
  [`${WORKSPACE}/package.json`]: JSON.stringify({ scripts: { 'db:reset': 'prisma migrate reset --force' } }),
};
const run = (command: string, opts: { killSwitch?: boolean; config?: Config; env?: Record<string, string> } = {}) =>
  evaluate(
    { command, env: { HOME, ...opts.env } },
    {
      workspace: WORKSPACE,
      home: HOME,
      config: opts.config ?? config,
      killSwitch: opts.killSwitch,
      readFile: (p, cwd) => files[p.startsWith('/') ? p : `${cwd}/${p}`],
    },
  );

test('engine: a deny rule denies through sudo, names the rule and its reason, and beats the kill switch', () => {
  const r = run('sudo git push origin main');
  assert.equal(r.decision, 'deny');
  assert.deepEqual(r.rule, { index: 0, match: 'git push *', reason: 'pushes go through CI' });
  assert.equal(run('git push', { killSwitch: true }).rule?.index, 0);
});

test('engine: the kill switch denies what an allow rule allows, with its own finding', () => {
  const r = run('npm run db:reset', { killSwitch: true });
  assert.equal(r.decision, 'deny');
  assert.equal(r.findings[0].id, 'killswitch.engaged');
  assert.equal(r.score, 100);
});

test('engine: `npm run db:reset` is allowed by its rule although what it runs would ask', () => {
  assert.equal(run('npm run db:reset').decision, 'allow');
  assert.equal(run('npm run db:reset').rule?.match, 'npm run db:reset');
  assert.notEqual(run('prisma migrate reset --force').decision, 'allow');
});

test('engine: an ask rule asks even for a command that scores nothing', () => {
  const r = run('terraform apply -auto-approve');
  assert.equal(r.decision, 'ask');
  assert.equal(r.rule?.index, 2);
});

test('engine: an environment-scoped allow rule applies only to that environment', () => {
  const staging = run('psql postgres://u@db.staging.acme.internal/app -c "DELETE FROM users"');
  assert.equal(staging.decision, 'allow');
  assert.equal(staging.environment.name, 'staging');
  const prod = run('psql postgres://u@db.prod.acme.internal/app -c "DELETE FROM users"');
  assert.notEqual(prod.decision, 'allow');
  assert.ok(prod.findings.some((f) => f.id === 'env.production-write'));
});

test('engine: a wildcard allow rule does not unlock a protected path', () => {
  const loose: Config = { ...config, rules: [{ match: 'rm *', decision: 'allow' }] };
  const r = run('rm migrations/001_init.sql', { config: loose });
  assert.equal(r.decision, 'ask');
  assert.ok(r.findings.some((f) => f.id === 'path.protected'));
  const exact: Config = { ...config, rules: [{ match: 'rm migrations/001_init.sql', decision: 'allow' }] };
  assert.equal(run('rm migrations/001_init.sql', { config: exact }).decision, 'allow');
});

test('engine: thresholds from the config move the score decision', () => {
  const strict: Config = { thresholds: { ask: 10, deny: 60 } };
  const lax: Config = { thresholds: { ask: 80, deny: 95 } };
  assert.equal(
    run('rm migrations/x.sql', { config: { ...strict, protectedPaths: ['migrations/**'] } }).decision,
    'deny',
  );
  assert.equal(run('rm migrations/x.sql', { config: { ...lax, protectedPaths: ['migrations/**'] } }).decision, 'allow');
});

test('engine: monitor mode records what would have happened and allows, but not under the kill switch', () => {
  const monitor: Config = { ...config, mode: 'monitor' };
  const r = run('git push', { config: monitor });
  assert.equal(r.decision, 'allow');
  assert.equal(r.monitored, 'deny');
  const halted = run('ls', { config: monitor, killSwitch: true });
  assert.equal(halted.decision, 'deny');
  assert.equal(halted.monitored, undefined);
});
