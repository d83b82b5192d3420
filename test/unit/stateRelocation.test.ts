// The hook's own start is not the agent's to shape: AGENTGUARD_STATE_DIR or
// XDG_STATE_HOME planted in a host's environment (a `.env` the host loads)
// must not point the hook at a fresh state folder without the kill switch.
// A relocation counts only when the human's editor confirmed it, or where no
// default state folder exists at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { confirmedStateDir, confirmStateRelocation, defaultStateDir, writeKillSwitch } from '../../src/core/state';
import { claudeDecision, fixture, runHook, withInput, withSandbox } from './hookHarness';

test('an unconfirmed relocation is ignored once the default state folder exists: the kill switch there still halts', () => withSandbox(async (sb) => {
  const real = defaultStateDir(sb.home);
  writeKillSwitch(real, { engaged: true, by: 'user', reason: 'stop' });
  const fresh = path.join(sb.root, 'fresh');
  for (const env of [{ AGENTGUARD_STATE_DIR: fresh }, { AGENTGUARD_STATE_DIR: '', XDG_STATE_HOME: fresh }] as Record<string, string>[]) {
    const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls' }), sb, env);
    assert.equal(claudeDecision(r).decision, 'deny', r.stdout);
    assert.match(claudeDecision(r).reason, /kill switch/);
    assert.match(r.stderr, /ignoring the state folder/);
  }
  assert.ok(!fs.existsSync(path.join(fresh, 'audit.jsonl')), 'nothing recorded in the planted folder');
  assert.ok(fs.readFileSync(path.join(real, 'audit.jsonl'), 'utf8').includes('"killswitch.engaged"'));
}));

test('a relocation the editor confirmed is honoured, and so is one where no default state folder exists', () => withSandbox(async (sb) => {
  // No default folder: the harness's own AGENTGUARD_STATE_DIR is taken as given.
  assert.deepEqual(confirmedStateDir({ AGENTGUARD_STATE_DIR: sb.state }, sb.home), { dir: sb.state });
  const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls' }), sb);
  assert.equal(claudeDecision(r).decision, 'defer');
  assert.ok(fs.existsSync(path.join(sb.state, 'audit.jsonl')));

  fs.mkdirSync(defaultStateDir(sb.home), { recursive: true });
  assert.deepEqual(confirmedStateDir({ AGENTGUARD_STATE_DIR: sb.state }, sb.home), { dir: defaultStateDir(sb.home), ignored: sb.state });
  confirmStateRelocation(sb.state, sb.home);
  assert.deepEqual(confirmedStateDir({ AGENTGUARD_STATE_DIR: sb.state }, sb.home), { dir: sb.state });
  writeKillSwitch(sb.state, { engaged: true, by: 'user' });
  const halted = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls' }), sb);
  assert.equal(claudeDecision(halted).decision, 'deny');
  assert.equal(halted.stderr, '');
}));

test('the relocation record lives in the default state folder, which an agent may not write', () => withSandbox(async (sb) => {
  fs.mkdirSync(defaultStateDir(sb.home), { recursive: true });
  for (const command of [`echo '{"stateDirs":["/tmp/x"]}' > ~/.local/state/agentguard/relocated.json`, 'rm ~/.local/state/agentguard/relocated.json']) {
    const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, { AGENTGUARD_STATE_DIR: '' });
    assert.equal(claudeDecision(r).decision, 'deny', command);
  }
}));
