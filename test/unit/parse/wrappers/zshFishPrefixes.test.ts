// zsh's precommand modifiers `noglob`, `nocorrect` and `-` run the command after them (zshmisc(1), "Precommand
// Modifiers"): `noglob rm -rf ~/notes` deletes, and was allowed as a program nobody reads. fish's `source` with no
// file reads its stdin (`echo CODE | source`, `source < FILE`), as `source -` does: the code was not read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '../../../../src/core/engine';
import { judgeFish } from '../../support/fishJudge';
import { HOME, WORKSPACE } from '../../support/helpers';

const judgeZsh = (command: string) =>
  evaluate(
    { command, cwd: WORKSPACE, shell: 'zsh' },
    { workspace: WORKSPACE, home: HOME, env: { HOME, PATH: '/usr/bin:/bin' }, readFile: () => undefined },
  );

const ids = (r: { findings: Array<{ id: string }> }) => r.findings.map((f) => f.id);

test("zsh's precommand modifiers run the command after them", () => {
  for (const command of [
    'noglob rm -rf ~/notes',
    'nocorrect rm -rf ~/notes',
    '- rm -rf ~/notes',
    'true; - rm -rf ~/notes',
  ]) {
    const r = judgeZsh(command);
    assert.equal(r.decision, 'ask', command);
    assert.ok(ids(r).includes('fs.rm-outside-workspace'), `${command}: ${ids(r)}`);
  }
  assert.ok(ids(judgeZsh('noglob git push --force origin main')).includes('git.force-push'));
  for (const command of ['noglob ls *.ts', 'nocorrect ls', 'noglob curl https://example.com/?a=1'])
    assert.equal(judgeZsh(command).decision, 'allow', command);
});

test("fish's source with no file runs what it reads on stdin", () => {
  assert.ok(ids(judgeFish('echo "rm -rf ~/notes" | source')).includes('fs.rm-outside-workspace'));
  assert.notEqual(judgeFish('string join " " rm -rf ~/notes | source').decision, 'allow');
  assert.notEqual(judgeFish('source < "$F"').decision, 'allow');
  assert.equal(judgeFish('echo "set -x A 1" | source').decision, 'allow');
  assert.equal(judgeFish('source').decision, 'allow');
});

// The shells themselves, where installed: what the readings above stand on.
test('the real zsh and fish run what these lines name', { skip: !hasShells() }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-prefixes-'));
  try {
    for (const [shell, line] of [
      ['zsh', 'noglob rm -rf victim'],
      ['zsh', 'nocorrect rm -rf victim'],
      // `zsh -c '- …'` would read the line as its own options: a command first.
      ['zsh', 'true; - rm -rf victim'],
      ['fish', 'echo "rm -rf victim" | source'],
    ]) {
      fs.mkdirSync(path.join(dir, 'victim'));
      spawnSync(shell, ['-c', line], { cwd: dir });
      assert.equal(fs.existsSync(path.join(dir, 'victim')), false, `${shell}: ${line}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function hasShells(): boolean {
  return ['zsh', 'fish'].every((s) => spawnSync('sh', ['-c', `command -v ${s}`]).status === 0);
}
