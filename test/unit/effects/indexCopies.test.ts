// `git checkout-index --prefix=DIR/` writes the index's files below DIR and
// `cpio -p DIR` copies the files named on stdin into DIR: both passed when DIR
// was `.git/hooks`, `.claude` or the guard's own folder. They land there as any
// unread file does and ask; an export folder or a temporary one stays quiet.
// The engine as the hook runs it, real folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';

test('checkout-index and cpio pass-through into a protected folder ask', () => {
  const { judge, done } = diskWorkspace('ag-indexcopy-', {}, { git: true });
  try {
    for (const [command, id] of [
      ['git checkout-index --prefix=.git/hooks/ -f -- pre-commit', 'autorun.git-hook'],
      ['git checkout-index -a --prefix=$HOME/.agentguard/', 'path.agentguard'],
      ['find . -name pre-commit | cpio -pdm .git/hooks', 'autorun.git-hook'],
      ['ls | cpio --pass-through --make-directories ~/.agentguard', 'path.agentguard'],
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === id),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      'git checkout-index -a --prefix=export/',
      'git checkout-index -a --prefix=/tmp/snapshot/',
      "find src -name '*.ts' | cpio -pdm /tmp/copy",
      'find src -depth | cpio -pdm build/mirror',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
