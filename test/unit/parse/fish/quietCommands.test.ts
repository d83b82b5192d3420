// fish commands that only look or mark a block (`switch`, `case`, `set -q`, a function's header, `fish_add_path`
// without a folder) still expand their words: a command substitution among them runs, and is judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeFish } from '../../support/fishJudge';

const judge = judgeFish;

test('a command substitution in the words of a command that only looks is judged', () => {
  for (const command of [
    'switch (rm -rf ~); case a; echo a; end',
    'switch x; case (rm -rf ~); echo a; end',
    'set -q (rm -rf ~)',
    'set -q x (rm -rf ~)',
    'function f --description (rm -rf ~); echo; end',
    'fish_add_path --(rm -rf ~)',
  ])
    assert.equal(judge(command).decision, 'deny', `${command}: ${judge(command).findings.map((f) => f.id)}`);
  // What `set -S` prints still lands in the file it is sent to.
  assert.notEqual(judge('set -S > ~/.bashrc').decision, 'allow');
});

test('everyday switch, set -q and function headers stay allowed', () => {
  for (const command of [
    "switch (uname); case Linux; echo linux; case '*'; echo other; end",
    "function fish_greeting --description 'hello'; echo hi; end",
    "function ll --wraps ls -d 'list'; ls -l $argv; end",
    'set -q FOO; or set -gx FOO bar',
    'fish_add_path -g',
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${judge(command).findings.map((f) => f.id)}`);
});
