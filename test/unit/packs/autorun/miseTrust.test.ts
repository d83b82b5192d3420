// `mise trust` lets a folder's mise config run its hooks and env scripts every
// time a shell enters the folder, as `direnv allow` lets an .envrc run: it was
// allowed and now asks alike. Untrusting, showing, and mise's everyday verbs stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';

function check(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string) {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return JSON.parse(r.stdout) as { decision: string; findings: { id: string }[] };
}

test('mise trust asks as direnv allow does', async () => {
  await withSandbox(async (sb) => {
    for (const command of ['mise trust', 'mise trust --all', 'mise trust ../other', 'mise trust .mise.toml']) {
      const r = check(sb, command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'autorun.envrc'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of ['mise trust --untrust', 'mise trust --show', 'mise install', 'mise use node@20'])
      assert.equal(check(sb, command).decision, 'allow', command);
  });
});
