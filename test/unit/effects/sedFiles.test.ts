// sed's script read from a file (`sed -i -f wipe.sed ~/notes/a.txt`) was not read: a script deleting every line
// counted as a plain write and an outside file's emptying was allowed. The file is now read as a `-e` script is, and
// one that cannot be read (named at run time, missing) counts as emptying each file it edits in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileEffects } from '../../../src/core/effects';
import { sedScriptSources } from '../../../src/core/effects/sedScripts';
import { ctx, simple, WORKSPACE } from '../support/helpers';

const FILES = {
  [path.join(WORKSPACE, 'wipe.sed')]: '# empties it\n1,$d\n',
  [path.join(WORKSPACE, 'fix.sed')]: 's/a/b/\n',
  [path.join(WORKSPACE, 'out.sed')]: 's/x/y/w copy.txt\n',
};

/** The effects of one command, `@` for the workspace. */
function effects(argv: string[]): string[] {
  const seen = fileEffects(simple(argv), ctx(FILES)).map((e) => `${e.kind} ${e.path.replace(WORKSPACE, '@')}`);
  return [...new Set(seen)].sort();
}

test("sed's script files are found in every spelling of -f", () => {
  assert.deepEqual(
    sedScriptSources(['sed', '-e', 's/a/b/', '-f', 'a.sed', '-nfb.sed', '--file=c.sed', '-Ef', 'd.sed']),
    {
      inline: ['s/a/b/'],
      files: ['a.sed', 'b.sed', 'c.sed', 'd.sed'],
    },
  );
  assert.deepEqual(sedScriptSources(['sed', '-i', 's/f/g/', '--follow-symlinks', 'x']).files, []);
});

test('a sed script file is read: deleting every line empties the file, a substitution writes it', () => {
  assert.deepEqual(effects(['sed', '-i', '-f', 'wipe.sed', 'a.txt']), ['truncate @/a.txt', 'write @/a.txt']);
  assert.deepEqual(effects(['sed', '-f', 'fix.sed', '-i', 'a.txt']), ['write @/a.txt']);
  assert.deepEqual(effects(['sed', '-f', 'fix.sed', 'a.txt']), []);
  // `w FILE` in the script file empties FILE, in place or not.
  assert.deepEqual(effects(['sed', '-f', 'out.sed', 'a.txt']), ['truncate @/copy.txt']);
});

test('a sed script file that cannot be read counts as emptying each file edited in place', () => {
  for (const argv of [
    ['sed', '-i', '-f', '$F', 'a.txt'],
    ['sed', '-i', '-f', 'missing.sed', 'a.txt'],
    ['gsed', '--file=$F', '--in-place', 'a.txt'],
  ])
    assert.ok(effects(argv).includes('truncate @/a.txt'), argv.join(' '));
  // Not in place, nothing of the input is written.
  assert.deepEqual(effects(['sed', '-f', '$F', 'a.txt']), []);
});
