// `git format-patch -o DIR` writes a file per commit below DIR, named after
// the commit's subject: into an autostart or hooks folder it lands as any
// unread file does there and asks; a patches folder in the workspace or a
// temporary one stays quiet. The engine as the hook runs it, real folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';

test('format-patch output into a folder that runs what lands there asks', () => {
  const { judge, done } = diskWorkspace('ag-fmtpatch-', {}, { git: true });
  try {
    for (const [command, id] of [
      ['git format-patch -o ~/.config/autostart HEAD~1', 'autorun.autostart'],
      ['git format-patch --output-directory=.git/hooks -1', 'autorun.git-hook'],
      ['git -C . format-patch -o.git/hooks -1', 'autorun.git-hook'],
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.ok(
        r.findings.some((f) => f.id === id),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      'git format-patch -o patches HEAD~3',
      'git format-patch -o /tmp/patches main',
      'git format-patch -1 HEAD --stdout > fix.patch',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
