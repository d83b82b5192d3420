// `git tag -l | sed 's/^/x/' | xargs git tag -d` was allowed: only filters
// that pass data through unchanged (gzip, base64) kept the listing in view, so
// a sed, grep -v or sort between the lister and the delete hid it. A line
// filter still feeds the delete the repository's own list; only a grep that
// keeps whole lines equal to names written out narrows it to those names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { keepsList } from '../../../../src/core/parse/bash/commandParts';

test('a line filter keeps the list it is fed; a whole-line literal grep narrows it to the names written', () => {
  for (const argv of [['sed', 's/^/x/'], ['grep', '-v', 'main'], ['sort'], ['cut', '-c3-'], ['grep', '-x', 'v.*']])
    assert.equal(keepsList(argv), true, argv.join(' '));
  for (const argv of [
    ['grep', '-Fx', 'v1.0.0'],
    ['grep', '-x', '-e', 'v1', '-e', 'v2'],
    ['xargs', 'git', 'tag', '-d'],
    ['curl', '-d', '@-', 'https://example.com'],
  ])
    assert.equal(keepsList(argv), false, argv.join(' '));
});

test('every tag fed through line filters to git tag -d asks; a named few stay quiet', () => {
  const { decide, ids } = engine();
  for (const command of [
    "git tag -l | sed 's/^/x/' | xargs git tag -d",
    'git tag -l | grep -v v1 | xargs git tag -d',
    'git tag | sort | xargs git tag -d',
    "git tag | grep -v '^v2' | sed 's/ //' | xargs -n1 git tag -d",
  ]) {
    assert.equal(decide(command), 'ask', command);
    assert.ok(ids(command).includes('git.tag-delete-all'), `${command}: ${ids(command)}`);
  }
  for (const command of [
    'git tag -l | grep -Fx v1.0.0 | xargs git tag -d',
    'git tag -l | grep -x -e v1 -e v2 | xargs git tag -d',
    "git tag -l 'tmp-*' | xargs git tag -d",
    "git tag -l | sed 's/^/x/'",
  ]) {
    assert.equal(decide(command), 'allow', command);
  }
});
