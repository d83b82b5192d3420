// Two pre-checks are answered by a scan in code for a process's first tests and by their expressions after
// (text/compiledLater.ts). A scan that answered no where its expression says yes would skip a reading that finds
// a deletion or a credential: each scan must give its expression's answer on every text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CANDIDATE_RE,
  MAYBE_CHANGES,
  candidateWord,
  maybeChanges,
  scanCandidate,
  scanChanges,
} from '../../../src/core/packs/common/firstLooks';
import { SCANNED_LENGTH, SCANNED_TESTS } from '../../../src/core/text/compiledLater';

/** The plain words of an alternation, with its escapes undone (`my\.cnf` → `my.cnf`). */
const wordsOf = (re: RegExp) =>
  re.source
    .split('|')
    .map((w) => w.replace(/\\(.)/g, '$1'))
    .filter((w) => /^[\w .$~-]+$/.test(w));

function compare(re: RegExp, scan: (t: string) => boolean, extra: readonly string[]) {
  const words = [...wordsOf(re), ...extra];
  assert.ok(words.length > 40, 'the alternation was read');
  const same = (t: string) => assert.equal(scan(t), re.test(t), JSON.stringify(t));
  const around = ['', 'x', 'X', '_', '1', ' ', '/', '.', '-', '\n', '\u2028', '\u212A', '\u017F', 'é'];
  for (const w of words) {
    const variants = [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1), w.slice(0, -1), w.slice(1)];
    for (const v of variants) for (const a of around) for (const b of around) same(a + v + b);
  }
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const pieces = [...words, ...around, 'ls', '-la', 'git', 'status', 'README.md', 'package.json', 'npm', 'test'];
  for (let n = 0; n < 30_000; n++) {
    let t = '';
    for (let k = 1 + (next() % 5); k > 0; k--) t += pieces[next() % pieces.length];
    same(t);
  }
}

test('the changes scan answers as MAYBE_CHANGES, `\\brm` and `max.?age` included', () => {
  compare(MAYBE_CHANGES, scanChanges, [
    'rm',
    'xrm',
    'x rm',
    '_rm',
    'max.age',
    'maxage',
    'max-age',
    'max\nage',
    'max\u2028age',
    'maxxxage',
    'MAX_AGE',
  ]);
});

test('the credential scan answers as CANDIDATE_RE, its endings and start included', () => {
  compare(CANDIDATE_RE, scanCandidate, [
    '~',
    '~/x',
    'x~',
    'a.pem',
    'a.pem.txt',
    'a.KEY',
    'a.tfstate\n',
    'key3.db',
    'KEY4.DB',
    'key5.db',
    'serviceaccount',
    'service-account',
    'service\naccount',
    'service__account',
    '$HOME/x',
    'Login Data',
    'login  data',
    'a*b',
    'a?b',
  ]);
});

test('after its scanned tests, and for a long text, the expression answers', () => {
  const long = 'x'.repeat(SCANNED_LENGTH) + ' rm';
  assert.equal(maybeChanges(long), true);
  assert.equal(candidateWord('y'.repeat(SCANNED_LENGTH + 1)), false);
  for (let n = 0; n < SCANNED_TESTS + 5; n++) {
    assert.equal(maybeChanges('git status'), false);
    assert.equal(maybeChanges('kubectl delete pod x'), true);
    assert.equal(candidateWord('README.md'), false);
    assert.equal(candidateWord('.env'), true);
  }
});
