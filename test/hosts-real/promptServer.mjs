#!/usr/bin/env node
// The human at Claude Code's permission prompt, for a headless run: an MCP
// server over stdio whose one tool, `approve`, is what `claude -p
// --permission-prompt-tool mcp__prompt__approve` calls wherever Claude Code
// would ask its user. It appends what it was asked (the tool and its input,
// exactly as the prompt would show them) to the file PROMPT_RECORD names and
// answers "allow" with the input unchanged: the scenario then reads from
// that record what a human would have seen, and from markers what ran.
import fs from 'node:fs';
import readline from 'node:readline';

const record = process.env.PROMPT_RECORD;
const TOOL = {
  name: 'approve',
  description: 'Answers a permission request.',
  inputSchema: {
    type: 'object',
    properties: { tool_name: { type: 'string' }, input: { type: 'object' }, tool_use_id: { type: 'string' } },
    required: ['tool_name', 'input'],
  },
};

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return;
  }
  if (msg.id === undefined) return;
  const reply = (result) => send({ jsonrpc: '2.0', id: msg.id, result });
  if (msg.method === 'initialize')
    return reply({
      protocolVersion: msg.params?.protocolVersion ?? '2025-06-18',
      capabilities: { tools: {} },
      serverInfo: { name: 'prompt', version: '1.0.0' },
    });
  if (msg.method === 'tools/list') return reply({ tools: [TOOL] });
  if (msg.method === 'tools/call') {
    const args = msg.params?.arguments ?? {};
    if (record) fs.appendFileSync(record, `${JSON.stringify(args)}\n`);
    return reply({
      content: [{ type: 'text', text: JSON.stringify({ behavior: 'allow', updatedInput: args.input ?? {} }) }],
    });
  }
  if (msg.method === 'ping') return reply({});
  send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: `no method ${msg.method}` } });
});
