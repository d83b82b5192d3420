// Finding where a call's argument ends in interpreter code: strings and
// bracketed groups are stepped over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topLevelIndex } from '../../../src/core/parse/codeScan';

const comma = (c: string) => c === ',' || c === ')';

test('a comma or bracket inside a string or a group does not end the argument', () => {
  const code = `kill(f("a,b", [1, 2]), 'x)y', 9)`;
  assert.equal(code.slice(5, topLevelIndex(code, 5, 512, comma)), `f("a,b", [1, 2])`);
  const second = code.indexOf(`'x)y'`);
  assert.equal(code.slice(second, topLevelIndex(code, second, 512, comma)), `'x)y'`);
});

test('an escaped quote stays inside its string, and a closing bracket with no group open is at the top', () => {
  const code = String.raw`"a\",b", 2`;
  assert.equal(topLevelIndex(code, 0, 512, comma), code.indexOf(', 2'));
  assert.equal(
    topLevelIndex('x])', 0, 512, (c) => c === ')'),
    2,
  );
});

test('the walk stops at the limit or the end of the code when nothing stops it', () => {
  assert.equal(topLevelIndex('abcdef', 1, 3, comma), 4);
  assert.equal(topLevelIndex('abc', 0, 512, comma), 3);
  assert.equal(topLevelIndex('(a, b', 0, 512, comma), 5);
});
