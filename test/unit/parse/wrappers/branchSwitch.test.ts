// A branch switch earlier on the line, then a runner (branchSwitch.ts): the runner reads its file as the branch
// holds it, read from the repository's objects. A branch that cannot be read asks; a switch to a branch whose
// file is harmless, and a new branch made at HEAD, stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertGated, diskWorkspace } from '../../support/engineHarness';

function workspace() {
  const d = diskWorkspace('branch-switch-', {
    'package.json': JSON.stringify({ scripts: { build: 'tsc', test: 'tsc --noEmit' } }),
    Makefile: 'build:\n\ttsc\n',
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
  fs.writeFileSync(path.join(d.ws, 'package.json'), JSON.stringify({ scripts: { build: 'rm -rf ~/notes' } }));
  fs.writeFileSync(path.join(d.ws, 'Makefile'), 'build:\n\trm -rf ~/notes\n');
  git('commit', '-qam', 'two');
  git('checkout', '-q', 'main');
  return { ...d, git };
}

test("a runner after a branch switch is judged by the branch's file", () => {
  const d = workspace();
  try {
    for (const c of [
      'git checkout evil && npm run build',
      'git switch evil && make',
      'git checkout -b feat evil && npm run build',
      'git switch -c feat evil && make build',
    ])
      assertGated(d.judge, c, 'fs.rm-outside-workspace');
    d.git('gc', '-q');
    assertGated(d.judge, 'git checkout evil && npm run build', 'fs.rm-outside-workspace');
    for (const c of ['git checkout nosuch && npm run build', 'git checkout -m evil && make'])
      assertGated(d.judge, c, 'parse.too-complex');
  } finally {
    d.done();
  }
});

test('a switch to a harmless branch, or a new branch at HEAD, stays quiet', () => {
  const d = workspace();
  try {
    for (const c of [
      'git checkout main && npm test',
      'git checkout -b feat && npm test',
      'git switch -c feat && make',
      'git checkout -q main && npm run build',
    ]) {
      const r = d.judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${r.findings.map((f) => f.id).join(', ')}`);
    }
  } finally {
    d.done();
  }
});

test('a switch keeps the disk’s changes to a file the branch holds as HEAD does: the disk’s text is judged', () => {
  const d = workspace();
  try {
    d.git('branch', 'feat');
    fs.writeFileSync(path.join(d.ws, 'package.json'), JSON.stringify({ scripts: { build: 'rm -rf ~/notes' } }));
    assertGated(d.judge, 'git checkout feat && npm run build', 'fs.rm-outside-workspace');
    assertGated(d.judge, 'git switch feat && npm run build', 'fs.rm-outside-workspace');
  } finally {
    d.done();
  }
});

test('a switch that need not succeed before the runner (`;`, `||`, a pipe) has the disk’s file judged too', () => {
  const d = workspace();
  try {
    d.git('checkout', '-qb', 'safe');
    fs.writeFileSync(path.join(d.ws, 'package.json'), JSON.stringify({ scripts: { build: 'tsc -b' } }));
    d.git('commit', '-qam', 'safe');
    d.git('checkout', '-q', 'main');
    // Left uncommitted: `git checkout safe` refuses to overwrite it, and the runner after `;` reads it.
    fs.writeFileSync(path.join(d.ws, 'package.json'), JSON.stringify({ scripts: { build: 'rm -rf ~/notes' } }));
    for (const c of [
      'git checkout safe; npm run build',
      'git switch safe || npm run build',
      'git checkout safe\nnpm run build',
      'git checkout safe | cat && npm run build',
      '! git checkout safe && npm run build',
      'true || git checkout safe && npm run build',
    ])
      assertGated(d.judge, c, 'fs.rm-outside-workspace');
    for (const c of ['git checkout safe && npm run build', 'true && git switch safe && npm run build']) {
      const r = d.judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${r.findings.map((f) => f.id).join(', ')}`);
    }
  } finally {
    d.done();
  }
});
