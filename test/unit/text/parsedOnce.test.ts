// A parse remembered by its text: the same text is parsed once, any other
// text (a file rewritten) is parsed anew, and what is remembered is bounded
// in count and in the length of a text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsedOnce } from '../../../src/core/text/parsedOnce';

function counting() {
  const seen: string[] = [];
  const parse = parsedOnce((text: string) => {
    seen.push(text);
    return { words: text.split(' ') };
  });
  return { parse, seen };
}

test('the same text is parsed once and answers the same result; another text is parsed anew', () => {
  const { parse, seen } = counting();
  const first = parse('core hookspath');
  assert.deepEqual(first, { words: ['core', 'hookspath'] });
  assert.equal(parse('core hookspath'), first);
  assert.equal(parse(['core', 'hookspath'].join(' ')), first, 'equal text from another read is the same text');
  assert.deepEqual(parse('core hookspath .githooks'), { words: ['core', 'hookspath', '.githooks'] });
  assert.deepEqual(seen, ['core hookspath', 'core hookspath .githooks']);
});

test('remembers at most 16 texts, the oldest forgotten first, and never a text longer than 64 KB', () => {
  const { parse, seen } = counting();
  for (let i = 0; i < 17; i++) parse(`text ${i}`);
  parse('text 16');
  parse('text 1');
  assert.equal(seen.length, 17, 'the 16 latest are remembered');
  parse('text 0');
  assert.equal(seen.length, 18, 'the first was forgotten when the 17th came');
  const long = 'x'.repeat(64 * 1024 + 1);
  parse(long);
  parse(long);
  assert.equal(seen.length, 20, 'a long text is parsed each time');
});
