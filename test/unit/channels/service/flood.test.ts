// The service's flood bound on its own: per developer and per process, by
// count and by bytes, one flood entry per developer per window, admitted
// again once the window is over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FloodGate } from '../../../../src/channels/service/flood';

test('a process gets half of its user, the user the whole; the first refusal of a window is the one logged', () => {
  const gate = new FloodGate({ writes: 10, bytes: 1_000_000, windowMs: 1000 });
  const t = 5_000;
  const a = Array.from({ length: 8 }, () => gate.admit(1000, 11, 100, t));
  assert.deepEqual(
    a.map((r) => r.admit),
    [true, true, true, true, true, false, false, false],
  );
  assert.deepEqual(
    a.filter((r) => !r.admit).map((r) => (r.admit ? undefined : r.first)),
    [true, false, false],
    'one flood entry, not one per refused request',
  );
  // Another process of the same user: the user's other half.
  const b = Array.from({ length: 6 }, () => gate.admit(1000, 12, 100, t + 10));
  assert.deepEqual(
    b.map((r) => r.admit),
    [true, true, true, true, true, false],
  );
  const c = gate.admit(1000, 13, 100, t + 20);
  assert.equal(c.admit, false, 'the user is out of its share, whatever pid it names');
  assert.match(c.admit ? '' : c.reason, /from uid 1000/);
  // Another user is untouched; the next window admits again, and a new flood there is logged once more.
  assert.equal(gate.admit(1001, 20, 100, t + 30).admit, true);
  assert.equal(gate.admit(1000, 11, 100, t + 1000).admit, true);
  for (let i = 0; i < 4; i++) gate.admit(1000, 11, 100, t + 1001);
  const again = gate.admit(1000, 11, 100, t + 1002);
  assert.deepEqual([again.admit, again.admit ? undefined : again.first], [false, true]);
});

test('bytes count too: a few huge lines trip it as surely as many small ones', () => {
  const gate = new FloodGate({ writes: 1000, bytes: 200_000, windowMs: 1000 });
  assert.equal(gate.admit(1000, undefined, 60_000, 0).admit, true);
  assert.equal(gate.admit(1000, undefined, 60_000, 0).admit, true);
  assert.equal(gate.admit(1000, undefined, 60_000, 0).admit, true);
  const r = gate.admit(1000, undefined, 60_000, 0);
  assert.equal(r.admit, false);
  assert.match(r.admit ? '' : r.reason, /more than 200000 bytes within 1 s/);
});
