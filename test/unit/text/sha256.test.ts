// The hand-written SHA-256 the hook hashes with gives exactly node:crypto's
// digest: every length around the block and padding edges, UTF-8 text,
// bytes, and inputs given in parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { sha256Hex, sha256HexAnySize } from '../../../src/core/text/sha256';

const reference = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

test('known vectors', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
});

test('the same digest as node:crypto for every length from 0 to 300 bytes, text, bytes and parts', () => {
  for (let n = 0; n <= 300; n++) {
    const bytes = randomBytes(n);
    assert.equal(sha256Hex(bytes), reference(bytes), `${n} bytes`);
    const text = 'é✓🛡 '.repeat(n).slice(0, n);
    assert.equal(sha256Hex(text), reference(text), `${n} characters`);
    assert.equal(sha256Hex(text, '\0', bytes, 'x'), reference(text, '\0', bytes, 'x'), `${n} in parts`);
  }
  const large = randomBytes(3 * 1024 * 1024 + 17);
  assert.equal(sha256Hex(large), reference(large));
});

test('the any-size digest is the same on both sides of the size where it hands over to node:crypto', () => {
  for (const n of [0, 1, 4 * 1024 - 1, 4 * 1024, 4 * 1024 + 1, 64 * 1024, 300 * 1024]) {
    const text = 'é✓🛡 x'.repeat(n).slice(0, n);
    assert.equal(sha256HexAnySize(text), reference(text), `${n} characters`);
    assert.equal(sha256HexAnySize('claude', '\0', text), reference('claude', '\0', text), `${n} characters in parts`);
    const bytes = randomBytes(n);
    assert.equal(sha256HexAnySize(bytes, 'x'), reference(bytes, 'x'), `${n} bytes`);
  }
});
