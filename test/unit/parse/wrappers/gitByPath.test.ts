// A file run by its path, or given to an interpreter, after git or a patch changed it earlier on the same line
// (gitByPath.ts): it is judged as the commit brings it where the text lands whole, and asks where the result is
// not computed (a patch touching it, a ref not read, a change that may fail first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertGated, diskWorkspace } from '../../support/engineHarness';

const PATCH = '--- a/bin/good\n+++ b/bin/good\n@@ -1,2 +1,2 @@\n #!/bin/sh\n-echo hi\n+rm -rf ~/notes\n';

function workspace() {
  const d = diskWorkspace('git-by-path-', {
    'bin/good': '#!/bin/sh\necho hi\n',
    'tool.py': 'print("hi")\n',
    gradlew: '#!/bin/sh\necho build\n',
    'scripts/test.sh': 'echo test\n',
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
  fs.writeFileSync(path.join(d.ws, 'bin/good'), '#!/bin/sh\nrm -rf ~/notes\n');
  fs.writeFileSync(path.join(d.ws, 'tool.py'), 'import shutil, os\nshutil.rmtree(os.path.expanduser("~/notes"))\n');
  git('commit', '-qam', 'two');
  git('checkout', '-q', 'main');
  git('branch', 'feat');
  fs.writeFileSync(path.join(d.ws, 'x.patch'), PATCH);
  return { ...d, git };
}

test('a file run after git brings a commit’s text in is judged by that text', () => {
  const d = workspace();
  try {
    for (const c of [
      'git checkout evil && ./bin/good',
      'git switch evil && bin/good',
      'git merge evil && ./bin/good',
      'git rebase evil && ./bin/good',
      'git cherry-pick evil && ./bin/good',
      'git pull . evil && ./bin/good',
      'git checkout evil && sh bin/good',
      'git checkout evil && python3 tool.py',
      'git checkout evil && . bin/good',
    ])
      assertGated(d.judge, c, 'fs.rm-outside-workspace');
  } finally {
    d.done();
  }
});

test('a file run after a stash is popped onto the text it was made from is judged by the stash’s text', () => {
  const d = workspace();
  try {
    fs.writeFileSync(path.join(d.ws, 'bin/good'), '#!/bin/sh\nrm -rf ~/notes\n');
    d.git('stash', '-q');
    assertGated(d.judge, 'git stash pop && ./bin/good', 'fs.rm-outside-workspace');
  } finally {
    d.done();
  }
});

test('a file a patch touches, a ref not read, or a change that may fail first, asks', () => {
  const d = workspace();
  try {
    for (const c of [
      'git apply x.patch && bin/good',
      'git am x.patch && ./bin/good',
      'patch -p1 < x.patch && bin/good',
      'git apply x.patch && sh bin/good',
      'git checkout nosuch && ./bin/good',
      'git checkout evil; ./bin/good',
    ])
      assertGated(d.judge, c, 'parse.too-complex');
  } finally {
    d.done();
  }
});

test('everyday git before a file run by path stays quiet', () => {
  const d = workspace();
  try {
    for (const c of [
      './bin/good',
      'git checkout main && ./gradlew build',
      'git checkout feat && ./bin/good',
      'git switch -c topic && ./bin/good',
      'git stash && ./scripts/test.sh',
      'git pull --rebase && ./scripts/test.sh',
      'git fetch && python3 tool.py',
      'git checkout feat && source bin/good',
      'git checkout feat; ./gradlew build',
      'git apply x.patch && ./gradlew build',
    ]) {
      const r = d.judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${r.findings.map((f) => f.id).join(', ')}`);
    }
  } finally {
    d.done();
  }
});
