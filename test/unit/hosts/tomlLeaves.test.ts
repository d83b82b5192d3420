// TOML's spellings of one key read as the same key path: tables, dotted and
// quoted keys, inline tables opened into their keys, arrays over lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyParts, tomlLeaves } from '../../../src/core/hosts/tomlLeaves';

const keys = (text: string) => tomlLeaves(text).map((l) => l.key.join('/'));

test('each spelling of mcp_servers.db.env.LD_PRELOAD reads as that key path', () => {
  for (const text of [
    '[mcp_servers.db.env]\nLD_PRELOAD = "x"\n',
    '[mcp_servers.db]\nenv = { LD_PRELOAD = "x" }\n',
    '[mcp_servers.db]\nenv.LD_PRELOAD = "x"\n',
    'mcp_servers.db.env.LD_PRELOAD = "x"\n',
    '[mcp_servers]\ndb = { command = "a,b}", env = { LD_PRELOAD = "x" } }\n',
    'mcp_servers = { db = { env = { "LD_PRELOAD" = "x" } } } # a comment\n',
    '[ \'mcp_servers\' . "db" ]\nenv = {\n  LD_PRELOAD = "x",\n}\n',
  ])
    assert.ok(keys(text).includes('mcp_servers/db/env/LD_PRELOAD'), `${text} → ${JSON.stringify(keys(text))}`);
});

test('an array over several lines is one value; the keys after it stay in their table', () => {
  const leaves = tomlLeaves('[mcp_servers.db]\nenv_vars = [\n  "A", # one\n  { name = "B]" },\n]\ncommand = "npx"\n');
  assert.deepEqual(
    leaves.map((l) => l.key.join('/')),
    ['mcp_servers/db/env_vars', 'mcp_servers/db/command'],
  );
  assert.match(leaves[0].value, /"A"[\s\S]*name = "B\]"/);
});

test('a quoted key keeps its dots; what is not a key is none', () => {
  assert.deepEqual(keyParts('mcp_servers."my.db".env'), ['mcp_servers', 'my.db', 'env']);
  assert.equal(keyParts('a..b'), undefined);
  assert.equal(keyParts('a b'), undefined);
});
