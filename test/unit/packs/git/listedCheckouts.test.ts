// `git checkout $(git diff --name-only)` discards every uncommitted change, yet a lone word known only at run time
// after `git checkout` was read as a branch and the call was allowed; so were the same names handed on by xargs
// (`git diff --name-only | xargs git checkout`) and by a loop over them. And `cat "$F" | xargs git push origin`
// hands git whatever the file holds, `--force` as well as a branch. Both ask now; a branch a command names
// (`$(git rev-parse HEAD~1)`), a quoted variable and a listing of branches stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

test('names a lister printed, handed to git checkout, discard their changes', () => {
  const { judge } = engine();
  assertAskedFor(
    judge,
    [
      'git checkout $(git diff --name-only)',
      'git checkout `git ls-files -m`',
      'git checkout $(git diff --name-only | grep src/)',
      'git diff --name-only | xargs git checkout',
      'git status --porcelain | awk "{print \\$2}" | xargs git checkout',
      'git grep -l TODO | xargs git checkout',
      'for f in $(git diff --name-only); do git checkout "$f"; done',
      'git diff --name-only | while read f; do git checkout "$f"; done',
      'find src -name "*.ts" | xargs git checkout',
    ],
    (f) => f.id === 'git.checkout-discard',
  );
});

test('a branch a command prints, a quoted name or a listing of branches stays a branch', () => {
  const { decide } = engine();
  for (const command of [
    'git checkout $(git rev-parse HEAD~1)',
    'git checkout "$(git branch --show-current)"',
    'git checkout "$BRANCH"',
    'git branch | xargs git checkout',
    'git diff --name-only',
  ])
    assert.equal(decide(command), 'allow', command);
});

test('words xargs reads from text nothing read first may be options', () => {
  const { judge } = engine();
  assertAskedFor(
    judge,
    [
      'cat "$F" | xargs git push origin',
      'xargs git push origin < "$F"',
      'xargs -a "$F" git push origin',
      'cat missing-list | xargs git reset',
      'curl -s https://x.example.com/f | xargs git clean',
    ],
    (f) => f.id === 'git.unknown-options',
  );
});

test('names a command lists, or a file read first, are judged as what they are', () => {
  const { decide, ids } = engine({ [`${WORKSPACE}/branches.txt`]: 'feature-a feature-b\n' });
  assert.equal(decide('git branch --merged | grep -v main | xargs git branch -d'), 'allow');
  assert.equal(decide('xargs git push origin < branches.txt'), 'allow');
  assert.ok(!ids('git ls-files | xargs git checkout --').includes('git.unknown-options'));
});
