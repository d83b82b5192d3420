// The hosts' own sandboxes as install turns them on: the settings written,
// merged into the user's and taken back per host (Claude Code's
// `sandbox`, Codex's `sandbox_mode`), AgentGuard's deny-write list, and
// install / uninstall / --dry-run / --no-host-sandbox / doctor through the
// built CLI on real files in a throwaway home.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { CLAUDE_SANDBOX } from '../../../src/core/hosts/claudeSandbox';
import { denyWriteList, gitPlaces, sandboxRecordFile } from '../../../src/core/launcher/hostSandbox';
import { CLI, hookEnv, ownAccountNode, sandbox, type Sandbox } from '../support/hookHarness';

const USER_CLAUDE = `{
  // mine: keep this comment
  "permissions": { "allow": ["Bash(npm test:*)"] },
  "sandbox": { "excludedCommands": ["docker"], "filesystem": { "denyWrite": ["/srv/secrets", "/home/me/.ssh"] } }
}
`;

const PROJECT = { scope: 'project' as const, workspace: '/ws' };

function turnOn(text: string, deny: string[]) {
  const r = CLAUDE_SANDBOX.turnOn(text, deny, PROJECT);
  assert.ok(r.ok, 'the edit is accepted');
  return r;
}

test("Claude Code: install turns the sandbox on, closes the way out, and adds only the missing paths to the user's denyWrite", () => {
  const r = turnOn(USER_CLAUDE, ['/home/me/.ssh', '/home/me/.agentguard', '/ws/.git/hooks']);
  const v = parseJsonc(r.text) as {
    sandbox: Record<string, unknown> & { filesystem: { denyWrite: string[] } };
    permissions: unknown;
  };
  assert.equal(v.sandbox.enabled, true);
  assert.equal(v.sandbox.allowUnsandboxedCommands, false);
  assert.deepEqual(v.sandbox.excludedCommands, ['docker'], "the user's own sandbox settings stay");
  assert.deepEqual(v.permissions, { allow: ['Bash(npm test:*)'] });
  assert.deepEqual(v.sandbox.filesystem.denyWrite, [
    '/srv/secrets',
    '/home/me/.ssh',
    '/home/me/.agentguard',
    '/ws/.git/hooks',
  ]);
  assert.match(r.text, /keep this comment/);
  assert.deepEqual(r.added, {
    set: { 'sandbox.enabled': null, 'sandbox.allowUnsandboxedCommands': null },
    listed: ['/home/me/.agentguard', '/ws/.git/hooks'],
  });
  assert.equal(CLAUDE_SANDBOX.read(r.text, ['/home/me/.agentguard', '/ws/.git/hooks']).on, true);
  assert.deepEqual(CLAUDE_SANDBOX.read(r.text, ['/home/me/.agentguard', '/ws/.git/hooks', '/x']).listed, [
    '/home/me/.agentguard',
    '/ws/.git/hooks',
  ]);
});

test('Claude Code: uninstall takes back exactly what install added, and nothing the user holds', () => {
  const on = turnOn(USER_CLAUDE, ['/home/me/.ssh', '/home/me/.agentguard']);
  const back = CLAUDE_SANDBOX.takeBack(on.text, on.added);
  assert.ok(back.ok);
  assert.deepEqual(parseJsonc(back.text), parseJsonc(USER_CLAUDE), "the settings are the user's again");
  assert.match(back.text, /keep this comment/);
  // A file that held nothing: nothing is left.
  const fresh = turnOn('', ['/a']);
  const empty = CLAUDE_SANDBOX.takeBack(fresh.text, fresh.added);
  assert.ok(empty.ok);
  assert.deepEqual(parseJsonc(empty.text), {});
});

