// The organization's managed policy, merged under every workspace: what it
// gates holds whatever the workspace file says, whatever a human confirmed
// for the workspace, in monitor mode too; an unusable one denies what would
// ask. And managed hooks: AgentGuard's hook in the hosts' administrator-owned
// files, a call judged once when the workspace's hook runs too. In-process
// for the pure parts, and through the CLI built for tests (its
// administrator-owned files live under out/managed-test/root; the real CLI
// only ever reads /etc and its macOS and Windows places). One file, so no
// two tests share that root at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { evaluate } from '../../../src/core/engine';
import { parseConfigText } from '../../../src/core/config/load';
import type { Config } from '../../../src/core/config/schema';
import type { ManagedConfig } from '../../../src/core/config/managedSchema';
import { readManagedPolicy, workspacePolicy, writeBaseline, managedPolicyFile } from '../../../src/core/policy';
import { failClosedOnInvalid, mergeManaged, monitorModeAllowed } from '../../../src/core/policy/managedMerge';
import { exactAllowRule } from '../../../src/core/policy/allowRule';
import { addManagedHook, managedHookPlace, removeManagedHook } from '../../../src/core/hosts/managedHooks';
import { callKey, publishAnswer, roleFor } from '../../../src/core/frontdoor/onceOnly';
import type { HookAnswer } from '../../../src/core/hosts/messages';
import {
  claudeDecision,
  fixture,
  hookEnv,
  MANAGED_TEST_CLI,
  MANAGED_TEST_ROOT,
  ownAccountNode,
  readAudit,
  runHook,
  sandbox,
  withInput,
} from '../support/hookHarness';

const MANAGED: ManagedConfig = {
  rules: [
    { match: 'git push *', decision: 'deny', reason: 'pushes go through CI' },
    { match: 'terraform apply *', decision: 'ask' },
  ],
  environments: { production: { production: true, hosts: ['*.prod.acme.io'] } },
  protectedPaths: ['migrations/**'],
  thresholds: { ask: 30, deny: 90 },
  rateLimit: { maxGated: 3, windowSeconds: 60 },
};

