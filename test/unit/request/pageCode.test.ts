// Page code a browser tool evaluates (Playwright MCP's `browser_evaluate
// {function}`, DevTools' `evaluate_script`) is JavaScript: its requests go out
// with the page's session, so a `fetch(url, {method: 'DELETE'})` or an XHR
// DELETE asks, as it does in `node -e`. Reading the page stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcpActions } from '../../../src/core/request/mcpArgs';
import { mcpToolDecision, withSandbox } from '../support/hookHarness';

const mcp = mcpToolDecision;

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
