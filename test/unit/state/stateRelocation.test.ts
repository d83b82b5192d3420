// The hook's own start is not the agent's to shape. AgentGuard's state folder
// hangs from the account's home in its passwd entry: a HOME handed to the
// hook (a host's `env` setting, a `.env` it loads) finds the same kill
// switch, rate limit and audit log. AGENTGUARD_STATE_DIR or XDG_STATE_HOME
// planted the same way counts only when the human's editor or `agentguard
// install` confirmed the folder; a missing default state folder is created
// by the hook, which writes there (never a reason to take the planted one),
// and left alone by whoever only reads which folder is in use.
// The built CLI runs here as an account (same user, bubblewrap binding a
// passwd copy) whose home is the sandbox's: nothing touches the real one.
import { spawn } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  accountHomeOf,
  confirmedRelocations,
  confirmedStateDir,
  confirmStateRelocation,
  defaultStateDir,
  readKillSwitch,
  relocationFile,
  stateDir,
  writableStateDir,
  writeKillSwitch,
} from '../../../src/core/state';
import { HOSTS } from '../../../src/core/hosts/types';
import { writeLauncher } from '../../../src/core/launcher/file';
import { installHooks } from '../../../src/core/launcher/wiring';
import { accountNode, asAccount } from '../support/account';
import { installCopy, runInstalledHook, spawnTreeSync } from '../support/launcherHarness';
import {
  claudeDecision,
  CLI,
  fixture,
  readAudit,
  runCli,
  runHook,
  sandbox,
  withInput,
  type Sandbox,
} from '../support/hookHarness';

const bash = (sb: Sandbox, command: string) => withInput(fixture('claude/bash', sb), { command });

/** A sandbox whose home is the account's home; `node` runs the CLI as that account. */
function account(t: TestContext): { sb: Sandbox; node: string } | undefined {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  const node = accountNode(sb.home, sb.root);
  if (!node) t.skip('bubblewrap is needed to run as an account of its own');
  return node ? { sb, node } : undefined;
}

const auditOf = (dir: string) =>
  fs.existsSync(path.join(dir, 'audit.jsonl'))
    ? fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n')
    : [];

test('an unconfirmed relocation is ignored once the default state folder exists: the kill switch there still halts', async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node } = a;
  const real = defaultStateDir(sb.home);
  writeKillSwitch(real, { engaged: true, by: 'user', reason: 'stop' });
  const fresh = path.join(sb.root, 'fresh');
  for (const env of [{ AGENTGUARD_STATE_DIR: fresh }, { AGENTGUARD_STATE_DIR: '', XDG_STATE_HOME: fresh }] as Record<
    string,
    string
  >[]) {
    const r = await runHook('claude', bash(sb, 'ls'), sb, env, sb.workspace, CLI, node);
    assert.equal(claudeDecision(r).decision, 'deny', r.stdout + r.stderr);
    assert.match(claudeDecision(r).reason, /kill switch/);
    assert.match(r.stderr, /ignoring the state folder/);
  }
  assert.ok(!fs.existsSync(path.join(fresh, 'audit.jsonl')), 'nothing recorded in the planted folder');
  assert.ok(fs.readFileSync(path.join(real, 'audit.jsonl'), 'utf8').includes('"killswitch.engaged"'));
});

test('where the account has no default state folder, a planted relocation is not used: the default is created and the call recorded there', async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node } = a;
  const real = defaultStateDir(sb.home);
  // What a workspace's settings `env` or `.env` would point the hook at: a released kill switch, a log of its own.
  const planted = path.join(sb.workspace, '.agentguard-state');
  writeKillSwitch(planted, { engaged: false, by: 'user' });
  for (const env of [
    { AGENTGUARD_STATE_DIR: planted },
    { AGENTGUARD_STATE_DIR: '', XDG_STATE_HOME: planted },
  ] as Record<string, string>[]) {
    fs.rmSync(path.join(sb.home, '.local'), { recursive: true, force: true });
    const r = await runHook('claude', bash(sb, 'ls'), sb, env, sb.workspace, CLI, node);
    assert.equal(claudeDecision(r).decision, 'defer', r.stdout + r.stderr);
    assert.match(r.stderr, /ignoring the state folder/);
    assert.equal(auditOf(real).length, 1, "recorded in the account's own folder");
    assert.equal(fs.statSync(real).mode & 0o777, 0o700);
  }
  assert.deepEqual(auditOf(planted), [], 'nothing recorded in the planted folder');
  assert.deepEqual(auditOf(path.join(planted, 'agentguard')), []);
});

