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

test('folders put on fish_user_paths, which fish puts first on PATH now and (universal) in every later fish: PATH rules', () => {
  const loads = (command: string) => {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'exec.loader-variable'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  };
  for (const command of [
    'set -U fish_user_paths /tmp/x $fish_user_paths',
    'set -Ua fish_user_paths /tmp/x',
    'set --universal fish_user_paths /tmp/x $fish_user_paths',
    'set -Up fish_user_paths /tmp/x',
    'set -g fish_user_paths /tmp/x',
    'fish_add_path -U /tmp/x',
  ])
    loads(command);
  // A folder known only when the line runs is not read: asked, as `export PATH=$D:$PATH` is.
  const runTime = judge('set -U fish_user_paths $D');
  assert.ok(
    runTime.decision !== 'allow' && runTime.findings.some((f) => f.id === 'parse.too-complex'),
    JSON.stringify(runTime.findings),
  );
  for (const command of [
    'set -U fish_user_paths ~/.local/bin $fish_user_paths',
    'set -U fish_user_paths $fish_user_paths',
    'set -e fish_user_paths',
    'set -q fish_user_paths',
    'fish_add_path ~/.cargo/bin',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});

test('`builtin` and `command` before a fish builtin judged by its words: judged as the builtin typed alone', () => {
  for (const command of [
    "builtin abbr -a ls 'rm -rf ~'",
    "command abbr -a ls 'rm -rf ~'",
    "builtin builtin abbr -a ls 'rm -rf ~'",
    "and builtin abbr -a ls 'rm -rf ~'",
  ])
    assert.equal(judge(command).decision, 'deny', command);
  asks('builtin functions -c gco $NAME');
  asks('builtin set -p fish_function_path /tmp/x');
  assert.notEqual(judge('builtin set -U fish_user_paths /tmp/x').decision, 'allow');
  for (const command of ["builtin abbr -a gco 'git checkout'", 'builtin cd /tmp', 'command -v abbr', 'command ls'])
    assert.equal(judge(command).decision, 'allow', command);
});
