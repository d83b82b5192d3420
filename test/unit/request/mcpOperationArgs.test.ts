// A dispatching MCP tool names its operation in an argument (`operation`,
// `action`, nested under any object): that name is read as the tool's verb, so
// `{"selectSchema": {"operation": "delete-site"}}` asks as `delete_site` would.
// A sentence under `action` is words, not an operation. Unit-level on the
// reader, then the built hook with Claude Code's payload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operationWords } from '../../../src/core/request/mcp/operationArgs';
import { runHook, withSandbox } from '../support/hookHarness';

test('operation names nested in the arguments are read as verbs; sentences are not', () => {
  assert.deepEqual(operationWords({ selectSchema: { operation: 'delete-site', params: { siteId: 's' } } }), [
    'delete',
    'site',
  ]);
  assert.deepEqual(operationWords({ action: 'volumeDelete' }), ['volume', 'delete']);
  assert.deepEqual(operationWords({ action: 'remember to delete the old site' }), []);
  assert.deepEqual(operationWords({ title: 'delete-site' }), []);
  for (const odd of [undefined, null, 'x', 3, ['a']]) assert.deepEqual(operationWords(odd), []);
});

test('the hook asks before a dispatching tool runs a deleting operation, and stays quiet on a read', async () => {
  await withSandbox(async (sb) => {
    const call = (tool_input: unknown) =>
      runHook(
        'claude',
        {
          hook_event_name: 'PreToolUse',
          cwd: sb.workspace,
          tool_name: 'mcp__netlify__netlify-project-services-updater',
          tool_input,
        },
        sb,
      );
    const gated = await call({ selectSchema: { operation: 'delete-site', params: { siteId: 's' } } });
    assert.match(gated.stdout, /"permissionDecision":"(?:ask|deny)"/);
    const read = await call({ selectSchema: { operation: 'get-site', params: { siteId: 's' } } });
    assert.doesNotMatch(read.stdout, /"permissionDecision":"(?:ask|deny)"/);
  });
});
