// The payload's bytes become its text exactly as a fatal UTF-8 TextDecoder
// reads them, whether Node checks them with buffer.isUtf8 (the hook's way
// where Node has it) or the decoder itself does: a leading byte order mark
// dropped, and anything that is not UTF-8 an error, never replacement
// characters judged as if they were the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePayload } from '../../../../src/cli/hook/stdin';

const CASES: [string, number[] | string][] = [
  ['plain JSON', '{"tool_input":{"command":"ls -la"}}'],
  ['empty', ''],
  ['non-ASCII text', '{"command":"echo héllo → ✓ 🚀"}'],
  ['a byte order mark before the JSON', [0xef, 0xbb, 0xbf, 0x7b, 0x7d]],
  ['a byte order mark alone', [0xef, 0xbb, 0xbf]],
  ['two byte order marks (the second is text)', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]],
  ['a byte order mark cut short', [0xef, 0xbb]],
  ['a NUL inside', [0x61, 0x00, 0x62]],
  ['a stray continuation byte', [0x61, 0x80, 0x62]],
  ['an overlong encoding of /', [0xc0, 0xaf]],
  ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ['the last code point', [0xf4, 0x8f, 0xbf, 0xbf]],
  ['past the last code point', [0xf4, 0x90, 0x80, 0x80]],
  ['a sequence cut at the end', [0x61, 0xe2, 0x82]],
  ['Latin-1 text', [0x63, 0x61, 0x66, 0xe9]],
];

test('the payload reads as a fatal TextDecoder reads it, with buffer.isUtf8 or without', () => {
  let valid = 0;
  for (const [name, input] of CASES) {
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
    let expected: { ok: true; text: string } | { ok: false; error: string };
    try {
      expected = { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
      valid++;
    } catch {
      expected = { ok: false, error: 'the payload is not valid UTF-8' };
    }
    assert.deepEqual(decodePayload(bytes), expected, `${name}, checked by buffer.isUtf8`);
    assert.deepEqual(decodePayload(bytes, null), expected, `${name}, by the decoder`);
  }
  // Both kinds are among the cases (the comparison above would prove less otherwise).
  assert.ok(valid >= 5 && valid <= CASES.length - 5, `${valid} of ${CASES.length} cases are UTF-8`);
  assert.deepEqual(decodePayload(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), { ok: true, text: '{}' });
});
