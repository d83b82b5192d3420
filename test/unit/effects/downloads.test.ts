// What a download writes: the file -o/-O names (also inside a cluster),
// the URL's own file name for `curl -O` and for wget without -O (in
// --output-dir / -P), and nothing for output sent to stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileEffects } from '../../../src/core/effects';
import { urlFileName } from '../../../src/core/effects/toolWrites';
import { ctx, simple, WORKSPACE } from '../support/helpers';

const written = (argv: string[]) => fileEffects(simple(argv), ctx()).map((e) => [e.kind, e.path]);
const W = WORKSPACE;

test("curl -O writes the URL's file name, in --output-dir; -o inside a cluster is read", () => {
  assert.deepEqual(written(['curl', '-sSLO', 'https://x.test/a/ci.yml?raw=1']), [['truncate', `${W}/ci.yml`]]);
  assert.deepEqual(written(['curl', '--remote-name', '--output-dir', '.github/workflows', 'https://x.test/d.yml']), [
    ['truncate', `${W}/.github/workflows/d.yml`],
  ]);
  assert.deepEqual(written(['curl', '-sSLo', 'Makefile', 'https://x.test/m']), [['truncate', `${W}/Makefile`]]);
  assert.deepEqual(written(['curl', '-sSLoDockerfile', 'https://x.test/m']), [['truncate', `${W}/Dockerfile`]]);
  assert.deepEqual(written(['curl', '--output-dir', '/tmp/d', '-o', 'x.tgz', 'https://x.test/x.tgz']), [
    ['truncate', '/tmp/d/x.tgz'],
  ]);
  // A value-taking letter ends the cluster: the O after -H's value is no -O.
  assert.deepEqual(written(['curl', '-sH', 'X-O: 1', 'https://x.test/a.yml']), []);
  assert.deepEqual(written(['curl', '-O', 'https://x.test/']), [], 'a URL naming no file: curl refuses');
});

test("wget writes the URL's file name (in -P), or -O's file; stdout, recursion and -i write nothing named here", () => {
  assert.deepEqual(written(['wget', 'https://x.test/a/ci.yml']), [['write', `${W}/ci.yml`]]);
  assert.deepEqual(written(['wget', '-q', '-P', '.github/workflows', 'https://x.test/ci.yml']), [
    ['write', `${W}/.github/workflows/ci.yml`],
  ]);
  assert.deepEqual(written(['wget', '--directory-prefix=data', 'https://x.test/']), [
    ['write', `${W}/data/index.html`],
  ]);
  assert.deepEqual(written(['wget', '-qO', 'Makefile', 'https://x.test/m']), [['truncate', `${W}/Makefile`]]);
  assert.deepEqual(written(['wget', '-qO-', 'https://x.test/m']), []);
  assert.deepEqual(written(['wget', '-nv', '-O', '-', 'https://x.test/m']), []);
  assert.deepEqual(written(['wget', '-r', '-np', 'https://x.test/docs/']), []);
  assert.deepEqual(written(['wget', '-o', 'log.txt', '-O', 'out.bin', 'https://x.test/b']), [
    ['truncate', `${W}/log.txt`],
    ['truncate', `${W}/out.bin`],
  ]);
});

test('a URL file name is its last path part, without query or fragment', () => {
  assert.equal(urlFileName('https://h/a/b.yml?x=1#f'), 'b.yml');
  assert.equal(urlFileName('https://h'), undefined);
  assert.equal(urlFileName('https://h/a/'), undefined);
  assert.equal(urlFileName('https://h/a/%2e%2e'), '%2e%2e');
});
