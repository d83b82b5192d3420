// The hook's times are written by hand (isoTime, without asking the time zone) exactly as toISOString writes
// them: every audit record and lock keeps its format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoTime } from '../../../src/core/text/isoTime';

const same = (d: Date) => assert.equal(isoTime(d), d.toISOString(), `at ${d.getTime()}`);

test('the edges of each field, and times before 1970', () => {
  for (const s of [
    '1970-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '2000-02-29T12:34:56.007Z',
    '2026-11-27T09:05:03.050Z',
    '1999-12-31T23:59:59.900Z',
    '0000-01-01T00:00:00.000Z',
    '0009-03-04T05:06:07.008Z',
    '0099-10-11T12:13:14.015Z',
    '0999-12-31T23:59:59.999Z',
    '9999-12-31T23:59:59.999Z',
  ])
    assert.equal(isoTime(new Date(s)), s);
  same(new Date(0));
  same(new Date(-1));
  same(new Date(Date.now()));
});

test('a spread of times over ten thousand years', () => {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const first = new Date(0);
  first.setUTCFullYear(0, 0, 1);
  const last = new Date(0);
  last.setUTCFullYear(9999, 11, 31);
  last.setUTCHours(23, 59, 59, 999);
  const span = last.getTime() - first.getTime();
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < 20000; i++) same(new Date(first.getTime() + Math.floor(next() * span)));
  same(first);
  same(last);
});

test('years past 9999 or before 0, and an invalid date, are toISOString own', () => {
  const far = new Date(0);
  far.setUTCFullYear(10000, 0, 1);
  assert.equal(isoTime(far), '+010000-01-01T00:00:00.000Z');
  const before = new Date(0);
  before.setUTCFullYear(-1, 11, 31);
  assert.equal(isoTime(before), before.toISOString());
  assert.match(isoTime(before), /^-000001-/);
  assert.throws(() => isoTime(new Date(NaN)), RangeError);
});
