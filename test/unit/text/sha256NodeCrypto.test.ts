// A process that has node:crypto loaded anyway (the editor's judge) hashes
// with it from then on (useNodeCrypto): the same digests as the hand-written
// SHA-256 the hook's own process uses, or an audit chain written by both
// would not verify, for text (UTF-8, lone surrogates included), bytes and
// inputs given in parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

// A hook's process hashes in V8's interpreter, about 0.8 µs a byte: past 4 KB (a lazily loaded part of the CLI)
// node:crypto is loaded and hashes it, and every hash after it, with the same digests. Run in a process of its own,
// where nothing has chosen node:crypto yet.
test('past 4 KB node:crypto hashes the input and every one after it; up to 4 KB the hand-written hash does', () => {
  const mod = require.resolve('../../../src/core/text/sha256');
  const script = `
    const c = require('node:crypto');
    let calls = 0;
    for (const name of ['hash', 'createHash']) {
      const own = c[name];
      if (typeof own === 'function') c[name] = (...a) => (calls++, own(...a));
    }
    const s = require(${JSON.stringify(mod)});
    const seen = [];
    const digest = (f, x) => { const d = f(x); seen.push([calls, d === s.sha256HexInScript(x)]); };
    digest(s.sha256HexAnySize, 'x'.repeat(4096));
    digest(s.sha256Hex, 'small');
    digest(s.sha256HexAnySize, 'é'.repeat(2049));
    digest(s.sha256Hex, 'small');
    digest(s.sha256HexAnySize, 'y');
    process.stdout.write(JSON.stringify(seen));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    [0, true],
    [0, true],
    [1, true],
    [2, true],
    [3, true],
  ]);
});

test('past 4 KB on a Node without node:crypto, the hand-written hash gives the digest', () => {
  const mod = require.resolve('../../../src/core/text/sha256');
  const script = `
    const Module = require('node:module');
    const load = Module._load;
    Module._load = function (request, ...rest) {
      if (request === 'node:crypto' || request === 'crypto') throw new Error('node:crypto is not available');
      return load.call(this, request, ...rest);
    };
    const s = require(${JSON.stringify(mod)});
    process.stdout.write(s.sha256HexAnySize('z'.repeat(5000)) + ' ' + s.sha256Hex('small'));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const expected = (x: string) => crypto.createHash('sha256').update(x).digest('hex');
  assert.equal(r.stdout, `${expected('z'.repeat(5000))} ${expected('small')}`);
});
