// The language server (dist/server.js) through vscode-languageclient,
// started only once a document it reads is open: a workspace without
// policy, scripts or SQL never pays for a second process.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', pattern: '**/.agentguard.json' },
  { scheme: 'file', pattern: '**/package.json' },
  { scheme: 'file', language: 'shellscript' },
  { scheme: 'file', language: 'makefile' },
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'sql' },
  { scheme: 'file', language: 'yaml', pattern: '**/.github/workflows/*.{yml,yaml}' },
  { scheme: 'file', language: 'yaml', pattern: '**/*compose*.{yml,yaml}' },
];

export class LanguageClientHost implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private readonly listener: vscode.Disposable;
  private configWatcher: vscode.FileSystemWatcher | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.listener = vscode.workspace.onDidOpenTextDocument((doc) => this.startIfNeeded(doc));
    for (const doc of vscode.workspace.textDocuments) this.startIfNeeded(doc);
  }

  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  private startIfNeeded(doc: vscode.TextDocument): void {
    if (this.starting || vscode.languages.match(DOCUMENT_SELECTOR as vscode.DocumentSelector, doc) === 0) return;
    this.starting = this.start(doc.uri);
  }

  private async start(reason: vscode.Uri): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.log,
      synchronize: {
        fileEvents: (this.configWatcher = vscode.workspace.createFileSystemWatcher('**/.agentguard.json')),
      },
    };
    this.client = new LanguageClient('agentguard', 'AgentGuard', serverOptions, clientOptions);
    try {
      await this.client.start();
      this.log.info(`language server started (for ${vscode.workspace.asRelativePath(reason)})`);
    } catch (err) {
      this.log.error(`the language server did not start: ${(err as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    this.listener.dispose();
    const client = this.client;
    this.client = undefined;
    await this.starting?.catch(() => undefined);
    if (client) await client.dispose(2000).catch(() => undefined);
    this.configWatcher?.dispose();
  }

  dispose(): void {
    void this.stop();
  }
}
