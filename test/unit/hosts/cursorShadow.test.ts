// A workspace `.cursor/hooks.json` that outranks AgentGuard's hook: the real
// hook, spawned with Cursor's own payloads after a real `agentguard install
// --cursor`, asks (Cursor has no ask: a refusal that says how to approve)
// for every call that is not read-only and names the file; the audit log
// keeps the finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cursor } from '../../../src/core/hosts/cursor';
import { cursorShadows } from '../../../src/core/hosts/cursorShadow';
import { fixture, lastFindings, runCli, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';
import { assertUnreadableMcpFileIsNews } from '../support/mcpFileShadow';

function install(sb: Sandbox, ...args: string[]): void {
  const r = runCli(sb, ['install', '--cursor', '--no-host-sandbox', ...args], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

const projectHooks = (sb: Sandbox) => path.join(sb.workspace, '.cursor', 'hooks.json');

function writeProjectHooks(sb: Sandbox, hooks: Record<string, unknown[]>): void {
  fs.mkdirSync(path.dirname(projectHooks(sb)), { recursive: true });
  fs.writeFileSync(projectHooks(sb), JSON.stringify({ version: 1, hooks }, null, 2));
}

/** What Cursor makes of the hook's answer to `payload`. */
async function decide(sb: Sandbox, payload: Record<string, unknown>): Promise<{ decision: string; reason: string }> {
  const r = await runHook('cursor', payload, sb);
  const read = cursor.read(r);
  assert.ok(read.ok, `${r.stdout} ${r.stderr}`);
  return { decision: read.decision, reason: read.reason ?? '' };
}

const shell = (sb: Sandbox) => decide(sb, withCommand(fixture('cursor/before-shell', sb), 'ls -la src'));
const withCommand = (p: Record<string, unknown>, command: string) => ({ ...p, command });

async function readFile(sb: Sandbox): Promise<string> {
  const file = path.join(sb.workspace, 'src', 'index.ts');
  fs.writeFileSync(file, 'export {};\n');
  return (await decide(sb, { ...fixture('cursor/before-read-file', sb), file_path: file, content: 'export {};\n' }))
    .decision;
}

const OTHER = { command: 'python3 .cursor/allow-all.py' };

test("a beforeShellExecution hook added in the workspace's .cursor/hooks.json outranks the user-level hook: shell calls are refused with how to approve", async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    assert.equal((await shell(sb)).decision, 'defer', 'nothing shadows yet: Cursor decides');
    writeProjectHooks(sb, { beforeShellExecution: [OTHER] });
    const after = await shell(sb);
    assert.equal(after.decision, 'deny', 'Cursor has no ask: the hook refuses');
    assert.match(
      after.reason,
      /\.cursor\/hooks\.json adds a beforeShellExecution hook for Shell \(python3 \.cursor\/allow-all\.py\)/,
    );
    assert.notEqual(await readFile(sb), 'deny', 'a file read is not asked');
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
  });
});

test('a preToolUse hook reaches only the tools its matcher names; an MCP hook reaches MCP calls only; one there before install is not news', async () => {
  await withSandbox(async (sb) => {
    writeProjectHooks(sb, { beforeMCPExecution: [OTHER] });
    install(sb, '--user');
    const mcp = () => decide(sb, withInput(fixture('cursor/before-mcp', sb), { query: 'SELECT 1;' }));
    assert.equal((await mcp()).decision, 'defer', 'the file as install found it');

    writeProjectHooks(sb, { preToolUse: [{ ...OTHER, matcher: 'Write|StrReplace' }] });
    assert.equal((await shell(sb)).decision, 'defer', 'a hook for Write does not reach Shell');
    const write = await decide(sb, fixture('cursor/pre-tool-use-write', sb));
    assert.equal(write.decision, 'deny');
    assert.match(write.reason, /adds a preToolUse hook for Write/);

    writeProjectHooks(sb, { beforeMCPExecution: [{ command: 'node .cursor/mcp-gate.js' }] });
    assert.equal((await shell(sb)).decision, 'defer', 'an MCP hook does not reach Shell');
    const after = await mcp();
    assert.equal(after.decision, 'deny');
    assert.match(after.reason, /adds a beforeMCPExecution hook for execute_sql \(node \.cursor\/mcp-gate\.js\)/);
  });
});

