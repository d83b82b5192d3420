// A program whose work is destroying its target, pointed at one known only at run time: `dd if=/dev/zero
// of="$DEV"` may wipe a disk, `shred "$F"` and `truncate -s 0 "$F"` any file. Each was allowed while `rm -f "$F"`
// asked. A target below a known folder (build output) is judged by that folder, as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('dd, shred, wipe, srm and truncate pointed at a target known only at run time ask', () => {
  const { judge } = engine();
  for (const [command, severity] of [
    ['dd if=/dev/zero of="$DEV" bs=1M', 60],
    ['dd if=/dev/zero of="$F" conv=notrunc', 60],
    ['shred "$F"', 50],
    ['shred -u "$F"', 50],
    ['wipe -f "$F"', 50],
    ['srm "$F"', 50],
    ['truncate -s 0 "$LOG"', 45],
  ] as const) {
    const found = judge(command).findings.find((f) => f.id === 'fs.overwrite-unknown-target');
    assert.equal(found?.severity, severity, command);
  }
});

test('a known target, or one below a known folder, is judged by where it is', () => {
  const { decide, ids } = engine();
  for (const command of [
    'dd if="$IN" of=out.img',
    'truncate -s 0 dist/"$F"',
    'dd if=/dev/zero of=build/"$F"',
    'shred src.txt',
  ])
    assert.equal(decide(command), 'allow', command);
  assert.deepEqual(ids('cat "$F"'), []);
});
