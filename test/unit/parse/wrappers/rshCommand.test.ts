// tar's and cpio's `--rsh-command=PROGRAM` runs `PROGRAM HOST RMT` to reach a
// `host:file` archive (RMT is `--rmt-command`, /etc/rmt by default): it is read
// with those arguments, so `--rsh-command=/bin/rm` is the deletion it is and
// a remote shell stays quiet. The engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('a remote-shell program is judged with the arguments tar hands it', () => {
  const { judge, done } = diskWorkspace('ag-rsh-', {});
  try {
    for (const [command, id] of [
      ['tar --rsh-command=/bin/rm -cf host:/x .', 'fs.rm-system'],
      ['tar --rsh-command=rm -cf backup:/x .', 'fs.rm-system'],
      ['cpio --rsh-command=/usr/bin/shred -o -F host:/x', 'fs.write-system'],
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === id),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    const rmt = judge('tar --rsh-command=/bin/rm --rmt-command=/home/u/.bashrc -cf backup:/x .');
    assert.ok(
      rmt.findings.some((f) => f.target === '/home/u/.bashrc'),
      rmt.findings.map((f) => f.target).join(),
    );
    for (const command of ['tar --rsh-command=/usr/bin/ssh -cf backup:/x .', 'tar czf out.tgz src']) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
