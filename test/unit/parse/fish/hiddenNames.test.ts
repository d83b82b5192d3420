// fish names whose code the line gives where it does not spell out the name (`function (cmd)`, `alias $n …`,
// `abbr -a (cmd) …`, `functions -c F $n`), and folders put on fish's function and completion paths: a later
// command name may run that code, so a lasting one asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asksShellMachinery, judgeFish } from '../../support/fishJudge';

const judge = judgeFish;

const asks = asksShellMachinery;

test('a name known only at run time, or printed as a known command, given code for later lines: asks', () => {
  for (const command of [
    "abbr -a (echo ls) 'ls -la'",
    "abbr -a $NAME 'echo hi'",
    "alias (echo ls) 'ls -la'",
    "alias $NAME 'echo hi'",
    'alias $NAME=true',
    'function (echo ls); echo hi; end',
    'function $NAME; echo hi; end',
    "function 'ls'; echo hi; end",
    'functions -c gco $NAME',
    'functions -c gco (date)',
  ])
    asks(command);
  // The words of the name are judged too.
  assert.equal(judge('function (rm -rf ~); end').decision, 'deny');
});

test('a name spelled out as a command of its own, or one in a child fish, stays quiet', () => {
  for (const command of [
    "abbr -a gco 'git checkout'",
    "abbr -a -- gs 'git status'",
    "abbr -a (echo gs) 'git status'",
    "alias ll 'ls -l'",
    "alias (echo gs) 'git status'",
    'function fish_greeting; end',
    "fish -c 'function $NAME; echo hi; end'",
    'fish -c "abbr -a (echo ls) \'ls -la\'"',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});

test("a folder added to fish's function or completion path for later lines: asks", () => {
  for (const command of [
    'set -g fish_function_path /tmp/x $fish_function_path',
    'set -p fish_function_path /tmp/x',
    'set -gp fish_function_path ./funcs',
    'set -a fish_function_path /tmp/x',
    'set -U fish_complete_path /tmp/x $fish_complete_path',
  ])
    asks(command);
  for (const command of [
    'set -p fish_function_path $fish_function_path',
    'set -e fish_function_path',
    'set -q fish_function_path',
    "fish -c 'set -p fish_function_path /tmp/x'",
    'set -gx PATH $HOME/.local/bin $PATH',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});
