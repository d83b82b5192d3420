// `gh repo sync --force` resets the destination branch to its source and
// discards the commits the source lacks (packs/cloud/paas/hosts.ts); a sync
// without --force fails on diverged branches and stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../../support/engineHarness';

test('gh repo sync --force asks, on a fork or the local repository', () => {
  const { judge } = engine();
  for (const [command, repo] of [
    ['gh repo sync OWNER/REPO --force', 'OWNER/REPO'],
    ['gh repo sync -b main owner/prod-fork --force', 'owner/prod-fork'],
    ['gh repo sync --force', 'the local repository'],
  ]) {
    const r = judge(command);
    const f = r.findings.find((x) => x.id === 'cloud.gh-repo-sync-force');
    assert.ok(r.decision === 'ask' && f, `${command}: ${JSON.stringify(r.findings)}`);
    assert.match(f.summary, new RegExp(`of ${repo} to the source`));
  }
});

test('gh repo sync without --force stays quiet', () => {
  const { decide } = engine();
  for (const command of [
    'gh repo sync',
    'gh repo sync owner/fork',
    'gh repo sync owner/fork -b main',
    'gh pr merge -s 12',
  ])
    assert.equal(decide(command), 'allow', command);
});
