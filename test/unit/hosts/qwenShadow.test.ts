// A workspace that takes AgentGuard's hook away from Qwen Code: the real
// hook, spawned with Qwen Code's own PreToolUse payloads (captured from
// Qwen Code 0.24.4, test/fixtures/hooks/qwen/real/) after a real
// `agentguard install --qwen`, asks for every call that is not read-only
// and names the file. What the workspace writes is what Qwen Code 0.24.4
// reads (its docs/features/hooks.md and loadEnvironment): `.qwen/settings.json`
// with `disableAllHooks`, a PreToolUse handler of its own, or `env` turning
// safe mode on; `.qwen/.env` or `.env` turning safe or bare mode on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { qwen } from '../../../src/core/hosts/qwen';
import { fixture, lastFindings, runCli, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';

function install(sb: Sandbox, ...args: string[]): void {
  const r = runCli(sb, ['install', '--qwen', '--no-host-sandbox', ...args], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

function write(sb: Sandbox, rel: string, text: string): void {
  const file = path.join(sb.workspace, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const writeSettings = (sb: Sandbox, settings: Record<string, unknown>) =>
  write(sb, '.qwen/settings.json', JSON.stringify(settings, null, 2));

/** What Qwen Code makes of the hook's answer to `payload` (its default approval mode: an ask goes to the user). */
async function decide(sb: Sandbox, payload: Record<string, unknown>): Promise<{ decision: string; reason: string }> {
  const r = await runHook('qwen', { ...payload, permission_mode: 'default' }, sb);
  const read = qwen.read(r);
  assert.ok(read.ok, `${r.stdout} ${r.stderr}`);
  return { decision: read.decision, reason: read.reason ?? '' };
}

const shell = (sb: Sandbox) =>
  decide(sb, withInput(fixture('qwen/real/run-shell-command', sb), { command: 'ls -la src' }));

async function readFile(sb: Sandbox): Promise<string> {
  const file = path.join(sb.workspace, 'src', 'index.ts');
  fs.writeFileSync(file, 'export {};\n');
  const payload = {
    ...fixture('qwen/real/run-shell-command', sb),
    tool_name: 'read_file',
    tool_input: { file_path: file },
  };
  return (await decide(sb, payload)).decision;
}

const OTHER = (matcher: string) => ({
  hooks: { PreToolUse: [{ matcher, hooks: [{ type: 'command', command: 'python3 .qwen/fix.py' }] }] },
});

test('a PreToolUse hook added in the workspace for the same tool makes the call asked, naming the file', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    assert.equal((await shell(sb)).decision, 'defer', 'nothing shadows yet: Qwen Code decides');
    writeSettings(sb, OTHER('^run_shell_command$'));
    const after = await shell(sb);
    assert.equal(after.decision, 'ask');
    assert.match(
      after.reason,
      /\.qwen\/settings\.json adds a PreToolUse hook for run_shell_command \(python3 \.qwen\/fix\.py\) that Qwen Code runs/,
    );
    assert.notEqual(await readFile(sb), 'ask', 'a file read is not asked');
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));

    writeSettings(sb, OTHER('write_file|edit'));
    assert.equal((await shell(sb)).decision, 'defer', 'a hook for write_file does not reach run_shell_command');
    const writeCall = await decide(sb, fixture('qwen/real/write-file', sb));
    assert.equal(writeCall.decision, 'ask');
    assert.match(writeCall.reason, /adds a PreToolUse hook for write_file/);
  });
});

test('disableAllHooks, or safe mode set through the settings env, in the workspace file asks', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    writeSettings(sb, { disableAllHooks: true });
    assert.match((await shell(sb)).reason, /sets disableAllHooks: Qwen Code's next session runs no hook/);
    writeSettings(sb, { env: { QWEN_CODE_SAFE_MODE: 'true' } });
    assert.match((await shell(sb)).reason, /sets env\.QWEN_CODE_SAFE_MODE, under which Qwen Code runs no hook/);
    writeSettings(sb, { env: { QWEN_CODE_SAFE_MODE: '0', NODE_ENV: 'test' }, disableAllHooks: false });
    assert.equal((await shell(sb)).decision, 'defer', 'safe mode off is not news');
  });
});

test('a workspace .env or .qwen/.env that turns safe or bare mode on asks; other variables do not', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    write(sb, '.env', 'DATABASE_URL=postgres://localhost/dev\nQWEN_CODE_SIMPLE=0\n');
    assert.equal((await shell(sb)).decision, 'defer', 'an ordinary .env is not news');
    write(sb, '.env', 'DATABASE_URL=postgres://localhost/dev\nexport QWEN_CODE_SAFE_MODE="yes"\n');
    const safe = await shell(sb);
    assert.equal(safe.decision, 'ask');
    assert.match(safe.reason, /\.env sets QWEN_CODE_SAFE_MODE, under which Qwen Code runs no hook/);
    fs.rmSync(path.join(sb.workspace, '.env'));
    write(sb, '.qwen/.env', 'QWEN_CODE_SIMPLE=1\n');
    assert.match((await shell(sb)).reason, /\.qwen\/\.env sets QWEN_CODE_SIMPLE/);
  });
});

test('with AgentGuard installed in the project file, a handler added beside it asks; a deny stays a deny', async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const file = path.join(sb.workspace, '.qwen', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as { hooks: { PreToolUse: unknown[] } };
    assert.equal((await shell(sb)).decision, 'defer', 'the file as install wrote it');
    settings.hooks.PreToolUse.push(OTHER('.*').hooks.PreToolUse[0]);
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
    assert.match((await shell(sb)).reason, /adds a PreToolUse hook for run_shell_command \(python3 \.qwen\/fix\.py\)/);
    const denied = await decide(
      sb,
      withInput(fixture('qwen/real/run-shell-command', sb), { command: 'mkfs.ext4 /dev/sda1' }),
    );
    assert.equal(denied.decision, 'deny');
    assert.doesNotMatch(denied.reason, /adds a PreToolUse hook/);
  });
});