test('where the default state folder cannot be created either, the hook blocks instead of using the planted folder', async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node } = a;
  const planted = path.join(sb.workspace, '.agentguard-state');
  writeKillSwitch(planted, { engaged: false, by: 'user' });
  fs.writeFileSync(path.join(sb.home, '.local'), 'not a folder\n');
  const r = await runHook('claude', bash(sb, 'ls'), sb, { AGENTGUARD_STATE_DIR: planted }, sb.workspace, CLI, node);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /was not confirmed.*cannot be created.*blocking/);
  assert.deepEqual(auditOf(planted), []);
});

test('reading which state folder an environment gets leaves no folder behind; a writer creates the default (0700)', (t) => {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  const planted = path.join(sb.workspace, '.agentguard-state');
  const real = defaultStateDir(sb.home);
  const env = { AGENTGUARD_STATE_DIR: planted };
  assert.deepEqual(confirmedStateDir(env, sb.home), { dir: real, ignored: planted });
  assert.equal(
    fs.existsSync(path.join(sb.home, '.local')),
    false,
    'a reader (doctor, a judge, the gate) creates nothing',
  );
  assert.deepEqual(writableStateDir(env, sb.home), { dir: real, ignored: planted });
  assert.equal(fs.statSync(real).mode & 0o777, 0o700);
  assert.equal(fs.existsSync(planted), false);
});

test('confirmations made at once are all kept, and a folder confirmed again outlives older ones', async (t) => {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  const dirs = Array.from({ length: 8 }, (_, i) => path.join(sb.root, `confirmed-${i}`));
  // Separate processes, as two editor windows or an install and a window starting together.
  const script = `require(${JSON.stringify(path.join(__dirname, '../../../src/core/state/index.js'))}).confirmStateRelocation(process.argv[1], process.argv[2])`;
  const exits = await Promise.all(
    dirs.map(
      (d) =>
        new Promise<number | null>((resolve) =>
          spawn(process.execPath, ['-e', script, d, sb.home], { stdio: 'inherit' }).on('close', resolve),
        ),
    ),
  );
  assert.deepEqual(
    exits,
    dirs.map(() => 0),
  );
  assert.deepEqual([...confirmedRelocations(sb.home)].sort(), [...dirs].sort());
  assert.deepEqual(
    fs.readdirSync(path.dirname(relocationFile(sb.home))),
    ['relocated.json'],
    'no lock or temp file left',
  );

  for (let i = 0; i < 15; i++) confirmStateRelocation(path.join(sb.root, `later-${i}`), sb.home);
  confirmStateRelocation(dirs[0], sb.home);
  confirmStateRelocation(path.join(sb.root, 'last'), sb.home);
  const kept = confirmedRelocations(sb.home);
  assert.equal(kept.length, 16);
  assert.ok(kept.includes(dirs[0]), 'confirmed again: kept');
  assert.ok(!kept.includes(dirs[1]), 'the oldest not confirmed again: dropped');
});

