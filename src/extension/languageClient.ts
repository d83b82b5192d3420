// The language client: starts AgentGuard's language server (dist/server.js,
// the same one `agentguard lsp --stdio` runs) the first time a document it
// judges is open, so a window with none of them never pays for it.
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Documents the server judges: the config, package.json, scripts, Makefiles, Dockerfiles, SQL, CI workflows and compose files. */
export const DOCUMENT_SELECTOR: vscode.DocumentFilter[] = [
  { scheme: 'file', pattern: '**/.agentguard.json' },
  { scheme: 'file', pattern: '**/package.json' },
  { scheme: 'file', language: 'shellscript' },
  { scheme: 'file', language: 'makefile' },
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'sql' },
  { scheme: 'file', language: 'yaml', pattern: '**/.github/workflows/*.{yml,yaml}' },
  { scheme: 'file', language: 'yaml', pattern: '**/*compose*.{yml,yaml}' },
];

export function startLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable {
  let client: import('vscode-languageclient/node').LanguageClient | undefined;
  let opening: vscode.Disposable | undefined;
  let disposed = false;

  const start = async () => {
    opening?.dispose();
    opening = undefined;
    if (client || disposed) return;
    const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
    if (client || disposed) return;
    const module = context.asAbsolutePath(path.join('dist', 'server.js'));
    client = new LanguageClient('agentguard', 'AgentGuard Language Server', {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio },
    }, {
      // The same filters, in the protocol's types (vscode's DocumentFilter is wider than LSP's).
      documentSelector: DOCUMENT_SELECTOR as import('vscode-languageclient').DocumentSelector,
      outputChannel: log,
    });
    try {
      await client.start();
      log.info('language server started');
    } catch (err) {
      log.error(`language server failed to start: ${(err as Error).message}`);
    }
  };

  const judged = (doc: vscode.TextDocument) => vscode.languages.match(DOCUMENT_SELECTOR, doc) > 0;
  if (vscode.workspace.textDocuments.some(judged)) void start();
  else opening = vscode.workspace.onDidOpenTextDocument((doc) => { if (judged(doc)) void start(); });

  return {
    dispose: () => {
      disposed = true;
      opening?.dispose();
      void client?.stop();
    },
  };
}
