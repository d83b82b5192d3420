// The CLI a new user meets: install refuses AgentGuard's own folder, and
// every subcommand answers --help the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT, hookEnv, withSandbox } from './hookHarness';

test('install run in AgentGuard\'s own checkout refuses it as the workspace and writes nothing there', () => withSandbox(async (sb) => {
  const before = ['.claude', '.cursor', '.github/hooks'].map((d) => fs.existsSync(path.join(ROOT, d)));
  for (const args of [['install', '--claude'], ['install', '--claude', '--workspace', '.']]) {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: hookEnv(sb), encoding: 'utf8' });
    assert.equal(r.status, 64, r.stdout + r.stderr);
    assert.match(r.stderr, /is AgentGuard's own folder \(the CLI runs from it\), not your project: name your project with --workspace DIR/);
  }
  assert.deepEqual(['.claude', '.cursor', '.github/hooks'].map((d) => fs.existsSync(path.join(ROOT, d))), before);
  assert.equal(fs.existsSync(path.join(sb.home, '.agentguard')), false, 'not even the launcher was written');
}));
