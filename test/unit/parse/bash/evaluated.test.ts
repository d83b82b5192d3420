// Text bash evaluates as code though it was quoted where it was written: a
// prompt string (`PS4`, `${x@P}`), an array subscript in a name or number bash
// evaluates (`$((x))`, `printf -v 'a[$(…)]'`, `test -v`), `mapfile -C`, and a
// name `hash -p` binds to another program. Each was let through unread; the
// substitutions inside are now walked as the commands they run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';
import { evaluate, type EngineOptions } from '../../../../src/core/engine';
import { HOME, WORKSPACE } from '../../support/helpers';
import { diskWorkspace } from '../../support/engineHarness';

const opts: EngineOptions = { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined };
const judge = (command: string) => evaluate({ command, cwd: WORKSPACE, env: { HOME } }, opts);

test('substitutions in prompt strings and evaluated subscripts are judged as commands', () => {
  for (const command of [
    `x='$(rm -rf ~)'; echo "\${x@P}"`,
    `PS4='$(rm -rf ~)' bash -xc true`,
    `x='a[$(rm -rf ~)]'; echo $((x))`,
    `x='a[$(rm -rf ~)]'; [[ $x -eq 1 ]]`,
    `declare -i n; n='a[$(rm -rf ~)]'`,
    `printf -v 'a[$(rm -rf ~)]' x`,
    `test -v 'a[$(rm -rf ~)]'`,
    `let 'x=a[$(rm -rf ~)]'`,
    `mapfile -C 'rm -rf ~ #' -c 1 arr <<< x`,
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'deny', `${command}: ${JSON.stringify(r.findings)}`);
  }
  // A prompt expansion of a value the line cannot know asks.
  assert.equal(judge('echo "${PS1@P}"').decision, 'ask');
});

test('prompts, subscripts and callbacks that run nothing harmful stay quiet', () => {
  for (const command of [
    `x='$(date)'; echo "\${x@P}"`,
    `PS4='+ \${BASH_SOURCE}:\${LINENO}: ' bash -xc true`,
    `x=5; echo $((x + 1))`,
    `printf -v out '%s-%s' a b`,
    `[[ -v arr[1] ]]`,
    `awk '{c[$(NF)]++} END {for (k in c) print k}' README.md`,
    `mapfile -C 'echo loaded' -c 100 lines < README.md`,
    'hash -r',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
  }
});

test('hash -p binds a name to another program, and ~- and popd go back where cd and pushd left', async () => {
  assert.equal(judge('hash -p /usr/bin/rm ls; ls -rf ~').decision, 'deny');
  assert.equal(judge('hash -p /usr/bin/python3 python; python --version').decision, 'allow');
  // A folder every machine has: `cd ~` into this test's home, which is not on disk, fails and stays (failedCd.test.ts).
  assert.equal(judge('cd /usr; cd /tmp; rm -rf ~-').decision, 'deny');
  assert.equal(judge('cd /tmp; rm -rf ~-/build').decision, 'allow');
  assert.equal(judge('cd src && cd - && rm -rf ./dist').decision, 'allow');
  await withSandbox(async (sb) => {
    // The built CLI, on the state folder: `cd -` and `popd` return to it.
    for (const command of [
      'cd ~/.agentguard; cd /tmp; cd - && rm -rf ./*',
      'pushd ~/.agentguard; pushd /tmp; popd; rm -rf ./*',
    ]) {
      const r = runCli(sb, ['check', '--json', '--', command]);
      const out = JSON.parse(r.stdout) as { decision: string; findings: { id: string }[] };
      assert.notEqual(out.decision, 'allow', `${command}: ${r.stdout}`);
    }
  });
});

test("a C-style for loop's header runs its substitutions, as (( … )) does", () => {
  assert.equal(judge('for ((i=0; i<$(rm -rf ~); i++)); do :; done').decision, 'deny');
  assert.equal(judge('for ((i=$(rm -rf ~); i<1; i++)); do :; done').decision, 'deny');
  assert.equal(judge('for ((;;)); do rm -rf ~; break; done').decision, 'deny');
  for (const command of [
    'for ((i=0;i<3;i++)); do echo $i; done',
    'for ((i=0; i<$(wc -l < README.md); i++)); do echo $i; done',
    'for ((i = 0 ; i < 3 ; i++)) ; do echo x; done | sort',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});

test('a subscript with a substitution in what read takes in runs when the value is used as a number', () => {
  assert.equal(judge(`read -r x <<< 'a[$(rm -rf ~)]'; echo $((x))`).decision, 'deny');
  assert.equal(judge(`read -r x <<< '5'; echo $((x + 1))`).decision, 'allow');
  assert.equal(judge(`while read -r line; do echo "$line"; done <<< 'a b'`).decision, 'allow');
});

test('$(< FILE) is what FILE holds, as $(cat FILE) is', () => {
  const { judge: onDisk, done } = diskWorkspace('ag-evaluated-', {
    'docs/n.txt': 'a[$(rm -rf ~)]\n',
    'docs/cmd.txt': 'rm -rf ~\n',
    'docs/ok.txt': '5\n',
  });
  try {
    assert.equal(onDisk('x=$(< docs/n.txt); [[ $x -gt 0 ]]').decision, 'deny');
    assert.equal(onDisk('c=$(< docs/cmd.txt); $c').decision, 'deny');
    assert.equal(onDisk('v=$(< docs/ok.txt); echo $((v + 1))').decision, 'allow');
  } finally {
    done();
  }
});
