// A function or alias defined in the shell the line runs in, and not called on
// it, runs on any later line that names it when the shell outlives the line (a
// terminal, an agent's persistent shell): `alias ls='rm -rf ~'` alone was
// allowed. What it runs is now judged where it is defined, once, unless it is
// defined in a shell of its own (`bash -c`, a script run by path), which ends
// with it. `hash -p` remapping a name for later lines asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../../src/core/engine';
import { HOME, WORKSPACE } from '../../support/helpers';

const opts: EngineOptions = { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined };
const judge = (command: string) => evaluate({ command, cwd: WORKSPACE, env: { HOME } }, opts);
const ids = (command: string) => judge(command).findings.map((f) => f.id);

test('a function or alias defined for later lines is judged by what it runs', () => {
  for (const command of [
    "alias ls='rm -rf ~'",
    'function ls { rm -rf ~; }',
    'ls() { rm -rf ~; }',
    'wipe() { rm -rf ~; }',
    'outer() { inner() { rm -rf ~; }; }',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'deny', `${command}: ${JSON.stringify(r.findings)}`);
    assert.ok(ids(command).includes('fs.rm-home'), command);
  }
  // A value ending in `;` is still shell text.
  assert.ok(ids("alias git='git push --force origin main;'").includes('git.force-push'));
  // A value known only at run time, or one that cannot be read, asks.
  assert.equal(judge('alias x="$CMD"').decision, 'ask');
  assert.equal(judge("alias e='echo ('").decision, 'ask');
});

test('a body called on the line is judged once; a child shell ends with its definitions', () => {
  const called = judge('wipe() { rm -rf ~; }; wipe');
  assert.equal(called.decision, 'deny');
  assert.equal(called.findings.filter((f) => f.id === 'fs.rm-home').length, 1, JSON.stringify(called.findings));
  for (const command of ["bash -c 'f() { rm -rf ~; }'", `bash -c "alias ls='rm -rf ~'"`])
    assert.equal(judge(command).decision, 'allow', command);
});

test('quiet definitions stay quiet', () => {
  for (const command of [
    "alias ll='ls -alF'",
    'alias python=python3',
    'alias k=kubectl',
    "alias sudo='sudo '",
    'gs() { git status; }',
    'f() { echo hi; }',
    'mk() { mkdir -p "$1" && cd "$1"; }',
    `bash -c 'tmp=$(mktemp); trap "rm -f \\"$tmp\\"" EXIT; echo hi'`,
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});

test('hash -p remapping a name for later lines asks; pinning a program under its own name does not', () => {
  for (const command of ['hash -p /bin/rm ls', 'hash -p/usr/bin/rm ls', 'hash -t -p /bin/rm ls']) {
    assert.equal(judge(command).decision, 'ask', command);
    assert.ok(ids(command).includes('terminal.shell-machinery'), command);
  }
  for (const command of [
    'hash -p /usr/bin/git git',
    'hash -p /usr/bin/python3 python',
    'hash',
    'hash -r',
    'hash git',
    "bash -c 'hash -p /bin/rm ls'",
  ])
    assert.equal(judge(command).decision, 'allow', command);
});
