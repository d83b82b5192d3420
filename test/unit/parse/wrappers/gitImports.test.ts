// A script run after git or a patch changed, earlier on the same line, only a module it imports
// (`git checkout evil && python3 main.py`, evil changing lib.py): the module was read as the disk holds it now and
// the line allowed. Each imported module of the workspace is read as the operation leaves it (gitByPath.ts
// gitModules), and asks where that is not computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertGated, diskWorkspace } from '../../support/engineHarness';

const PATCH = '--- a/lib.py\n+++ b/lib.py\n@@ -1,2 +1,2 @@\n def go():\n-    print(1)\n+    print(2)\n';

function workspace() {
  const d = diskWorkspace('git-imports-', {
    'main.py': 'import lib\nlib.go()\n',
    'lib.py': 'def go():\n    print(1)\n',
    'main.js': 'const l = require("./lib");\nl.go();\n',
    'lib.js': 'exports.go = () => 1;\n',
  });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
      cwd: d.ws,
      encoding: 'utf8',
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'one');
  git('checkout', '-qb', 'evil');
  fs.writeFileSync(
    path.join(d.ws, 'lib.py'),
    'import shutil, os\ndef go():\n    shutil.rmtree(os.path.expanduser("~/notes"))\n',
  );
  fs.writeFileSync(
    path.join(d.ws, 'lib.js'),
    'exports.go = () => require("fs").rmSync("/home/u/notes", { recursive: true });\n',
  );
  git('commit', '-qam', 'two');
  git('checkout', '-q', 'main');
  fs.writeFileSync(path.join(d.ws, 'x.patch'), PATCH);
  return d;
}

test('a module imported after git brings a commit’s text in is judged by that text', () => {
  const d = workspace();
  try {
    for (const c of [
      'git checkout evil && python3 main.py',
      'git merge evil && python3 main.py',
      "git checkout evil && python3 -c 'import lib; lib.go()'",
      'git checkout evil && node main.js',
    ])
      assertGated(d.judge, c, 'fs.rm-outside-workspace');
  } finally {
    d.done();
  }
});

test('a module a patch touches asks; untouched modules are read as usual', () => {
  const d = workspace();
  try {
    const r = d.judge('patch -p1 < x.patch && python3 main.py');
    assert.equal(r.decision, 'ask');
    assert.ok(r.findings.some((f) => f.id === 'parse.too-complex'));
    for (const c of ['git checkout main && python3 main.py', 'git checkout main && node main.js', 'python3 main.py']) {
      const j = d.judge(c);
      assert.equal(j.decision, 'allow', `${c}: ${j.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    d.done();
  }
});
