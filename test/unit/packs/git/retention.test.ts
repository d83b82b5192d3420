// Git settings that make it forget sooner (a reflog expiring now, unreachable
// objects pruned at once, no reflog kept) ask: the next gc, which git runs by
// itself, throws away the way back. Settings that keep as long or longer, reads
// and unsets stay quiet. Unit-level on the reader, and the built CLI end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retentionConfig, retentionOptions, weakensRetention } from '../../../../src/core/packs/git/retention';
import { runCli, withSandbox } from '../../support/hookHarness';

test('expiries shorter than two weeks and a reflog switched off weaken retention', () => {
  for (const [k, v] of [
    ['gc.reflogExpire', 'now'],
    ['gc.reflogExpireUnreachable', '0'],
    ['gc.pruneExpire', '1.hour.ago'],
    ['gc.refs/stash.reflogExpire', '3 days'],
    ['core.logAllRefUpdates', 'false'],
  ])
    assert.ok(weakensRetention(k, v), `${k}=${v}`);
  for (const [k, v] of [
    ['gc.reflogExpire', 'never'],
    ['gc.reflogExpire', '180 days'],
    ['gc.pruneExpire', '2.weeks.ago'],
    ['core.logAllRefUpdates', 'true'],
    ['gc.auto', '0'],
  ])
    assert.ok(!weakensRetention(k, v), `${k}=${v}`);
  assert.equal(retentionConfig(['config', '--get', 'gc.reflogExpire']).length, 0);
  assert.equal(retentionConfig(['config', '--unset', 'gc.pruneExpire']).length, 0);
  assert.equal(retentionConfig(['config', 'set', 'gc.pruneExpire', 'now'])[0]?.id, 'git.reflog-expire');
  assert.equal(retentionOptions(['-c', 'gc.reflogExpire=now'])[0]?.id, 'git.reflog-expire');
});

test('the CLI asks before git config shortens what git keeps', async () => {
  await withSandbox(async (sb) => {
    const decide = (c: string) =>
      (JSON.parse(runCli(sb, ['check', '--json', '--', c]).stdout) as { decision: string }).decision;
    for (const c of [
      'git config gc.reflogExpire now',
      'git config --global core.logAllRefUpdates false',
      'git config gc.pruneExpire now',
    ])
      assert.notEqual(decide(c), 'allow', c);
    for (const c of [
      "git config gc.reflogExpire '180 days'",
      'git config --get gc.pruneExpire',
      'git config pull.rebase true',
    ])
      assert.equal(decide(c), 'allow', c);
  });
});