function tmpWorkspace(): { workspace: string; state: string; cleanup(): void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-managed-')));
  const workspace = path.join(root, 'ws');
  fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
  const state = path.join(root, 'state');
  fs.mkdirSync(state);
  return { workspace, state, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

const judge = (config: Config | undefined, command: string, workspace = '/home/dev/ws') =>
  evaluate({ command }, { workspace, config, env: { HOME: '/home/dev' } });

test('a managed deny rule holds against a workspace allow rule for the same command, and says whose it is', () => {
  const workspace: Config = { rules: [{ match: 'git push *', decision: 'allow' }] };
  assert.equal(judge(workspace, 'git push origin main').decision, 'allow');
  const r = judge(mergeManaged(workspace, MANAGED, '/etc/agentguard/policy.json'), 'git push origin main');
  assert.equal(r.decision, 'deny');
  assert.equal(r.rule?.managed, true);
  assert.match(
    r.findings.find((f) => f.id === 'policy.managed')?.summary ?? '',
    /managed policy \(\/etc\/agentguard\/policy\.json\): its deny rule `git push \*` \(pushes go through CI\)/,
  );
  // A managed ask rule beats a workspace allow rule too.
  const ask = judge(
    mergeManaged({ rules: [{ match: 'terraform apply', decision: 'allow' }] }, MANAGED, 'm'),
    'terraform apply',
  );
  assert.equal(ask.decision, 'ask');
});

test("managed protected paths: no workspace allow rule lifts them, the managed policy's own exact rule does", () => {
  const exact: Config = { rules: [{ match: 'rm migrations/001.sql', decision: 'allow' }], protectedPaths: ['docs/**'] };
  // Without a managed policy the exact workspace rule lifts a protected path of the workspace's own.
  assert.equal(judge({ ...exact, protectedPaths: ['migrations/**'] }, 'rm migrations/001.sql').decision, 'allow');
  const merged = mergeManaged(exact, MANAGED, 'm');
  const r = judge(merged, 'rm migrations/001.sql');
  assert.equal(r.decision, 'ask');
  assert.ok(r.findings.some((f) => f.id === 'path.managed' && /organization's managed policy/.test(f.summary)));
  // The workspace's own protected paths still apply alongside.
  assert.equal(judge(merged, 'rm docs/a.md').decision, 'ask');
  const own = mergeManaged(
    undefined,
    { ...MANAGED, rules: [{ match: 'rm migrations/001.sql', decision: 'allow' }] },
    'm',
  );
  assert.equal(judge(own, 'rm migrations/001.sql').decision, 'allow');
  // The editor never offers "Always allow" for what the managed policy gates.
  const offer = exactAllowRule(
    {
      command: 'rm migrations/001.sql',
      cwd: '/home/dev/ws',
      env: {},
      findingIds: r.findings.map((f) => f.id),
      score: r.score,
      denyThreshold: 90,
      production: false,
    },
    { workspace: '/home/dev/ws', home: '/home/dev', tempDirs: [], readFile: () => undefined },
  );
  assert.equal(offer.ok, false);
});

test('a workspace allow rule naming a managed production environment is left out; its other environments stay', () => {
  const workspace: Config = {
    environments: { production: { production: true, hosts: ['db.own.io'] }, staging: { hosts: ['*.staging.acme.io'] } },
    rules: [{ match: 'psql *', decision: 'allow', environments: ['production', 'staging'] }],
  };
  const write = 'psql -h db.prod.acme.io -c "DELETE FROM users WHERE id = 1"';
  assert.equal(judge(workspace, 'psql -h db.own.io -c "DELETE FROM users WHERE id = 1"').decision, 'allow');
  const merged = mergeManaged(workspace, MANAGED, 'm');
  // The workspace's production hosts join the managed environment of the same name: gated now.
  for (const cmd of [write, 'psql -h db.own.io -c "DELETE FROM users WHERE id = 1"']) {
    const r = judge(merged, cmd);
    assert.notEqual(r.decision, 'allow', cmd);
    assert.ok(
      r.findings.some((f) => f.id === 'policy.managed' && /production environment production/.test(f.summary)),
      cmd,
    );
  }
  assert.deepEqual(merged.rules?.[0].environments, ['staging']);
  assert.equal(judge(merged, 'psql -h db1.staging.acme.io -c "DELETE FROM users WHERE id = 1"').decision, 'allow');
});

test('thresholds and the rate limit take the stricter of both; a workspace may tighten', () => {
  const merged = mergeManaged(
    { thresholds: { ask: 60, deny: 80 }, rateLimit: { maxGated: 10, windowSeconds: 5 } },
    MANAGED,
    'm',
  );
  assert.deepEqual(merged.thresholds, { ask: 30, deny: 80 });
  assert.deepEqual(merged.rateLimit, { maxGated: 3, windowSeconds: 60 });
  const tighter = mergeManaged({ rules: [{ match: 'npm publish', decision: 'deny' }] }, MANAGED, 'm');
  assert.equal(judge(tighter, 'npm publish').decision, 'deny');
});

test('monitor mode never lifts what the managed policy gates; allowMonitorMode false switches it off', () => {
  const monitor: Config = { mode: 'monitor' };
  const merged = mergeManaged(monitor, MANAGED, 'm');
  assert.equal(judge(merged, 'git push origin main').decision, 'deny');
  // What only the built-in packs gate is monitored, as the workspace chose.
  const rm = judge(merged, 'rm -rf ~');
  assert.equal(rm.decision, 'allow');
  assert.ok(rm.monitored);
  const locked = mergeManaged(monitor, { ...MANAGED, allowMonitorMode: false }, 'm');
  assert.equal(locked.mode, 'enforce');
  assert.notEqual(judge(locked, 'rm -rf ~').decision, 'allow');
  assert.equal(monitorModeAllowed({ state: 'ok', file: 'm', config: { allowMonitorMode: false } }), false);
  assert.equal(
    monitorModeAllowed({ state: 'ok', file: 'm', config: { lockedSettings: { 'agentguard.mode': 'enforce' } } }),
    false,
  );
  assert.equal(monitorModeAllowed({ state: 'invalid', file: 'm', problem: 'x' }), false);
  assert.equal(monitorModeAllowed({ state: 'none', file: 'm' }), true);
});

test('a human-confirmed loosening of the workspace cannot lift a managed rule', () => {
  const box = tmpWorkspace();
  try {
    const text = JSON.stringify({ mode: 'monitor', rules: [{ match: 'git push *', decision: 'allow' }] });
    const loaded = parseConfigText(text, path.join(box.workspace, '.agentguard.json'));
    assert.ok(loaded.ok && loaded.config);
    writeBaseline(box.state, box.workspace, text, loaded.config);
    const file = path.join(box.state, 'policy.json');
    fs.writeFileSync(file, JSON.stringify(MANAGED));
    const policy = workspacePolicy(box.state, box.workspace, loaded.config, readManagedPolicy(file));
    assert.deepEqual(policy.pending, []);
    assert.equal(judge(policy.config, 'git push origin main', box.workspace).decision, 'deny');
  } finally {
    box.cleanup();
  }
});

test('an unreadable or invalid managed policy fails closed: what would ask is denied with the reason', () => {
  const box = tmpWorkspace();
  try {
    const file = path.join(box.state, 'policy.json');
    assert.equal(readManagedPolicy(file).state, 'none');
    fs.writeFileSync(file, JSON.stringify({ rules: [{ match: 'x', decision: 'block' }] }));
    const bad = readManagedPolicy(file);
    assert.equal(bad.state, 'invalid');
    assert.match(
      bad.state === 'invalid' ? bad.problem : '',
      /rules\[0\]\.decision: expected one of "allow", "ask", "deny", got "block"/,
    );
    fs.writeFileSync(file, JSON.stringify({ audit: { syslog: 'udp://siem:514' } }));
    assert.match(
      (readManagedPolicy(file) as { problem: string }).problem,
      /audit\.syslog: expected tcp:\/\/HOST:PORT or tls:\/\/HOST:PORT/,
    );
    fs.rmSync(file);
    fs.mkdirSync(file);
    const dir = readManagedPolicy(file);
    assert.equal(dir.state, 'invalid');
    const ask = judge(undefined, 'rm -rf src');
    assert.equal(ask.decision, 'ask');
    const denied = failClosedOnInvalid(ask, dir);
    assert.equal(denied.decision, 'deny');
    assert.ok(denied.findings.some((f) => f.id === 'policy.managed-invalid'));
    assert.equal(failClosedOnInvalid(judge(undefined, 'ls'), dir).decision, 'allow');
  } finally {
    box.cleanup();
  }
});

test("the real CLI looks only at the operating system's place; the test build under its own root", () => {
  assert.equal(managedPolicyFile('linux', ''), '/etc/agentguard/policy.json');
  assert.equal(managedPolicyFile('darwin', ''), '/Library/Application Support/AgentGuard/policy.json');
  assert.equal(managedPolicyFile('win32', ''), 'C:\\ProgramData\\AgentGuard\\policy.json');
  const bundle = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'dist', 'agentguard.js'), 'utf8');
  assert.ok(bundle.includes('/etc/agentguard/policy.json'));
  assert.ok(!bundle.includes('managed-test'), 'the shipped CLI holds no test root');
  assert.ok(fs.readFileSync(MANAGED_TEST_CLI.replace('cli.js', 'agentguard.js'), 'utf8').includes(MANAGED_TEST_ROOT));
});

// ---- through the built CLI, as hosts run it -----------------------------------------------------------------

const managedFile = path.join(MANAGED_TEST_ROOT, 'etc', 'agentguard', 'policy.json');

function writeManaged(text: string): void {
  fs.mkdirSync(path.dirname(managedFile), { recursive: true });
  fs.writeFileSync(managedFile, text);
}

test('hook: a confirmed workspace allow rule and monitor mode do not lift a managed deny rule; an invalid policy denies asks', async (t) => {
  const sb = sandbox();
  t.after(() => {
    fs.rmSync(MANAGED_TEST_ROOT, { recursive: true, force: true });
    sb.cleanup();
  });
  const text = JSON.stringify({ mode: 'monitor', rules: [{ match: 'git push *', decision: 'allow' }] });
  fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), text);
  const loaded = parseConfigText(text, path.join(sb.workspace, '.agentguard.json'));
  assert.ok(loaded.ok && loaded.config);
  writeBaseline(sb.state, sb.workspace, text, loaded.config);
  const push = withInput(fixture('claude/bash', sb), { command: 'git push origin main' });

  // Without a managed policy the confirmed rule lets the push run.
  fs.rmSync(MANAGED_TEST_ROOT, { recursive: true, force: true });
  const free = await runHook('claude', push, sb, {}, sb.workspace, MANAGED_TEST_CLI);
  assert.equal(claudeDecision(free).decision, 'allow', free.stdout + free.stderr);

  writeManaged(JSON.stringify(MANAGED));
  const held = await runHook('claude', push, sb, {}, sb.workspace, MANAGED_TEST_CLI);
  const { decision, reason } = claudeDecision(held);
  assert.equal(decision, 'deny', held.stdout + held.stderr);
  assert.match(reason, /managed policy/);
  assert.match(reason, /pushes go through CI/);
  const last = readAudit(sb).at(-1)!;
  assert.equal(last.decision, 'deny');
  assert.ok((last.findings as string[]).includes('policy.managed'));

  // `agentguard env` names the managed rules.
  const env = spawnSync(process.execPath, [MANAGED_TEST_CLI, 'env', '--workspace', sb.workspace], {
    env: hookEnv(sb),
    encoding: 'utf8',
  });
  assert.equal(env.status, 0, env.stderr);
  assert.match(env.stdout, /managed policy: .*out\/managed-test\/root\/etc\/agentguard\/policy\.json/);
  assert.match(env.stdout, /- deny rule `git push \*`: pushes go through CI/);
  assert.match(env.stdout, /- protected path "migrations\/\*\*"/);

  // An invalid managed policy: a call that would ask is denied, saying why; a harmless one still runs.
  writeManaged('{ "rules": [ { "match": "git push *", "decision": "deny" } ');
  const rm = await runHook(
    'claude',
    withInput(fixture('claude/bash', sb), { command: 'rm -rf src' }),
    sb,
    {},
    sb.workspace,
    MANAGED_TEST_CLI,
  );
  assert.equal(claudeDecision(rm).decision, 'deny', rm.stdout);
  assert.match(claudeDecision(rm).reason, /managed policy cannot be used/);
  assert.match(claudeDecision(rm).reason, /invalid JSON/);
  const ls = await runHook('claude', fixture('claude/bash', sb), sb, {}, sb.workspace, MANAGED_TEST_CLI);
  assert.equal(claudeDecision(ls).decision, 'defer', ls.stdout);
  const envBad = spawnSync(process.execPath, [MANAGED_TEST_CLI, 'env', '--json', '--workspace', sb.workspace], {
    env: hookEnv(sb),
    encoding: 'utf8',
  });
  assert.equal((JSON.parse(envBad.stdout) as { managed: { state: string } }).managed.state, 'invalid');
  // `check` answers as the hook does.
  const check = spawnSync(
    process.execPath,
    [MANAGED_TEST_CLI, 'check', '--workspace', sb.workspace, '--', 'rm -rf src'],
    { env: hookEnv(sb), encoding: 'utf8' },
  );
  assert.equal(check.status, 2, check.stdout);
});

