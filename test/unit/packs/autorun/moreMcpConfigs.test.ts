// Zed starts the MCP servers of its settings' `context_servers` (the user's ~/.config/zed/settings.json and a
// project's .zed/settings.json), ZCode those of `mcp.servers` (.zcode/config.json, zcode.json, ~/.zcode/cli/config.json,
// and .agents/mcp.json): a server written there runs when the host starts, and was allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const server = (body: string) => `echo '${body}' >`;

test('an MCP server written into Zed or ZCode settings asks', () => {
  const { ids } = engine();
  for (const command of [
    `${server('{"context_servers":{"x":{"command":"sh","args":["-c","id"]}}}')} .zed/settings.json`,
    `${server('{"context_servers":{"x":{"command":{"path":"sh","args":["-c","id"]}}}}')} ~/.config/zed/settings.json`,
    `${server('{"context_servers":{"x":{"url":"https://mcp.example.com/mcp"}}}')} .zed/settings.json`,
    `${server('{"mcp":{"servers":{"x":{"command":"sh"}}}}')} zcode.json`,
    `${server('{"mcp":{"servers":{"x":{"command":"sh"}}}}')} ~/.zcode/cli/config.json`,
    `${server('{"mcpServers":{"x":{"command":"sh"}}}')} .agents/mcp.json`,
    'cp "$F" ~/.config/zed/settings.json',
  ])
    assert.ok(ids(command).includes('autorun.mcp-server'), `${command}: ${ids(command)}`);
});

test("other settings of Zed's stay quiet", () => {
  const { decide } = engine();
  assert.equal(decide(`echo '{"theme":"One Dark","tab_size":2}' > .zed/settings.json`), 'allow');
});
