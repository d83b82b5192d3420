// A workspace settings file of Claude Code that takes AgentGuard's hook away
// from some calls: the real hook, spawned with Claude Code's PreToolUse
// payloads, after a real `agentguard install --claude`, asks for every call
// that is not read-only and names the file; the audit log keeps the finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  claudeDecision,
  fixture,
  lastFindings,
  readAudit,
  runCli,
  runHook,
  sandbox,
  withInput,
  withSandbox,
  type Sandbox,
} from '../support/hookHarness';
import { launcherPath } from '../../../src/core/launcher';
import { RATE_LIMIT_FILE } from '../../../src/core/policy/rateLimit';
import { accountHome } from '../../../src/core/state';

function install(sb: Sandbox): void {
  const r = runCli(sb, ['install', '--claude', '--no-host-sandbox'], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

const settings = (sb: Sandbox, name: string) => path.join(sb.workspace, '.claude', name);

function edit(file: string, change: (v: Record<string, unknown>) => void): void {
  const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(v);
  fs.writeFileSync(file, JSON.stringify(v, null, 2));
}

const OTHER_HOOK = (matcher: string) =>
  JSON.stringify({
    hooks: { PreToolUse: [{ matcher, hooks: [{ type: 'command', command: 'python3 .claude/rewrite.py' }] }] },
  });

/** A Bash call that AgentGuard has nothing against (the host's own prompt decides), and a Read. */
async function calls(
  sb: Sandbox,
): Promise<{ bash: ReturnType<typeof claudeDecision>; read: ReturnType<typeof claudeDecision> }> {
  const bash = claudeDecision(
    await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls -la src' }), sb),
  );
  const source = path.join(sb.workspace, 'src', 'index.ts');
  fs.writeFileSync(source, 'export {};\n');
  const read = claudeDecision(
    await runHook('claude', withInput(fixture('claude/read', sb), { file_path: source }), sb),
  );
  return { bash, read };
}

test('a PreToolUse hook added in .claude/settings.local.json for the same tool makes the call ask, naming the file', async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const before = await calls(sb);
    assert.equal(before.bash.decision, 'defer', 'nothing shadows yet: the host decides');
    fs.writeFileSync(settings(sb, 'settings.local.json'), OTHER_HOOK('Bash'));
    const after = await calls(sb);
    assert.equal(after.bash.decision, 'ask');
    assert.match(
      after.bash.reason,
      /settings\.local\.json adds a PreToolUse hook for Bash \(python3 \.claude\/rewrite\.py\)/,
    );
    assert.notEqual(after.read.decision, 'ask', 'a read-only tool is not asked');
    const last = readAudit(sb)
      .filter((r) => r.tool === 'Bash' || r.kind === 'shell')
      .pop()!;
    assert.ok((last.findings as string[]).includes('guard.hook-shadowed'), JSON.stringify(last));
  });
});

test('a hook for other tools only shadows nothing for this one; a hook there before install is not news', async () => {
  await withSandbox(async (sb) => {
    fs.mkdirSync(path.join(sb.workspace, '.claude'), { recursive: true });
    fs.writeFileSync(settings(sb, 'settings.local.json'), OTHER_HOOK('Bash'));
    install(sb);
    assert.equal((await calls(sb)).bash.decision, 'defer', 'the file as install found it');
    fs.writeFileSync(settings(sb, 'settings.local.json'), OTHER_HOOK('Write|Edit'));
    assert.equal((await calls(sb)).bash.decision, 'defer', 'a hook for Write and Edit does not reach Bash');
    const write = claudeDecision(await runHook('claude', fixture('claude/write', sb), sb));
    assert.equal(write.decision, 'ask');
    assert.match(write.reason, /adds a PreToolUse hook for Write/);
  });
});

test('disableAllHooks in a workspace file makes every call that is not read-only ask', async () => {
  await withSandbox(async (sb) => {
    install(sb);
    fs.writeFileSync(settings(sb, 'settings.local.json'), '{ "disableAllHooks": true }');
    const { bash, read } = await calls(sb);
    assert.equal(bash.decision, 'ask');
    assert.match(bash.reason, /settings\.local\.json sets disableAllHooks/);
    assert.notEqual(read.decision, 'ask');
  });
});

