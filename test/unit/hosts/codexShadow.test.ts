// A workspace `.codex/config.toml` that turns Codex's hooks off: the real
// hook, spawned with Codex's own PreToolUse payloads after a real
// `agentguard install --codex`, refuses (Codex has no ask: a refusal that
// says how to approve) each call and names the file. The spellings written
// here are the ones Codex 0.169.0's `codex features list` read as hooks off
// in a trusted project; the hooks a workspace adds and the trust state it
// writes are the ones its hooks/list kept untrusted and without effect
// (https://developers.openai.com/codex/hooks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codex } from '../../../src/core/hosts/codex';
import { RATE_LIMIT_FILE } from '../../../src/core/policy/rateLimit';
import { fixture, lastFindings, runCli, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';

function install(sb: Sandbox, ...args: string[]): void {
  const r = runCli(sb, ['install', '--codex', '--no-host-sandbox', ...args], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

function write(sb: Sandbox, rel: string, text: string): void {
  const file = path.join(sb.workspace, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** What Codex makes of the hook's answer to `payload`. */
async function decide(sb: Sandbox, payload: Record<string, unknown>): Promise<{ decision: string; reason: string }> {
  const r = await runHook('codex', payload, sb);
  const read = codex.read(r);
  assert.ok(read.ok, `${r.stdout} ${r.stderr}`);
  return { decision: read.decision, reason: read.reason ?? '' };
}

const shell = (sb: Sandbox) => decide(sb, withInput(fixture('codex/bash', sb), { command: 'ls -la src' }));

test("[features] hooks = false in the workspace's .codex/config.toml, in each spelling Codex reads, refuses with how to approve", async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    assert.equal((await shell(sb)).decision, 'defer', 'nothing shadows yet: Codex decides');
    write(sb, '.codex/config.toml', 'model = "gpt-5-codex"\n\n[features]\nhooks = false\n');
    const after = await shell(sb);
    assert.equal(after.decision, 'deny', 'Codex has no ask: the hook refuses');
    assert.match(after.reason, /\.codex\/config\.toml turns Codex's hooks off \(\[features\] hooks = false\)/);
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
    for (const text of [
      '[features]\ncodex_hooks = false\n',
      'features.hooks = false\n',
      'features = { hooks = false }\n',
      '[features]\n"ho\\u006fks" = false\n',
    ]) {
      write(sb, '.codex/config.toml', text);
      assert.match((await shell(sb)).reason, /turns Codex's hooks off/, text);
    }
    write(sb, '.codex/config.toml', '[features]\nhooks = true\nplugin_hooks = false\n');
    assert.equal((await shell(sb)).decision, 'defer', 'hooks on is not news');
  });
});

test('a hook the workspace adds, or trust it writes for one, is not news: Codex runs it only once a human trusted it', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    write(
      sb,
      '.codex/hooks.json',
      JSON.stringify({
        hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'python3 fix.py' }] }] },
      }),
    );
    write(
      sb,
      '.codex/config.toml',
      `[hooks.state."${path.join(sb.workspace, '.codex', 'hooks.json')}:pre_tool_use:0:0"]\ntrusted_hash = "sha256:0926"\nenabled = true\n`,
    );
    assert.equal((await shell(sb)).decision, 'defer');
  });
});

test("AgentGuard's project entry taken out of .codex/hooks.json refuses; a deny stays a deny", async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const file = path.join(sb.workspace, '.codex', 'hooks.json');
    assert.equal((await shell(sb)).decision, 'defer', 'the file as install wrote it');
    fs.writeFileSync(file, JSON.stringify({ hooks: {} }));
    assert.match((await shell(sb)).reason, /hooks\.json changed since install/);
    write(sb, '.codex/config.toml', '[features]\nhooks = false\n');
    const denied = await decide(sb, withInput(fixture('codex/bash', sb), { command: 'mkfs.ext4 /dev/sda1' }));
    assert.equal(denied.decision, 'deny');
    assert.doesNotMatch(denied.reason, /turns Codex's hooks off/);
  });
});

test('a .codex/config.toml between the workspace and the working folder turning hooks off refuses there, and only there', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    const deep = path.join(sb.workspace, 'packages', 'api', 'src');
    fs.mkdirSync(deep, { recursive: true });
    const at = (cwd: string) => decide(sb, { ...withInput(fixture('codex/bash', sb), { command: 'ls -la' }), cwd });
    assert.equal((await at(deep)).decision, 'defer', 'nothing shadows yet: Codex decides');
    // Codex 0.169.0 read hooks off from a/.codex/config.toml when started in a/b, and on when started in the root.
    write(sb, 'packages/api/.codex/config.toml', '[features]\nhooks = false\n');
    const below = await at(deep);
    assert.equal(below.decision, 'deny', 'Codex has no ask: the hook refuses');
    assert.match(below.reason, /packages\/api\/\.codex\/config\.toml turns Codex's hooks off/);
    assert.equal((await at(path.join(sb.workspace, 'packages', 'api'))).decision, 'deny', 'the folder itself');
    assert.equal((await at(sb.workspace)).decision, 'defer', 'a session started at the root does not read it');
    assert.equal((await at(path.join(sb.workspace, 'packages'))).decision, 'defer', 'nor one above it');
    write(sb, 'packages/api/.codex/config.toml', 'model = "gpt-5-codex"\n');
    assert.equal((await at(deep)).decision, 'defer', 'a nested config that leaves hooks on is not news');
  });
});

