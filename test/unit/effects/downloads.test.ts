// What a download writes: the file -o/-O names (also inside a cluster),
// the URL's own file name for `curl -O` and for wget without -O (in
// --output-dir / -P), and nothing for output sent to stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AnalysisContext } from '../../../src/core/types';
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

test("aria2c writes -o in -d, or each URL's file name there; HTTPie and xh write -o, or the URL's name with --download", () => {
  assert.deepEqual(written(['aria2c', '-d', '.github/workflows', 'https://x.test/x.yml']), [
    ['write', `${W}/.github/workflows/x.yml`],
  ]);
  assert.deepEqual(written(['aria2c', '-x4', '-o', 'Makefile', 'https://x.test/m']), [['truncate', `${W}/Makefile`]]);
  assert.deepEqual(written(['aria2c', '--dir=ci', '--out=d.yml', 'https://x.test/m']), [['truncate', `${W}/ci/d.yml`]]);
  assert.deepEqual(written(['aria2c', '-i', 'urls.txt']), [], 'an input file names its files inside it');
  assert.deepEqual(written(['http', '--download', '-o', 'Makefile', 'https://x.test/m']), [
    ['truncate', `${W}/Makefile`],
  ]);
  assert.deepEqual(written(['https', '--download', '--output', 'Dockerfile', 'x.test/m']), [
    ['truncate', `${W}/Dockerfile`],
  ]);
  assert.deepEqual(written(['http', '-o', 'out.json', 'GET', 'https://x.test/api']), [['truncate', `${W}/out.json`]]);
  assert.deepEqual(written(['http', '--download', 'GET', 'x.test/a/ci.yml', 'X-A:1']), [['write', `${W}/ci.yml`]]);
  assert.deepEqual(written(['xh', '-d', '-o', 'Makefile', 'https://x.test/m']), [['truncate', `${W}/Makefile`]]);
  assert.deepEqual(written(['http', 'https://x.test/api', 'a=1']), [], 'a response printed writes no file');
});

test('wget keeps a file already there (it writes NAME.1) unless an option, a config or the line says otherwise', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-wget-kept-'));
  try {
    const home = path.join(dir, 'home');
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(home);
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(ws, 'Makefile'), 'all:\n');
    const disk: AnalysisContext = {
      workspace: ws,
      home,
      tempDirs: ['/tmp'],
      readFile: (p, cwd) =>
        fs.existsSync(path.resolve(cwd, p)) ? fs.readFileSync(path.resolve(cwd, p), 'utf8') : undefined,
      stat: (p) => {
        const s = fs.statSync(p, { throwIfNoEntry: false });
        return s && { dev: s.dev, ino: s.ino, nlink: s.nlink, isFile: s.isFile(), isDir: s.isDirectory() };
      },
    };
    const at = (argv: string[], c: AnalysisContext = disk, env: Record<string, string> = {}) =>
      fileEffects(simple(argv, { cwd: ws, env: { HOME: home, ...env } }), c).map((e) => [e.kind, e.path]);
    assert.deepEqual(at(['wget', 'https://x.test/Makefile']), [['write', `${ws}/Makefile.1`]]);
    assert.deepEqual(at(['wget', 'https://x.test/Dockerfile']), [['write', `${ws}/Dockerfile`]]);
    assert.deepEqual(at(['wget', '-nc', 'https://x.test/Makefile']), []);
    for (const opt of ['-N', '-c', '-qN', '--timestamping', '--continue', '--backups=1'])
      assert.deepEqual(at(['wget', opt, 'https://x.test/Makefile']), [['write', `${ws}/Makefile`]], opt);
    assert.deepEqual(at(['wget', '-e', 'timestamping=on', 'https://x.test/Makefile']), [['write', `${ws}/Makefile`]]);
    // An earlier command on the line may have removed it; a config may turn timestamping on.
    assert.deepEqual(at(['wget', 'https://x.test/Makefile'], { ...disk, lineMade: true }), [
      ['write', `${ws}/Makefile`],
    ]);
    assert.deepEqual(at(['wget', 'https://x.test/Makefile'], disk, { WGETRC: '/x/rc' }), [['write', `${ws}/Makefile`]]);
    fs.writeFileSync(path.join(home, '.wgetrc'), '# timestamping = on\ntries = 3\n');
    assert.deepEqual(
      at(['wget', 'https://x.test/Makefile']),
      [['write', `${ws}/Makefile.1`]],
      'a comment and other settings',
    );
    // wget reads its settings without case, `-` or `_`.
    fs.writeFileSync(path.join(home, '.wgetrc'), 'tries = 3\nTime_Stamping = on\n');
    assert.deepEqual(at(['wget', 'https://x.test/Makefile']), [['write', `${ws}/Makefile`]]);
    // Without a way to ask the disk, every name is claimed.
    assert.deepEqual(at(['wget', 'https://x.test/Makefile'], { ...disk, stat: undefined }), [
      ['write', `${ws}/Makefile`],
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
