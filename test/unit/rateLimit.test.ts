import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { rateLimitFile, recordGatedDecision } from '../../src/core/rateLimit';
import { readKillSwitch, writeKillSwitch } from '../../src/core/state';

const tempState = () => fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-rate-'));
const T0 = Date.parse('2026-04-25T10:00:00Z');

test('more than maxGated gated decisions within the window engage the kill switch', () => {
  const dir = tempState();
  const config = { rateLimit: { maxGated: 3, windowSeconds: 10 } };
  for (let i = 0; i < 3; i++) {
    const r = recordGatedDecision(dir, config, T0 + i * 1000);
    assert.deepEqual(r, { tripped: false, count: i + 1 });
    assert.equal(readKillSwitch(dir).engaged, false);
  }
  const r = recordGatedDecision(dir, config, T0 + 3000);
  assert.deepEqual(r, { tripped: true, count: 4 });
  const ks = readKillSwitch(dir);
  assert.equal(ks.engaged, true);
  assert.equal(ks.by, 'rate-limit');
  assert.equal(ks.since, new Date(T0 + 3000).toISOString());
  assert.match(ks.reason ?? '', /4 gated agent commands within 10 s \(limit 3\)/);
});

test('decisions spread wider than the window never trip', () => {
  const dir = tempState();
  const config = { rateLimit: { maxGated: 2, windowSeconds: 5 } };
  for (let i = 0; i < 10; i++) assert.equal(recordGatedDecision(dir, config, T0 + i * 3000).tripped, false);
  assert.equal(readKillSwitch(dir).engaged, false);
});

test('defaults: more than 5 within 10 seconds (PocketOS made 47 calls in 9 s)', () => {
  const dir = tempState();
  const results = Array.from({ length: 6 }, (_, i) => recordGatedDecision(dir, undefined, T0 + i * 1500));
  assert.deepEqual(results.map((r) => r.tripped), [false, false, false, false, false, true]);
  const late = tempState();
  for (let i = 0; i < 6; i++) recordGatedDecision(late, undefined, T0 + i * 2100);
  assert.equal(readKillSwitch(late).engaged, false, '6 decisions over 10.5 s stay under the limit');
});

test('the window file stays small and is written atomically', () => {
  const dir = tempState();
  const config = { rateLimit: { maxGated: 1000, windowSeconds: 3600 } };
  for (let i = 0; i < 50; i++) recordGatedDecision(dir, { rateLimit: { maxGated: 3, windowSeconds: 3600 } }, T0 + i);
  const saved = JSON.parse(fs.readFileSync(rateLimitFile(dir), 'utf8')) as { times: number[] };
  assert.ok(saved.times.length <= 4, `kept ${saved.times.length} entries`);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  recordGatedDecision(dir, config, T0 + 100);
  assert.ok(fs.statSync(rateLimitFile(dir)).size < 200);
});

test('a damaged window file starts a fresh window instead of tripping', () => {
  const dir = tempState();
  fs.writeFileSync(rateLimitFile(dir), '{ not json');
  assert.deepEqual(recordGatedDecision(dir, { rateLimit: { maxGated: 1, windowSeconds: 10 } }, T0), { tripped: false, count: 1 });
  assert.equal(recordGatedDecision(dir, { rateLimit: { maxGated: 1, windowSeconds: 10 } }, T0 + 1).tripped, true);
});

test('an engaged kill switch keeps who engaged it; after tripping the window starts over', () => {
  const dir = tempState();
  writeKillSwitch(dir, { engaged: true, by: 'user', since: 'earlier' });
  const config = { rateLimit: { maxGated: 1, windowSeconds: 10 } };
  recordGatedDecision(dir, config, T0);
  assert.equal(recordGatedDecision(dir, config, T0 + 1).tripped, true);
  assert.deepEqual(readKillSwitch(dir), { engaged: true, by: 'user', since: 'earlier' });
  // released by a human: the next gated decision starts a new window
  writeKillSwitch(dir, { engaged: false, by: 'user' });
  assert.equal(recordGatedDecision(dir, config, T0 + 2).tripped, false);
});

test('a state dir that cannot be written is reported, not thrown', () => {
  const parent = tempState();
  const blocker = path.join(parent, 'file');
  fs.writeFileSync(blocker, '');
  const r = recordGatedDecision(path.join(blocker, 'state'), undefined, T0);
  assert.equal(r.tripped, false);
  assert.match(r.error ?? '', /cannot record gated decision/);
});