test('a relocation the editor or `agentguard install` confirmed is honoured', async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node } = a;
  assert.deepEqual(confirmedStateDir({ AGENTGUARD_STATE_DIR: sb.state }, sb.home), {
    dir: defaultStateDir(sb.home),
    ignored: sb.state,
  });
  confirmStateRelocation(sb.state, sb.home);
  assert.deepEqual(confirmedStateDir({ AGENTGUARD_STATE_DIR: sb.state }, sb.home), { dir: sb.state });
  writeKillSwitch(sb.state, { engaged: true, by: 'user' });
  const halted = await runHook('claude', bash(sb, 'ls'), sb, {}, sb.workspace, CLI, node);
  assert.equal(claudeDecision(halted).decision, 'deny');
  assert.equal(halted.stderr, '');

  // install, run by the human with the relocation, confirms it the same way.
  const b = account(t);
  if (!b) return;
  const installed = runCli(b.sb, ['install', '--claude', '--no-host-sandbox'], 60_000, b.node);
  assert.equal(installed.code, 0, installed.stdout + installed.stderr);
  const r = await runHook('claude', bash(b.sb, 'ls'), b.sb, {}, b.sb.workspace, CLI, b.node);
  assert.equal(claudeDecision(r).decision, 'defer', r.stdout + r.stderr);
  assert.equal(r.stderr, '');
  const hookCalls = (dir: string) => auditOf(dir).filter((l) => (JSON.parse(l) as { host?: string }).host === 'claude');
  assert.equal(hookCalls(b.sb.state).length, 1, 'recorded in the relocated folder');
  assert.deepEqual(hookCalls(defaultStateDir(b.sb.home)), []);
});

test("the relocation record lives in the account's default state folder, which an agent may not write", async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node } = a;
  fs.mkdirSync(defaultStateDir(sb.home), { recursive: true });
  for (const command of [
    `echo '{"stateDirs":["/tmp/x"]}' > ~/.local/state/agentguard/relocated.json`,
    'rm ~/.local/state/agentguard/relocated.json',
  ]) {
    const r = await runHook('claude', bash(sb, command), sb, { AGENTGUARD_STATE_DIR: '' }, sb.workspace, CLI, node);
    assert.equal(claudeDecision(r).decision, 'deny', command);
  }
});

test("a HOME other than the account's finds the account's kill switch, rate limit and audit log", async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node } = a;
  const state = defaultStateDir(sb.home);
  const elsewhere = path.join(sb.root, 'elsewhere');
  fs.mkdirSync(elsewhere);
  // The hook's environment as a host hands it: HOME pointed elsewhere, no relocation.
  const moved = { HOME: elsewhere, AGENTGUARD_STATE_DIR: '' };
  writeKillSwitch(state, { engaged: true, by: 'user', reason: 'stop' });
  for (const command of ['git push --force origin main', 'ls']) {
    const r = await runHook('claude', bash(sb, command), sb, moved, sb.workspace, CLI, node);
    assert.equal(claudeDecision(r).decision, 'deny', `${command}: ${r.stdout}${r.stderr}`);
    assert.match(claudeDecision(r).reason, /kill switch is engaged/);
  }
  assert.equal(auditOf(state).length, 2, "recorded in the account's log");
  assert.ok(!fs.existsSync(path.join(elsewhere, '.local')), 'nothing kept in the other HOME');

  // The rate limit counts the account's gated calls, whatever HOME each call was handed.
  writeKillSwitch(state, { engaged: false, by: 'user' });
  fs.writeFileSync(
    path.join(sb.workspace, '.agentguard.json'),
    '{ "rateLimit": { "maxGated": 2, "windowSeconds": 120 } }\n',
  );
  for (let i = 0; i < 3; i++) {
    const home = i % 2 ? sb.home : path.join(sb.root, `elsewhere-${i}`);
    fs.mkdirSync(home, { recursive: true });
    await runHook(
      'claude',
      bash(sb, 'git push --force origin main'),
      sb,
      { HOME: home, AGENTGUARD_STATE_DIR: '' },
      sb.workspace,
      CLI,
      node,
    );
  }
  assert.equal(readKillSwitch(state).by, 'rate-limit', JSON.stringify(readKillSwitch(state)));
  assert.equal(readKillSwitch(state).engaged, true);
  assert.deepEqual(readAudit({ ...sb, state: path.join(sb.root, 'elsewhere-0', '.local', 'state', 'agentguard') }), []);
});

