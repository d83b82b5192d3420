// A minimal LSP client for tests: spawns the built server over stdio and
// speaks to it as an editor does (initialize with workspace folders, open and
// change documents, wait for diagnostics, ask for hovers and code actions).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  HoverRequest,
  CodeActionRequest,
  RegistrationRequest,
  type PublishDiagnosticsParams,
  type RegistrationParams,
  type Diagnostic,
  type Hover,
  type CodeAction,
  type Range,
  type FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { confirmedState } from './account';

export const repo = path.join(__dirname, '..', '..', '..', '..');

export class LspSession {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: string[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  readonly texts = new Map<string, string>();

  constructor(
    argv: string[],
    readonly stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-state-')),
  ) {
    this.child = spawn(process.execPath, argv, {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(stateDir) },
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      for (const w of this.waiters) w();
    });
    this.connection.onRequest(RegistrationRequest.method, (p: RegistrationParams) => {
      for (const r of p.registrations) this.registrations.push(r.method);
      return null;
    });
    this.connection.listen();
  }

  static cli(): LspSession {
    return new LspSession([path.join(repo, 'dist', 'cli.js'), 'lsp', '--stdio']);
  }

  async initialize(folders: string[]) {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
      capabilities: {
        workspace: {
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          workspaceFolders: true,
        },
        textDocument: { hover: { contentFormat: ['markdown'] }, codeAction: {} },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Diagnostics published for `uri` after `since` published messages, once `accept` says they are the expected ones. */
  async diagnostics(
    uri: string,
    accept: (d: Diagnostic[]) => boolean = () => true,
    since = 0,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.published
        .slice(since)
        .reverse()
        .find((p) => p.uri === uri);
      if (hit && accept(hit.diagnostics) && (hit.version === undefined || hit.version === this.versions.get(uri)))
        return hit.diagnostics;
      if (Date.now() > deadline)
        throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(hit?.diagnostics ?? null)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  async open(file: string, text: string, languageId = 'plaintext'): Promise<string> {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return uri;
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async watched(uri: string, type: FileChangeType): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async codeActions(uri: string, range: Range): Promise<CodeAction[]> {
    return ((await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: [] },
    })) ?? []) as CodeAction[];
  }

  /** The text a range covers in the document last sent. */
  textOf(uri: string, range: Range): string {
    const lines = (this.texts.get(uri) ?? '').split('\n');
    if (range.start.line === range.end.line)
      return lines[range.start.line].slice(range.start.character, range.end.character);
    return [
      lines[range.start.line].slice(range.start.character),
      ...lines.slice(range.start.line + 1, range.end.line),
      lines[range.end.line].slice(0, range.end.character),
    ].join('\n');
  }

  /** `keepState`: leave the state folder for a later session (a server's code cache is kept there). */
  async close({ keepState = false } = {}): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    this.child.kill();
    if (!keepState) fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}
