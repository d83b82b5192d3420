// Array assignments: the commands an element substitutes (`arr=($(rm -rf ~/notes))`) were never walked, so the
// line passed as a bare assignment; and the declaration builtins' array arguments (`local a=(x y)`,
// `declare -A m=()`, in most bash scripts) did not parse, so a script holding one ran unread. An array's `(…)` is
// now read word by word, as bash reads it, and its substitutions are judged as any substitution is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

const NOTES = { '../../notes/todo.txt': 'buy milk\n' };

test('commands substituted in an array assignment are judged', () => {
  const { judge, done } = diskWorkspace('ag-arrays-', NOTES, { git: true });
  try {
    for (const command of [
      'arr=($(rm -rf ~/notes))',
      'arr=("$(rm -rf ~/notes)")',
      'arr=(`rm -rf ~/notes`)',
      'arr=(a\n  $(rm -rf ~/notes)  # a comment\n)',
      'f() { local a=($(rm -rf ~/notes)); }; f',
      'declare -a x=(one "$(rm -rf ~/notes)")',
      'readonly r+=(<(rm -rf ~/notes))',
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
  } finally {
    done();
  }
});

test("a declaration builtin's array is read, and so is a script holding one", () => {
  const scripts = {
    ...NOTES,
    'clean.sh': '#!/bin/bash\nf() { local a=(1 2); echo "${a[@]}"; }\ndeclare -A seen=()\nrm -rf ~/notes\n',
    'ok.sh': '#!/bin/bash\nf() { local a=(1 2); echo "${a[@]}"; }\ndeclare -A seen=([k]=v)\necho done\n',
  };
  const { judge, done } = diskWorkspace('ag-arrays-', scripts, { git: true });
  try {
    for (const command of ['bash clean.sh', 'sh ./clean.sh', 'local d=(~/notes); rm -rf "${d[@]}"']) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      'bash ok.sh',
      'f() { local a=(x y); echo "${a[@]}"; }; f',
      'declare -A m=([k]=v); echo ok',
      'typeset -a t=(); export e=(1)',
      `arr=("a)b" 'c)' $(echo ")")); echo "\${arr[@]}"`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});

test('an array that does not close, or holds an operator, is not read as one', () => {
  const { judge, done } = diskWorkspace('ag-arrays-', {}, { git: true });
  try {
    for (const command of ['arr=(a b', 'local a=(x; y)', 'declare -a a=(x | y)']) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.ok(
        r.findings.some((f) => f.id === 'parse.unparseable'),
        command,
      );
    }
  } finally {
    done();
  }
});
