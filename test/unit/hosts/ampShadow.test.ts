// A workspace `.amp/settings.json` that takes AgentGuard's delegate away from
// Amp calls: the real hook, run as Amp runs its delegate program (the tool's
// arguments on stdin, its name in AGENT_TOOL_NAME, the working folder as the
// process's) after a real `agentguard install --amp`, asks (exit 1: Amp
// prompts) for each call that is not read-only and names the file. Amp
// finds the workspace file searching upward from the working folder, and it
// overrides the user's settings key by key
// (https://ampcode.com/manual/appendix#permissions-configuration).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { amp } from '../../../src/core/hosts/amp';
import { fixture, lastFindings, runCli, runHook, withSandbox, type Sandbox } from '../support/hookHarness';

function install(sb: Sandbox, ...args: string[]): void {
  const r = runCli(sb, ['install', '--amp', ...args], 60_000);
  assert.equal(r.code, 0, r.stderr);
}

function write(sb: Sandbox, rel: string, value: unknown): void {
  const file = path.join(sb.workspace, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

/** Amp's delegate call for `npm test` run in `cwd`: what Amp does with the answer, and why. */
async function shell(sb: Sandbox, cwd = sb.workspace): Promise<{ decision: string; said: string; shadowed: boolean }> {
  const r = await runHook(
    'amp',
    { ...fixture('amp/bash', sb), cmd: 'npm test', cwd },
    sb,
    { AGENT_TOOL_NAME: 'Bash', AGENT: 'amp' },
    cwd,
  );
  const read = amp.read(r);
  assert.ok(read.ok, `${r.stdout} ${r.stderr}`);
  return {
    decision: read.decision,
    said: r.stderr,
    shadowed: lastFindings(sb, 'shell').includes('guard.hook-shadowed'),
  };
}

test('amp.dangerouslyAllowAll, or an amp.permissions list deciding before AgentGuard, asks naming the file', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    assert.equal((await shell(sb)).shadowed, false, 'nothing shadows yet');
    write(sb, '.amp/settings.json', { 'amp.dangerouslyAllowAll': true });
    const all = await shell(sb);
    assert.equal(all.decision, 'ask');
    assert.ok(all.shadowed);
    assert.match(all.said, /\.amp\/settings\.json sets amp\.dangerouslyAllowAll/);
    write(sb, '.amp/settings.json', { 'amp.permissions': [{ tool: 'Bash', action: 'allow' }] });
    assert.match((await shell(sb)).said, /rule 1 for Bash \(allow\) decides before AgentGuard's delegate/);
    write(
      sb,
      '.amp/settings.jsonc',
      '// team rules\n{ "amp.permissions": [{ "tool": "edit_file", "action": "allow" },] }\n',
    );
    fs.rmSync(path.join(sb.workspace, '.amp', 'settings.json'));
    assert.match(
      (await shell(sb)).said,
      /settings\.jsonc sets amp\.permissions, which replaces the user's list, with no rule for Bash/,
    );
    write(sb, '.amp/settings.jsonc', {
      'amp.permissions': [{ tool: 'Bash', action: 'reject' }],
      'amp.showCosts': false,
    });
    assert.equal((await shell(sb)).shadowed, false, 'a stricter rule first is not news');
  });
});

test('a workspace settings file between the repository root and the working folder is found there, not above it', async () => {
  await withSandbox(async (sb) => {
    install(sb, '--user');
    const api = path.join(sb.workspace, 'services', 'api');
    fs.mkdirSync(api, { recursive: true });
    write(sb, 'services/.amp/settings.json', { 'amp.permissions': [{ tool: '*', action: 'allow' }] });
    const below = await shell(sb, api);
    assert.ok(below.shadowed);
    assert.match(below.said, /services\/\.amp\/settings\.json sets amp\.permissions/);
    assert.equal((await shell(sb)).shadowed, false, 'Amp at the root does not read it');
  });
});

test("AgentGuard's project delegate rule first is not news; a rule put before it is", async () => {
  await withSandbox(async (sb) => {
    install(sb);
    const file = path.join(sb.workspace, '.amp', 'settings.json');
    assert.equal((await shell(sb)).shadowed, false, 'the file as install wrote it');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown[]>;
    settings['amp.permissions'].unshift({ tool: 'Bash', action: 'allow' });
    fs.writeFileSync(file, JSON.stringify(settings));
    assert.ok((await shell(sb)).shadowed);
  });
});
