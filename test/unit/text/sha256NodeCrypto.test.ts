// A process that has node:crypto loaded anyway (the editor's judge) hashes
// with it from then on (useNodeCrypto): the same digests as the hand-written
// SHA-256 the hook's own process uses, or an audit chain written by both
// would not verify, for text (UTF-8, lone surrogates included), bytes and
// inputs given in parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { sha256Hex, sha256HexAnySize, sha256HexInScript, useNodeCrypto } from '../../../src/core/text/sha256';

test("node:crypto's digests are the hand-written ones, for text, bytes, parts and lone surrogates", () => {
  const inputs: (string | Uint8Array)[][] = [[''], ['abc'], ['\ud800'], ['a\udc00b'], ['é✓🛡'], [new Uint8Array(0)]];
  for (let n = 0; n <= 200; n += 7) {
    const bytes = crypto.randomBytes(n);
    const text = 'é✓🛡 \ud83d'.repeat(n).slice(0, n);
    inputs.push([bytes], [text], [text, '\0', bytes, 'x'], ['claude', '\0', text]);
  }
  const expected = inputs.map((parts) => sha256HexInScript(...parts));
  useNodeCrypto(crypto);
  inputs.forEach((parts, i) => {
    assert.equal(sha256Hex(...parts), expected[i], `input ${i}`);
    assert.equal(sha256HexAnySize(...parts), expected[i], `input ${i}, any size`);
  });
  const large = 'x'.repeat(100 * 1024);
  assert.equal(sha256HexAnySize(large), sha256HexInScript(large));
});
