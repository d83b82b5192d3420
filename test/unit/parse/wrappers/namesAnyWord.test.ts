// Any literal word of an earlier command may name the file a later one runs (`cp /bin/rm bin/x`, `dd of=bin/x`,
// `--output=bin/x`): one reading for the programs put on PATH (pathWrites.ts) and the files named before a run
// (madeOnLine.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namesAnyWord } from '../../../../src/core/parse/wrappers/madeOnLine';
import { simple, WORKSPACE } from '../../support/helpers';

const FILE = `${WORKSPACE}/bin/x`;
const isFile = (abs: string) => abs === FILE;

test('a word names the file plainly, after an option name or after dd’s of=/if=', () => {
  for (const argv of [
    ['cp', '/bin/rm', 'bin/x'],
    ['dd', 'if=/dev/zero', 'of=bin/x'],
    ['tool', '--output=bin/x'],
    ['tool', '-o=./bin/x'],
  ])
    assert.equal(namesAnyWord(simple(argv), isFile), true, argv.join(' '));
});

test('the program’s own name, other files and words unknown before the run name nothing', () => {
  assert.equal(namesAnyWord(simple(['bin/x', 'a']), isFile), false);
  assert.equal(namesAnyWord(simple(['cp', 'a', 'bin/y']), isFile), false);
  assert.equal(namesAnyWord(simple(['cp', 'a', 'bin/x'], { dynamic: [false, false, true] }), isFile), false);
});
