// The host's sandbox in a call's audit record (audit.ts hostSandboxOfCall)
// is looked for with no stack trace taken for the exceptions its missing
// settings files throw: the status is what hostSandboxStatus says, the
// process's Error.stackTraceLimit is as it was afterwards, and where it cannot
// be changed (node --frozen-intrinsics) the status is still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostSandboxOfCall } from '../../../src/core/frontdoor/audit';
import { denyWriteList, hostSandboxStatus } from '../../../src/core/launcher/hostSandbox';

function withFolders(fn: (home: string, workspace: string, state: string) => void): void {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-host-sandbox-')));
  const home = path.join(root, 'home');
  const workspace = path.join(home, 'code', 'app');
  const state = path.join(root, 'state');
  fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
  fs.mkdirSync(state);
  try {
    fn(home, workspace, state);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const settings = (dir: string, value: unknown) => {
  fs.mkdirSync(path.join(dir, '.claude'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.claude', 'settings.json'), JSON.stringify(value));
};

test("the status recorded is hostSandboxStatus's, and the stack trace limit is left as it was", () =>
  withFolders((home, workspace, state) => {
    const env = { HOME: home, PATH: '/usr/bin:/bin' };
    const expected = () =>
      hostSandboxStatus(
        'claude',
        workspace,
        home,
        () => denyWriteList({ home, workspace, stateDir: state, env, nested: false }),
        env,
      ).status;
    const seen: unknown[] = [];
    for (const change of [
      () => undefined,
      () => settings(home, { sandbox: { enabled: true } }),
      () => settings(workspace, { sandbox: { enabled: false } }),
      () => settings(workspace, { disableAllHooks: true }),
    ]) {
      change();
      const before = Error.stackTraceLimit;
      const status = hostSandboxOfCall('claude', workspace, home, state, env);
      assert.equal(Error.stackTraceLimit, before);
      assert.equal(status, expected());
      seen.push(status);
    }
    assert.ok(new Set(seen).size > 1, `the settings changed the status: ${seen.join(', ')}`);
  }));

test('where the stack trace limit cannot be changed, the status is still recorded', () =>
  withFolders((home, workspace, state) => {
    settings(home, { sandbox: { enabled: true } });
    const script = `
      const { hostSandboxOfCall } = require(${JSON.stringify(require.resolve('../../../src/core/frontdoor/audit'))});
      const env = { HOME: ${JSON.stringify(home)}, PATH: '/usr/bin:/bin' };
      process.stdout.write(String(hostSandboxOfCall('claude', ${JSON.stringify(workspace)}, env.HOME, ${JSON.stringify(state)}, env)));`;
    const frozen = execFileSync(process.execPath, ['--frozen-intrinsics', '-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const env = { HOME: home, PATH: '/usr/bin:/bin' };
    assert.equal(frozen, String(hostSandboxOfCall('claude', workspace, home, state, env)));
    assert.notEqual(frozen, 'undefined');
  }));
