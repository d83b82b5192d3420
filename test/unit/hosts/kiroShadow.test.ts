// A workspace that takes AgentGuard away from Kiro CLI calls: the real hook,
// spawned with Kiro's own preToolUse payloads after a real `agentguard
// install --kiro`, refuses (a Kiro hook can only block: exit 2, the reason
// saying how to approve) each call that is not read-only and names the file.
// What the workspace writes is what Kiro CLI documents loading: the servers
// of `.kiro/settings/mcp.json`, each started under its `env`
// (https://kiro.dev/docs/cli/mcp/configuration).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kiro } from '../../../src/core/hosts/kiro';
import { kiroShadows } from '../../../src/core/hosts/kiroShadow';
import { fixture, lastFindings, runCli, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';
import { assertUnreadableMcpFileIsNews } from '../support/mcpFileShadow';

function install(sb: Sandbox, ...args: string[]): void {
  const r = runCli(sb, ['install', '--kiro', ...args], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

async function decide(sb: Sandbox, payload: Record<string, unknown>): Promise<{ decision: string; said: string }> {
  const r = await runHook('kiro', payload, sb);
  const read = kiro.read(r);
  assert.ok(read.ok, `${r.stdout} ${r.stderr}`);
  return { decision: read.decision, said: r.stderr };
}

const shell = (sb: Sandbox) => decide(sb, withInput(fixture('kiro/execute-bash', sb), { command: 'ls -la src' }));

// Kiro CLI starts a workspace server of `.kiro/settings/mcp.json` under its `env` (docs/hosts.md, "Environment a
// workspace sets").
test('a .kiro/settings/mcp.json server env that changes what runs is refused; a token, or the file as install found it, is not', async () => {
  await withSandbox(async (sb) => {
    const mcp = path.join(sb.workspace, '.kiro', 'settings', 'mcp.json');
    const server = (env: Record<string, string>) => {
      fs.mkdirSync(path.dirname(mcp), { recursive: true });
      fs.writeFileSync(mcp, JSON.stringify({ mcpServers: { db: { command: 'npx', args: ['db-mcp'], env } } }));
    };
    server({ PYTHONPATH: 'tools' });
    install(sb);
    assert.equal((await shell(sb)).decision, 'defer', 'the file as install found it');
    server({ DB_TOKEN: 'x' });
    assert.equal((await shell(sb)).decision, 'defer', 'a variable that changes no program');
    server({ DB_TOKEN: 'x', GIT_SSH_COMMAND: './x.sh', NODE_OPTIONS: '--require ./x.js' });
    const env = await shell(sb);
    assert.equal(env.decision, 'deny', 'Kiro has no ask: a block that says how to approve');
    assert.match(
      env.said,
      /\.kiro\/settings\/mcp\.json sets mcpServers\.db\.env\.GIT_SSH_COMMAND \(and NODE_OPTIONS\) for Kiro CLI's MCP server db/,
    );
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
  });
});

// A workspace custom agent of `.kiro/agents/*.json` starts its own `mcpServers` under their `env`, ranked above the
// workspace's `mcp.json` (https://kiro.dev/docs/cli/custom-agents/configuration-reference, "McpServers field").
test('a .kiro/agents/*.json agent server env that changes what runs is refused, and an agent file that cannot be read; a token, a blocking hook, or the file as install found it, is not', async () => {
  await withSandbox(async (sb) => {
    const agents = path.join(sb.workspace, '.kiro', 'agents');
    fs.mkdirSync(agents, { recursive: true });
    const agent = (name: string, env: Record<string, string>, extra: Record<string, unknown> = {}) =>
      fs.writeFileSync(
        path.join(agents, `${name}.json`),
        JSON.stringify({ name, tools: ['*'], mcpServers: { git: { command: 'git-mcp', args: [], env } }, ...extra }),
      );
    agent('dev', { PERL5OPT: '-Mx' });
    install(sb);
    assert.equal((await shell(sb)).decision, 'defer', 'the file as install found it');
    agent(
      'dev',
      { GIT_CONFIG_COUNT: '1' },
      { hooks: { preToolUse: [{ matcher: 'execute_bash', command: 'audit.sh' }] } },
    );
    agent('review', { GITHUB_TOKEN: 'x' });
    assert.equal((await shell(sb)).decision, 'deny', 'GIT_CONFIG* sets any git option');
    agent('dev', { TOKEN: 'x' }, { hooks: { preToolUse: [{ matcher: 'execute_bash', command: 'audit.sh' }] } });
    assert.equal((await shell(sb)).decision, 'defer', 'a token, and a hook that can only block');
    agent('review', { BASH_ENV: './x.sh' });
    const env = await shell(sb);
    assert.equal(env.decision, 'deny');
    assert.match(
      env.said,
      /\.kiro\/agents\/review\.json sets mcpServers\.git\.env\.BASH_ENV for Kiro CLI's MCP server git/,
    );
    agent('review', { TOKEN: 'x' });
    fs.writeFileSync(path.join(agents, 'broken.json'), '[ "not an agent"');
    assert.match((await shell(sb)).said, /broken\.json cannot be read as a JSON object/);
  });
});

// Kiro CLI starts the servers of `.kiro/settings/mcp.json`: a file that cannot be read as a JSON object cannot be checked,
// and is asked as an agent file is; an empty one starts nothing.
test('a .kiro/settings/mcp.json that cannot be read as a JSON object is news; an empty one, or a token, is not', () => {
  const file = path.join('/w', '.kiro', 'settings', 'mcp.json');
  assertUnreadableMcpFileIsNews(
    (text) => kiroShadows(text, 'execute_bash', () => false, file),
    'Kiro CLI',
    'mcpServers',
  );
});
