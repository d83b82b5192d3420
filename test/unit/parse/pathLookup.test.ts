// `$(which NAME)` and `$(command -v NAME)` print where NAME is found on the
// PATH (parse/normalize/output.ts): a write to that output writes over the
// installed program, and was read as a file named NAME in the working folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { diskWorkspace } from '../support/engineHarness';

test('a write over the program which or command -v finds asks; reading or running it stays quiet', (t) => {
  if (!fs.existsSync('/usr/bin/sh') && !fs.existsSync('/bin/sh')) return t.skip('no sh on the PATH');
  const { judge, done } = diskWorkspace('ag-which-', { 'evil.sh': 'echo x\n' });
  try {
    for (const c of ['cp evil.sh "$(command -v sh)"', 'cp evil.sh $(which sh)', 'echo \'x\' > "$(which sh)"'])
      assert.equal(judge(c).decision, 'ask', `${c}: ${judge(c).findings.map((f) => f.id)}`);
    for (const c of ['ls -l "$(which sh)"', 'file "$(command -v sh)"', '$(which sh) -c true'])
      assert.equal(judge(c).decision, 'allow', `${c}: ${judge(c).findings.map((f) => f.id)}`);
  } finally {
    done();
  }
});
