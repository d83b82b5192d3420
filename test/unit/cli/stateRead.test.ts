// Commands that read AgentGuard's state read the account's folder, or one a
// human confirmed: an agent of the same user can set AGENTGUARD_STATE_DIR and
// fill the folder it names with a released kill switch or a fresh, intact
// audit log, and no command may take that for the real state. Where no
// folder can be trusted at all (the relocation unconfirmed, the default
// folder impossible to create), a call judged in the hook's own process is
// denied, saying why. The built CLI runs as an account (same user,
// bubblewrap binding a passwd copy) whose home is the sandbox's.
import { spawnSync } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultStateDir, writeKillSwitch } from '../../../src/core/state';
import { appendAudit, auditFile } from '../../../src/core/state/audit';
import { accountNode } from '../support/account';
import { claudeDecision, CLI, fixture, ROOT, runHook, sandbox, withInput, type Sandbox } from '../support/hookHarness';

/** A sandbox whose home is the account's home; `node` runs the CLI as that account. */
function account(t: TestContext): { sb: Sandbox; node: string; forged: string; real: string } | undefined {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  const node = accountNode(sb.home, sb.root);
  if (!node) t.skip('bubblewrap is needed to run as an account of its own');
  // What a workspace's `.env` or a host's `env` setting would point a command at: a folder of the agent's making.
  const forged = path.join(sb.workspace, '.agentguard-state');
  return node ? { sb, node, forged, real: defaultStateDir(sb.home) } : undefined;
}

function run(sb: Sandbox, node: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(node, [CLI, ...args], {
    cwd: sb.workspace,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home, ...env },
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const record = (decision: 'allow' | 'deny') => ({
  time: new Date().toISOString(),
  host: 'claude',
  decision,
  score: decision === 'deny' ? 100 : 0,
  findings: [],
});

test('kill-switch status reads the engaged switch of the account, not a released one in a folder nobody confirmed', (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node, forged, real } = a;
  writeKillSwitch(real, { engaged: true, by: 'user', reason: 'stop everything' });
  const planted: [Record<string, string>, string][] = [
    [{ AGENTGUARD_STATE_DIR: forged }, forged],
    [{ XDG_STATE_HOME: forged }, path.join(forged, 'agentguard')],
  ];
  for (const [env, folder] of planted) {
    writeKillSwitch(folder, { engaged: false, by: 'user' });
    const r = run(sb, node, ['kill-switch', 'status'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /kill switch ENGAGED by user: stop everything/);
    assert.match(r.stderr, /ignoring the state folder .* set in the environment \(neither your editor nor/);
    const json = run(sb, node, ['kill-switch', 'status', '--json'], env);
    assert.deepEqual(
      { engaged: JSON.parse(json.stdout).engaged, file: JSON.parse(json.stdout).file },
      { engaged: true, file: path.join(real, 'killswitch.json') },
    );
  }
});

test('audit verify checks the account log, never a fresh intact chain planted where the environment points', (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node, forged, real } = a;
  assert.ok(appendAudit(real, record('deny')).ok);
  assert.ok(appendAudit(real, record('deny')).ok);
  // The real log with an entry rewritten (a deny turned allow): its chain no longer holds.
  const file = auditFile(real);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"decision":"deny"', '"decision":"allow"'));
  assert.ok(appendAudit(forged, record('allow')).ok);
  const r = run(sb, node, ['audit', 'verify'], { AGENTGUARD_STATE_DIR: forged });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /audit log TAMPERED/);
  assert.ok(r.stdout.includes(file), r.stdout);
  assert.match(r.stderr, /ignoring the state folder/);
  const json = run(sb, node, ['audit', 'verify', '--json'], { AGENTGUARD_STATE_DIR: forged });
  assert.equal(JSON.parse(json.stdout).file, file);
  assert.equal(run(sb, node, ['audit', 'path'], { AGENTGUARD_STATE_DIR: forged }).stdout.trim(), file);
});

test('snapshot commands and doctor use the account folder, and say which relocation they ignored; reading creates nothing', (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node, forged, real } = a;
  fs.mkdirSync(forged, { recursive: true });
  const snap = run(sb, node, ['snapshot', 'path'], { AGENTGUARD_STATE_DIR: forged });
  assert.equal(snap.code, 0, snap.stderr);
  assert.ok(snap.stdout.startsWith(real + path.sep), snap.stdout);
  assert.match(snap.stderr, /ignoring the state folder/);
  const doctor = run(sb, node, ['doctor'], { AGENTGUARD_STATE_DIR: forged });
  assert.match(doctor.stdout, new RegExp(`^state +${real.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm'));
  assert.match(doctor.stdout, /^ +ignoring the state folder .*\.agentguard-state set in the environment/m);
  assert.equal(fs.existsSync(real), false, 'a command that only reads state leaves no folder behind');
});

test('where no state folder can be trusted, a call judged in the hook process is denied saying so, never judged with a folder', async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node, forged } = a;
  writeKillSwitch(forged, { engaged: false, by: 'user' });
  // The default folder cannot be made (a file where its parent would be), and nothing confirmed the planted one.
  fs.writeFileSync(path.join(sb.home, '.local'), 'not a folder\n');
  const input = withInput(fixture('claude/bash', sb), { command: 'ls' });
  // The engine bundle itself, as a launcher hands it the call (the launcher blocks before it: stateRelocation.test.ts).
  const engine = path.join(ROOT, 'dist', 'agentguard.js');
  const r = await runHook('claude', input, sb, { AGENTGUARD_STATE_DIR: forged }, sb.workspace, engine, node);
  assert.equal(claudeDecision(r).decision, 'deny', r.stdout + r.stderr);
  assert.match(
    claudeDecision(r).reason,
    /no state folder to trust: the state folder .* was not confirmed.*cannot be created/,
  );
  assert.equal(fs.existsSync(path.join(forged, 'audit.jsonl')), false, 'nothing recorded in the planted folder');
});

test("where no state folder can be trusted, a terminal gate's line judged in its own process is not run, saying why", (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node, forged } = a;
  writeKillSwitch(forged, { engaged: false, by: 'user' });
  fs.writeFileSync(path.join(sb.home, '.local'), 'not a folder\n');
  // `bash -c ls` in an agent's shell, as its BASH_ENV runs the gate: no editor judges it here.
  const r = run(sb, node, ['gate', '--once', '--via', 'bash-env', '--shell', 'bash', '--', 'ls'], {
    AGENTGUARD_STATE_DIR: forged,
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /no state folder to trust: the state folder .* was not confirmed.*cannot be created/);
  assert.equal(fs.existsSync(path.join(forged, 'audit.jsonl')), false, 'nothing recorded in the planted folder');
});
