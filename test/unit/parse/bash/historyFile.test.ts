// HISTFILE names where an interactive shell writes its history: set on the
// line to a start-up file (`HISTFILE=~/.bashrc bash -ic 'history -w'`) the
// typed commands land in a file every later shell runs, so it is judged as
// the append it makes. /dev/null, a history file of one's own and a temporary
// file stay quiet. The engine as the hook runs it, in a real home.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('a history file set to a start-up file asks', () => {
  const { judge, done } = diskWorkspace('ag-histfile-', {});
  try {
    for (const command of [
      "HISTFILE=~/.bashrc bash -ic 'history -w'",
      'export HISTFILE=~/.zshrc; zsh -i',
      "env HISTFILE=~/.profile bash -ic 'history -a'",
      'HISTFILE=~/.agentguard/policy.yaml bash -i',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', `${command}: ${r.findings.map((f) => f.id)}`);
    }
    for (const command of [
      'HISTFILE=/dev/null bash -i',
      'HISTFILE=~/.bash_history_work bash -i',
      'export HISTFILE=/tmp/h',
      'HISTSIZE=10000 bash -i',
      'unset HISTFILE',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
