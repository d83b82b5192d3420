// A file outside the workspace emptied or replaced is lost as surely as one deleted, and deleting it asks
// (`fs.rm-outside-workspace`): `> ~/notes/todo.txt`, `shred`, `truncate -s0`, `cp /dev/null`, `dd of=` were allowed.
// A name no file has yet, an append, an in-place edit, a backup copy and a remote host's file stay as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace, judgedOnDisk } from '../../support/engineHarness';

const files = {
  '../../notes/todo.txt': 'buy milk\n',
  '../../.config/tool/settings.yml': 'theme: dark\n',
  'src/index.ts': 'export {};\n',
};

test('emptying or replacing an existing file outside the workspace asks', () => {
  const { judge, done } = diskWorkspace('ag-overwrite-', files, { git: true });
  try {
    for (const command of [
      'echo x > ~/notes/todo.txt',
      ': > ~/notes/todo.txt',
      'truncate -s0 ~/notes/todo.txt',
      'shred ~/notes/todo.txt',
      'cp /dev/null ~/notes/todo.txt',
      'printf "theme: light\\n" | tee ~/.config/tool/settings.yml',
      'cat > ~/.config/tool/settings.yml <<EOF\ntheme: light\nEOF',
    ]) {
      const r = judge(command);
      assert.ok(
        r.findings.some((f) => f.id === 'fs.overwrite-outside-workspace'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
      assert.notEqual(r.decision, 'allow', command);
    }
  } finally {
    done();
  }
});

test('a new file, an append, an edit in place, a backup copy, a remote file or the workspace stays quiet', () => {
  judgedOnDisk(
    'ag-overwrite-',
    files,
    [
      'echo x > ~/notes/new.txt',
      'echo x >> ~/notes/todo.txt',
      "sed -i 's/milk/bread/' ~/notes/todo.txt",
      'cp ~/notes/todo.txt ~/notes/todo.txt.bak',
      'ssh host "echo x > ~/notes/todo.txt"',
      'echo x > src/index.ts',
    ],
    'allow',
    { git: true },
  );
});
