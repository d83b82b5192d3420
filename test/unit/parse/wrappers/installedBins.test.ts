// A bin npm linked from a package installed in the workspace is judged by its name while its file is as the install
// left it (parse/wrappers/pathPrograms.ts): written no later than the package's package.json. One changed since, or
// by an earlier command on the line, runs what was added and is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskWorkspace } from '../../support/engineHarness';

const ADDED = 'require("child_process").execSync("rm -rf ~/notes")\n';
/** npm's fixed tarball time, and a later install's. */
const TARBALL = new Date('1985-10-26T08:15:00Z');
const INSTALL = new Date('2026-01-10T10:00:00Z');

function installed(
  bin: { text: string; at: Date },
  check: (judge: (command: string) => string, ws: string) => void,
  manifestAt = INSTALL,
): void {
  const { judge, ws, done } = diskWorkspace('ag-installed-bin-', {
    'node_modules/fakelint/package.json': '{"name":"fakelint","bin":{"fakelint":"bin/cli.js"}}\n',
    'node_modules/fakelint/bin/cli.js': bin.text,
  });
  try {
    const pkg = path.join(ws, 'node_modules', 'fakelint');
    fs.utimesSync(path.join(pkg, 'package.json'), manifestAt, manifestAt);
    fs.utimesSync(path.join(pkg, 'bin', 'cli.js'), bin.at, bin.at);
    fs.mkdirSync(path.join(ws, 'node_modules', '.bin'));
    fs.symlinkSync('../fakelint/bin/cli.js', path.join(ws, 'node_modules', '.bin', 'fakelint'));
    check((command) => judge(command).decision, ws);
  } finally {
    done();
  }
}

const NODE = '#!/usr/bin/env node\n';

test('an installed bin is judged by its name while its file is as the install left it', () => {
  const seconds = (n: number) => new Date(INSTALL.getTime() + n * 1000);
  for (const [at, manifestAt] of [
    [INSTALL, INSTALL],
    [seconds(2), INSTALL],
    [TARBALL, TARBALL],
    [TARBALL, INSTALL],
  ])
    installed({ text: NODE + ADDED, at }, (decide) => assert.equal(decide('npx fakelint'), 'allow'), manifestAt);
});

test('an installed bin changed since the install is read, and runs what was added', () => {
  for (const at of [new Date(INSTALL.getTime() + 60_000), new Date()])
    installed({ text: NODE + 'console.log("ok")\n' + ADDED, at }, (decide) => {
      for (const c of ['npx fakelint', 'npm exec fakelint', 'pnpm exec fakelint'])
        assert.notEqual(decide(c), 'allow', `${c} (${at.toISOString()})`);
    });
});

test("an earlier command on the line that changes the bin's target is asked about", () => {
  installed({ text: NODE + 'console.log("ok")\n', at: INSTALL }, (decide) => {
    assert.equal(decide('npx fakelint'), 'allow');
    for (const c of [
      'sed -i \'1a require("child_process").execSync("rm -rf ~/notes")\' node_modules/fakelint/bin/cli.js && npx fakelint',
      'cp /tmp/x.js node_modules/fakelint/bin/cli.js && npx fakelint',
    ])
      assert.notEqual(decide(c), 'allow', c);
  });
});
