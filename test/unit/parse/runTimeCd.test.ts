// After `cd "$d"`, a folder known only at run time, a relative path names a file below `$d`, which may be any
// folder: `rm -f todo.txt` there was judged as a file of the folder the line started in, and allowed. And with
// CDPATH set, `cd notes` goes to the first CDPATH folder holding `notes`, as bash looks, not to `./notes`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { HOME, WORKSPACE } from '../support/helpers';

const FILES = {
  [`${HOME}/notes/todo.txt`]: 'buy milk\n',
  [`${WORKSPACE}/src/a.txt`]: 'a\n',
  [`${WORKSPACE}/package.json`]: '{"scripts":{"test":"node --test"}}',
};

test('a relative delete in a folder known only at run time is a delete of a path known only at run time', () => {
  const { decide } = engine(FILES);
  for (const c of [
    'cd "$(cat /tmp/where)" && rm -f todo.txt',
    'cd "$TARGET" && rm -rf src',
    'cd "$TARGET" && cd sub && rm -f a.txt',
    `export CDPATH=${HOME}; cd notes && rm todo.txt`,
    `CDPATH=:${HOME} && cd notes && rm -f todo.txt`,
  ])
    assert.notEqual(decide(c), 'allow', c);
  for (const c of [
    'cd "$TARGET" && rm -rf node_modules',
    'cd "$TARGET" && echo hi > out.txt',
    'cd src && rm -f a.txt',
    `export CDPATH=${HOME}; cd src && rm -f a.txt`,
    'cd "$TARGET" && cd / && cd ' + WORKSPACE + ' && rm -f src/a.txt',
  ])
    assert.equal(decide(c), 'allow', c);
  // A runner there reads its task file in a folder named only at run time: asked (normalize/runTimeFolder.ts).
  assert.equal(decide('cd "$TARGET" && npm test'), 'ask');
});
