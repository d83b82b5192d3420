// Which variables of a settings file's `env` change what later commands run
// (Claude Code's `env` setting: https://code.claude.com/docs/en/settings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  changesWhatRuns,
  envShadow,
  mcpEnvFileShadow,
  mcpEnvKey,
  mcpEnvShadow,
  mcpServersEnv,
  runChangingNames,
  setsHome,
} from '../../../src/core/hosts/workspaceEnv';

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

test('a map past the bound is news: a run-changing entry cannot hide behind a thousand harmless ones', () => {
  const env: Record<string, string> = {};
  for (let i = 0; i < 1001; i++) env[`HARMLESS_${i}`] = 'x';
  env.LD_PRELOAD = '/tmp/x.so';
  assert.ok(envShadow(env, 'Claude Code', {}));
  const servers: Record<string, unknown> = {};
  for (let i = 0; i < 1001; i++) servers[`s${i}`] = { command: 'true' };
  servers.db = { command: 'node', env: { NODE_OPTIONS: '--require ./x.js' } };
  assert.ok(mcpEnvShadow(mcpServersEnv(servers), 'Claude Code', mcpEnvKey));
  servers.db = { command: 'node', envFile: '.env.mcp' };
  assert.ok(mcpEnvFileShadow(servers, 'Cursor', (s) => `mcpServers.${s}.envFile`));
  // Under the bound, harmless maps stay quiet.
  assert.equal(envShadow({ FOO: '1' }, 'Claude Code', {}), undefined);
  assert.equal(mcpEnvShadow(mcpServersEnv({ a: { env: { FOO: '1' } } }), 'Claude Code', mcpEnvKey), undefined);
});
