// The command-line tools (mcp/cli.ts) and the verb reader (mcp/verbs.ts) read a tool's arguments through one
// function: nested arguments lifted, keys folded; `args` lifted only for the command-line tools, where a list
// there is an argument vector and stays as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatArgs } from '../../../src/core/request/mcp/flatArgs';

test('nested arguments are lifted and keys folded', () => {
  assert.deepEqual(flatArgs({ params: { Project_ID: 'p1' }, dryRun: true }), {
    params: { Project_ID: 'p1' },
    projectid: 'p1',
    dryrun: true,
  });
  assert.equal(flatArgs({ arguments: { name: 'prod' } }).name, 'prod');
  assert.equal(flatArgs({ args: { namespace: 'prod' } }).namespace, undefined);
  assert.equal(flatArgs({ args: { namespace: 'prod' } }, { args: true }).namespace, 'prod');
  assert.deepEqual(flatArgs({ args: ['delete', 'ns', 'prod'] }, { args: true }).args, ['delete', 'ns', 'prod']);
  for (const odd of [undefined, null, 'x', 3, ['a']]) assert.deepEqual(flatArgs(odd), {});
});
