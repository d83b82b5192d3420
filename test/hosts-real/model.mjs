// A scripted model on 127.0.0.1 that speaks the four wire formats the agent
// hosts use: Anthropic Messages (Claude Code), OpenAI Responses (Codex),
// OpenAI Chat Completions (OpenCode, Qwen Code, Cline, Copilot CLI's own
// provider) and the Gemini API (Gemini CLI), each streamed (SSE) or not.
//
// The script is one tool call: the first request that offers the tool gets
// it as the answer; any request that carries a tool result gets a final
// text. Side requests (titles, summaries, classifiers) that offer no such
// tool get a plain text. Every request is kept, with the tool results the
// host sent back, so a scenario can tell what really ran.
import http from 'node:http';

const FINAL_TEXT = 'Done.';

/** Pulls the tool results a request carries, in any of the four formats, as text. */
export function toolResults(format, body) {
  const out = [];
  const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v ?? ''));
  if (format === 'anthropic') {
    for (const m of body.messages ?? []) {
      if (!Array.isArray(m.content)) continue;
      for (const b of m.content) if (b?.type === 'tool_result') out.push(text(b.content));
    }
  } else if (format === 'responses') {
    for (const item of Array.isArray(body.input) ? body.input : []) {
      if (/_output$/.test(item?.type ?? '')) out.push(text(item.output));
    }
  } else if (format === 'chat') {
    for (const m of body.messages ?? []) if (m?.role === 'tool') out.push(text(m.content));
  } else if (format === 'gemini') {
    for (const c of body.contents ?? []) {
      for (const p of c.parts ?? []) if (p?.functionResponse) out.push(text(p.functionResponse.response));
    }
  }
  return out;
}

/** The tool names a request offers. */
export function offeredTools(format, body) {
  const tools = body.tools ?? [];
  if (format === 'gemini') return tools.flatMap((t) => (t.functionDeclarations ?? []).map((d) => d.name));
  if (format === 'chat') return tools.map((t) => t.function?.name ?? t.name).filter(Boolean);
  // Responses namespaces (Codex's MCP servers: mcp__db) hold their tools inside: offered as NAMESPACE.TOOL.
  return tools
    .flatMap((t) =>
      t.type === 'namespace' ? (t.tools ?? []).map((n) => `${t.name}.${n.name}`) : [t.name ?? t.function?.name],
    )
    .filter(Boolean);
}

function formatOf(method, url) {
  if (method !== 'POST') return undefined;
  if (/\/messages\/count_tokens/.test(url)) return 'anthropic-count';
  if (/\/messages(\?|$)/.test(url)) return 'anthropic';
  if (/\/responses(\?|$)/.test(url)) return 'responses';
  if (/\/chat\/completions(\?|$)/.test(url)) return 'chat';
  if (/:countTokens/.test(url)) return 'gemini-count';
  if (/:(stream)?[gG]enerateContent/.test(url)) return 'gemini';
  return undefined;
}

let counter = 0;
const id = (prefix) => `${prefix}${Date.now().toString(36)}${(++counter).toString(36)}`;

function sse(res, events) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const [event, data] of events) {
    if (event) res.write(`event: ${event}\n`);
    res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  }
  res.end();
}

function json(res, status, data) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(data));
}

function anthropic(res, body, call) {
  const usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const msgId = id('msg_');
  const block = call
    ? { type: 'tool_use', id: id('toolu_'), name: call.name, input: call.input }
    : { type: 'text', text: FINAL_TEXT };
  const stop = call ? 'tool_use' : 'end_turn';
  if (!body.stream) {
    json(res, 200, {
      id: msgId,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: [block],
      stop_reason: stop,
      stop_sequence: null,
      usage,
    });
    return;
  }
  const start = call ? { ...block, input: {} } : { type: 'text', text: '' };
  const delta = call
    ? { type: 'input_json_delta', partial_json: JSON.stringify(call.input) }
    : { type: 'text_delta', text: FINAL_TEXT };
  sse(res, [
    [
      'message_start',
      {
        type: 'message_start',
        message: {
          id: msgId,
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage,
        },
      },
    ],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: start }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    [
      'message_delta',
      { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 5 } },
    ],
    ['message_stop', { type: 'message_stop' }],
  ]);
}

const namespaced = (name) =>
  name.includes('.') ? { namespace: name.split('.')[0], name: name.split('.').slice(1).join('.') } : { name };

function responses(res, body, call) {
  const respId = id('resp_');
  const item = call
    ? call.freeform
      ? {
          type: 'custom_tool_call',
          id: id('ctc_'),
          call_id: id('call_'),
          name: call.name,
          input: call.input,
          status: 'completed',
        }
      : {
          type: 'function_call',
          id: id('fc_'),
          call_id: id('call_'),
          ...namespaced(call.name),
          arguments: JSON.stringify(call.input),
          status: 'completed',
        }
    : {
        type: 'message',
        id: id('msg_'),
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: FINAL_TEXT, annotations: [] }],
      };
  const usage = {
    input_tokens: 10,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 5,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 15,
  };
  const response = {
    id: respId,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model: body.model,
    status: 'completed',
    output: [item],
    usage,
  };
  if (body.stream === false) {
    json(res, 200, response);
    return;
  }
  sse(res, [
    ['response.created', { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } }],
    ['response.output_item.added', { type: 'response.output_item.added', output_index: 0, item }],
    ['response.output_item.done', { type: 'response.output_item.done', output_index: 0, item }],
    ['response.completed', { type: 'response.completed', response }],
  ]);
}

