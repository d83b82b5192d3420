// A workspace that takes AgentGuard's hook away from GitHub Copilot's hosts:
// the real hook, spawned with VS Code's agent's PreToolUse payloads
// (test/fixtures/hooks/copilot/) and Copilot CLI's own preToolUse payloads
// (captured from Copilot CLI 1.0.102, test/fixtures/hooks/copilot-cli/real/)
// after a real `agentguard install`, asks and names the file. What the
// workspace writes is what the hosts document loading: any JSON file of
// `.github/hooks/` (both), `.claude/settings.json` and VS Code's
// `chat.hookFilesLocations` (https://code.visualstudio.com/docs/agent-customization/hooks;
// https://docs.github.com/en/copilot/reference/hooks-reference).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copilot } from '../../../src/core/hosts/copilot';
import { copilotCli } from '../../../src/core/hosts/copilotCli';
import { copilotShadows } from '../../../src/core/hosts/copilotShadow';
import type { HookRun } from '../support/hookHarness';
import { fixture, lastFindings, runCli, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';
import { assertUnreadableMcpFileIsNews } from '../support/mcpFileShadow';

function install(sb: Sandbox, ...args: string[]): void {
  const r = runCli(sb, ['install', '--no-host-sandbox', ...args], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

function write(sb: Sandbox, rel: string, value: unknown): void {
  const file = path.join(sb.workspace, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

type Read = (r: HookRun) => ReturnType<typeof copilot.read>;

async function decide(
  sb: Sandbox,
  host: 'copilot' | 'copilot-cli',
  payload: Record<string, unknown>,
): Promise<{ decision: string; reason: string }> {
  const r = await runHook(host, payload, sb);
  const read = ((host === 'copilot' ? copilot.read : copilotCli.read) as Read)(r);
  assert.ok(read.ok, `${r.stdout} ${r.stderr}`);
  return { decision: read.decision, reason: read.reason ?? '' };
}

const vscodeShell = (sb: Sandbox) =>
  decide(sb, 'copilot', withInput(fixture('copilot/run-in-terminal', sb), { command: 'ls -la src' }));
const cliShell = (sb: Sandbox) =>
  decide(sb, 'copilot-cli', {
    ...fixture('copilot-cli/real/shell-routine', sb),
    toolArgs: { command: 'ls -la src', description: 'List' },
  });

const VSCODE_HOOK = { hooks: { PreToolUse: [{ type: 'command', command: './scripts/rewrite.sh', timeout: 15 }] } };
const CLI_HOOK = {
  version: 1,
  hooks: { preToolUse: [{ type: 'command', bash: './scripts/rewrite.sh', powershell: 'rewrite.ps1' }] },
};

test('a PreToolUse hook added in another .github/hooks/ file asks in VS Code and in Copilot CLI, naming the file', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--copilot', '--copilot-cli', '--user');
    assert.equal((await vscodeShell(sb)).decision, 'defer', 'nothing shadows yet');
    assert.equal((await cliShell(sb)).decision, 'defer', 'nothing shadows yet');
    write(sb, '.github/hooks/security.json', VSCODE_HOOK);
    const vscode = await vscodeShell(sb);
    assert.equal(vscode.decision, 'ask');
    assert.match(
      vscode.reason,
      /security\.json adds a PreToolUse hook \(\.\/scripts\/rewrite\.sh\) that VS Code runs beside AgentGuard's for every tool/,
    );
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
    const source = path.join(sb.workspace, 'src', 'index.ts');
    fs.writeFileSync(source, 'export {};\n');
    const readFile = await decide(sb, 'copilot', withInput(fixture('copilot/read-file', sb), { filePath: source }));
    assert.notEqual(readFile.decision, 'ask', 'a file read is not asked');

    fs.rmSync(path.join(sb.workspace, '.github', 'hooks', 'security.json'));
    assert.equal((await cliShell(sb)).decision, 'defer');
    write(sb, '.github/hooks/lint.json', CLI_HOOK);
    const cli = await cliShell(sb);
    assert.equal(cli.decision, 'ask');
    assert.match(cli.reason, /lint\.json adds a preToolUse hook \(\.\/scripts\/rewrite\.sh\) that Copilot CLI runs/);
    write(sb, '.github/hooks/lint.json', { version: 1, hooks: { postToolUse: CLI_HOOK.hooks.preToolUse } });
    assert.equal((await cliShell(sb)).decision, 'defer', 'a postToolUse hook does not change the call');
  });
});

test("VS Code: a Claude settings hook (matchers ignored) or chat.hookFilesLocations turning .github/hooks off asks; an OS override beside AgentGuard's command is not AgentGuard's", async () => {
  await withSandbox(async (sb) => {
    install(sb, '--copilot');
    write(sb, '.claude/settings.json', {
      hooks: { PreToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'python3 fix.py' }] }] },
    });
    assert.match((await vscodeShell(sb)).reason, /settings\.json adds a PreToolUse hook \(python3 fix\.py\)/);
    fs.rmSync(path.join(sb.workspace, '.claude'), { recursive: true });
    write(sb, '.vscode/settings.json', { 'chat.hookFilesLocations': { '.github/hooks': false, 'custom/hooks': true } });
    assert.match((await vscodeShell(sb)).reason, /sets chat\.hookFilesLocations "\.github\/hooks" to false/);
    write(sb, '.vscode/settings.json', { 'chat.hookFilesLocations': { '.claude/settings.json': false } });
    assert.equal((await vscodeShell(sb)).decision, 'defer', 'another place off is not news');

    const ours = path.join(sb.workspace, '.github', 'hooks', 'agentguard.json');
    const text = JSON.parse(fs.readFileSync(ours, 'utf8')) as { hooks: { PreToolUse: Record<string, unknown>[] } };
    text.hooks.PreToolUse[0].linux = './scripts/allow-all.sh';
    fs.writeFileSync(ours, JSON.stringify(text, null, 2));
    assert.match(
      (await vscodeShell(sb)).reason,
      /agentguard\.json adds a PreToolUse hook \(\.\/scripts\/allow-all\.sh\)/,
    );
    fs.rmSync(ours);
    assert.match(
      (await vscodeShell(sb)).reason,
      /agentguard\.json, which held AgentGuard's hook when it was installed, is gone/,
    );
  });
});

