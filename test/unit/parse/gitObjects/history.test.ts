// A commit's history read from git's own files (gitObjects/history.ts): parents, whether one commit is an
// ancestor of another, the stash and its older entries; what cannot be read is unknown, a missing stash null.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Repository } from '../../../../src/core/parse/gitObjects/atRef';
import { isAncestor, parents, stashAt } from '../../../../src/core/parse/gitObjects/history';
import { scratchDir } from '../../support/scratch';

function repo(): { dir: string; git: (...args: string[]) => string } {
  const dir = scratchDir('git-history-');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  for (const n of ['one', 'two', 'three']) {
    fs.writeFileSync(path.join(dir, 'f'), n);
    git('add', 'f');
    git('commit', '-qm', n);
  }
  return { dir, git };
}

test('parents and ancestors are read from the objects, loose or packed', () => {
  const { dir, git } = repo();
  const [three, two, one] = git('rev-list', 'HEAD').split('\n');
  for (const pack of [false, true]) {
    if (pack) git('gc', '-q');
    const r = new Repository(path.join(dir, '.git'));
    assert.deepEqual(parents(r, three), [two]);
    assert.deepEqual(parents(r, one), []);
    assert.equal(parents(r, 'f'.repeat(40)), undefined);
    assert.equal(isAncestor(r, one, three), true);
    assert.equal(isAncestor(r, three, three), true);
    assert.equal(isAncestor(r, three, one), false);
  }
});

test('stashes: the newest from refs/stash, older ones from its log, none when there is no stash', () => {
  const { dir, git } = repo();
  const r = () => new Repository(path.join(dir, '.git'));
  assert.equal(stashAt(r(), 0), null);
  fs.writeFileSync(path.join(dir, 'f'), 'a');
  git('stash', '-q');
  fs.writeFileSync(path.join(dir, 'f'), 'b');
  git('stash', '-q');
  assert.equal(stashAt(r(), 0), git('rev-parse', 'stash@{0}'));
  assert.equal(stashAt(r(), 1), git('rev-parse', 'stash@{1}'));
  assert.equal(stashAt(r(), 2), undefined);
  git('pack-refs', '--all');
  assert.equal(stashAt(r(), 0), git('rev-parse', 'stash@{0}'));
});
