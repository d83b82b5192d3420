// The variables that can say something are found once per environment that
// cannot change, and every time in any other: a changed environment is a new
// object, and is scanned anew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SCANNED_VARS, namesWhere } from '../../../src/core/environment/envScan';

const urls = (_: string, v: string) => v.includes('://');

test('a frozen environment is scanned once per question, in its own order', () => {
  const env = Object.freeze({ B: 'postgres://db/app', PATH: '/usr/bin', A: 'https://api.example.com' });
  const first = namesWhere(env, 'urls', undefined, urls);
  assert.deepEqual(first, ['B', 'A']);
  let asked = 0;
  const again = namesWhere(env, 'urls', undefined, (n, v) => (asked++, urls(n, v)));
  assert.equal(again, first, 'the answer kept for this environment');
  assert.equal(asked, 0, 'not scanned again');
  // Another key is another question: asked afresh.
  assert.deepEqual(
    namesWhere(env, 'urls', 'with PATH', (n, v) => urls(n, v) || n === 'PATH'),
    ['B', 'PATH', 'A'],
  );
  assert.deepEqual(
    namesWhere(env, 'paths', undefined, (_, v) => v.startsWith('/')),
    ['PATH'],
  );
});

test('an environment that may change is never answered from what was kept', () => {
  const env: Record<string, string> = { DATABASE_URL: 'postgres://db/app' };
  assert.equal(namesWhere(env, 'urls', undefined, urls), undefined, 'scanned by the caller every time');
  // Closed to new variables, or sealed, its values can still be rewritten.
  const closed = Object.preventExtensions({ DATABASE_URL: 'postgres://db/app' });
  assert.equal(namesWhere(closed, 'urls', undefined, urls), undefined);
  assert.equal(namesWhere(Object.seal({ ...closed }), 'urls', undefined, urls), undefined);
  // A changed environment (a request's own, a line's assignments) is another object: its own answer.
  const before = Object.freeze({ DATABASE_URL: 'postgres://db/app' });
  const after = Object.freeze({ DATABASE_URL: 'postgres://db/app', CACHE_URL: 'redis://cache' });
  assert.deepEqual(namesWhere(before, 'urls', undefined, urls), ['DATABASE_URL']);
  assert.deepEqual(namesWhere(after, 'urls', undefined, urls), ['DATABASE_URL', 'CACHE_URL']);
});

test('an environment too big to keep an answer for is scanned every time', () => {
  const big: Record<string, string> = {};
  for (let i = 0; i <= MAX_SCANNED_VARS; i++) big[`V${i}`] = 'x://y';
  const frozen = Object.freeze(big);
  assert.equal(namesWhere(frozen, 'urls', undefined, urls), undefined);
  assert.equal(namesWhere(frozen, 'paths', undefined, urls), undefined, 'nor for another question');
});