// ---- managed hooks ----------------------------------------------------------------------------------------------

const tomlToJson = (file: string) => {
  const r = spawnSync(
    'python3',
    ['-c', 'import tomllib,sys,json; print(json.dumps(tomllib.load(open(sys.argv[1],"rb"))))', file],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

test('the managed hook files are where each host documents them; hosts without one say so', () => {
  const at = (h: Parameters<typeof managedHookPlace>[0], p: NodeJS.Platform) => {
    const place = managedHookPlace(h, p, '');
    return 'file' in place ? place.file : `unsupported: ${place.unsupported}`;
  };
  assert.equal(at('claude', 'linux'), '/etc/claude-code/managed-settings.json');
  assert.equal(at('claude', 'darwin'), '/Library/Application Support/ClaudeCode/managed-settings.json');
  assert.equal(at('claude', 'win32'), 'C:\\Program Files\\ClaudeCode\\managed-settings.json');
  assert.equal(at('cursor', 'linux'), '/etc/cursor/hooks.json');
  assert.equal(at('cursor', 'win32'), 'C:\\ProgramData\\Cursor\\hooks.json');
  assert.equal(at('windsurf', 'darwin'), '/Library/Application Support/Windsurf/hooks.json');
  assert.equal(at('gemini', 'linux'), '/etc/gemini-cli/settings.json');
  assert.equal(at('codex', 'darwin'), '/etc/codex/requirements.toml');
  assert.match(at('codex', 'win32'), /^unsupported: .*names no file on win32/);
  assert.match(at('copilot', 'linux'), /^unsupported: .*managed-settings\.json has no hooks key/);
  assert.match(at('amp', 'linux'), /^unsupported/);
});

test('Codex requirements.toml: the hook goes in as a [[hooks.PreToolUse]] entry a real TOML parser reads, and comes out whole', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-codex-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const place = managedHookPlace('codex', 'linux', dir);
  assert.ok('file' in place);
  const before = 'allowed_approval_policies = ["on-request"]\n\n[features]\nhooks = true\n';
  const added = addManagedHook(before, place, "'/usr/bin/node' '/opt/agentguard/cli.js' hook codex", true);
  assert.ok(added.ok && added.changed);
  fs.writeFileSync(path.join(dir, 'r.toml'), added.text);
  const parsed = tomlToJson(path.join(dir, 'r.toml')) as {
    allow_managed_hooks_only: boolean;
    features: object;
    hooks: { PreToolUse: { matcher: string; hooks: { type: string; command: string; timeout: number }[] }[] };
  };
  assert.equal(parsed.allow_managed_hooks_only, true);
  assert.deepEqual(parsed.features, { hooks: true });
  assert.equal(parsed.hooks.PreToolUse[0].hooks[0].command, "'/usr/bin/node' '/opt/agentguard/cli.js' hook codex");
  assert.equal(parsed.hooks.PreToolUse[0].matcher, 'Bash|apply_patch|mcp__.*');
  // Installing again changes nothing; uninstalling takes AgentGuard's entry out and leaves the rest, the managed-only key too.
  const again = addManagedHook(added.text, place, "'/usr/bin/node' '/opt/agentguard/cli.js' hook codex", true);
  assert.ok(again.ok && !again.changed);
  const removed = removeManagedHook(added.text, place);
  assert.ok(removed.ok);
  assert.equal(removed.text, before.replace('\n', '\nallow_managed_hooks_only = true  # agentguard-managed\n'));
  const plain = addManagedHook(before, place, 'x hook codex', false);
  assert.ok(plain.ok);
  const back = removeManagedHook(plain.text, place);
  assert.ok(back.ok);
  assert.equal(back.text, before);
  // A file that spells PreToolUse as an inline array is refused, not rewritten.
  const inline = addManagedHook('[hooks]\nPreToolUse = []\n', place, 'x hook codex', false);
  assert.equal(inline.ok, false);
});

test('Claude managed-settings.json: the hook joins what the administrator has, allowManagedHooksOnly on request', () => {
  const place = managedHookPlace('claude', 'linux', '');
  assert.ok('file' in place);
  const before = '{\n  "permissions": { "deny": ["Bash(curl:*)"] }\n}\n';
  const added = addManagedHook(before, place, "'/usr/bin/node' '/opt/agentguard/cli.js' hook claude", true);
  assert.ok(added.ok);
  const v = JSON.parse(added.text) as {
    permissions: unknown;
    allowManagedHooksOnly: boolean;
    hooks: { PreToolUse: { matcher: string; hooks: { command: string }[] }[] };
  };
  assert.deepEqual(v.permissions, { deny: ['Bash(curl:*)'] });
  assert.equal(v.allowManagedHooksOnly, true);
  assert.match(v.hooks.PreToolUse[0].matcher, /Bash/);
  assert.equal(v.hooks.PreToolUse[0].hooks[0].command, "'/usr/bin/node' '/opt/agentguard/cli.js' hook claude");
});

test('one call judged once: the first judges and publishes, a duplicate gets the same answer, a later look-alike is judged afresh', async (t) => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-once-'));
  t.after(() => fs.rmSync(state, { recursive: true, force: true }));
  const payload = {
    session_id: 's',
    tool_name: 'Bash',
    tool_input: { command: 'rm -rf build' },
    tool_use_id: 'toolu_1',
  };
  const managed = () => true;
  assert.deepEqual(await roleFor('claude', payload, state, 1000, Date.now, () => false), { role: 'alone' });
  assert.equal(
    callKey('claude', payload),
    callKey('claude', {
      tool_use_id: 'toolu_1',
      tool_input: { command: 'rm -rf build' },
      tool_name: 'Bash',
      session_id: 's',
    }),
  );
  const first = await roleFor('claude', payload, state, 1000, Date.now, managed);
  assert.equal(first.role, 'judge');
  const answer: HookAnswer = { decision: 'ask', reason: 'r', userMessage: 'u', agentMessage: 'a' };
  // The duplicate waits for the claimant, then answers exactly as it did.
  const waiting = roleFor('claude', payload, state, 5000, Date.now, managed);
  setTimeout(() => first.role === 'judge' && publishAnswer(first.claim, answer), 100);
  assert.deepEqual(await waiting, { role: 'duplicate', answer });
  // Seconds later the same payload is a new call (a host repeating a command), judged again.
  const later = await roleFor('claude', payload, state, 1000, () => Date.now() + 60_000, managed);
  assert.equal(later.role, 'judge');
  // A claimant that died without answering is taken over.
  const other = { ...payload, tool_use_id: 'toolu_2' };
  fs.writeFileSync(
    path.join(state, 'calls', callKey('claude', other)),
    JSON.stringify({ pid: 2 ** 22 + 12345, at: Date.now() }),
  );
  assert.equal((await roleFor('claude', other, state, 1000, Date.now, managed)).role, 'judge');
});

