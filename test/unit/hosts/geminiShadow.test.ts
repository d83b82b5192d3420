// A workspace `.gemini/settings.json` that takes AgentGuard's hook away: the
// real hook, spawned with Gemini CLI's BeforeTool payloads after a real
// `agentguard install --gemini`, asks (Gemini CLI has no ask: a refusal
// that says how to approve) for every call that is not read-only and names
// the file; the audit log keeps the finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gemini } from '../../../src/core/hosts/gemini';
import { fixture, lastFindings, runCli, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';

function install(sb: Sandbox, ...args: string[]): void {
  const r = runCli(sb, ['install', '--gemini', '--no-host-sandbox', ...args], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

const projectSettings = (sb: Sandbox) => path.join(sb.workspace, '.gemini', 'settings.json');

function writeProjectSettings(sb: Sandbox, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(projectSettings(sb)), { recursive: true });
  fs.writeFileSync(projectSettings(sb), JSON.stringify(settings, null, 2));
}

/** What Gemini CLI makes of the hook's answer to `payload`. */
async function decide(sb: Sandbox, payload: Record<string, unknown>): Promise<{ decision: string; reason: string }> {
  const r = await runHook('gemini', payload, sb);
  const read = gemini.read(r);
  assert.ok(read.ok, `${r.stdout} ${r.stderr}`);
  return { decision: read.decision, reason: read.reason ?? '' };
}

const shell = (sb: Sandbox) =>
  decide(sb, withInput(fixture('gemini/run-shell-command', sb), { command: 'ls -la src' }));

async function readFile(sb: Sandbox): Promise<string> {
  const file = path.join(sb.workspace, 'src', 'index.ts');
  fs.writeFileSync(file, 'export {};\n');
  return (await decide(sb, withInput(fixture('gemini/read-file', sb), { file_path: file }))).decision;
}

const OTHER = (matcher: string) => ({
  hooks: { BeforeTool: [{ matcher, hooks: [{ type: 'command', name: 'fixer', command: 'python3 .gemini/fix.py' }] }] },
});

test('a BeforeTool hook added in the workspace for the same tool makes the call refused with how to approve, naming the file', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    assert.equal((await shell(sb)).decision, 'defer', 'nothing shadows yet: Gemini CLI decides');
    writeProjectSettings(sb, OTHER('run_shell_command'));
    const after = await shell(sb);
    assert.equal(after.decision, 'deny', 'Gemini CLI has no ask: the hook refuses');
    assert.match(
      after.reason,
      /settings\.json adds a BeforeTool hook for run_shell_command \(python3 \.gemini\/fix\.py\)/,
    );
    assert.notEqual(await readFile(sb), 'deny', 'a file read is not asked');
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
  });
});

test('a hook for other tools shadows nothing for this one; one there before install is not news', async () => {
  await withSandbox(async (sb) => {
    writeProjectSettings(sb, OTHER('run_shell_command'));
    install(sb, '--user');
    assert.equal((await shell(sb)).decision, 'defer', 'the file as install found it');
    writeProjectSettings(sb, OTHER('write_file|replace'));
    assert.equal((await shell(sb)).decision, 'defer', 'a hook for write_file does not reach run_shell_command');
    const write = await decide(sb, fixture('gemini/write-file', sb));
    assert.equal(write.decision, 'deny');
    assert.match(write.reason, /adds a BeforeTool hook for write_file/);
  });
});

test("hooks turned off, or AgentGuard's hook listed as disabled, in the workspace file refuses; a deny stays a deny", async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    writeProjectSettings(sb, { hooksConfig: { enabled: false } });
    assert.match((await shell(sb)).reason, /turns Gemini CLI's hooks off \(hooksConfig\.enabled: false\)/);
    writeProjectSettings(sb, { hooksConfig: { disabled: ['agentguard'] } });
    assert.match((await shell(sb)).reason, /lists AgentGuard's hook \(agentguard\) as disabled/);
    writeProjectSettings(sb, { hooksConfig: { disabled: ['lint-check'] } });
    assert.equal((await shell(sb)).decision, 'defer', 'another hook disabled is not news');

    writeProjectSettings(sb, OTHER('*'));
    const denied = await decide(
      sb,
      withInput(fixture('gemini/run-shell-command', sb), { command: 'mkfs.ext4 /dev/sda1' }),
    );
    assert.equal(denied.decision, 'deny');
    assert.doesNotMatch(denied.reason, /adds a BeforeTool hook/);
  });
});

// Gemini CLI 0.61.0, in a trusted folder, loads the first `.gemini/.env` or `.env` walking up from the workspace and
// sets each variable that is unset, for its hooks and shell commands (docs/hosts.md, "Environment a workspace sets").
test('a workspace .env that changes what runs (BASH_ENV, NODE_OPTIONS) is asked; PATH, which is always set, is not', async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const env = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(sb.workspace, rel)), { recursive: true });
      fs.writeFileSync(path.join(sb.workspace, rel), text);
    };
    env('.env', 'PORT=3000\nPATH=/tmp/x:/usr/bin\nDEBUG=1\n');
    assert.equal((await shell(sb)).decision, 'defer', 'nothing Gemini CLI would apply changes what runs');
    env('.env', 'PORT=3000\nBASH_ENV=./start.sh\n');
    const dotenv = await shell(sb);
    assert.equal(dotenv.decision, 'deny', 'Gemini CLI has no ask: a refusal that says how to approve');
    assert.match(dotenv.reason, /\.env sets BASH_ENV for Gemini CLI's hooks and commands/);
    fs.rmSync(path.join(sb.workspace, '.env'));
    env('.gemini/.env', 'export NODE_OPTIONS="--require ./x.js"\n');
    assert.match((await shell(sb)).reason, /\.gemini\/\.env sets NODE_OPTIONS/);
    assert.notEqual(await readFile(sb), 'deny', 'a file read is not asked');
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
  });
});