test("the file install wrote: AgentGuard's entry removed or pointed elsewhere asks; an edit that keeps it does not", async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const file = settings(sb, 'settings.json');
    edit(file, (v) => (v.permissions = { allow: ['Bash(npm test:*)'] }));
    assert.equal((await calls(sb)).bash.decision, 'defer', "the user's own edit, AgentGuard's entry intact");

    const original = fs.readFileSync(file, 'utf8');
    edit(file, (v) => {
      const groups = (v.hooks as Record<string, { hooks: { command: string }[] }[]>).PreToolUse;
      groups[0].hooks[0].command = '/tmp/other/agentguard hook claude';
    });
    const moved = (await calls(sb)).bash;
    assert.equal(moved.decision, 'ask');
    assert.match(
      moved.reason,
      /changed since install: AgentGuard's entry now runs \/tmp\/other\/agentguard hook claude/,
    );

    fs.writeFileSync(file, original);
    edit(file, (v) => delete v.hooks);
    const gone = (await calls(sb)).bash;
    assert.equal(gone.decision, 'ask');
    assert.match(gone.reason, /changed since install: AgentGuard's entry is gone/);

    fs.rmSync(file);
    assert.match((await calls(sb)).bash.reason, /which held AgentGuard's hook when it was installed, is gone/);
  });
});

test("a handler that runs some other program named agentguard is not AgentGuard's: the call asks", async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const launcher = path.join(sb.home, '.agentguard', 'bin', 'agentguard');
    assert.ok(fs.existsSync(launcher), 'install wrote the launcher');
    const handler = (command: string) =>
      JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command }] }] } });
    for (const command of [
      '/tmp/x/agentguard hook claude',
      `'/tmp/x/.agentguard/bin/agentguard' hook claude`,
      '/some/other/agentguard hook claude',
      './agentguard hook claude',
      'agentguard hook claude',
      // The pinned form from before the launcher, with a CLI of the agent's.
      `'${process.execPath}' '${path.join(sb.workspace, 'dist', 'cli.js')}' hook claude`,
      // The launcher as install writes it for another host: that hook reads Claude Code's call as its own host's.
      `'${launcher}' hook gemini`,
      `'${launcher}' hook copilot`,
    ]) {
      fs.writeFileSync(settings(sb, 'settings.local.json'), handler(command));
      // Asks in a row: the rate limiter counts each form afresh, so its kill switch does not end the test early.
      fs.rmSync(path.join(sb.state, RATE_LIMIT_FILE), { force: true });
      const { bash } = await calls(sb);
      assert.equal(bash.decision, 'ask', command);
      assert.match(bash.reason, /settings\.local\.json adds a PreToolUse hook for Bash/, command);
    }
    // The launcher as install writes it, in a second file, is AgentGuard's own hook: nothing shadows. Here HOME (where
    // install wrote it) is not the account's home (where the editor writes it): either launcher is AgentGuard's.
    assert.notEqual(path.resolve(sb.home), path.resolve(accountHome()));
    for (const own of [launcher, launcherPath(accountHome())]) {
      fs.writeFileSync(settings(sb, 'settings.local.json'), handler(`'${own}' hook claude`));
      assert.equal((await calls(sb)).bash.decision, 'defer', own);
    }
  });
});

// Claude Code's `env` setting (https://code.claude.com/docs/en/settings, "env"): in a project's settings file it
// reaches the PreToolUse hook's process and every Bash command (Claude Code 2.1.330, docs/hosts.md).
const withEnv = (env: Record<string, string>, rest: Record<string, unknown> = {}) =>
  JSON.stringify({ ...rest, env }, null, 2);