test("install --managed writes the hosts' administrator files with the install command; doctor probes them; both hook files run, one judgment", async (t) => {
  const sb = sandbox();
  t.after(() => {
    fs.rmSync(MANAGED_TEST_ROOT, { recursive: true, force: true });
    sb.cleanup();
  });
  fs.rmSync(MANAGED_TEST_ROOT, { recursive: true, force: true });
  // As the sandbox's own account: HOME is the account's home, as a developer has it.
  const run = (...args: string[]) =>
    spawnSync(ownAccountNode(sb), [MANAGED_TEST_CLI, ...args], {
      cwd: sb.workspace,
      env: hookEnv(sb),
      encoding: 'utf8',
      timeout: 120_000,
    });
  const refused = run('install', '--managed', '--copilot');
  assert.equal(refused.status, 1);
  assert.match(
    refused.stderr,
    /copilot .*REFUSED: no managed hook file: GitHub's enterprise managed-settings\.json has no hooks key/,
  );

  const install = run(
    'install',
    '--managed',
    '--claude',
    '--cursor',
    '--codex',
    '--allow-managed-hooks-only',
    '--cli',
    MANAGED_TEST_CLI,
  );
  assert.equal(install.status, 0, install.stderr);
  const claudeFile = path.join(MANAGED_TEST_ROOT, 'etc', 'claude-code', 'managed-settings.json');
  const claude = JSON.parse(fs.readFileSync(claudeFile, 'utf8')) as {
    allowManagedHooksOnly: boolean;
    hooks: { PreToolUse: { hooks: { command: string }[] }[] };
  };
  assert.equal(claude.allowManagedHooksOnly, true);
  const command = claude.hooks.PreToolUse[0].hooks[0].command;
  assert.equal(command, `'${process.execPath}' '${MANAGED_TEST_CLI}' hook claude`);
  assert.equal(fs.statSync(claudeFile).mode & 0o777, 0o644);
  assert.ok(fs.existsSync(path.join(MANAGED_TEST_ROOT, 'etc', 'cursor', 'hooks.json')));
  assert.equal(
    (
      tomlToJson(path.join(MANAGED_TEST_ROOT, 'etc', 'codex', 'requirements.toml')) as {
        hooks: { PreToolUse: { hooks: { command: string }[] }[] };
      }
    ).hooks.PreToolUse[0].hooks[0].command,
    `'${process.execPath}' '${MANAGED_TEST_CLI}' hook codex`,
  );

  // The workspace wires Claude too, with the same command (as `install` writes it).
  const project = run('install', '--claude', '--cli', MANAGED_TEST_CLI);
  assert.equal(project.status, 0, project.stderr);
  // The organization ships its audit log: doctor says where, and how much waits.
  writeManaged(JSON.stringify({ audit: { syslog: 'tcp://127.0.0.1:9' } }));
  const doctor = run('doctor');
  // The one entry waiting is install's own: it turned Claude Code's sandbox on (host-sandbox.installed).
  assert.match(doctor.stdout, /^shipping +tcp:\/\/127\.0\.0\.1:9: 1 entries wait /m);
  assert.match(
    doctor.stdout,
    /claude +managed .*managed-settings\.json +PreToolUse: harmless true → defer in \d+ ms; dangerous rm -rf \/ → deny/,
  );
  assert.match(doctor.stdout, /codex +managed .*requirements\.toml +PreToolUse: harmless/);
  assert.match(doctor.stdout, /copilot +managed - +cannot be managed/);
  assert.match(doctor.stdout, /windsurf +managed .*hooks\.json +not managed/);
  assert.match(doctor.stdout, /duplicates the managed hook: each call is judged once/);

  // The agent's calls in the log (install's own entry about the host's sandbox aside).
  const calls = () =>
    readAudit(sb).filter((e) => !String((e as { event?: unknown }).event ?? '').startsWith('host-sandbox.'));
  // Claude runs the managed and the project hook for the same call, at once: one judgment, one audit entry, same answer.
  const call = withInput(fixture('claude/bash', sb), { command: 'rm -rf src' });
  const [a, b] = await Promise.all(
    [0, 1].map(() => runHook('claude', call, sb, { AGENTGUARD_JUDGE: 'off' }, sb.workspace, MANAGED_TEST_CLI)),
  );
  assert.equal(a.stdout, b.stdout);
  assert.equal(claudeDecision(a).decision, 'ask');
  assert.equal(calls().length, 1);
  // A host that runs them one after the other (Windsurf) gets the same, and still one entry.
  const c = await runHook('claude', call, sb, { AGENTGUARD_JUDGE: 'off' }, sb.workspace, MANAGED_TEST_CLI);
  assert.equal(c.stdout, a.stdout);
  assert.equal(calls().length, 1);
  // Another call is judged on its own.
  await runHook(
    'claude',
    withInput(call, { command: 'rm -rf docs' }),
    sb,
    { AGENTGUARD_JUDGE: 'off' },
    sb.workspace,
    MANAGED_TEST_CLI,
  );
  assert.equal(calls().length, 2);

  const uninstall = run('uninstall', '--managed', '--claude', '--cursor', '--codex');
  assert.equal(uninstall.status, 0, uninstall.stderr);
  // The administrator's own key stays: uninstalling AgentGuard does not loosen what else the file says.
  const left = JSON.parse(fs.readFileSync(claudeFile, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(left, { allowManagedHooksOnly: true });
  assert.ok(!fs.existsSync(path.join(MANAGED_TEST_ROOT, 'etc', 'cursor', 'hooks.json')));
  assert.match(
    fs.readFileSync(path.join(MANAGED_TEST_ROOT, 'etc', 'codex', 'requirements.toml'), 'utf8'),
    /^allow_managed_hooks_only = true/,
  );
});

test("an agent's command that rewrites the managed policy or a managed hook file is gated as AgentGuard's own", () => {
  for (const command of [
    'sudo tee /etc/agentguard/policy.json',
    'sudo rm /etc/claude-code/managed-settings.json',
    'sudo sed -i d /etc/codex/requirements.toml',
  ]) {
    const r = judge(undefined, command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'path.agentguard' && /managed AgentGuard policy or hooks/.test(f.summary)),
      command,
    );
  }
});