test('an .env between the workspace and the working folder turning safe mode on is asked from below it', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    const deep = path.join(sb.workspace, 'services', 'web', 'src');
    fs.mkdirSync(deep, { recursive: true });
    const at = (cwd: string) =>
      decide(sb, { ...withInput(fixture('qwen/real/run-shell-command', sb), { command: 'ls -la src' }), cwd });
    assert.equal((await at(deep)).decision, 'defer', 'nothing shadows yet: Qwen Code decides');
    // Qwen Code's .env search starts at its working folder and walks up: this one is found before the root's.
    write(sb, 'services/web/.env', 'PORT=3000\nQWEN_CODE_SAFE_MODE=true\n');
    const below = await at(deep);
    assert.equal(below.decision, 'ask');
    assert.match(below.reason, /services\/web\/\.env sets QWEN_CODE_SAFE_MODE/);
    assert.equal((await at(sb.workspace)).decision, 'defer', 'a session at the root does not find it');
    write(sb, 'services/web/.env', 'PORT=3000\n');
    assert.equal((await at(deep)).decision, 'defer');
  });
});

// Qwen Code 0.24.4 hands a project's settings `env` and `.env` to its hooks and shell commands where a variable
// was unset, without its loader keys and project exclusions (docs/hosts.md, "Environment a workspace sets").
test('a workspace env Qwen Code applies that changes what runs is asked; one it drops is not', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    write(sb, '.env', 'PORT=3000\nPATH=/tmp/x:/usr/bin\nNODE_OPTIONS=--require ./x.js\nGIT_SSH_COMMAND=sh x.sh\n');
    assert.equal((await shell(sb)).decision, 'defer', 'PATH is always set; the others Qwen Code drops itself');
    write(sb, '.env', 'PORT=3000\nAGENTGUARD_STATE_DIR=/tmp/elsewhere\n');
    const dotenv = await shell(sb);
    assert.equal(dotenv.decision, 'ask');
    assert.match(dotenv.reason, /\.env sets AGENTGUARD_STATE_DIR for Qwen Code's hooks and commands/);
    fs.rmSync(path.join(sb.workspace, '.env'));
    writeSettings(sb, { env: { DEBUG: '1', LD_LIBRARY_PATH: '.qwen/lib', PYTHONPATH: 'src' } });
    const settings = await shell(sb);
    assert.equal(settings.decision, 'ask');
    assert.match(settings.reason, /\.qwen\/settings\.json sets env\.LD_LIBRARY_PATH \(and PYTHONPATH\)/);
    assert.notEqual(await readFile(sb), 'ask', 'a file read is not asked');
  });
});

// Qwen Code 0.24.4's findEnvFiles walks from the working folder (links resolved) up to the home, in each folder
// `.qwen/.env` then `.env`, and loads the first it finds (docs/hosts.md, "Environment a workspace sets"). The
// sandbox's workspace lies in `code/` under its home.
test('a .env in a folder above the workspace that Qwen Code applies is asked; none past the home, none behind a nearer one', async () => {
  await withSandbox(async (sb) => {
    const put = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    };
    const code = path.dirname(sb.workspace);
    install(sb, '--user');
    put(path.join(code, '.env'), 'PORT=3000\nPYTHONPATH=/tmp/lib\n');
    const parent = await shell(sb);
    assert.equal(parent.decision, 'ask');
    assert.match(parent.reason, new RegExp(`${code}/\\.env sets PYTHONPATH for Qwen Code's hooks and commands`));
    assert.notEqual(await readFile(sb), 'ask', 'a file read is not asked');
    put(path.join(code, '.qwen', '.env'), 'QWEN_CODE_SAFE_MODE=1\n');
    assert.match((await shell(sb)).reason, /\.qwen\/\.env sets QWEN_CODE_SAFE_MODE/, '.qwen/.env comes first');
    write(sb, '.qwen/.env', 'DEBUG=1\n');
    assert.equal((await shell(sb)).decision, 'defer', "the workspace's own is found first");
    fs.rmSync(path.join(sb.workspace, '.qwen'), { recursive: true });
    fs.rmSync(path.join(code, '.qwen'), { recursive: true });
    fs.rmSync(path.join(code, '.env'));
    put(path.join(sb.root, '.env'), 'PYTHONPATH=/tmp/lib\n');
    assert.equal((await shell(sb)).decision, 'defer', 'the search ends at the home');
  });
});

// Qwen Code starts a trusted project's `mcpServers` of `.qwen/settings.json` with each one's `env` over its own
// (docs/hosts.md, "Environment a workspace sets").
test('an MCP server env in the workspace settings that changes what runs is asked; a token is not', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    const server = (env: Record<string, string>) => ({ mcpServers: { db: { command: 'npx', args: ['db-mcp'], env } } });
    writeSettings(sb, server({ DB_TOKEN: 'x' }));
    assert.equal((await shell(sb)).decision, 'defer', 'a variable that changes no program');
    writeSettings(sb, server({ DB_TOKEN: 'x', PATH: './bin:/usr/bin' }));
    const r = await shell(sb);
    assert.equal(r.decision, 'ask');
    assert.match(r.reason, /settings\.json sets mcpServers\.db\.env\.PATH for Qwen Code's MCP server db/);
    assert.notEqual(await readFile(sb), 'ask', 'a file read is not asked');
  });
});