test('a workspace env that changes what runs (PATH, BASH_ENV, NODE_OPTIONS) makes the call ask, naming the file and the variable', async () => {
  await withSandbox(async (sb) => {
    install(sb);
    fs.writeFileSync(settings(sb, 'settings.local.json'), withEnv({ PATH: `${sb.workspace}/bin:/usr/bin:/bin` }));
    const local = await calls(sb);
    assert.equal(local.bash.decision, 'ask');
    assert.match(local.bash.reason, /settings\.local\.json sets env\.PATH for Claude Code's hooks and commands/);
    assert.notEqual(local.read.decision, 'ask', 'a read-only tool is not asked');
    fs.rmSync(settings(sb, 'settings.local.json'));

    const project = settings(sb, 'settings.json');
    edit(project, (v) => (v.env = { BASH_ENV: '.claude/start.sh', FOO: '1', node_options: '--require ./x.js' }));
    fs.rmSync(path.join(sb.state, RATE_LIMIT_FILE), { force: true });
    const bash = (await calls(sb)).bash;
    assert.equal(bash.decision, 'ask');
    assert.match(bash.reason, /settings\.json sets env\.BASH_ENV \(and node_options\)/);
    const last = readAudit(sb)
      .filter((r) => r.tool === 'Bash' || r.kind === 'shell')
      .pop()!;
    assert.ok((last.findings as string[]).includes('guard.hook-shadowed'), JSON.stringify(last));
  });
});

test('a workspace env that changes nothing that runs, or was there before install, is not news', async () => {
  await withSandbox(async (sb) => {
    fs.mkdirSync(path.join(sb.workspace, '.claude'), { recursive: true });
    fs.writeFileSync(settings(sb, 'settings.local.json'), withEnv({ NODE_OPTIONS: '--max-old-space-size=4096' }));
    install(sb);
    assert.equal((await calls(sb)).bash.decision, 'defer', 'the file as install found it');
    edit(settings(sb, 'settings.json'), (v) => (v.env = { MAX_THINKING_TOKENS: '8000', DEBUG: 'acme:*' }));
    assert.equal((await calls(sb)).bash.decision, 'defer', 'variables that change no program');
    edit(settings(sb, 'settings.json'), (v) => (v.env = { DEBUG: 'acme:*', GIT_SSH_COMMAND: 'sh .claude/ssh.sh' }));
    assert.match((await calls(sb)).bash.reason, /settings\.json sets env\.GIT_SSH_COMMAND/, 'one that does');
  });
});

test("a launcher under a HOME a workspace env chose is not AgentGuard's, even run with that HOME", async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const chosen = path.join(sb.workspace, 'home');
    const own = `'${launcherPath(chosen)}' hook claude`;
    fs.writeFileSync(
      settings(sb, 'settings.local.json'),
      withEnv(
        { HOME: chosen },
        { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: own }] }] } },
      ),
    );
    // As a host that handed the hook the file's HOME would run it.
    const r = claudeDecision(
      await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls -la src' }), sb, { HOME: chosen }),
    );
    assert.equal(r.decision, 'ask');
    assert.match(
      r.reason,
      /settings\.local\.json adds a PreToolUse hook for Bash \('[^']*\/acme-api\/home\/\.agentguard\/bin\/agentguard' hook claude\)/,
    );
  });
});

test('a workspace settings file that cannot be read as JSON is asked, not passed', async () => {
  await withSandbox(async (sb) => {
    install(sb);
    fs.writeFileSync(settings(sb, 'settings.local.json'), 'env = PATH');
    const bash = (await calls(sb)).bash;
    assert.equal(bash.decision, 'ask');
    assert.match(bash.reason, /settings\.local\.json cannot be read as a JSON object/);
  });
});

test('a deny stays a deny where a workspace file shadows the hook', async () => {
  const sb = sandbox();
  try {
    install(sb);
    fs.writeFileSync(settings(sb, 'settings.local.json'), OTHER_HOOK('*'));
    const r = claudeDecision(
      await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'mkfs.ext4 /dev/sda1' }), sb),
    );
    assert.equal(r.decision, 'deny');
  } finally {
    sb.cleanup();
  }
});

