// The in-place editors are one list (command/inPlaceEditors.ts) that the file effects read each name of: every
// editor on it writes the files it names when given its in-place option and only prints without it, as the switch
// cases the list replaced read them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IN_PLACE_EDITORS, isInPlaceEditor } from '../../../src/core/command/inPlaceEditors';
import { fileEffects } from '../../../src/core/effects';
import { ctx, simple, WORKSPACE } from '../support/helpers';

/** The effects of one command, `@` for the workspace. */
function effects(argv: string[]): string[] {
  return fileEffects(simple(argv), ctx({})).map((e) => `${e.kind} ${e.path.replace(WORKSPACE, '@')}`);
}

/** [each editor's in-place command, the same command printing, the effects of the in-place one]. */
const READ: ReadonlyArray<readonly [string[], string[], readonly string[]]> = [
  [['sed', '-i', 's/a/b/', 'a.txt'], ['sed', 's/a/b/', 'a.txt'], ['write @/a.txt']],
  [['gsed', '-i.bak', '-e', 's/a/b/', 'a.txt'], ['gsed', '-e', 's/a/b/', 'a.txt'], ['write @/a.txt']],
  [['perl', '-pi', '-e', 's/a/b/', 'a.txt'], ['perl', '-pe', 's/a/b/', 'a.txt'], ['write @/a.txt']],
  [['ruby', '-pi', '-e', 'sub(/a/, "b")', 'a.txt'], ['ruby', '-pe', 'sub(/a/, "b")', 'a.txt'], ['write @/a.txt']],
];

test('each in-place editor writes the files it names with its in-place option, and none without', () => {
  assert.deepEqual(READ.map(([argv]) => argv[0]).sort(), [...IN_PLACE_EDITORS].sort());
  for (const [inPlace, printing, expected] of READ) {
    assert.deepEqual(effects(inPlace), expected, inPlace.join(' '));
    assert.deepEqual(effects(printing), [], printing.join(' '));
  }
});

test('a name not on the list is no in-place editor', () => {
  for (const name of ['awk', 'tee', 'sedx', 'python', '']) assert.equal(isInPlaceEditor(name), false, name);
});