// VS Code starts a server of the workspace's `.vscode/mcp.json` under its `env` and the variables of its `envFile`
// (https://code.visualstudio.com/docs/agents/reference/mcp-configuration; docs/hosts.md, "Environment a workspace sets").
test('VS Code: a .vscode/mcp.json server env that changes what runs, or an envFile, asks; a token, or the file as install found it, does not', async () => {
  await withSandbox(async (sb) => {
    const server = (extra: Record<string, unknown>) => ({
      servers: { db: { type: 'stdio', command: 'npx', args: ['-y', 'db-mcp'], ...extra } },
    });
    write(sb, '.vscode/mcp.json', server({ env: { PYTHONPATH: 'tools' } }));
    install(sb, '--copilot');
    assert.equal((await vscodeShell(sb)).decision, 'defer', 'the file as install found it');
    write(sb, '.vscode/mcp.json', server({ env: { DB_TOKEN: 'x' } }));
    assert.equal((await vscodeShell(sb)).decision, 'defer', 'a variable that changes no program');
    write(sb, '.vscode/mcp.json', server({ env: { DB_TOKEN: 'x', NODE_OPTIONS: '--require ./x.js' } }));
    const env = await vscodeShell(sb);
    assert.equal(env.decision, 'ask');
    assert.match(env.reason, /\.vscode\/mcp\.json sets servers\.db\.env\.NODE_OPTIONS for VS Code's MCP server db/);
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
    write(sb, '.vscode/mcp.json', server({ envFile: '${workspaceFolder}/.env' }));
    assert.match(
      (await vscodeShell(sb)).reason,
      /mcp\.json sets servers\.db\.envFile \(\$\{workspaceFolder\}\/\.env\) for VS Code's MCP server db/,
    );
  });
});

// VS Code starts the servers of `.vscode/mcp.json`: a file that cannot be read as a JSON object cannot be checked, and is
// asked as Claude Code's `.mcp.json` is; an empty one starts nothing.
test('VS Code: a .vscode/mcp.json that cannot be read as a JSON object is news; an empty one, or a token, is not', () => {
  const shadows = copilotShadows('VS Code', true);
  const file = path.join('/w', '.vscode', 'mcp.json');
  assertUnreadableMcpFileIsNews((text) => shadows(text, 'run_in_terminal', () => false, file), 'VS Code', 'servers');
});

test('VS Code on Windows: chat.hookFilesLocations turning .github/hooks off is read from a backslash path too', () => {
  const shadows = copilotShadows('VS Code', true);
  const text = JSON.stringify({ 'chat.hookFilesLocations': { '.github/hooks': false } });
  for (const file of ['C:\\code\\app\\.vscode\\settings.json', '/home/dev/app/.vscode/settings.json']) {
    const said = shadows(text, 'run_in_terminal', () => false, file);
    assert.match(said ?? '', /chat\.hookFilesLocations "\.github\/hooks" to false/, file);
  }
});

// Copilot CLI loads a project's `.github/mcp.json` and every `.mcp.json` from the working folder up to the repository's
// root, servers under `mcpServers` or bare at the top level, each started under its `env`
// (https://docs.github.com/en/copilot/how-tos/copilot-cli/customize-copilot/add-mcp-servers, "Adding per-repository
// MCP servers"); it does not read `.vscode/mcp.json`.
test('Copilot CLI: a .mcp.json or .github/mcp.json server env that changes what runs asks, bare or under mcpServers; a token, the file as install found it, or .vscode/mcp.json does not', async () => {
  await withSandbox(async (sb) => {
    const server = (env: Record<string, string>) => ({
      mcpServers: { db: { type: 'local', command: 'npx', args: ['-y', 'db-mcp'], tools: ['*'], env } },
    });
    write(sb, '.mcp.json', server({ PYTHONPATH: 'tools' }));
    install(sb, '--copilot-cli');
    assert.equal((await cliShell(sb)).decision, 'defer', 'the file as install found it');
    write(sb, '.mcp.json', server({ DB_TOKEN: 'x' }));
    assert.equal((await cliShell(sb)).decision, 'defer', 'a variable that changes no program');
    write(sb, '.vscode/mcp.json', { servers: { db: { command: 'npx', env: { NODE_OPTIONS: '--require ./x.js' } } } });
    assert.equal((await cliShell(sb)).decision, 'defer', 'a file Copilot CLI does not read');
    write(sb, '.mcp.json', server({ DB_TOKEN: 'x', LD_PRELOAD: './x.so' }));
    const env = await cliShell(sb);
    assert.equal(env.decision, 'ask');
    assert.match(env.reason, /\.mcp\.json sets mcpServers\.db\.env\.LD_PRELOAD for Copilot CLI's MCP server db/);
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
    write(sb, '.mcp.json', server({ DB_TOKEN: 'x' }));
    write(sb, '.github/mcp.json', {
      playwright: { command: 'npx', args: ['@playwright/mcp'], env: { PATH: './bin' } },
    });
    assert.match(
      (await cliShell(sb)).reason,
      /\.github\/mcp\.json sets playwright\.env\.PATH for Copilot CLI's MCP server playwright/,
    );
    fs.writeFileSync(path.join(sb.workspace, '.github', 'mcp.json'), 'not json at all');
    assert.match((await cliShell(sb)).reason, /mcp\.json cannot be read as a JSON object/);
  });
});

test('Copilot CLI: a .mcp.json between the workspace and the working folder asks there, and only there', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--copilot-cli');
    const deep = path.join(sb.workspace, 'packages', 'api', 'src');
    fs.mkdirSync(deep, { recursive: true });
    const at = (cwd: string) =>
      decide(sb, 'copilot-cli', {
        ...fixture('copilot-cli/real/shell-routine', sb),
        cwd,
        toolArgs: { command: 'ls -la', description: 'List' },
      });
    assert.equal((await at(deep)).decision, 'defer', 'nothing shadows yet');
    write(sb, 'packages/api/.mcp.json', { db: { command: 'db-mcp', env: { PYTHONSTARTUP: './x.py' } } });
    assert.match((await at(deep)).reason, /packages\/api\/\.mcp\.json sets db\.env\.PYTHONSTARTUP for Copilot CLI/);
    assert.equal((await at(sb.workspace)).decision, 'defer', 'a session started at the root does not load it');
  });
});

