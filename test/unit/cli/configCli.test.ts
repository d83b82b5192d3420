// The CLI doors over the config: `agentguard check` exit codes with the
// DESIGN.md example config, and `agentguard env`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import '../support/account';
import { confirmedState } from '../support/account';
import { scratchDir } from '../support/scratch';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'config');
const EXAMPLE = path.join(FIXTURES, 'design-example.json');

function sandbox(files: Record<string, string> = {}): { workspace: string; env: NodeJS.ProcessEnv } {
  const root = scratchDir('agentguard-cli-');
  const workspace = path.join(root, 'ws');
  const home = path.join(root, 'home');
  fs.mkdirSync(workspace);
  fs.mkdirSync(home);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
    fs.writeFileSync(path.join(workspace, name), text);
  }
  // A clean environment: no kube config, no cloud profile, a private state dir.
  return {
    workspace,
    env: { PATH: process.env.PATH, HOME: home, AGENTGUARD_STATE_DIR: confirmedState(path.join(root, 'state')) },
  };
}

function cli(args: string[], box = sandbox()) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: box.workspace,
    env: box.env,
    encoding: 'utf8',
    timeout: 20000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('check with the DESIGN.md example: 0 allow, 1 ask, 2 deny', () => {
  const box = sandbox();
  const check = (...command: string[]) =>
    cli(['check', '--config', EXAMPLE, '--workspace', box.workspace, '--', ...command], box);
  assert.equal(check('ls', '-la').code, 0);
  const ask = check('rm', 'migrations/001_init.sql');
  assert.equal(ask.code, 1, ask.stdout + ask.stderr);
  const deny = check('git', 'push', 'origin', 'main');
  assert.equal(deny.code, 2);
  assert.match(deny.stdout + deny.stderr, /pushes go through CI/);
});

test('check --json reports the environment the command targets from the config', () => {
  const box = sandbox();
  const r = cli(
    [
      'check',
      '--json',
      '--config',
      EXAMPLE,
      '--workspace',
      box.workspace,
      '--',
      'psql',
      'postgres://app@db.acme.io/app',
      '-c',
      'DELETE FROM users WHERE id = 1',
    ],
    box,
  );
  const out = JSON.parse(r.stdout) as { decision: string; environment: { name: string; production: boolean } };
  assert.deepEqual(out.environment, { ...out.environment, name: 'production', production: true });
  assert.notEqual(out.decision, 'allow');
  assert.notEqual(r.code, 0);
});

test('check exits 78 on an invalid config, naming the JSON path, line and column on stderr', () => {
  const r = cli(['check', '--config', path.join(FIXTURES, 'bad-decision.jsonc'), '--', 'ls']);
  assert.equal(r.code, 78);
  assert.match(
    r.stderr,
    /rules\[1\]\.decision: expected one of "allow", "ask", "deny", got "block" \(line 7, column 19\)/,
  );
  assert.equal(r.stdout, '');
});

test('check exits 78 when the workspace .agentguard.json is broken JSON', () => {
  const box = sandbox({ '.agentguard.json': '{ "rules": [ }' });
  const r = cli(['check', '--workspace', box.workspace, '--', 'ls'], box);
  assert.equal(r.code, 78);
  assert.match(r.stderr, /invalid JSON/);
});

test('env --json: the workspace environment from .env, with evidence', () => {
  const box = sandbox({ '.env': 'DATABASE_URL=postgres://u:secret@db.prod.acme.io/app\n' });
  const r = cli(['env', '--json', '--workspace', box.workspace], box);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { name: string; production: boolean; evidence: string[]; config: string | null };
  assert.equal(out.name, 'production');
  assert.equal(out.production, true);
  assert.match(out.evidence[0], /db\.prod\.acme\.io/);
  assert.equal(out.config, null);
  assert.ok(!r.stdout.includes('secret'));
});

test('env: a config names the environment; text output shows the evidence', () => {
  const box = sandbox({ '.env': 'DATABASE_URL=postgres://db1.staging.acme.internal/app\n' });
  const r = cli(['env', '--config', EXAMPLE, '--workspace', box.workspace], box);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^staging\n {2}- host db1\.staging\.acme\.internal \(\$DATABASE_URL in \.env\) matches "\*\.staging\.acme\.internal"\n/,
  );
  assert.match(r.stdout, /config: .*design-example\.json/);
});

test('env exits 78 on a bad config and 64 on a usage error', () => {
  const bad = cli(['env', '--config', path.join(FIXTURES, 'bad-decision.jsonc')]);
  assert.equal(bad.code, 78);
  assert.match(bad.stderr, /rules\[1\]\.decision/);
  const usage = cli(['env', '--bogus']);
  assert.equal(usage.code, 64);
  assert.match(usage.stderr, /unknown argument '--bogus'/);
});