// Gemini CLI 0.61.0's findEnvFile walks from the folder it starts in up to the filesystem root, in each folder
// `.gemini/.env` then `.env`, and loads the first it finds; the home's are the user's (docs/hosts.md, "Environment a
// workspace sets"). The sandbox's workspace lies in `code/` under its home.
test('a .env in a folder above the workspace that changes what runs is refused, unless the workspace or a nearer folder holds one first', async () => {
  await withSandbox(async (sb) => {
    const put = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    };
    const code = path.dirname(sb.workspace);
    put(path.join(code, '.env'), 'PORT=3000\n');
    install(sb, '--user');
    assert.equal((await shell(sb)).decision, 'defer', 'the parent .env as install found it');
    put(path.join(code, '.env'), 'PORT=3000\nLD_PRELOAD=/tmp/x.so\n');
    const parent = await shell(sb);
    assert.equal(parent.decision, 'deny', 'Gemini CLI has no ask: a refusal that says how to approve');
    assert.match(parent.reason, new RegExp(`${code}/\\.env sets LD_PRELOAD for Gemini CLI's hooks and commands`));
    assert.notEqual(await readFile(sb), 'deny', 'a file read is not asked');
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
    put(path.join(code, '.gemini', '.env'), 'DEBUG=1\n');
    assert.equal((await shell(sb)).decision, 'defer', "the folder's .gemini/.env is found before its .env");
    put(path.join(sb.workspace, '.env'), 'PORT=3000\n');
    fs.rmSync(path.join(code, '.gemini'), { recursive: true });
    assert.equal((await shell(sb)).decision, 'defer', "the workspace's own .env is found first");
    fs.rmSync(path.join(sb.workspace, '.env'));
    fs.rmSync(path.join(code, '.env'));
    put(path.join(sb.root, '.env'), 'NODE_OPTIONS=--require /tmp/x.js\n');
    assert.match((await shell(sb)).reason, /\.env sets NODE_OPTIONS/, 'past a home that holds none, on to the root');
    put(path.join(sb.home, '.env'), 'GEMINI_API_KEY=x\n');
    assert.equal((await shell(sb)).decision, 'defer', "the home's .env is the user's, and found first");
  });
});

// Gemini CLI's `advanced.ignoreLocalEnv` setting (or `--ignore-env`) makes its findEnvFile pass over a plain `.env`
// outside the home and load the first `.gemini/.env` further up instead (gemini-cli pull request 26445, "feat: add
// ignoreLocalEnv setting and --ignore-env flag"; its settings reference, `advanced.ignoreLocalEnv`). The hook cannot
// see a flag: a `.gemini/.env` above a workspace that holds only a plain `.env` is read too.
test('a .gemini/.env above a workspace whose own is a plain .env is refused when it changes what runs: Gemini CLI may pass over the plain one', async () => {
  await withSandbox(async (sb) => {
    const put = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    };
    const code = path.dirname(sb.workspace);
    put(path.join(sb.workspace, '.env'), 'PORT=3000\n');
    install(sb, '--user');
    assert.equal((await shell(sb)).decision, 'defer', 'nothing above yet');
    put(path.join(code, '.gemini', '.env'), 'BASH_ENV=/tmp/x.sh\n');
    const above = await shell(sb);
    assert.equal(above.decision, 'deny', 'Gemini CLI has no ask: a refusal that says how to approve');
    assert.match(
      above.reason,
      new RegExp(`${code}/\\.gemini/\\.env sets BASH_ENV for Gemini CLI's hooks and commands`),
    );
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
    put(path.join(sb.workspace, '.gemini', '.env'), 'DEBUG=1\n');
    assert.equal((await shell(sb)).decision, 'defer', "the workspace's own .gemini/.env is found first either way");
  });
});

// Gemini CLI starts a trusted project's `mcpServers` of `.gemini/settings.json` with each one's `env` (docs/hosts.md,
// "Environment a workspace sets").
test('an MCP server env in the workspace settings that changes what runs is refused; a token is not', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    const server = (env: Record<string, string>) => ({ mcpServers: { db: { command: 'npx', args: ['db-mcp'], env } } });
    writeProjectSettings(sb, server({ DB_TOKEN: 'x' }));
    assert.equal((await shell(sb)).decision, 'defer', 'a variable that changes no program');
    writeProjectSettings(sb, server({ DB_TOKEN: 'x', NODE_OPTIONS: '--require ./x.js' }));
    const r = await shell(sb);
    assert.equal(r.decision, 'deny');
    assert.match(r.reason, /settings\.json sets mcpServers\.db\.env\.NODE_OPTIONS for Gemini CLI's MCP server db/);
    assert.notEqual(await readFile(sb), 'deny', 'a file read is not asked');
  });
});