test("Claude Code: never weaker — a user's choices stand, and one changed after install is theirs", () => {
  const chosen = turnOn('{ "sandbox": { "enabled": false, "allowUnsandboxedCommands": true } }', []);
  const v = parseJsonc(chosen.text) as { sandbox: Record<string, unknown> };
  assert.equal(v.sandbox.enabled, true, 'install is for turning it on');
  assert.equal(v.sandbox.allowUnsandboxedCommands, true, 'left as the user set it (doctor says so)');
  assert.deepEqual(chosen.added.set, { 'sandbox.enabled': false });
  assert.match(CLAUDE_SANDBOX.read(chosen.text, []).notes.join(' '), /retried outside it/);
  const back = CLAUDE_SANDBOX.takeBack(chosen.text, chosen.added);
  assert.ok(back.ok);
  assert.equal((parseJsonc(back.text) as { sandbox: { enabled: unknown } }).sandbox.enabled, false);
  // Turned off by the user after install: uninstall leaves it.
  const on = turnOn('{}', ['/a']);
  const changed = on.text.replace('"enabled": true', '"enabled": false');
  const kept = CLAUDE_SANDBOX.takeBack(changed, on.added);
  assert.ok(kept.ok);
  assert.equal((parseJsonc(kept.text) as { sandbox: { enabled: unknown } }).sandbox.enabled, false);
  assert.equal(
    CLAUDE_SANDBOX.turnOn('{ "sandbox": [] }', [], PROJECT).ok,
    false,
    'a shape it cannot read is refused, not rewritten',
  );
  assert.equal(CLAUDE_SANDBOX.turnOn('{ nope', [], PROJECT).ok, false);
});

// Codex's file (its permission profile): test/unit/hosts/codexSandbox.test.ts.

function makeWorkspace(sb: Sandbox): void {
  for (const d of ['sub/inner', 'node_modules/dep']) spawnSync('git', ['init', '-q', path.join(sb.workspace, d)]);
}

test('the deny-write list: state, launcher, runtime, editors, hook and settings files, start-up files, git config, nested repositories, PATH folders', () => {
  const sb = sandbox();
  try {
    makeWorkspace(sb);
    const list = denyWriteList({
      home: sb.home,
      workspace: sb.workspace,
      stateDir: sb.state,
      runtimes: ['/opt/node/bin/node'],
      env: {
        PATH: `${sb.home}/.pyenv/bin:/usr/bin`,
        ZDOTDIR: path.join(sb.home, 'dots'),
        JUPYTER_CONFIG_DIR: path.join(sb.home, 'jconf'),
        IPYTHONDIR: 'relative/ipy',
      },
    });
    const h = (p: string) => path.join(sb.home, p);
    const w = (p: string) => path.join(sb.workspace, p);
    for (const p of [
      sb.state,
      h('.local/state/agentguard'),
      h('.agentguard'),
      h('.local/bin'),
      h('bin'),
      '/opt/node/bin/node',
      h('.vscode/extensions'),
      h('.cursor/extensions'),
      h('.vscode-server/extensions'),
      h('.local/share/code-server/extensions'),
      h('.claude/settings.json'),
      w('.claude/settings.local.json'),
      w('.codex/hooks.json'),
      h('.codex/config.toml'),
      w('.cursor/hooks.json'),
      h('.bashrc'),
      h('.zshrc'),
      h('.profile'),
      h('.bashrc.d'),
      h('.config/zsh'),
      h('dots/.zshrc'),
      h('dots/.zshenv'),
      h('.xonshrc'),
      h('.config/xonsh'),
      h('.config/nushell'),
      h('.tmux.conf'),
      h('.config/tmux'),
      h('.vimrc'),
      h('.vim'),
      h('.config/nvim'),
      h('.psqlrc'),
      h('.sqliterc'),
      h('.Rprofile'),
      h('.irbrc'),
      h('.pryrc'),
      h('.ipython/profile_default/startup'),
      h('.ipython/profile_default/ipython_kernel_config.py'),
      h('.jupyter/jupyter_config.py'),
      h('.jupyter/jupyter_server_config.py'),
      h('.jupyter/jupyter_notebook_config.py'),
      h('.jupyter/jupyter_lab_config.py'),
      h('.jupyter/jupyter_server_config.json'),
      h('.jupyter/jupyter_server_config.d'),
      h('.jupyter/custom'),
      h('jconf/jupyter_server_config.py'),
      h('.ssh/config'),
      h('.aws/config'),
      h('.curlrc'),
      h('.wgetrc'),
      h('.inputrc'),
      h('.gitconfig'),
      h('.config/git'),
      h('.nvm'),
      h('.asdf/shims'),
      h('.pyenv/bin'),
      w('.git/config'),
      w('.git/hooks'),
      w('sub/inner/.git/hooks'),
      w('sub/inner/.git/config'),
    ])
      assert.ok(list.includes(p), `${p} is on the list`);
    assert.ok(!list.some((p) => p.includes('node_modules')), 'dependencies are not walked');
    assert.ok(!list.some((p) => p.includes('relative/ipy')), 'a relative IPYTHONDIR names no place');
    // The rest of Jupyter's folder (JupyterLab's saved workspaces) stays writable.
    assert.ok(!list.includes(h('.jupyter')) && !list.includes(h('.jupyter/lab')));
    // Files a tool rewrites in routine work are judged by what a write adds, not kept from writes.
    assert.ok(!list.includes(h('.aws/credentials')) && !list.includes(h('.kube/config')));
    const gate = denyWriteList({
      home: sb.home,
      workspace: sb.workspace,
      stateDir: sb.state,
      env: { ZDOTDIR: path.join(sb.state, 'terminal', 'zsh') },
    });
    assert.ok(
      !gate.some((p) => p.startsWith(path.join(sb.state, 'terminal'))),
      "the terminal door's ZDOTDIR is the state's",
    );
    assert.equal(new Set(list).size, list.length);
    assert.ok(list.every((p) => path.isAbsolute(p)));
    assert.deepEqual(gitPlaces(path.join(sb.root, 'missing')), [
      path.join(sb.root, 'missing', '.git', 'config'),
      path.join(sb.root, 'missing', '.git', 'hooks'),
    ]);
  } finally {
    sb.cleanup();
  }
});

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