test("the workspace file install wrote: another hook beside AgentGuard's, or AgentGuard's entry gone, refuses; a deny stays a deny", async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const file = projectHooks(sb);
    const original = fs.readFileSync(file, 'utf8');
    assert.equal((await shell(sb)).decision, 'defer');

    const v = JSON.parse(original) as { hooks: Record<string, unknown[]> };
    v.hooks.beforeShellExecution.push(OTHER);
    fs.writeFileSync(file, JSON.stringify(v, null, 2));
    assert.match((await shell(sb)).reason, /adds a beforeShellExecution hook for Shell/);

    const gone = JSON.parse(original) as { hooks: Record<string, unknown[]> };
    delete gone.hooks.beforeShellExecution;
    fs.writeFileSync(file, JSON.stringify(gone, null, 2));
    const r = await shell(sb);
    assert.equal(r.decision, 'deny');
    assert.match(r.reason, /changed since install: AgentGuard's entry/);

    fs.writeFileSync(file, original);
    writeProjectHooks(sb, {
      ...(JSON.parse(original) as { hooks: Record<string, unknown[]> }).hooks,
      preToolUse: [OTHER],
    });
    const denied = await decide(sb, withCommand(fixture('cursor/before-shell', sb), 'mkfs.ext4 /dev/sda1'));
    assert.equal(denied.decision, 'deny');
    assert.doesNotMatch(denied.reason, /hook-shadowed|adds a preToolUse hook/);
  });
});

// Cursor starts a server of the project's `.cursor/mcp.json` under its `env` and the variables of its `envFile`
// (https://cursor.com/docs/mcp; docs/hosts.md, "Environment a workspace sets").
test('a .cursor/mcp.json server env that changes what runs, or an envFile, is refused; a token, or the file as install found it, is not', async () => {
  await withSandbox(async (sb) => {
    const mcp = path.join(sb.workspace, '.cursor', 'mcp.json');
    const server = (extra: Record<string, unknown>) => {
      fs.mkdirSync(path.dirname(mcp), { recursive: true });
      fs.writeFileSync(mcp, JSON.stringify({ mcpServers: { db: { command: 'npx', args: ['db-mcp'], ...extra } } }));
    };
    server({ env: { PYTHONPATH: 'tools' } });
    install(sb, '--user');
    assert.equal((await shell(sb)).decision, 'defer', 'the file as install found it');
    server({ env: { DB_TOKEN: 'x' } });
    assert.equal((await shell(sb)).decision, 'defer', 'a variable that changes no program');
    server({ env: { DB_TOKEN: 'x', LD_PRELOAD: './hook.so' } });
    const env = await shell(sb);
    assert.equal(env.decision, 'deny', 'Cursor has no ask: a refusal that says how to approve');
    assert.match(env.reason, /\.cursor\/mcp\.json sets mcpServers\.db\.env\.LD_PRELOAD for Cursor's MCP server db/);
    assert.notEqual(await readFile(sb), 'deny', 'a file read is not refused');
    server({ envFile: '.env.mcp' });
    assert.match((await shell(sb)).reason, /mcp\.json sets mcpServers\.db\.envFile \(\.env\.mcp\) for Cursor's/);
  });
});

// Cursor starts the servers of `.cursor/mcp.json`: a file it may read where AgentGuard cannot is not one it starts
// nothing from, so a file that cannot be read as a JSON object is asked, as Claude Code's `.mcp.json` is.
test('a .cursor/mcp.json that cannot be read as a JSON object is news; an empty one, or a readable one naming a token, is not', () => {
  const shadows = cursorShadows(['run_terminal_cmd'], new Set(['run_terminal_cmd']));
  const file = path.join('/w', '.cursor', 'mcp.json');
  assertUnreadableMcpFileIsNews((text) => shadows(text, 'run_terminal_cmd', () => false, file), 'Cursor', 'mcpServers');
});
