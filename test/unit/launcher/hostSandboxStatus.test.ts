// The hosts' own sandboxes where the user is: VS Code's agent sandbox as
// `install --copilot` turns it on (and takes it back), one status per host
// (`on+list`, `on`, `off`, `none`) that the audit record of every hook call,
// `doctor` and the editor's tooltip all say, on real files in a throwaway
// home and through the built CLI with the hosts' real payloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { VSCODE_SANDBOX } from '../../../src/core/hosts/vscodeSandbox';
import {
  hostSandboxStatus,
  hostSandboxTooltip,
  turnOnHostSandboxes,
  wiredHostSandboxes,
} from '../../../src/core/launcher/hostSandbox';
import {
  CLI,
  fixture,
  hookEnv,
  ownAccountNode,
  readAudit,
  runHook,
  sandbox,
  type Sandbox,
} from '../support/hookHarness';

const LINUX = process.platform === 'linux';
const FS_KEY = 'chat.agent.sandbox.fileSystem.linux';

const USER_VSCODE = `{
  // mine: keep this comment
  "editor.tabSize": 2,
  "chat.agent.sandbox.fileSystem.linux": { "denyWrite": ["/srv/secrets"], "allowWrite": ["/srv/cache"] }
}
`;

const PLACE = { scope: 'project' as const, workspace: '/ws' };

