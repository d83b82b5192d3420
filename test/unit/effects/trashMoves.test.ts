// Putting the guard's state or a host's hook settings in the trash takes them
// out of the place they are read from, as `mv` does: `trash-put
// ~/.agentguard`, `gio trash .claude/settings.json` and `gio move` passed
// unjudged. They ask; trashing an ordinary file, in the workspace or the home,
// stays quiet (the trash gives it back). The engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';
import { trashEffects } from '../../../src/core/effects/moreTools';

test('each trashed file is moved out of its place', () => {
  const out: string[] = [];
  trashEffects(['trash-put', '-v', 'a', 'b'], { add: (kind, word) => out.push(`${kind} ${word}`) });
  assert.deepEqual(out, ['move a', 'move b']);
});

test('trashing or moving the guard or a hook file asks, an ordinary file stays quiet', () => {
  const { judge, done } = diskWorkspace('ag-trash-', {}, { git: true });
  try {
    for (const command of [
      'trash-put ~/.agentguard',
      'gio trash ~/.agentguard',
      'trash ~/.local/state/agentguard',
      'gio trash .claude/settings.json',
      'gio move ~/.agentguard /tmp/x',
      'kioclient move ~/.agentguard /tmp/x',
      'gio copy /tmp/x.json .claude/settings.json',
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
    for (const command of [
      'trash-put build.log',
      'gio trash build.log',
      'gio trash ~/projects/notes.txt',
      'trash-put ~/Downloads/old.zip',
      'gio move build/a.txt build/b.txt',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
