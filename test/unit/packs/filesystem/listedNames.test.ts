import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listedNames, substitutionNames } from '../../../../src/core/packs/filesystem/listedNames';
import { engine } from '../../support/engineHarness';

test('a delete of what a plain listing prints is judged as the names it lists', () => {
  const { decide, ids } = engine();
  // `rm $(ls)` is `rm *`; `rm $(find . -type f)` every file below here; tracked or untracked files alike.
  for (const c of [
    'rm $(ls)',
    'rm -- `ls`',
    'rm $(find . -type f)',
    'rm $(git ls-files)',
    'rm $(git ls-files --others --exclude-standard)',
    'rm -rf $(ls -d */)',
  ]) {
    assert.equal(decide(c), 'ask', `${c}: ${ids(c)}`);
    assert.ok(ids(c).includes('fs.rm-workspace'), `${c}: ${ids(c)}`);
  }
  // Compiled files, logs, files that are already gone: as `rm *.log` is.
  for (const c of [
    'rm -f $(find . -name "*.pyc")',
    'rm $(ls *.log)',
    'rm -f $(git ls-files --deleted)',
    'git rm $(git ls-files --deleted)',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
  // A listing that is not plain stays a delete of names known only at run time.
  assert.deepEqual(ids('rm -f $(ls | grep x)'), ['fs.rm-unknown-target']);
  assert.deepEqual(ids('rm -f $(cat list.txt)'), ['fs.rm-unknown-target']);
});

test('a move of what a listing prints is judged as the names it lists; a pattern moves some files, not the folder', () => {
  const { decide, ids } = engine();
  for (const c of ['mv $(ls) /tmp/', 'ls | xargs -I{} mv {} /tmp/', 'mv * /tmp/'])
    assert.ok(ids(c).includes('fs.mv-workspace'), `${c}: ${ids(c)}`);
  for (const c of ['mv *.log logs/', 'mv $(ls *.log) logs/', 'mv src/*.ts lib/'])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
  assert.ok(ids('mv *.md /tmp/').includes('fs.mv-out-of-workspace'), ids('mv *.md /tmp/').join());
});

test('only one plain listing command is read; anything else is unknown', () => {
  assert.deepEqual(substitutionNames('$(ls)'), ['*']);
  assert.deepEqual(substitutionNames('`find src -name "*.o"`'), ['src/**/*.o']);
  assert.deepEqual(substitutionNames('$(git ls-files src/)'), ['src/**']);
  assert.deepEqual(substitutionNames("$(git ls-files '*.orig')"), ['**/*.orig']);
  for (const w of ['$(ls | head)', '$(ls; rm x)', '$(ls $(pwd))', '$(cat f)', '$(ls)x', '$(git ls-files -z)'])
    assert.equal(substitutionNames(w), undefined, w);
  assert.deepEqual(listedNames(['git', 'ls-files', '--deleted']), []);
  assert.equal(listedNames(['git', 'ls-files', '--deleted', '--others']), undefined);
});
