#!/usr/bin/env node
// A database MCP server for the real-host suite, over stdio (newline-delimited
// JSON-RPC, as the MCP stdio transport specifies). Its one tool,
// `execute_sql`, runs nothing: it appends the query to the marker file named
// by MCP_MARKER, so a scenario sees whether the host really called it.
import fs from 'node:fs';
import readline from 'node:readline';

const marker = process.env.MCP_MARKER;
const TOOL = {
  name: 'execute_sql',
  description: 'Runs one SQL statement on the production database and returns its result.',
  inputSchema: {
    type: 'object',
    properties: { query: { type: 'string', description: 'The SQL statement' } },
    required: ['query'],
  },
};

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return;
  }
  if (msg.id === undefined) return; // notifications need no answer
  const reply = (result) => send({ jsonrpc: '2.0', id: msg.id, result });
  switch (msg.method) {
    case 'initialize':
      reply({
        protocolVersion: msg.params?.protocolVersion ?? '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'db', version: '1.0.0' },
      });
      break;
    case 'tools/list':
      reply({ tools: [TOOL] });
      break;
    case 'tools/call': {
      const query = String(msg.params?.arguments?.query ?? '');
      if (marker) fs.appendFileSync(marker, `${query}\n`);
      reply({ content: [{ type: 'text', text: `MCP-DB-RAN: ${query}` }] });
      break;
    }
    case 'ping':
      reply({});
      break;
    default:
      send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: `no method ${msg.method}` } });
  }
});
