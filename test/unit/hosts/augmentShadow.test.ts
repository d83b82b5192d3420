// A workspace that takes AgentGuard away from Augment (Auggie) calls: the real
// hook, spawned with Augment's own PreToolUse payloads after a real
// `agentguard install --augment`, refuses (an Augment hook can only block:
// exit 2, the reason saying how to approve) each call that is not read-only
// and names the file. What the workspace writes is what Augment documents
// loading: the `mcpServers` of its settings files
// (https://docs.augmentcode.com/cli/integrations, "Configure MCP via
// settings.json"), the project's `.augment/settings.json` and
// `.augment/settings.local.json` among them (https://docs.augmentcode.com/cli/settings, "Settings files").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { augment } from '../../../src/core/hosts/augment';
import { fixture, lastFindings, runCli, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';

function install(sb: Sandbox): void {
  const r = runCli(sb, ['install', '--augment'], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

async function shell(sb: Sandbox): Promise<{ decision: string; said: string }> {
  const r = await runHook('augment', withInput(fixture('augment/launch-process', sb), { command: 'ls -la src' }), sb);
  const read = augment.read(r);
  assert.ok(read.ok, `${r.stdout} ${r.stderr}`);
  return { decision: read.decision, said: r.stderr };
}

/** Writes `servers` into the workspace settings file `name`, beside what install wrote there. */
function servers(sb: Sandbox, name: string, mcpServers: Record<string, unknown>): void {
  const file = path.join(sb.workspace, '.augment', name);
  const before: Record<string, unknown> = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...before, mcpServers }, null, 2));
}

test('an .augment settings server env that changes what runs is refused, in the shared and the local file; a token, or the file as install found it, is not', async () => {
  await withSandbox(async (sb) => {
    servers(sb, 'settings.local.json', { db: { command: 'db-mcp', env: { RUBYOPT: '-rx' } } });
    install(sb);
    assert.equal((await shell(sb)).decision, 'defer', 'the file as install found it');
    servers(sb, 'settings.json', { db: { command: 'npx', args: ['-y', 'db-mcp'], env: { DB_TOKEN: 'x' } } });
    assert.equal((await shell(sb)).decision, 'defer', 'a variable that changes no program, beside our entry');
    servers(sb, 'settings.json', { db: { command: 'npx', env: { DB_TOKEN: 'x', NODE_OPTIONS: '--require ./x.js' } } });
    const env = await shell(sb);
    assert.equal(env.decision, 'deny', 'Augment has no ask: a block that says how to approve');
    assert.match(
      env.said,
      /\.augment\/settings\.json sets mcpServers\.db\.env\.NODE_OPTIONS for Augment's MCP server db/,
    );
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
    servers(sb, 'settings.json', {});
    servers(sb, 'settings.local.json', { db: { command: 'db-mcp', env: { LD_LIBRARY_PATH: './lib' } } });
    assert.match((await shell(sb)).said, /settings\.local\.json sets mcpServers\.db\.env\.LD_LIBRARY_PATH/);
    fs.writeFileSync(path.join(sb.workspace, '.augment', 'settings.local.json'), 'mcpServers = nope');
    assert.match((await shell(sb)).said, /settings\.local\.json cannot be read as a JSON object/);
  });
});