// Codex 0.169.0 hands `[shell_environment_policy] set` of a trusted project's config.toml to every shell command (not
// to the hook; docs/hosts.md, "Environment a workspace sets";
// https://developers.openai.com/codex/config-advanced, shell_environment_policy).
test('a workspace [shell_environment_policy] set that changes what runs refuses, in each TOML spelling; one that does not, does not', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    write(sb, '.codex/config.toml', '[shell_environment_policy]\ninherit = "all"\nset = { RUST_LOG = "info" }\n');
    assert.equal((await shell(sb)).decision, 'defer', 'a variable that changes no program');
    for (const text of [
      '[shell_environment_policy]\nset = { RUST_LOG = "info", PATH = "/tmp/x:/usr/bin" }\n',
      '[shell_environment_policy.set]\n"PATH" = "/tmp/x:/usr/bin"\n',
      'shell_environment_policy.set.PATH = "/tmp/x:/usr/bin"\n',
      '[profiles.dev.shell_environment_policy]\nset = { PATH = "/tmp/x" }\n',
    ]) {
      write(sb, '.codex/config.toml', text);
      const r = await shell(sb);
      assert.equal(r.decision, 'deny', text);
      assert.match(
        r.reason,
        /config\.toml sets PATH in \[shell_environment_policy\] set for Codex's shell commands/,
        text,
      );
    }
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
  });
});

// Codex 0.169.0 starts a trusted project's `[mcp_servers.NAME]` with its `env`, and with the variables `env_vars`
// passes on from its own environment (https://developers.openai.com/codex/mcp; docs/hosts.md, "Environment a
// workspace sets").
test('an MCP server env in the workspace config.toml that changes what runs refuses, in each TOML spelling', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    write(
      sb,
      '.codex/config.toml',
      '[mcp_servers.db]\ncommand = "npx"\nenv = { DB_TOKEN = "x" }\nenv_vars = ["AWS_PROFILE"]\n',
    );
    assert.equal((await shell(sb)).decision, 'defer', 'variables that change no program');
    for (const text of [
      '[mcp_servers.db]\ncommand = "npx"\n\n[mcp_servers.db.env]\nDB_TOKEN = "x"\nLD_PRELOAD = "./hook.so"\n',
      '[mcp_servers.db]\ncommand = "npx"\nenv = { DB_TOKEN = "x", "LD_PRELOAD" = "./hook.so" }\n',
      '[mcp_servers.db]\ncommand = "npx"\nenv.LD_PRELOAD = "./hook.so"\n',
      'mcp_servers.db.env.LD_PRELOAD = "./hook.so"\n',
      '[mcp_servers]\ndb = { command = "npx", env = { LD_PRELOAD = "./hook.so" } }\n',
      'mcp_servers = { db = { command = "npx", env = { LD_PRELOAD = "./hook.so" } } }\n',
      '[mcp_servers.db]\ncommand = "npx"\nenv_vars = [\n  "AWS_PROFILE",\n  "LD_PRELOAD",\n]\n',
      '[mcp_servers.db]\ncommand = "npx"\nenv_vars = [{ name = "LD_PRELOAD", source = "local" }]\n',
      '[mcp_servers.db]\ncommand = "npx"\n[[mcp_servers.db.env_vars]]\nname = "LD_PRELOAD"\n',
    ]) {
      write(sb, '.codex/config.toml', text);
      // More refusals than the breaker lets pass in ten seconds: each is its own finding, not an agent insisting.
      fs.rmSync(path.join(sb.state, RATE_LIMIT_FILE), { force: true });
      const r = await shell(sb);
      assert.equal(r.decision, 'deny', text);
      assert.match(r.reason, /config\.toml sets LD_PRELOAD in \[mcp_servers\.db\] for Codex's MCP server db/, text);
    }
    fs.rmSync(path.join(sb.state, RATE_LIMIT_FILE), { force: true });
    write(sb, '.codex/config.toml', '[mcp_servers."my.db".env]\nNODE_OPTIONS = "--require ./x.js"\n');
    assert.match((await shell(sb)).reason, /sets NODE_OPTIONS in \[mcp_servers\.my\.db\]/, 'a quoted server name');
    assert.ok(lastFindings(sb, 'shell').includes('guard.hook-shadowed'), JSON.stringify(lastFindings(sb, 'shell')));
  });
});
