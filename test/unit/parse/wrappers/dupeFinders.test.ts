// Duplicate finders that delete without asking (fdupes and jdupes with -d -N, rdfind -deleteduplicates true) are
// judged as `find DIR -type f -delete` is; listing duplicates, or deleting with a prompt, stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';

const { judge } = engine();

test('deleting duplicates without a prompt is judged by the folders it reaches, as find -delete is', () => {
  for (const [command, id, decision] of [
    ['fdupes -rdN ~', 'fs.rm-home', 'deny'],
    ['fdupes --recurse --delete --noprompt ~', 'fs.rm-home', 'deny'],
    ['jdupes -r -d -N ~/code', 'fs.rm-outside-workspace', 'ask'],
    ['rdfind -deleteduplicates true ~', 'fs.rm-home', 'deny'],
    ['fdupes -rdN /var/lib/postgresql', 'fs.rm-system', 'ask'],
  ] as const)
    assertGated(judge, command, id, decision);
  // The same folder found by find and deleted: the same judgment.
  assert.deepEqual(
    judge('fdupes -rdN ~').findings.map((f) => f.id),
    judge('find ~ -type f -delete').findings.map((f) => f.id),
  );
});

test('listing duplicates, a prompt, a dry run or a build folder stays quiet', () => {
  for (const command of [
    'fdupes -r ~',
    'fdupes -rd ~',
    'jdupes -r ~/code',
    'rdfind ~/Downloads',
    'rdfind -deleteduplicates true -dryrun true ~',
    'fdupes -rdN build/',
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});
