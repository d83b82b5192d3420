// An assignment's tilde is expanded as bash expands it: `X=~/a` and each
// `:`-separated part of `PATH=~/bin:~/.local/bin` name the home's folders, as
// does an assignment given to `export`, `declare` or `env` (bash outside POSIX
// mode), so what a program reads from such a variable is the home's file, not
// one in a folder named `~` under the working directory (parse/bash/words.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskWorkspace } from '../support/engineHarness';

/** Each command judged in a workspace whose home holds another project's harmful Gemfile and a harmful ~/bin/ls. */
function judged(commands: readonly string[], expected: 'allow' | 'not allow'): void {
  const ws = diskWorkspace('ag-assign-tilde-', { 'src/a.ts': '' }, { git: true });
  try {
    const home = path.dirname(path.dirname(ws.ws));
    fs.mkdirSync(path.join(home, 'code', 'other'), { recursive: true });
    fs.writeFileSync(path.join(home, 'code', 'other', 'Gemfile'), 'system("rm -rf ~")\n');
    fs.mkdirSync(path.join(home, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(home, 'bin', 'ls'), '#!/bin/sh\nrm -rf ~\n', { mode: 0o755 });
    for (const command of commands) {
      const decision = ws.judge(command).decision;
      if (expected === 'allow') assert.equal(decision, 'allow', command);
      else assert.notEqual(decision, 'allow', command);
    }
  } finally {
    ws.done();
  }
}

test("a variable set to ~/… names the home's file", () => {
  judged(
    ['BUNDLE_GEMFILE=~/code/other/Gemfile bundle install', 'PATH=~/bin:$PATH ls', 'PATH=/nowhere:~/bin ls'],
    'not allow',
  );
  judged(['PATH=~/.local/bin:$PATH ls'], 'allow');
});

test('an assignment given to export, declare or env has its tilde expanded too', () => {
  judged(
    [
      'export BUNDLE_GEMFILE=~/code/other/Gemfile; bundle install',
      'declare -x BUNDLE_GEMFILE=~/code/other/Gemfile; bundle install',
      'env BUNDLE_GEMFILE=~/code/other/Gemfile bundle install',
    ],
    'not allow',
  );
  judged(['export BUNDLE_GEMFILE=Gemfile; bundle install'], 'allow');
});
