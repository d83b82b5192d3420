// The in-place editors are one list (command/inPlaceEditors.ts) that the file effects read each name of: every
// editor on it writes the files it names when given its in-place option and only prints without it, as the switch
// cases the list replaced read them. An edit that writes nothing back (`perl -ni -e ""`, `ex -sc "%d|x"`) empties
// each file, as `sed -i d` does.
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

test('an in-place edit that writes nothing back empties each file; one that prints keeps it', () => {
  for (const argv of [
    ['perl', '-ni', '-e', '', 'a.txt'],
    ['perl', '-n', '-i', '-e', '1', 'a.txt'],
    ['perl', '-i', '-ne', 'next', 'a.txt'],
    ['ruby', '-ni', '-e', '', 'a.txt'],
    ['ex', '-sc', '%d|x', 'a.txt'],
    ['ex', '-s', '-c', ':1,$d', '-c', 'wq', 'a.txt'],
    ['vim', '-es', '+g/^/d', '+wq', 'a.txt'],
  ])
    assert.deepEqual(effects(argv), ['truncate @/a.txt'], argv.join(' '));
  for (const argv of [
    ['perl', '-ni', '-e', 'print if /x/', 'a.txt'],
    ['perl', '-i', '-ne', 'print unless /^#/', 'a.txt'],
    ['perl', '-pi', '-e', 's/a//', 'a.txt'],
    ['perl', '-npi', '-e', '', 'a.txt'],
    ['ruby', '-ni', '-e', 'puts $_ if $_ =~ /x/', 'a.txt'],
    ['ex', '-sc', '%s/a/b/g|x', 'a.txt'],
    ['ex', '-sc', '2d|x', 'a.txt'],
  ])
    assert.deepEqual(effects(argv), ['write @/a.txt'], argv.join(' '));
});
