// A recursive chmod outside the workspace that takes the owner's own read away, or search from the folders it
// reaches, locks the user out of a tree of their own files (`fs.chmod-lockout`); tightening others' access, or keys
// to owner-only, stays quiet (permissions.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, engine } from '../../support/engineHarness';
import { locksOwnerOut } from '../../../../src/core/packs/filesystem/permissions';

test('a recursive lockout of a folder in the home asks', () => {
  const e = engine();
  assertAskedFor(
    e.judge,
    [
      'chmod -R 000 ~/work',
      'chmod -R 644 ~/projects',
      'chmod -R a-r ~/work/billing',
      'chmod -R -x ~/work',
      'chmod -R u=rw ~/notes',
      'chmod --recursive 0 ~/work',
    ],
    (f) => f.id === 'fs.chmod-lockout' && !!f.alternative,
  );
});

test('tightening, opening to the owner, and changes inside the workspace stay quiet', () => {
  const e = engine();
  for (const c of [
    'chmod -R go-rwx ~/.ssh',
    'chmod -R 600 ~/.ssh',
    'chmod -R 700 ~/.gnupg',
    'chmod -R u+rwX ~/work',
    'chmod -R a-w ~/archive',
    'chmod -R 755 ~/tools',
    'chmod 644 ~/notes/todo.txt',
    'chmod -R 644 src',
  ])
    assert.equal(e.decide(c), 'allow', c);
});

test('which modes lock the owner out', () => {
  for (const m of ['000', '0000', '644', '444', '0200', 'a-r', 'u-x', '-X', 'u=rw', 'a=r', 'go-w,u-r'])
    assert.equal(locksOwnerOut(m), true, m);
  for (const m of ['755', '700', '600', '400', '0750', 'go-rwx', 'u+x', 'a-w', 'u=rwX', 'o=', 'g-r'])
    assert.equal(locksOwnerOut(m), false, m);
});
