// Deleting the machine's own records asks: a `journalctl --vacuum-*` that
// keeps next to nothing removes the archived journal and `dmesg --clear` / `-c` empties the kernel ring
// buffer. Reading the journal and the kernel log stays quiet. The engine as
// the hook runs it, in a real temporary workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('wiping the system journal or the kernel log asks', () => {
  const { judge, done } = diskWorkspace('ag-logs-', {});
  try {
    for (const command of [
      'journalctl --vacuum-time=1s',
      'journalctl --vacuum-time "1h 30min"',
      'journalctl --vacuum-time=$KEEP',
      'journalctl --vacuum-size 1K',
      'sudo journalctl --vacuum-files=1',
      'dmesg --clear',
      'sudo dmesg -c',
      'dmesg -cT',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.deepEqual(
        r.findings.map((f) => f.id),
        ['system.log-delete'],
        command,
      );
    }
  } finally {
    done();
  }
});

test('reading the journal and the kernel log stays quiet', () => {
  const { judge, done } = diskWorkspace('ag-logs-', {});
  try {
    for (const command of [
      'journalctl -u nginx --since today',
      'journalctl -xe',
      'journalctl --disk-usage',
      'journalctl --rotate',
      // Routine trimming keeps a day or more.
      'sudo journalctl --vacuum-time=1d',
      'journalctl --vacuum-time=2weeks',
      'journalctl --vacuum-size=500M',
      'journalctl --vacuum-files=5',
      'journalctl --vacuum-time=2d --help',
      'dmesg -T | grep -i error',
      'dmesg --level=err,warn',
      'sudo dmesg -wH',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
