// A program outside the workspace changed in place asks: an append or an in-place edit keeps the file and adds what
// runs the next time anyone calls it. Where it lies (a folder of PATH, a home program folder, an installed package)
// or what it is (an execute bit, a `#!` script) says it is a program; notes and logs appended to stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertGated, diskWorkspace, judgedOnDisk } from '../../support/engineHarness';

const files = {
  '../../.local/bin/wipe': 'echo wipe\n',
  '../../.nvm/versions/node/v20.0.0/bin/npm': 'require("npm")\n',
  '../../.npm-global/lib/node_modules/typescript/lib/tsc.js': 'run();\n',
  '../../tools/deploy': '#!/bin/sh\necho deploy\n',
  '../../tools/run': 'echo run\n',
  '../../apps/cmds/tool': 'echo tool\n',
  '../../notes/todo.txt': 'buy milk\n',
  '../../build.log': 'ok\n',
};

test('appending to or editing a program outside the workspace asks', () => {
  const { judge, ws, done } = diskWorkspace('ag-program-edit-', files, { git: true });
  try {
    fs.chmodSync(path.join(ws, '../../tools/run'), 0o755);
    for (const command of [
      "echo 'rm -rf ~' >> ~/.local/bin/wipe",
      "printf 'rm -rf ~\\n' | tee -a ~/.local/bin/wipe",
      "sed -i 's/^/rm -rf ~;/' ~/.local/bin/wipe",
      "perl -pi -e 's/^/rm -rf ~;/' ~/.local/bin/wipe",
      'ruby -pi -e \'sub(/^/, "rm -rf ~;")\' ~/.local/bin/wipe',
      'dd if=payload of=$HOME/.local/bin/wipe conv=notrunc',
      "echo 'rm -rf ~' >> ~/.nvm/versions/node/v20.0.0/bin/npm",
      "echo 'rm -rf ~' >> ~/.npm-global/lib/node_modules/typescript/lib/tsc.js",
      "echo 'rm -rf ~' >> ~/tools/deploy",
      "echo 'rm -rf ~' >> ~/tools/run",
      "PATH=$HOME/apps/cmds:/usr/bin echo 'rm -rf ~' >> ~/apps/cmds/tool",
    ])
      assertGated(judge, command, 'fs.edit-program-outside-workspace');
  } finally {
    done();
  }
});

test('appending to notes and logs outside the workspace, or to programs inside it, stays quiet', () => {
  judgedOnDisk(
    'ag-program-edit-',
    { ...files, 'bin/run': '#!/bin/sh\n' },
    [
      'echo done >> ~/notes/todo.txt',
      'echo x >> ~/build.log',
      "sed -i 's/milk/bread/' ~/notes/todo.txt",
      'echo x >> ~/apps/cmds/tool.log',
      'echo x >> bin/run',
      'touch ~/.local/bin/wipe',
    ],
    'allow',
    { git: true },
  );
});

test("appending to or editing a package installed in the workspace asks, a tool's cache there stays quiet", () => {
  const { judge, done } = diskWorkspace(
    'ag-program-edit-',
    { 'node_modules/fakelint/bin/cli.js': '#!/usr/bin/env node\n', 'node_modules/fakelint/lib/run.js': 'run();\n' },
    { git: true },
  );
  try {
    for (const command of [
      "echo 'rm -rf ~' >> node_modules/.bin/fakelint",
      "echo 'rm -rf ~' >> node_modules/fakelint/bin/cli.js",
      "sed -i 's/^/rm -rf ~;/' node_modules/fakelint/lib/run.js",
      "printf 'rm -rf ~\\n' | tee -a node_modules/fakelint/lib/run.js",
      // Replaced, or given a new date: a bin is judged by its name only while it looks as installed.
      "echo '{}' > node_modules/fakelint/package.json",
      'cp evil.js node_modules/fakelint/bin/cli.js',
      'mv evil.js node_modules/fakelint/lib/run.js',
      'touch node_modules/fakelint/package.json',
      // A package unpacked into the folder whole keeps the archive's dates, and would pass as installed.
      'tar -xzf /tmp/planted.tgz -C node_modules',
      'unzip -o planted.zip -d node_modules',
    ])
      assertGated(judge, command, 'fs.edit-installed-package');
    for (const command of [
      'echo x >> node_modules/.cache/run.log',
      'echo x >> notes.txt',
      'mkdir -p node_modules/.cache/x',
      'rm -rf node_modules/fakelint',
      'tar -xzf deps.tgz -C vendor',
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});