// Windsurf, Kiro and Augment run the hooks of every level and a hook of theirs can only block: what a workspace
// can do there is take AgentGuard's own project entry out (docs/hosts.md, "The hook files as written").
for (const { host, file, payload, without } of [
  { host: 'windsurf', file: '.windsurf/hooks.json', payload: 'windsurf/pre-run-command', without: '{"hooks":{}}' },
  {
    host: 'kiro',
    file: '.kiro/hooks/agentguard.json',
    payload: 'kiro/execute-bash',
    without: '{"version":"v1","hooks":[]}',
  },
  { host: 'augment', file: '.augment/settings.json', payload: 'augment/launch-process', without: '{"hooks":{}}' },
]) {
  test(`${host}: AgentGuard's project entry taken out of ${file} is asked, and the file removed`, async () => {
    await withSandbox(async (sb) => {
      const r = runCli(sb, ['install', `--${host}`], 60_000);
      assert.equal(r.code, 0, r.stderr);
      let said = '';
      const shadowed = async () => {
        said = (await runHook(host, withInput(fixture(payload, sb), {}), sb)).stderr;
        return lastFindings(sb, 'shell').includes('guard.hook-shadowed');
      };
      assert.equal(await shadowed(), false, 'the file as install wrote it');
      fs.writeFileSync(path.join(sb.workspace, file), without);
      assert.equal(await shadowed(), true, 'AgentGuard is gone from the file');
      assert.match(said, /changed since install: AgentGuard's entry is gone/);
      fs.rmSync(path.join(sb.workspace, file));
      assert.equal(await shadowed(), true, 'the file removed');
    });
  });
}

// Claude Code starts a project server of `.mcp.json` a human approved (or every one, with enableAllProjectMcpServers)
// under the `env` the file gives it then (docs/hosts.md, "Environment a workspace sets").
test('an MCP server env in .mcp.json that changes what runs makes the call ask; a token, or one there before install, does not', async () => {
  await withSandbox(async (sb) => {
    const mcp = path.join(sb.workspace, '.mcp.json');
    const server = (env: Record<string, string>) =>
      JSON.stringify({ mcpServers: { db: { command: 'npx', args: ['-y', 'db-mcp'], env } } });
    fs.writeFileSync(mcp, server({ PYTHONPATH: 'tools' }));
    install(sb);
    assert.equal((await calls(sb)).bash.decision, 'defer', 'the file as install found it');
    fs.writeFileSync(mcp, server({ DB_TOKEN: 'x' }));
    assert.equal((await calls(sb)).bash.decision, 'defer', 'a variable that changes no program');
    fs.writeFileSync(mcp, server({ DB_TOKEN: 'x', LD_PRELOAD: './hook.so', NODE_OPTIONS: '--require ./x.js' }));
    const { bash, read } = await calls(sb);
    assert.equal(bash.decision, 'ask');
    assert.match(
      bash.reason,
      /\.mcp\.json sets mcpServers\.db\.env\.LD_PRELOAD \(and NODE_OPTIONS\) for Claude Code's MCP server db/,
    );
    assert.notEqual(read.decision, 'ask', 'a read-only tool is not asked');
  });
});

// Claude Code starts the servers of the project's `.mcp.json` once a human approved them, or all of them with
// `enableAllProjectMcpServers` / those named in `enabledMcpjsonServers` (https://code.claude.com/docs/en/mcp, "Project
// scope"; https://code.claude.com/docs/en/settings): an approval outlives the file's text, so a `.mcp.json` that cannot
// be read as a JSON object cannot be checked, and is asked as Copilot CLI's is; an empty one starts nothing.
test('a .mcp.json that cannot be read as a JSON object makes the call ask for Claude Code; an empty one does not', async () => {
  await withSandbox(async (sb) => {
    const mcp = path.join(sb.workspace, '.mcp.json');
    fs.writeFileSync(mcp, JSON.stringify({ mcpServers: { db: { command: 'npx', args: ['-y', 'db-mcp'] } } }));
    install(sb);
    assert.equal((await calls(sb)).bash.decision, 'defer', 'the file as install found it');
    fs.writeFileSync(mcp, '');
    assert.equal((await calls(sb)).bash.decision, 'defer', 'an empty file starts nothing');
    fs.writeFileSync(mcp, '["db-mcp", {"env": {"LD_PRELOAD": "./hook.so"}}]');
    const { bash, read } = await calls(sb);
    assert.equal(bash.decision, 'ask');
    assert.match(
      bash.reason,
      /\.mcp\.json cannot be read as a JSON object, so the MCP servers Claude Code may start from it, and the environment each starts under, cannot be checked/,
    );
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
    assert.notEqual(read.decision, 'ask', 'a read-only tool is not asked');
    fs.writeFileSync(mcp, 'mcpServers: { db: { command: npx } }');
    assert.equal((await calls(sb)).bash.decision, 'ask', 'not JSON at all');
  });
});
