// Commits brought in earlier on the line, then a runner (gitMerges.ts): a merge, rebase or pull from `.` that
// fast-forwards, a commit picked onto the text its parent holds, a stash made on the text on disk land one side's
// file whole, judged as the runner will read it; two texts mixed ask; a file both sides hold alike stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertGated, diskWorkspace } from '../../support/engineHarness';

const SAFE = JSON.stringify({ scripts: { build: 'tsc', test: 'tsc --noEmit' } });
const EVIL = JSON.stringify({ scripts: { build: 'rm -rf ~/notes', test: 'rm -rf ~/notes' } });

function workspace() {
  const d = diskWorkspace('git-merges-', { 'package.json': SAFE, Makefile: 'build:\n\ttsc\n' });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
      cwd: d.ws,
      encoding: 'utf8',
    });
  const write = (name: string, text: string) => fs.writeFileSync(path.join(d.ws, name), text);
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'one');
  // feat: another file changed, the runner's files as main has them.
  git('checkout', '-qb', 'feat');
  write('README', 'hi\n');
  git('add', 'README');
  git('commit', '-qm', 'readme');
  // evil: the runner's files made harmful, one commit past main.
  git('checkout', '-q', 'main');
  git('checkout', '-qb', 'evil');
  write('package.json', EVIL);
  write('Makefile', 'build:\n\trm -rf ~/notes\n');
  git('commit', '-qam', 'evil');
  // side: package.json changed where main changed it too, so a merge mixes the two texts.
  git('checkout', '-q', 'main');
  git('checkout', '-qb', 'side');
  write('package.json', JSON.stringify({ scripts: { build: 'tsc -b', test: 'tsc --noEmit' } }));
  git('commit', '-qam', 'side');
  git('checkout', '-q', 'main');
  write('package.json', JSON.stringify({ scripts: { build: 'tsc -p .', test: 'tsc --noEmit' } }));
  git('commit', '-qam', 'main');
  return { ...d, git, write };
}

test('a runner after a merge, rebase, pick or pull of another branch is judged by the file it lands', () => {
  const d = workspace();
  try {
    // main moved on: evil is no longer a fast-forward, and its package.json differs from main's on both sides.
    d.git('checkout', '-q', 'main~1');
    for (const c of [
      'git merge evil && npm run build',
      'git merge --no-edit -q evil && npm run build',
      'git rebase evil && make',
      'git pull . evil && npm run build',
      'git pull --rebase . evil && make',
      'git cherry-pick evil && npm run build',
    ])
      assertGated(d.judge, c, 'fs.rm-outside-workspace');
    d.git('checkout', '-q', 'main');
    // A pick onto a file its parent does not hold, a real three-way merge, options and names not read: asked.
    for (const c of [
      'git cherry-pick evil && npm run build',
      'git merge side && npm run build',
      'git merge -X theirs feat && npm test',
      'git merge nosuch && npm test',
      'git rebase --onto evil main && make',
    ])
      assertGated(d.judge, c, 'parse.too-complex');
  } finally {
    d.done();
  }
});

test('a stash applied on the text it was made from is judged by its file', () => {
  const d = workspace();
  try {
    d.write('package.json', EVIL);
    d.git('stash', '-q');
    assertGated(d.judge, 'git stash pop && npm run build', 'fs.rm-outside-workspace');
    assertGated(d.judge, 'git stash apply stash@{0} && npm run build', 'fs.rm-outside-workspace');
    assertGated(d.judge, 'git stash apply stash@{4} && npm run build', 'parse.too-complex');
    // The disk no longer holds the stash's base: the two texts would mix.
    d.write('package.json', JSON.stringify({ scripts: { build: 'tsc -w' } }));
    assertGated(d.judge, 'git stash pop && npm run build', 'parse.too-complex');
  } finally {
    d.done();
  }
});

test('commits that leave the runner its file stay quiet', () => {
  const d = workspace();
  try {
    d.git('checkout', '-qb', 'topic');
    d.write('NOTES', 'x\n');
    d.git('add', 'NOTES');
    d.git('commit', '-qm', 'notes');
    for (const c of [
      'git merge main && npm test',
      'git rebase main && npm test',
      'git stash pop && npm test',
      'git stash && git stash pop && npm test',
      'git pull --rebase && npm test',
      'git merge --continue && npm test',
      'git merge --abort && npm test',
      'git rebase --abort && npm test',
    ]) {
      const r = d.judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${r.findings.map((f) => f.id).join(', ')}`);
    }
    d.git('checkout', '-q', 'main');
    for (const c of ['git merge topic && npm test', 'git cherry-pick topic && make', 'git merge feat && make']) {
      const r = d.judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${r.findings.map((f) => f.id).join(', ')}`);
    }
  } finally {
    d.done();
  }
});

test("a stash put away before the runner leaves HEAD's file: that text is judged", () => {
  const d = workspace();
  try {
    d.git('checkout', '-q', 'evil');
    d.write('package.json', SAFE);
    assertGated(d.judge, 'git stash && npm run build', 'fs.rm-outside-workspace');
    assertGated(d.judge, 'git stash -u -m wip && npm run build', 'fs.rm-outside-workspace');
    // Changes kept (`-k`, paths named) leave text not read here.
    assertGated(d.judge, 'git stash -k && npm run build', 'parse.too-complex');
    assertGated(d.judge, 'git stash push package.json && npm run build', 'parse.too-complex');
  } finally {
    d.done();
  }
});

test('a merge that need not succeed before the runner has the disk’s file judged too', () => {
  const d = workspace();
  try {
    d.git('checkout', '-qb', 'ahead');
    d.write('package.json', JSON.stringify({ scripts: { build: 'tsc -b' } }));
    d.git('commit', '-qam', 'ahead');
    d.git('checkout', '-q', 'main');
    // Uncommitted: the merge refuses to overwrite it, and a runner run regardless reads it.
    d.write('package.json', EVIL);
    for (const c of ['git merge ahead; npm run build', 'git pull . ahead || npm run build'])
      assertGated(d.judge, c, 'fs.rm-outside-workspace');
    const r = d.judge('git merge ahead && npm run build');
    assert.equal(r.decision, 'allow', r.findings.map((f) => f.id).join(', '));
  } finally {
    d.done();
  }
});
