// fish's own ways to name code for later lines (`function`, fish's `alias NAME DEF`, `abbr`, `functions -c`) are
// judged as bash's are: the code as if it ran now, and a known command's name given to another program asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../../../src/core/engine';
import { HOME, WORKSPACE } from '../../support/helpers';

const judge = (command: string) =>
  evaluate(
    { command, cwd: WORKSPACE, shell: 'fish' },
    {
      workspace: WORKSPACE,
      home: HOME,
      env: { HOME, PATH: '/usr/bin:/bin' },
      readFile: () => undefined,
      platform: 'linux',
    },
  );

test('a fish definition that renames a known command, or runs harm later, is judged where it is defined', () => {
  for (const command of [
    'function ls; rm -rf ~; end',
    'function ls; rm; end',
    'function ls --wraps rm; rm $argv; end',
    "alias ls 'rm -rf ~'",
    'alias ls rm',
    'functions -c rm ls',
    'functions --copy rm ls',
    "abbr -a ls 'rm -rf ~'",
    'abbr --add ls --position command rm',
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'terminal.shell-machinery'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
  assert.equal(judge("abbr -a gone 'rm -rf ~'").decision, 'deny');
});

test('everyday fish definitions stay allowed', () => {
  for (const command of [
    'function ll; ls -la $argv; end',
    'function ls --description x; command ls -F $argv; end',
    'alias g=git',
    "alias ll 'ls -lah'",
    "abbr -a gco 'git checkout'",
    'abbr -a L --position anywhere "| less"',
    'abbr --erase gco',
    'functions -q foo',
    'functions -c fish_prompt old_prompt',
    'set -gx EDITOR vim',
    'fish_add_path ~/.cargo/bin',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
  }
});
