// A forced fetch refspec into local branches (`+main:main`, `-f`,
// `'+refs/heads/*:refs/heads/*'`, with `--prune`) moves or deletes branches
// whatever they held: judged as `git branch -D` is. Fetches into
// remote-tracking refs, and unforced ones (git fast-forwards or refuses), stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../support/account';
import { fetchIntoBranches } from '../../../src/core/packs/git/local';
import { assertJudged, batchWorld } from '../support/batchCheck';

test('only a forced or pruning refspec into refs/heads is a finding', () => {
  assert.equal(fetchIntoBranches(['fetch', 'origin', '+main:main'])[0]?.id, 'git.fetch-overwrite-branches');
  assert.equal(fetchIntoBranches(['fetch', '--prune', 'origin', 'refs/heads/*:refs/heads/*']).length, 1);
  assert.equal(fetchIntoBranches(['fetch', 'origin', 'main:main']).length, 0);
  assert.equal(fetchIntoBranches(['fetch', 'origin', '+refs/heads/*:refs/remotes/origin/*']).length, 0);
  assert.equal(fetchIntoBranches(['fetch', '--depth', '1', 'origin']).length, 0);
});

test('git fetch overwriting local branches asks; ordinary fetches stay quiet', () => {
  const world = batchWorld();
  try {
    assertJudged(
      world,
      [
        'git fetch origin +refs/heads/*:refs/heads/* --prune',
        'git fetch origin +main:main',
        'git fetch -f origin main:main',
        "git fetch --prune origin 'refs/heads/*:refs/heads/*'",
      ],
      [
        'git fetch origin',
        'git fetch --all --prune',
        'git fetch origin main:main',
        'git fetch origin +refs/heads/*:refs/remotes/origin/*',
        'git fetch origin pull/12/head:pr-12',
        'git fetch --tags --force',
      ],
    );
  } finally {
    world.cleanup();
  }
});