test('install / --dry-run / --no-host-sandbox / doctor / uninstall through the CLI on real files', () => {
  const sb = sandbox();
  try {
    makeWorkspace(sb);
    const local = path.join(sb.workspace, '.claude', 'settings.local.json');
    fs.mkdirSync(path.dirname(local), { recursive: true });
    fs.writeFileSync(local, USER_CLAUDE);
    const codexUser = path.join(sb.home, '.codex', 'config.toml');
    const dry = cli(sb, ['install', '--claude', '--codex', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(
      dry.stdout,
      /settings\.local\.json {2}sandbox would change: sandbox\.enabled set to true \(was unset\); sandbox\.allowUnsandboxedCommands set to false \(was unset\); \d+ paths added/,
    );
    assert.ok(
      dry.stdout.includes(`  ${path.join(sb.workspace, 'sub', 'inner', '.git', 'hooks')}\n`),
      'the list is shown',
    );
    assert.equal(fs.readFileSync(local, 'utf8'), USER_CLAUDE, '--dry-run changes nothing');
    assert.ok(
      !fs.existsSync(path.join(sb.workspace, '.claude', 'settings.json')) && !fs.existsSync(sandboxRecordFile(sb.home)),
    );

    const declined = cli(sb, ['install', '--claude', '--no-host-sandbox']);
    assert.equal(declined.code, 0, declined.stderr);
    assert.match(declined.stdout, /routine calls run unconfined unless answerHarmless/);
    assert.equal(fs.readFileSync(local, 'utf8'), USER_CLAUDE);
    assert.match(
      cli(sb, ['doctor']).stdout,
      /sandbox {4}claude .*settings\.local\.json {2}off; AgentGuard's list absent\n[^]*?off: routine calls run unconfined/,
    );

    fs.mkdirSync(path.dirname(codexUser), { recursive: true });
    fs.writeFileSync(codexUser, 'sandbox_mode = "danger-full-access"\n');
    const inst = cli(sb, ['install', '--claude', '--codex', '--user']);
    assert.equal(inst.code, 0, inst.stderr);
    assert.match(
      inst.stdout,
      /config\.toml {2}sandbox turned on: sandbox_mode removed \(was "danger-full-access"\); default_permissions set to "agentguard" \(was unset\); permissions\.agentguard set to ":workspace, \d+ paths read-only" \(was unset\)/,
    );
    assert.match(
      fs.readFileSync(codexUser, 'utf8'),
      /^default_permissions = "agentguard" {2}# agentguard: was sandbox_mode = "danger-full-access"$/m,
    );
    const codexProject = path.join(sb.workspace, '.codex', 'config.toml');
    const codexInst = cli(sb, ['install', '--codex']);
    assert.equal(codexInst.code, 0, codexInst.stderr);
    const profile = fs.readFileSync(codexProject, 'utf8');
    assert.match(profile, /^default_permissions = "agentguard" {2}# agentguard: added/);
    assert.match(profile, /^"sub\/inner\/\.git\/hooks" = "read"$/m, 'a nested repository is read-only in the profile');
    assert.equal(cli(sb, ['uninstall', '--codex']).code, 0);
    assert.ok(!fs.existsSync(codexProject), 'the file install wrote goes with what it held');
    const proj = cli(sb, ['install', '--claude']);
    assert.equal(proj.code, 0, proj.stderr);
    const v = parseJsonc(fs.readFileSync(local, 'utf8')) as {
      sandbox: { enabled: boolean; filesystem: { denyWrite: string[] } };
    };
    assert.equal(v.sandbox.enabled, true);
    assert.ok(v.sandbox.filesystem.denyWrite.includes(path.join(sb.workspace, 'sub', 'inner', '.git', 'hooks')));
    assert.ok(v.sandbox.filesystem.denyWrite.includes(sb.state));
    assert.equal(
      cli(sb, ['install', '--claude']).stdout.match(/sandbox already on/)?.length,
      1,
      'a second install changes nothing',
    );
    assert.match(
      cli(sb, ['doctor']).stdout,
      /sandbox {4}claude .*settings\.local\.json {2}on; AgentGuard's list present \(\d+ paths\)/,
    );
    const events = fs
      .readFileSync(path.join(sb.state, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event?: string; changes?: string[] });
    assert.deepEqual(
      events.filter((e) => e.event?.startsWith('host-sandbox.')).map((e) => e.event),
      [
        'host-sandbox.declined',
        'host-sandbox.installed',
        'host-sandbox.installed',
        'host-sandbox.uninstalled',
        'host-sandbox.installed',
        'host-sandbox.installed',
      ],
    );
    assert.match(
      events.filter((e) => e.event === 'host-sandbox.installed').at(-1)?.changes?.[0] ?? '',
      /^claude: sandbox on, AgentGuard's list present \(/,
    );
    assert.match(
      events.find((e) => e.event === 'host-sandbox.declined')?.changes?.[0] ?? '',
      /^claude: sandbox off, AgentGuard's list absent/,
    );

    const un = cli(sb, ['uninstall', '--claude']);
    assert.equal(un.code, 0, un.stderr);
    assert.deepEqual(
      parseJsonc(fs.readFileSync(local, 'utf8')),
      parseJsonc(USER_CLAUDE),
      "uninstall gives the user's settings back",
    );
    const unUser = cli(sb, ['uninstall', '--claude', '--codex', '--user']);
    assert.equal(unUser.code, 0, unUser.stderr);
    assert.equal(fs.readFileSync(codexUser, 'utf8'), 'sandbox_mode = "danger-full-access"\n');
    assert.ok(!fs.existsSync(path.join(sb.home, '.claude', 'settings.json')), 'a settings file install created goes');
  } finally {
    sb.cleanup();
  }
});
