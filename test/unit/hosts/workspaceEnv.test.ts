// Which variables of a settings file's `env` change what later commands run
// (Claude Code's `env` setting: https://code.claude.com/docs/en/settings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesWhatRuns, envShadow, runChangingNames, setsHome } from '../../../src/core/hosts/workspaceEnv';

test('the named variables and families change what runs; others do not', () => {
  for (const name of ['PATH', 'BASH_ENV', 'ENV', 'ZDOTDIR', 'HOME', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'NODE_OPTIONS']) {
    assert.equal(changesWhatRuns(name), true, name);
  }
  for (const name of [
    'PYTHONPATH',
    'GIT_CONFIG_GLOBAL',
    'GIT_CONFIG_KEY_0',
    'GIT_SSH_COMMAND',
    'npm_config_script_shell',
  ]) {
    assert.equal(changesWhatRuns(name), true, name);
  }
  assert.equal(changesWhatRuns('AGENTGUARD_STATE_DIR'), true, "where AgentGuard's hook reads what it trusts");
  assert.equal(changesWhatRuns('Path'), true, "Windows' names are not case-sensitive");
  for (const name of ['DEBUG', 'MAX_THINKING_TOKENS', 'GIT_AUTHOR_NAME', 'PATHS', 'LANG']) {
    assert.equal(changesWhatRuns(name), false, name);
  }
});

test('an env object is read in its order, bounded; a value that is not one is nothing', () => {
  assert.deepEqual(runChangingNames({ DEBUG: '1', PATH: '/x', NODE_OPTIONS: '--require y' }), ['PATH', 'NODE_OPTIONS']);
  assert.deepEqual(runChangingNames(['PATH']), []);
  assert.deepEqual(runChangingNames('PATH=/x'), []);
  assert.equal(setsHome({ home: '/x' }), true);
  assert.equal(setsHome({ HOMEBREW_PREFIX: '/x' }), false);
  const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`GIT_CONFIG_KEY_${i}`, 'core.hooksPath']));
  assert.match(
    envShadow(many, 'Claude Code') ?? '',
    /^sets env\.GIT_CONFIG_KEY_0 \(and GIT_CONFIG_KEY_1, .*, …\) for Claude Code's hooks and commands/,
  );
  assert.equal(envShadow({ DEBUG: '1' }, 'Claude Code'), undefined);
});
