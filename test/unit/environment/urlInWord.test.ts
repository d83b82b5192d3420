// A process's first URLs in a word are found by a scan instead of URL_IN_WORD (environment/urlInWord.ts). A scan
// that missed a URL, or cut it elsewhere, would miss the production host or database a command points at: it must
// find what the expression finds, on every scheme, its cases, its neighbours and characters `/i` folds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DB_SCHEMES } from '../../../src/core/environment/programs';
import { isSpaceCode, matchUrlsInWord, scanUrlsInWord } from '../../../src/core/environment/urlInWord';

test('isSpaceCode is `\\s` on every UTF-16 code unit', () => {
  for (let c = 0; c < 0x10000; c++) assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), c.toString(16));
});

test('an ssh+git URL is found whole, by the scan and by the expression', () => {
  // The expression once escaped `+` twice and read `ssh\\+git` as `ssh`, backslashes, `git`: no such URL was found.
  for (const t of ['ssh+git://git.prod.acme.io/app.git', 'REPO=SSH+GIT://deploy@git.prod.acme.io/app.git']) {
    const url = t.slice(t.indexOf('=') + 1);
    assert.deepEqual(scanUrlsInWord(t), [url]);
    assert.deepEqual(matchUrlsInWord(t), [url]);
  }
  assert.deepEqual(matchUrlsInWord('ssh\\git://h/x'), []);
});

test('the scan finds the URLs URL_IN_WORD finds', () => {
  const schemes = [...DB_SCHEMES, 'http', 'https', 'ws', 'wss', 'ssh', 'ssh+git'];
  const near = [
    'ssh\\git',
    'ssh\\\\git',
    'SSH\\GIT',
    'ssh++git',
    'git+ssh',
    'sshgit',
    'ssh\\xgit',
    'ssh\\',
    'htt',
    'httpss',
    'xhttps',
    'sql',
    'git',
    'srv',
    'mongodb+',
    'redi',
    'h\u0130tps',
    'ht\u212Aps',
    'ss\u017F',
  ];
  const leads = ['', '=', ':', '@', '"', "'", '(', ',', 'x', ' ', '-', '/', '\u00a0', 'K', '\u212A', '\u017F', '+'];
  const tails = ['', 'db', 'h:5432/db', 'u:p@h/x?y=1', ' ', '"', "'", '<', '>', '\u3000', '\n', 'a b', 'a"https://b'];
  const same = (t: string) => assert.deepEqual(scanUrlsInWord(t), matchUrlsInWord(t), JSON.stringify(t));
  let found = 0;
  for (const scheme of [...schemes, ...near]) {
    for (const v of [scheme, scheme.toUpperCase(), scheme[0].toUpperCase() + scheme.slice(1)]) {
      for (const a of leads)
        for (const b of tails)
          for (const sep of ['://', ':/', ':///', '//']) {
            const t = a + v + sep + b;
            same(t);
            if (matchUrlsInWord(t).length) found++;
          }
    }
  }
  assert.ok(found > 500, 'the texts reach the expression');
  let seed = 3;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const pieces = [...schemes, ...near, ...leads, ...tails, '://', '://', 'x.y', '$X', 'k=v'];
  for (let n = 0; n < 40_000; n++) {
    let t = '';
    for (let k = 2 + (next() % 7); k > 0; k--) t += pieces[next() % pieces.length];
    same(t);
  }
});
