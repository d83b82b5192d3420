// agentguard.mode through the real hook: the editor's mode file in the state
// folder turns a gated call into a recorded allow; the kill switch still halts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeEditorMode } from '../../../src/core/policy/editorMode';
import { claudeDecision, fixture, readAudit, runHook, sandbox, withInput } from '../support/hookHarness';

test('monitor from the editor: a force push is allowed and recorded as what it would have been', async () => {
  const sb = sandbox();
  try {
    const payload = withInput(fixture('claude/bash', sb), { command: 'git push --force origin main' });
    // No editor answers here, so an enforced ask falls back to Claude's own ask.
    assert.equal(claudeDecision(await runHook('claude', payload, sb)).decision, 'ask');
    writeEditorMode(sb.state, sb.workspace, 'monitor');
    assert.equal(claudeDecision(await runHook('claude', payload, sb)).decision, 'allow');
    const last = readAudit(sb).at(-1)!;
    assert.equal(last.monitored, 'ask');
    assert.equal(last.decision, 'allow');
    fs.writeFileSync(path.join(sb.state, 'killswitch.json'), JSON.stringify({ engaged: true, by: 'user' }));
    assert.equal(
      claudeDecision(await runHook('claude', payload, sb)).decision,
      'deny',
      'monitor never lifts the kill switch',
    );
    fs.rmSync(path.join(sb.state, 'killswitch.json'));
    writeEditorMode(sb.state, sb.workspace, 'enforce');
    assert.equal(claudeDecision(await runHook('claude', payload, sb)).decision, 'ask');
  } finally {
    sb.cleanup();
  }
});
