// A trailing comment is cut as `/\s+#.*$/` cut it, in one pass: the same text for every short string over the
// characters that matter, and a line of white space no regular expression has to go back over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutTrailingComment } from '../../../src/core/text/trailingComment';

test('the same as the regular expression it replaces, for every string of up to 7 of these characters', () => {
  const chars = [' ', '\t', '#', 'a', '\n', '"'];
  let checked = 0;
  const walk = (s: string): void => {
    assert.equal(withoutTrailingComment(s), s.replace(/\s+#.*$/, ''), JSON.stringify(s));
    checked++;
    if (s.length < 7) for (const c of chars) walk(s + c);
  };
  walk('');
  assert.ok(checked > 300_000, `${checked} strings`);
});

test('a value, its comment, and a line of white space with no comment', () => {
  assert.equal(withoutTrailingComment('postgres://db/app   # the dev database'), 'postgres://db/app');
  assert.equal(withoutTrailingComment('a#b'), 'a#b');
  const spaces = ' '.repeat(200_000);
  assert.equal(withoutTrailingComment(`${spaces}x # y`), `${spaces}x`);
  assert.equal(withoutTrailingComment(`x${spaces}#`), 'x');
});
