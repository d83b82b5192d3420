// Page code a browser tool evaluates (Playwright MCP's `browser_evaluate
// {function}`, DevTools' `evaluate_script`) is JavaScript: its requests go out
// with the page's session, so a `fetch(url, {method: 'DELETE'})` or an XHR
// DELETE asks, as it does in `node -e`. Reading the page stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mcpActions } from '../../../src/core/request/mcpArgs';
import { claudeDecision, fixture, runHook, type Sandbox, withSandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

let n = 0;
function mcp(sb: Sandbox, tool: string, input: Record<string, unknown>) {
  const state = path.join(sb.root, `state-${++n}`);
  fs.mkdirSync(state);
  return runHook('claude', { ...fixture('claude/bash', sb), tool_name: tool, tool_input: input }, sb, {
    AGENTGUARD_STATE_DIR: confirmedState(state),
  }).then(claudeDecision);
}

test("a browser tool's page function is read as JavaScript", () => {
  const a = mcpActions('mcp__playwright__browser_evaluate', { function: '() => document.title' });
  assert.deepEqual(a.code, [`node -e '() => document.title'`]);
  // A SQL tool's `expression` is not page code.
  assert.deepEqual(mcpActions('mcp__postgres__run_query', { expression: 'SELECT 1' }).code, []);
});

test('a DELETE sent from page code asks through the hook; reading the page stays quiet', () =>
  withSandbox(async (sb) => {
    for (const fn of [
      "async () => (await fetch('https://api.acme.io/v1/projects/42', {method: 'DELETE', credentials: 'include'})).status",
      "(el) => { const x = new XMLHttpRequest(); x.open('DELETE', 'https://api.acme.io/v1/orgs/acme'); x.send(); }",
    ]) {
      const r = await mcp(sb, 'mcp__playwright__browser_evaluate', { function: fn });
      assert.ok(['ask', 'deny'].includes(String(r.decision)), `${fn}: ${r.decision} ${r.reason}`);
      assert.match(String(r.reason), /DELETE/);
    }
    for (const fn of ['() => document.title', "() => fetch('/api/users').then(r => r.json())"]) {
      const r = await mcp(sb, 'mcp__playwright__browser_evaluate', { function: fn });
      assert.equal(r.decision, 'defer', `${fn}: ${r.reason}`);
    }
  }));
