// The language server over a real LSP connection: the built server is
// spawned over stdio and spoken to as an editor would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import '../support/account';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const server = path.join(__dirname, '..', '..', '..', '..', 'dist', 'server.js');

test('the language server reports config mistakes at their position, and clears them when fixed', async () => {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published: PublishDiagnosticsParams[] = [];
  let notify: (() => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    notify?.();
  });
  connection.listen();
  const next = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics after 10 s (got ${published.length})`)), 10_000);
      const check = () => {
        if (published.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      };
      notify = check;
      check();
    });
  try {
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    assert.equal(init.serverInfo?.name, 'AgentGuard');
    await connection.sendNotification(InitializedNotification.type, {});

    const uri = pathToFileURL('/ws/.agentguard.json').href;
    const bad = '{\n  "rules": [\n    { "match": "git push *", "decision": "block" }\n  ]\n}\n';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'jsonc', version: 1, text: bad },
    });
    await next(1);
    const d = published[0];
    assert.equal(d.uri, uri);
    assert.equal(d.diagnostics.length, 1);
    assert.match(String(d.diagnostics[0].message), /rules\[0\]\.decision: expected one of "allow", "ask", "deny"/);
    // Line 3 (0-based 2), at the value "block".
    assert.equal(d.diagnostics[0].range.start.line, 2);
    assert.equal(bad.split('\n')[2].slice(d.diagnostics[0].range.start.character).startsWith('"block"'), true);

    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: bad.replace('"block"', '"deny"') }],
    });
    await next(2);
    assert.deepEqual(published[1].diagnostics, []);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    connection.dispose();
    child.kill();
  }
});