test("through the real launcher and the terminal gate too, a HOME other than the account's finds the account's kill switch", async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb } = a;
  const prefix = asAccount(sb.home, sb.root)!;
  // A pinned install: the launcher runs it whatever HOME it is handed.
  const pinned = path.join(installCopy(path.join(sb.root, 'checkout'), '0.1.0'), 'dist', 'cli.js');
  const { file } = writeLauncher({ home: sb.home, pin: pinned, runtime: { kind: 'node', path: process.execPath } });
  installHooks({ hosts: HOSTS, scope: 'project', workspace: sb.workspace, home: sb.home, launcher: file });
  const state = defaultStateDir(sb.home);
  writeKillSwitch(state, { engaged: true, by: 'user', reason: 'stop' });
  const elsewhere = path.join(sb.root, 'elsewhere');
  fs.mkdirSync(elsewhere);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: elsewhere, AGENTGUARD_JUDGE: 'off' };
  for (const host of HOSTS) {
    const r = runInstalledHook(host, { workspace: sb.workspace, home: sb.home, env, command: 'ls', prefix });
    assert.ok(
      r.read.ok && r.read.decision === 'deny' && /kill switch is engaged/.test(r.read.reason ?? ''),
      `${host}: ${JSON.stringify(r)}`,
    );
  }
  const gate = spawnTreeSync(
    prefix[0],
    [...prefix.slice(1), process.execPath, CLI, 'gate', '--once', '--via', 'bash-env', '--shell', 'bash', '--', 'ls'],
    { cwd: sb.workspace, env, input: '', timeout: 60_000 },
  );
  assert.equal(gate.status, 1, `the terminal gate does not run it: ${gate.stderr}`);
  assert.match(gate.stderr, /kill switch is engaged/);
  const hosts = new Set(auditOf(state).map((l) => (JSON.parse(l) as { host: string }).host));
  assert.ok(
    hosts.has('claude') && hosts.has('amp') && hosts.has('extension-host'),
    `recorded in the account's log: ${[...hosts]}`,
  );
  assert.ok(!fs.existsSync(path.join(elsewhere, '.local')), 'nothing kept in the other HOME');
});

test("with a HOME other than the account's, the account's launcher, hook files and state stay protected", async (t) => {
  const a = account(t);
  if (!a) return;
  const { sb, node } = a;
  const elsewhere = path.join(sb.root, 'elsewhere');
  fs.mkdirSync(elsewhere);
  writeKillSwitch(defaultStateDir(sb.home), { engaged: false, by: 'user' });
  for (const command of [
    `cp /dev/null ${sb.home}/.agentguard/bin/agentguard`,
    `echo '{}' > ${sb.home}/.claude/settings.json`,
    `rm -rf ${sb.home}/.local/state/agentguard`,
  ]) {
    const r = await runHook(
      'claude',
      bash(sb, command),
      sb,
      { HOME: elsewhere, AGENTGUARD_STATE_DIR: '' },
      sb.workspace,
      CLI,
      node,
    );
    assert.ok(['ask', 'deny'].includes(String(claudeDecision(r).decision)), `${command}: ${r.stdout}${r.stderr}`);
  }
});

test("Windows: the state folder hangs from the token's profile folder, not from a USERPROFILE or HOME the hook is handed", () => {
  // os.userInfo reads the profile of the process's token there (GetUserProfileDirectoryW); os.homedir follows USERPROFILE.
  const saved = { USERPROFILE: process.env.USERPROFILE, HOME: process.env.HOME };
  const profile = () => ({ homedir: 'C:\\Users\\dev' });
  const envHome = () => process.env.USERPROFILE ?? '';
  try {
    const stateOf = () => stateDirFor(accountHomeOf(profile, 'win32', envHome));
    process.env.USERPROFILE = 'C:\\Users\\dev';
    const before = stateOf();
    assert.equal(before, 'C:\\Users\\dev\\AppData\\Local\\AgentGuard');
    process.env.USERPROFILE = 'C:\\Users\\agent\\fresh';
    process.env.HOME = 'C:\\Users\\agent\\fresh';
    assert.equal(stateOf(), before);
    // Only an account with no profile to read falls back to the environment's home.
    assert.equal(
      accountHomeOf(
        () => {
          throw new Error('no profile');
        },
        'win32',
        envHome,
      ),
      'C:\\Users\\agent\\fresh',
    );
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

/** The Windows state folder of `home` with no relocation asked for. */
function stateDirFor(home: string): string {
  return stateDir({}, home, 'win32');
}
