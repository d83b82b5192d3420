// An assignment's tilde is expanded as bash expands it: `X=~/a` and each
// `:`-separated part of `PATH=~/bin:~/.local/bin` name the home's folders, so
// what a program reads from such a variable is the home's file, not one in a
// folder named `~` under the working directory (parse/bash/walk.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskWorkspace } from '../support/engineHarness';

test("a variable set to ~/… names the home's file", () => {
  const ws = diskWorkspace('ag-assign-tilde-', { 'src/a.ts': '' }, { git: true });
  try {
    const home = path.dirname(path.dirname(ws.ws));
    fs.mkdirSync(path.join(home, 'code', 'other'), { recursive: true });
    fs.writeFileSync(path.join(home, 'code', 'other', 'Gemfile'), 'system("rm -rf ~")\n');
    fs.mkdirSync(path.join(home, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(home, 'bin', 'ls'), '#!/bin/sh\nrm -rf ~\n', { mode: 0o755 });
    for (const command of [
      'BUNDLE_GEMFILE=~/code/other/Gemfile bundle install',
      'PATH=~/bin:$PATH ls',
      'PATH=/nowhere:~/bin ls',
    ])
      assert.notEqual(ws.judge(command).decision, 'allow', command);
    assert.equal(ws.judge('PATH=~/.local/bin:$PATH ls').decision, 'allow');
  } finally {
    ws.done();
  }
});

test('an assignment given to export, declare or env has its tilde expanded too (bash outside POSIX mode)', () => {
  const ws = diskWorkspace('ag-assign-tilde-args-', { 'src/a.ts': '' }, { git: true });
  try {
    const home = path.dirname(path.dirname(ws.ws));
    fs.mkdirSync(path.join(home, 'code', 'other'), { recursive: true });
    fs.writeFileSync(path.join(home, 'code', 'other', 'Gemfile'), 'system("rm -rf ~")\n');
    for (const command of [
      'export BUNDLE_GEMFILE=~/code/other/Gemfile; bundle install',
      'declare -x BUNDLE_GEMFILE=~/code/other/Gemfile; bundle install',
      'env BUNDLE_GEMFILE=~/code/other/Gemfile bundle install',
    ])
      assert.notEqual(ws.judge(command).decision, 'allow', command);
    assert.equal(ws.judge('export BUNDLE_GEMFILE=Gemfile; bundle install').decision, 'allow');
  } finally {
    ws.done();
  }
});
