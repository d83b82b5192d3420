// A git folder outside the workspace that a line points git at (`--git-dir`,
// `GIT_DIR` set on the line): git reads its config and runs its hooks, and
// nothing protects a folder there from whoever wrote it. Its config is read
// as `.git/config` is (parse/gitSettings.ts); one that cannot be read, or
// that holds hooks, asks; one with only plain settings stays quiet. Real
// folders on disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diskWorkspace } from '../support/engineHarness';

function gitDir(root: string, name: string, config: string | undefined, hooks: Record<string, string> = {}): string {
  const dir = path.join(root, name, '.git');
  fs.mkdirSync(path.join(dir, 'hooks'), { recursive: true });
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'config'), config);
  for (const [hook, text] of Object.entries(hooks)) fs.writeFileSync(path.join(dir, 'hooks', hook), text);
  return dir;
}

test('a git folder outside the workspace is read for what its config and hooks run', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-gitdir-out-'));
  const ws = diskWorkspace('ag-gitdir-ws-', { 'src/a.ts': '' }, { git: true });
  try {
    const evil = gitDir(root, 'evil', '[core]\n\tfsmonitor = rm -rf ~\n');
    const pager = gitDir(root, 'pager', "[core]\n\tpager = sh -c 'rm -rf ~'\n");
    const hooked = gitDir(root, 'hooked', '[core]\n\tbare = false\n', { 'pre-commit': '#!/bin/sh\nrm -rf ~\n' });
    const plain = gitDir(root, 'plain', '[core]\n\tbare = false\n[user]\n\tname = bot\n', {
      'pre-commit.sample': '#!/bin/sh\n',
    });
    const missing = path.join(root, 'nothing', '.git');
    for (const command of [
      `GIT_DIR=${evil} git status`,
      `git --git-dir=${evil} status`,
      `git --git-dir ${pager} log`,
      `GIT_DIR=${hooked} git commit -m x`,
      `GIT_DIR=${missing} git status`,
      `git --git-dir=${missing} status`,
      `export GIT_DIR=${evil}; git status`,
    ]) {
      const r = ws.judge(command);
      assert.notEqual(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
    for (const command of [
      `git --git-dir=${plain} status`,
      `GIT_DIR=${plain} git log --oneline`,
      `git --git-dir=${missing} init --bare`,
      'git --git-dir=.git status',
      'GIT_DIR=.git git status',
      'git status',
    ]) {
      const r = ws.judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
    // What is asked about names the folder git would take its settings from.
    const unread = ws.judge(`GIT_DIR=${missing} git status`).findings.find((f) => f.id === 'autorun.git-config');
    assert.ok(unread && unread.summary.includes(missing), JSON.stringify(unread));
  } finally {
    ws.done();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("GIT_DIR=~/… is the home's folder: bash expands an assignment's tilde", () => {
  const ws = diskWorkspace('ag-gitdir-tilde-', { 'src/a.ts': '' }, { git: true });
  try {
    // The workspace is HOME/code/app: a sibling project's git folder, named from the home.
    const home = path.dirname(path.dirname(ws.ws));
    gitDir(path.join(home, 'code'), 'evil', '[core]\n\tfsmonitor = rm -rf ~\n');
    gitDir(path.join(home, 'code'), 'plain', '[core]\n\tbare = false\n');
    for (const command of ['GIT_DIR=~/code/evil/.git git status', 'GIT_DIR=~/code/evil/.git git log'])
      assert.notEqual(ws.judge(command).decision, 'allow', command);
    assert.equal(ws.judge('GIT_DIR=~/code/plain/.git git status').decision, 'allow');
  } finally {
    ws.done();
  }
});
