// The editor's start-up repair (core/launcher/repair.ts) on real hook files:
// a nested repository cloned after `agentguard install --codex` gets
// AgentGuard's Codex hook, doctor names it until then, and uninstall takes it out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repairWired } from '../../../src/core/launcher/repair';
import { wiredCommands } from '../../../src/core/launcher/wiring';
import { wiredWorkspaces } from '../../../src/core/launcher/file';
import { launcherPath } from '../../../src/core/launcher';
import { ownAccountNode, runCli, sandbox, type Sandbox } from '../support/hookHarness';
import '../support/account';

/** The built CLI as the sandbox's own account: HOME is the account's home, as a developer has it. */
const cli = (sb: Sandbox, args: string[]) => runCli(sb, args, undefined, ownAccountNode(sb));

/** A workspace whose Codex hook `install` wrote, and a repository cloned into it afterwards. */
function installedThenCloned(): { sb: Sandbox; nested: string } {
  const sb = sandbox();
  const r = cli(sb, ['install', '--codex', '--no-host-sandbox']);
  assert.equal(r.code, 0, r.stderr);
  const nested = path.join(sb.workspace, 'vendor', 'payments');
  fs.mkdirSync(path.join(nested, '.git'), { recursive: true });
  return { sb, nested };
}

test("the start-up repair adds AgentGuard's Codex hook to a nested repository cloned after install, once", () => {
  const { sb, nested } = installedThenCloned();
  try {
    const launcher = launcherPath(sb.home);
    assert.deepEqual(wiredCommands('codex', 'project', nested, sb.home), [], 'install left the nested repository bare');
    const run = repairWired(sb.home, launcher, [sb.workspace]);
    const file = path.join(nested, '.codex', 'hooks.json');
    assert.deepEqual(
      run.nested.map((o) => [o.host, o.file, o.status]),
      [['codex', file, 'installed']],
    );
    assert.equal(wiredCommands('codex', 'project', nested, sb.home).length, 1);
    assert.ok(fs.readFileSync(file, 'utf8').includes(launcher), 'the hook runs the launcher');
    assert.deepEqual(run.written, [{ written: [{ host: 'codex', scope: 'project', file }], workspace: nested }]);
    assert.ok(wiredWorkspaces(sb.home).includes(nested), 'recorded for the uninstall clean-up');
    assert.deepEqual(repairWired(sb.home, launcher, [sb.workspace]).nested, [], 'a second repair changes nothing');
  } finally {
    sb.cleanup();
  }
});

test('the start-up repair leaves nested repositories alone where the workspace has no Codex hook of AgentGuard', () => {
  const sb = sandbox();
  try {
    assert.equal(cli(sb, ['install', '--claude', '--no-host-sandbox']).code, 0);
    const nested = path.join(sb.workspace, 'lib');
    fs.mkdirSync(path.join(nested, '.git'), { recursive: true });
    const run = repairWired(sb.home, launcherPath(sb.home), [sb.workspace]);
    assert.deepEqual(run.nested, []);
    assert.equal(fs.existsSync(path.join(nested, '.codex')), false);
  } finally {
    sb.cleanup();
  }
});

test('doctor names a nested repository Codex would run without AgentGuard, and is content once it is hooked', () => {
  const { sb, nested } = installedThenCloned();
  try {
    const before = cli(sb, ['doctor']);
    const line = before.stdout.split('\n').find((l) => l.includes(nested));
    assert.ok(line && /FAIL no AgentGuard hook/.test(line), before.stdout);
    assert.match(line, /agentguard install --codex --workspace /);
    repairWired(sb.home, launcherPath(sb.home), [sb.workspace]);
    const after = cli(sb, ['doctor']);
    assert.equal(
      after.stdout.split('\n').some((l) => l.startsWith('codex       nested')),
      false,
      after.stdout,
    );
  } finally {
    sb.cleanup();
  }
});

test('uninstall of the workspace takes out the Codex hooks the repair added to its nested repositories', () => {
  const { sb, nested } = installedThenCloned();
  try {
    repairWired(sb.home, launcherPath(sb.home), [sb.workspace]);
    const r = cli(sb, ['uninstall']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(wiredCommands('codex', 'project', nested, sb.home), []);
    assert.equal(wiredWorkspaces(sb.home).includes(nested), false);
  } finally {
    sb.cleanup();
  }
});
