// The local password stores and the desktop keyring: deleting a saved secret
// (`pass rm`, `gopass rm`, `lpass rm`, `secret-tool clear`) asks, as
// 1Password's and Bitwarden's deletes do; adding, listing, editing and
// syncing stay quiet. The engine as the hook runs it, in a real workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('deleting saved secrets asks', () => {
  const { judge, done } = diskWorkspace('ag-stores-', {});
  try {
    for (const [command, id] of [
      ['secret-tool clear service github', 'identity.secret-tool-delete'],
      ['pass rm -r work', 'identity.pass-delete'],
      ['pass remove github', 'identity.pass-delete'],
      ['gopass rm github/token', 'identity.gopass-delete'],
      ['lpass rm github', 'identity.lpass-delete'],
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.ok(
        r.findings.some((f) => f.id === id),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
  } finally {
    done();
  }
});

test('everyday password store use stays quiet', () => {
  const { judge, done } = diskWorkspace('ag-stores-', {});
  try {
    for (const command of [
      'secret-tool store --label=x service foo',
      'secret-tool search service github',
      'pass insert github',
      'pass generate github 20',
      'pass git push',
      'pass ls',
      'pass mv a b',
      'gopass sync',
      'lpass login me@example.com',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