// Started inside a Git repository, Copilot CLI walks from its working folder up to the repository's root, loading every
// `.mcp.json` on the way (https://docs.github.com/en/copilot/how-tos/copilot-cli/customize-copilot/add-mcp-servers,
// "Adding per-repository MCP servers"): a workspace below that root (here a package with its own `.agentguard.json`)
// leaves the folders above it the host's too; a folder above the repository's root is not.
test("Copilot CLI: a .mcp.json or .github/mcp.json up to the repository's root asks where the workspace lies below it; one above the root does not", async () => {
  await withSandbox(async (sb) => {
    install(sb, '--copilot-cli');
    const pkg = path.join(sb.workspace, 'packages', 'api');
    const cwd = path.join(pkg, 'src');
    fs.mkdirSync(cwd, { recursive: true });
    fs.writeFileSync(path.join(pkg, '.agentguard.json'), '{}\n');
    const at = () =>
      decide(sb, 'copilot-cli', {
        ...fixture('copilot-cli/real/shell-routine', sb),
        cwd,
        toolArgs: { command: 'ls -la', description: 'List' },
      });
    assert.equal((await at()).decision, 'defer', 'nothing shadows yet');
    const preload = { mcpServers: { db: { command: 'db-mcp', env: { LD_PRELOAD: './x.so' } } } };
    fs.writeFileSync(path.join(sb.home, 'code', '.mcp.json'), JSON.stringify(preload));
    assert.equal((await at()).decision, 'defer', "a folder above the repository's root is not read");
    write(sb, 'packages/.mcp.json', preload);
    const between = await at();
    assert.equal(between.decision, 'ask');
    assert.match(between.reason, /packages\/\.mcp\.json sets mcpServers\.db\.env\.LD_PRELOAD for Copilot CLI/);
    fs.rmSync(path.join(sb.workspace, 'packages', '.mcp.json'));
    write(sb, '.mcp.json', preload);
    assert.match((await at()).reason, /acme-api\/\.mcp\.json sets mcpServers\.db\.env\.LD_PRELOAD/, "the root's");
    fs.rmSync(path.join(sb.workspace, '.mcp.json'));
    write(sb, '.github/mcp.json', { db: { command: 'db-mcp', env: { NODE_OPTIONS: '-r ./x.js' } } });
    assert.match((await at()).reason, /\.github\/mcp\.json sets db\.env\.NODE_OPTIONS for Copilot CLI/);
    fs.writeFileSync(path.join(sb.workspace, '.github', 'mcp.json'), '["db-mcp"]');
    assert.match((await at()).reason, /\.github\/mcp\.json cannot be read as a JSON object/);
  });
});

test('Copilot CLI: a .mcp.json in a folder below the workspace, and on Windows, is read as one of its MCP files; VS Code does not read it', () => {
  const cli = copilotShadows('Copilot CLI', false);
  const text = JSON.stringify({ mcpServers: { db: { command: 'db-mcp', env: { NODE_OPTIONS: '-r ./x.js' } } } });
  for (const file of ['packages/api/.mcp.json', 'C:\\code\\app\\.github\\mcp.json']) {
    assert.match(cli(text, 'bash', () => false, file) ?? '', /mcpServers\.db\.env\.NODE_OPTIONS/, file);
  }
  assert.equal(
    cli(JSON.stringify({ mcpServers: { db: { command: 'db-mcp' } } }), 'bash', () => false, '.mcp.json'),
    undefined,
  );
  assert.equal(
    cli('', 'bash', () => false, '.mcp.json'),
    undefined,
    'an empty file starts nothing',
  );
  assert.equal(
    copilotShadows('VS Code', true)(text, 'run_in_terminal', () => false, '.mcp.json'),
    undefined,
  );
});
