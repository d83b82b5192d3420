// `export F=--force` in one call, then `git push $F origin main` in the next: the shell splits the unquoted word
// into options, and the force push ran allowed. As `rm $X` does, such a word in a git command an option makes
// destructive asks; quoted it is one name, and a command's own listing (`$(git branch --show-current)`) names one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitPack } from '../../../../src/core/packs/git';
import { ctx, simple } from '../../support/helpers';

const ids = (argv: string[], source = argv.join(' ')): string[] =>
  (gitPack.analyze(simple(argv, { source }), ctx()) ?? []).map((f) => f.id);

test('an unquoted word known only at run time asks in a git command an option makes destructive', () => {
  for (const argv of [
    ['git', 'push', '$F', 'origin', 'main'],
    ['git', 'push', 'origin', 'main', '$F'],
    ['git', 'reset', '$MODE'],
    ['git', 'clean', '${FLAGS}'],
    ['git', 'branch', '$F', 'old'],
    ['git', 'stash', '$CMD'],
    ['git', '-C', 'app', 'push', '$F'],
  ])
    assert.deepEqual(ids(argv), ['git.unknown-options'], argv.join(' '));
  // `"$@"` is many words however it is quoted.
  assert.deepEqual(ids(['git', 'push', 'origin', '$@'], 'git push origin "$@"'), ['git.unknown-options']);
});

test('a quoted name, a listing, a known word or a reading command stays quiet', () => {
  assert.deepEqual(ids(['git', 'push', 'origin', '$B'], 'git push origin "$B"'), []);
  assert.deepEqual(ids(['git', 'log', '$F']), []);
  assert.deepEqual(ids(['git', 'push', 'origin', 'main']), []);
  assert.deepEqual(
    ids(
      ['git', 'push', '-u', 'origin', '$(git branch --show-current)'],
      'git push -u origin $(git branch --show-current)',
    ),
    [],
  );
  // What the options already say is reported as itself, not as unknown.
  assert.deepEqual(ids(['git', 'push', '--force', 'origin', '$B']).includes('git.unknown-options'), false);
});
