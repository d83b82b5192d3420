// just's `{{ … }}` in a recipe line: an expression with spaces or a call (`{{ env_var("HOME") }}`) split into words the
// shell cannot read, and the recipe ran unread. A call that reads the environment is now the shell's variable, any
// other expression a value known only at run time; a plain `{{name}}` is read as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, diskWorkspace } from '../support/engineHarness';

const JUSTFILE = [
  'wipe:',
  '    rm -rf {{ env_var("HOME") }}/notes',
  'wipe2:',
  "    rm -rf {{ env('HOME', '/tmp') }}/notes",
  'computed:',
  '    rm -rf {{ justfile_directory() }}/../../notes',
  'ok:',
  '    echo {{ uuid() }} {{{{literal}}',
  '',
].join('\n');

test("just's interpolations are read as what they hold: the environment, or a value known only at run time", () => {
  const { judge, done } = diskWorkspace(
    'ag-just-',
    { '../../notes/todo.txt': 'x\n', justfile: JUSTFILE },
    { git: true },
  );
  try {
    for (const [command, id] of [
      ['just wipe', 'fs.rm-outside-workspace'],
      ['just wipe2', 'fs.rm-outside-workspace'],
      ['just computed', 'fs.rm-unknown-target'],
      ['__runtime_value=/tmp just computed', 'fs.rm-unknown-target'],
    ])
      assertGated(judge, command, id);
    const ok = judge('just ok');
    assert.equal(ok.decision, 'allow', ok.findings.map((f) => f.summary).join('; '));
  } finally {
    done();
  }
});
