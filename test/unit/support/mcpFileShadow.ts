// What every host's workspace MCP file shares in the shadow check: the host
// starts servers from it, so one that cannot be read as a JSON object cannot
// be checked and is news, named for that host; an empty one starts nothing,
// and a readable one naming only a token is not news.
import assert from 'node:assert/strict';

/**
 * `shadow` judges the MCP file's text (undefined: not news); `host` is the name the news gives the host, and
 * `serversKey` where that file lists its servers (`mcpServers`, `servers`, `amp.mcpServers`).
 */
export function assertUnreadableMcpFileIsNews(
  shadow: (text: string) => string | undefined,
  host: string,
  serversKey: string,
): void {
  const news = new RegExp(`cannot be read as a JSON object, so the MCP servers ${host} may start from it`);
  for (const text of ['["db-mcp", {"env": {"LD_PRELOAD": "./hook.so"}}]', `${serversKey}: { db: { command: npx } }`])
    assert.match(shadow(text) ?? '', news, text);
  for (const empty of ['', '  \n']) assert.equal(shadow(empty), undefined, 'an empty file starts nothing');
  const token = JSON.stringify({ [serversKey]: { db: { command: 'npx', env: { DB_TOKEN: 'x' } } } });
  assert.equal(shadow(token), undefined, 'a token changes nothing that runs');
}
