// `agentguard doctor` only looks: on an account that has no state folder
// yet, its probes run the wired hooks for real (which make the folder to
// record the samples in), and doctor leaves no folder behind; a folder that
// holds anything else than the probes' traces stays as it is. The built CLI
// runs as an account (same user, bubblewrap binding a passwd copy) whose home
// is the sandbox's.
import { spawnSync } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultStateDir, writeKillSwitch } from '../../../src/core/state';
import { writeLauncher } from '../../../src/core/launcher/file';
import { installHooks } from '../../../src/core/launcher/wiring';
import { accountNode } from '../support/account';
import { CLI, sandbox, type Sandbox } from '../support/hookHarness';

/** A sandbox wired for Claude Code through its own launcher, as install leaves it, but with no state folder. */
function wired(t: TestContext): { sb: Sandbox; node: string } | undefined {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  const node = accountNode(sb.home, sb.root);
  if (!node) t.skip('bubblewrap is needed to run as an account of its own');
  const { file } = writeLauncher({ home: sb.home, pin: CLI, runtime: { kind: 'node', path: process.execPath } });
  installHooks({ hosts: ['claude'], scope: 'project', workspace: sb.workspace, home: sb.home, launcher: file });
  return node ? { sb, node } : undefined;
}

const doctor = (sb: Sandbox, node: string) =>
  spawnSync(node, [CLI, 'doctor'], {
    cwd: sb.workspace,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home },
    encoding: 'utf8',
    timeout: 120_000,
  });

test('doctor on an account with no state folder probes the wired hooks and leaves no folder behind', (t) => {
  const w = wired(t);
  if (!w) return;
  const { sb, node } = w;
  const r = doctor(sb, node);
  assert.match(
    r.stdout,
    /claude +project .*PreToolUse: harmless true → defer in \d+ ms; dangerous rm -rf \/ → deny/,
    r.stdout,
  );
  assert.equal(fs.existsSync(defaultStateDir(sb.home)), false, r.stdout);
  assert.deepEqual(fs.readdirSync(path.dirname(defaultStateDir(sb.home)), { withFileTypes: true }).length, 0);
});

test("where the account's state folder holds a human's state, doctor leaves it as it is", (t) => {
  const w = wired(t);
  if (!w) return;
  const { sb, node } = w;
  const real = defaultStateDir(sb.home);
  writeKillSwitch(real, { engaged: false, by: 'user' });
  doctor(sb, node);
  assert.ok(fs.existsSync(path.join(real, 'killswitch.json')));
  assert.match(
    fs.readFileSync(path.join(real, 'audit.jsonl'), 'utf8'),
    /"command":"rm -rf \/"/,
    'the probes are recorded',
  );
});