/** Runs the built CLI as the sandbox's own account: HOME is the account's home, as a developer has it. */
function cli(sb: Sandbox, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(ownAccountNode(sb), [CLI, ...args], {
    cwd: sb.workspace,
    env: hookEnv(sb),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type VsSettings = Record<string, unknown> & { [FS_KEY]?: { denyWrite?: string[]; allowWrite?: string[] } };

test(
  "VS Code agent: install turns its sandbox on, keeps the approval flow the user had, and adds AgentGuard's paths to denyWrite",
  { skip: !LINUX && 'the Linux file-system key' },
  () => {
    assert.ok(VSCODE_SANDBOX);
    const r = VSCODE_SANDBOX.turnOn(USER_VSCODE, ['/srv/secrets', '/home/me/.agentguard', '/ws/.git/hooks'], PLACE);
    assert.ok(r.ok);
    const v = parseJsonc(r.text) as VsSettings;
    assert.equal(v['chat.agent.sandbox.enabled'], 'on');
    assert.equal(v['chat.agent.sandbox.allowUnsandboxedCommands'], false, 'no confirmed way out of the sandbox');
    assert.equal(
      v['chat.agent.sandbox.allowAutoApprove'],
      false,
      'a sandboxed command is not approved without the prompt the user had',
    );
    assert.deepEqual(v[FS_KEY], {
      denyWrite: ['/srv/secrets', '/home/me/.agentguard', '/ws/.git/hooks'],
      allowWrite: ['/srv/cache'],
    });
    assert.equal(v['editor.tabSize'], 2);
    assert.match(r.text, /keep this comment/);
    assert.deepEqual(r.added, {
      set: {
        'chat.agent.sandbox.enabled': null,
        'chat.agent.sandbox.allowUnsandboxedCommands': null,
        'chat.agent.sandbox.allowAutoApprove': null,
      },
      listed: ['/home/me/.agentguard', '/ws/.git/hooks'],
    });
    const state = VSCODE_SANDBOX.read(r.text, ['/home/me/.agentguard', '/x']);
    assert.deepEqual(
      { on: state.on, said: state.said, listed: state.listed, notes: state.notes },
      { on: true, said: true, listed: ['/home/me/.agentguard'], notes: [] },
    );
    const back = VSCODE_SANDBOX.takeBack(r.text, r.added);
    assert.ok(back.ok);
    assert.deepEqual(parseJsonc(back.text), parseJsonc(USER_VSCODE), "uninstall gives the user's settings back");
    assert.match(back.text, /keep this comment/);
  },
);

test(
  'VS Code agent: never weaker — the user\'s own answers to its loosening defaults stand, "off" is turned on and comes back',
  { skip: !LINUX && 'the Linux file-system key' },
  () => {
    assert.ok(VSCODE_SANDBOX);
    const chosen = VSCODE_SANDBOX.turnOn(
      '{ "chat.agent.sandbox.enabled": "off", "chat.agent.sandbox.allowAutoApprove": true }',
      [],
      PLACE,
    );
    assert.ok(chosen.ok);
    const v = parseJsonc(chosen.text) as VsSettings;
    assert.equal(v['chat.agent.sandbox.enabled'], 'on');
    assert.equal(v['chat.agent.sandbox.allowAutoApprove'], true, 'the user chose it: left, and doctor says it');
    assert.deepEqual(chosen.added.set, {
      'chat.agent.sandbox.enabled': 'off',
      'chat.agent.sandbox.allowUnsandboxedCommands': null,
    });
    assert.match(VSCODE_SANDBOX.read(chosen.text, []).notes.join(' '), /approved without your prompt/);
    const back = VSCODE_SANDBOX.takeBack(chosen.text, chosen.added);
    assert.ok(back.ok);
    assert.equal((parseJsonc(back.text) as VsSettings)['chat.agent.sandbox.enabled'], 'off');
    // The boolean form the setting had before is already on: nothing to set.
    const legacy = VSCODE_SANDBOX.turnOn(
      '{ "chat.agent.sandbox.enabled": true, "chat.agent.sandbox.allowUnsandboxedCommands": false, "chat.agent.sandbox.allowAutoApprove": false }',
      [],
      PLACE,
    );
    assert.ok(legacy.ok);
    assert.deepEqual(legacy.added, { set: {}, listed: [] });
    assert.equal(
      VSCODE_SANDBOX.turnOn(`{ "${FS_KEY}": [] }`, ['/a'], PLACE).ok,
      false,
      'a shape it cannot read is refused, not rewritten',
    );
  },
);

test(
  "install --copilot writes VS Code's settings (workspace and user), --dry-run shows it, uninstall takes it back; doctor says each host's status",
  { skip: !LINUX && 'the Linux paths' },
  () => {
    const sb = sandbox();
    try {
      const project = path.join(sb.workspace, '.vscode', 'settings.json');
      fs.mkdirSync(path.dirname(project), { recursive: true });
      fs.writeFileSync(project, USER_VSCODE);
      const dry = cli(sb, ['install', '--copilot', '--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(
        dry.stdout,
        /\.vscode\/settings\.json {2}sandbox would change: chat\.agent\.sandbox\.enabled set to "on" \(was unset\); chat\.agent\.sandbox\.allowUnsandboxedCommands set to false \(was unset\); chat\.agent\.sandbox\.allowAutoApprove set to false \(was unset\); \d+ paths added to its deny-write list/,
      );
      assert.equal(fs.readFileSync(project, 'utf8'), USER_VSCODE, '--dry-run changes nothing');

      const inst = cli(sb, ['install', '--copilot', '--claude', '--gemini']);
      assert.equal(inst.code, 0, inst.stderr);
      assert.match(
        inst.stdout,
        /\.vscode\/settings\.json {2}sandbox turned on: chat\.agent\.sandbox\.enabled set to "on" \(was unset\)/,
      );
      assert.match(inst.stdout, /gemini: no sandbox AgentGuard can turn on; routine calls run unconfined/);
      const v = parseJsonc(fs.readFileSync(project, 'utf8')) as VsSettings;
      assert.equal(v['chat.agent.sandbox.enabled'], 'on');
      assert.equal(v['chat.agent.sandbox.allowUnsandboxedCommands'], false);
      assert.equal(v['chat.agent.sandbox.allowAutoApprove'], false);
      const deny = v[FS_KEY]?.denyWrite ?? [];
      for (const p of [
        sb.state,
        path.join(sb.home, '.agentguard'),
        path.join(sb.workspace, '.git', 'hooks'),
        path.join(sb.workspace, '.vscode', 'settings.json'),
        path.join(sb.home, '.local', 'bin'),
      ]) {
        assert.ok(deny.includes(p), `${p} is on VS Code's denyWrite`);
      }
      assert.equal(deny[0], '/srv/secrets', "the user's own paths stay first");

      const doctor = cli(sb, ['doctor']).stdout;
      assert.match(
        doctor,
        /^sandbox {4}claude {6}on\+list: Claude Code: sandbox on with AgentGuard's deny-write list$/m,
      );
      assert.match(
        doctor,
        /^sandbox {4}copilot {5}on\+list: VS Code agent: sandbox on with AgentGuard's deny-write list$/m,
      );
      assert.match(
        doctor,
        /^sandbox {4}copilot {5}\S*\.vscode\/settings\.json {2}on; AgentGuard's list present \(\d+ paths\)$/m,
      );
      assert.match(
        doctor,
        /^sandbox {4}gemini {6}none: Gemini CLI: no sandbox AgentGuard can turn on; routine calls run unconfined unless answerHarmless/m,
      );
      assert.match(
        doctor,
        /runs the whole CLI in a container it pulls, with extra mounts \(`allowedPaths`\) and no deny-write list/,
      );

      const user = path.join(sb.home, '.config', 'Code', 'User', 'settings.json');
      assert.equal(cli(sb, ['install', '--copilot', '--user']).code, 0);
      assert.equal((parseJsonc(fs.readFileSync(user, 'utf8')) as VsSettings)['chat.agent.sandbox.enabled'], 'on');

      assert.equal(cli(sb, ['uninstall', '--copilot']).code, 0);
      assert.deepEqual(
        parseJsonc(fs.readFileSync(project, 'utf8')),
        parseJsonc(USER_VSCODE),
        "the workspace's settings are the user's again",
      );
      assert.equal(cli(sb, ['uninstall', '--copilot', '--user']).code, 0);
      assert.ok(!fs.existsSync(user), 'a settings file install created goes');
      assert.match(cli(sb, ['doctor']).stdout, /^sandbox {4}claude {6}on\+list/m, 'the other hosts keep theirs');
    } finally {
      sb.cleanup();
    }
  },
);

test("every hook call's audit record says its host's sandbox: off, then on+list once installed, on for Codex, none for Gemini CLI", async () => {
  const sb = sandbox();
  try {
    const routine = fixture('claude/real/shell-routine', sb);
    assert.equal((await runHook('claude', routine, sb)).code, 0);
    assert.equal(cli(sb, ['install', '--claude', '--no-host-sandbox']).code, 0);
    assert.equal((await runHook('claude', routine, sb)).code, 0);
    assert.equal(cli(sb, ['install', '--claude']).code, 0);
    assert.equal((await runHook('claude', routine, sb)).code, 0);
    // Codex keeps its own sandbox by default and takes no list.
    assert.equal((await runHook('codex', fixture('codex/bash', sb), sb)).code, 0);
    assert.equal((await runHook('gemini', fixture('gemini/run-shell-command', sb), sb)).code, 0);
    const calls = readAudit(sb).filter((e) => e.kind === 'shell');
    assert.deepEqual(
      calls.map((e) => [e.host, e.hostSandbox]),
      [
        ['claude', 'off'],
        ['claude', 'off'],
        ['claude', 'on+list'],
        ['codex', 'on'],
        ['gemini', 'none'],
      ],
    );
    // Claude's list losing a path AgentGuard needs is no longer "on+list".
    const local = path.join(sb.workspace, '.claude', 'settings.local.json');
    const settings = JSON.parse(fs.readFileSync(local, 'utf8')) as { sandbox: { filesystem: { denyWrite: string[] } } };
    settings.sandbox.filesystem.denyWrite = settings.sandbox.filesystem.denyWrite.filter((p) => p !== sb.state);
    fs.writeFileSync(local, JSON.stringify(settings));
    assert.equal((await runHook('claude', routine, sb)).code, 0);
    assert.equal(
      readAudit(sb)
        .filter((e) => e.kind === 'shell')
        .at(-1)?.hostSandbox,
      'on',
    );
  } finally {
    sb.cleanup();
  }
});

test("the editor's tooltip: each wired host's sandbox, and plainly which hosts run routine calls unconfined", () => {
  const sb = sandbox();
  try {
    assert.equal(
      hostSandboxTooltip(wiredHostSandboxes(sb.workspace, sb.home, { PATH: '/usr/bin:/bin' }, sb.state)),
      '',
      'no host wired: nothing to say',
    );
    assert.equal(cli(sb, ['install', '--claude', '--gemini']).code, 0);
    const summaries = wiredHostSandboxes(sb.workspace, sb.home, hookEnv(sb), sb.state);
    assert.deepEqual(
      summaries.map((s) => [s.host, s.status]),
      [
        ['claude', 'on+list'],
        ['gemini', 'none'],
      ],
    );
    assert.equal(
      hostSandboxTooltip(summaries),
      [
        'Host sandboxes: Routine agent calls run unconfined for Gemini CLI.',
        "✓ Claude Code: sandbox on with AgentGuard's deny-write list",
        "✗ Gemini CLI: no sandbox AgentGuard can turn on; routine calls run unconfined unless answerHarmless hands them to AgentGuard's own sandbox",
      ].join('\n'),
    );
    assert.equal(cli(sb, ['uninstall', '--claude']).code, 0);
    assert.equal(cli(sb, ['install', '--claude', '--no-host-sandbox']).code, 0);
    assert.match(
      hostSandboxTooltip(wiredHostSandboxes(sb.workspace, sb.home, hookEnv(sb), sb.state)),
      /^Host sandboxes: Routine agent calls run unconfined for Claude Code, Gemini CLI\.\n✗ Claude Code: sandbox off; routine calls run unconfined/,
    );
  } finally {
    sb.cleanup();
  }
});

test('Qwen Code with its own execution sandbox on runs no hooks: install warns, doctor fails, the editor says AgentGuard is never called', () => {
  const sb = sandbox();
  try {
    const user = path.join(sb.home, '.qwen', 'settings.json');
    fs.mkdirSync(path.dirname(user), { recursive: true });
    fs.writeFileSync(
      user,
      '{\n  // as its docs show it\n  "tools": { "executionSandbox": { "backend": "auto", "filesystem": "workspace-write", "network": "closed" } }\n}\n',
    );
    const inst = cli(sb, ['install', '--qwen', '--user']);
    assert.equal(inst.code, 0, inst.stderr);
    assert.match(
      inst.stderr,
      new RegExp(
        `^WARNING Qwen Code: its execution sandbox is on \\(tools\\.executionSandbox in ${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\), and with it Qwen Code runs no hooks: AgentGuard is never called`,
        'm',
      ),
    );
    assert.ok(
      JSON.stringify(parseJsonc(fs.readFileSync(user, 'utf8'))).includes(
        '"executionSandbox":{"backend":"auto","filesystem":"workspace-write","network":"closed"}',
      ),
      "install leaves the user's setting as it is",
    );
    const doctor = cli(sb, ['doctor']);
    assert.equal(doctor.code, 1, 'a host that will never call the hook fails the check');
    assert.match(
      doctor.stdout,
      /^sandbox {4}qwen {8}FAIL on: Qwen Code: its execution sandbox is on .*AgentGuard is never called/m,
    );
    assert.match(
      hostSandboxTooltip(wiredHostSandboxes(sb.workspace, sb.home, hookEnv(sb), sb.state)),
      /^Host sandboxes: AgentGuard is never called by Qwen Code\.\n✗ Qwen Code: its execution sandbox is on/,
    );
    // Taken out again: the hook is called, doctor passes that line.
    fs.writeFileSync(user, JSON.stringify({ ...(parseJsonc(fs.readFileSync(user, 'utf8')) as object), tools: {} }));
    const again = cli(sb, ['doctor']);
    assert.match(again.stdout, /^sandbox {4}qwen {8}none: Qwen Code: no sandbox AgentGuard can turn on/m);
    assert.match(again.stdout, /turns its hooks off, so AgentGuard would never be called: install leaves it off/);
  } finally {
    sb.cleanup();
  }
});

test("the status follows the host's own precedence: Claude Code's project settings switching the sandbox off outrank the user's on", async () => {
  const sb = sandbox();
  try {
    assert.equal(cli(sb, ['install', '--claude', '--user']).code, 0);
    const routine = fixture('claude/real/shell-routine', sb);
    assert.equal((await runHook('claude', routine, sb)).code, 0);
    const shared = path.join(sb.workspace, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(shared), { recursive: true });
    fs.writeFileSync(shared, JSON.stringify({ sandbox: { enabled: false } }));
    assert.equal((await runHook('claude', routine, sb)).code, 0);
    assert.deepEqual(
      readAudit(sb)
        .filter((e) => e.kind === 'shell')
        .map((e) => e.hostSandbox),
      ['on+list', 'off'],
    );
    assert.match(
      cli(sb, ['doctor']).stdout,
      /^sandbox {4}claude {6}off: Claude Code: sandbox off; routine calls run unconfined/m,
    );
  } finally {
    sb.cleanup();
  }
});

test('Claude Code on native Windows: install leaves its sandbox settings alone and the status is none, since it has no sandbox there', () => {
  const sb = sandbox();
  try {
    const turned = turnOnHostSandboxes({
      hosts: ['claude'],
      scope: 'project',
      workspace: sb.workspace,
      home: sb.home,
      deny: ['/h/.agentguard'],
      platform: 'win32',
    });
    assert.equal(turned[0].status, 'no sandbox');
    assert.match(turned[0].detail, /no sandbox on native Windows/);
    assert.equal(fs.existsSync(path.join(sb.workspace, '.claude', 'settings.local.json')), false);
    // A switch already set there protects nothing, and is not reported as on.
    fs.mkdirSync(path.join(sb.workspace, '.claude'), { recursive: true });
    fs.writeFileSync(
      path.join(sb.workspace, '.claude', 'settings.local.json'),
      JSON.stringify({ sandbox: { enabled: true } }),
    );
    assert.equal(hostSandboxStatus('claude', sb.workspace, sb.home, [], {}, 'win32').status, 'none');
    assert.notEqual(hostSandboxStatus('claude', sb.workspace, sb.home, [], {}, 'linux').status, 'none');
  } finally {
    sb.cleanup();
  }
});

test("Claude Code's hooks turned off from the working folder (disableAllHooks, which Codex's sandbox leaves writable): doctor fails and the editor says AgentGuard is never called", () => {
  const sb = sandbox();
  try {
    assert.equal(cli(sb, ['install', '--claude', '--codex', '--user']).code, 0);
    assert.match(cli(sb, ['doctor']).stdout, /^sandbox {4}claude {6}on\+list/m);
    // What a command Codex ran in the working folder can write there: Claude Code's project settings.
    const shared = path.join(sb.workspace, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(shared), { recursive: true });
    fs.writeFileSync(shared, JSON.stringify({ disableAllHooks: true }));
    const doctor = cli(sb, ['doctor']);
    assert.equal(doctor.code, 1, doctor.stdout);
    assert.match(
      doctor.stdout,
      new RegExp(
        `^sandbox {4}claude {6}FAIL on: Claude Code: disableAllHooks is true in ${shared.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, so Claude Code runs no hook and AgentGuard is never called`,
        'm',
      ),
    );
    assert.match(
      hostSandboxTooltip(wiredHostSandboxes(sb.workspace, sb.home, hookEnv(sb), sb.state)),
      /^Host sandboxes: AgentGuard is never called by Claude Code\.\n✗ Claude Code: disableAllHooks is true/,
    );
    // Claude Code's own precedence: the local project file's false outranks the shared file's true.
    fs.writeFileSync(path.join(sb.workspace, '.claude', 'settings.local.json'), '{"disableAllHooks": false}');
    assert.match(cli(sb, ['doctor']).stdout, /^sandbox {4}claude {6}on\+list/m);
  } finally {
    sb.cleanup();
  }
});
