// `hash -p /tmp/evil git; git status`: hash -p binds a name to any file, which
// then runs wherever the name is called, as a planted PATH entry would make it.
// It was allowed. Binding a name to a file outside the system's program folders
// asks; pinning a system program and hash's other uses stay quiet. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';

function check(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string) {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return JSON.parse(r.stdout) as { decision: string; findings: { id: string }[] };
}

test('hash -p binding a name to a file outside the system folders asks', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      'hash -p /tmp/evil git; git status',
      'hash -p ./evil ls',
      'hash -p "$X" git',
      'hash -p/tmp/evil git',
    ]) {
      const r = check(sb, command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'exec.hashed-program'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of ['hash -p /usr/bin/git git', 'hash -r', 'hash', 'hash -t git'])
      assert.equal(check(sb, command).decision, 'allow', command);
  });
});
