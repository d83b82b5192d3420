// A recursive chmod outside the workspace that takes the owner's own read away, or search from the folders it
// reaches, locks the user out of a tree of their own files (`fs.chmod-lockout`); tightening others' access, or keys
// to owner-only, stays quiet (permissions.ts). setfacl's entry for the owner (`u::---`) is read as the same mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, engine } from '../../support/engineHarness';
import { aclOwnerMode, locksOwnerOut } from '../../../../src/core/packs/filesystem/permissions';

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
      'setfacl -R -m u::--- ~/work',
      'setfacl -Rm user::0 ~/work',
      'setfacl -R --set=u::rw-,g::r--,o::--- ~/projects',
      'setfacl -R --modify u::r ~/notes',
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
    'setfacl -R -m u:nobody:--- ~/work',
    'setfacl -R -m u::rwX ~/work',
    'setfacl -R -m g::--- ~/work',
    'setfacl -m u::rw- ~/notes/todo.txt',
  ])
    assert.equal(e.decide(c), 'allow', c);
});

test('which modes lock the owner out', () => {
  for (const m of ['000', '0000', '644', '444', '0200', 'a-r', 'u-x', '-X', 'u=rw', 'a=r', 'go-w,u-r'])
    assert.equal(locksOwnerOut(m), true, m);
  for (const m of ['755', '700', '600', '400', '0750', 'go-rwx', 'u+x', 'a-w', 'u=rwX', 'o=', 'g-r'])
    assert.equal(locksOwnerOut(m), false, m);
});

test("setfacl's owner entry is read as a chmod clause; another user's entry is not the owner's", () => {
  assert.equal(aclOwnerMode(['setfacl', '-R', '-m', 'u::---', 'd']), 'u=');
  assert.equal(aclOwnerMode(['setfacl', '-Rm', 'g::r,user::5', 'd']), 'u=rx');
  assert.equal(aclOwnerMode(['setfacl', '--set=u::rw-,o::-', 'd']), 'u=rw');
  assert.equal(aclOwnerMode(['setfacl', '-R', '-m', 'u:nobody:---', 'd']), undefined);
  assert.equal(aclOwnerMode(['setfacl', '-R', '-b', 'd']), undefined);
});