function chat(res, body, call) {
  const chatId = id('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  const toolCall = call && {
    id: id('call_'),
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.input) },
  };
  const finish = call ? 'tool_calls' : 'stop';
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
  if (!body.stream) {
    const message = call
      ? { role: 'assistant', content: null, tool_calls: [toolCall] }
      : { role: 'assistant', content: FINAL_TEXT };
    json(res, 200, {
      id: chatId,
      object: 'chat.completion',
      created,
      model: body.model,
      choices: [{ index: 0, message, finish_reason: finish }],
      usage,
    });
    return;
  }
  const chunk = (delta, finishReason = null, extra = {}) => [
    null,
    {
      id: chatId,
      object: 'chat.completion.chunk',
      created,
      model: body.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
      ...extra,
    },
  ];
  const events = [chunk({ role: 'assistant', content: '' })];
  if (call) events.push(chunk({ tool_calls: [{ index: 0, ...toolCall }] }));
  else events.push(chunk({ content: FINAL_TEXT }));
  events.push(chunk({}, finish, { usage }));
  events.push([null, '[DONE]']);
  sse(res, events);
}

/** A value that fits a JSON schema (Gemini's upper-case types too): hosts ask small models for JSON on the side. */
export function sampleOf(schema, depth = 0) {
  if (!schema || depth > 8) return null;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const type = String(Array.isArray(schema.type) ? schema.type[0] : (schema.type ?? 'object')).toLowerCase();
  if (type === 'string') return 'scripted';
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return false;
  if (type === 'array') return [];
  const out = {};
  for (const [key, sub] of Object.entries(schema.properties ?? {})) out[key] = sampleOf(sub, depth + 1);
  return out;
}

function gemini(res, url, body, call) {
  const config = body.generationConfig ?? {};
  const schema = config.responseJsonSchema ?? config.responseSchema;
  const text =
    !call && config.responseMimeType === 'application/json' ? JSON.stringify(sampleOf(schema ?? {})) : FINAL_TEXT;
  const part = call ? { functionCall: { name: call.name, args: call.input } } : { text };
  const data = {
    candidates: [{ content: { role: 'model', parts: [part] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
    modelVersion: 'scripted',
  };
  if (/streamGenerateContent/.test(url)) sse(res, [[null, data]]);
  else json(res, 200, data);
}

/**
 * Starts the model. `setScript({ call: { name, input } })` makes the next
 * conversation's first tool-offering request answer with that call (`match`,
 * a regular expression, instead of `name` picks the first offered tool it
 * matches); `{ call: null }` answers text only.
 */
export async function startModel({ log = () => {} } = {}) {
  let script = { call: null };
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= 64 * 1024 * 1024) chunks.push(c);
    });
    req.on('end', () => {
      const url = req.url ?? '';
      const format = formatOf(req.method, url);
      let body = {};
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        body = {};
      }
      const entry = { at: Date.now(), method: req.method, url, format, headers: req.headers, body };
      requests.push(entry);
      if (format === 'anthropic-count') return json(res, 200, { input_tokens: 10 });
      if (format === 'gemini-count') return json(res, 200, { totalTokens: 10 });
      if (!format) {
        // Model lists and the like: an empty but well-formed answer.
        log(`model: ${req.method} ${url} (not a generation request)`);
        if (/\/models(\?|$)/.test(url))
          return json(res, 200, {
            object: 'list',
            data: [{ id: 'scripted', object: 'model', created: 0, owned_by: 'test' }],
            models: [],
          });
        return json(res, 404, { error: { message: `no route ${url}` } });
      }
      entry.results = toolResults(format, body);
      entry.tools = offeredTools(format, body);
      const wanted = script.call;
      // `match` finds a tool whose full name the host makes up (MCP tools: mcp__db__execute_sql, db_execute_sql, …).
      const name =
        wanted && entry.tools.find((t) => t === wanted.name || (wanted.match && new RegExp(wanted.match).test(t)));
      const give = name && entry.results.length === 0 ? { ...wanted, name } : null;
      entry.answered = give ? `tool ${give.name}` : 'text';
      log(`model: ${format} ${url} tools=${entry.tools.length} results=${entry.results.length} → ${entry.answered}`);
      if (format === 'anthropic') anthropic(res, body, give);
      else if (format === 'responses') responses(res, body, give);
      else if (format === 'chat') chat(res, body, give);
      else gemini(res, url, body, give);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setScript(next) {
      script = next;
      requests.length = 0;
    },
    /** Every tool result the host sent back since the script was set. */
    results() {
      return requests.flatMap((r) => r.results ?? []);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}
