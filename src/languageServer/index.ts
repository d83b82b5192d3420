// The AgentGuard language server: AgentGuard's judgment where commands are
// written (scripts, package.json scripts, Makefiles, Dockerfiles, CI
// workflows, compose files, SQL), with hovers and quick fixes, and the
// `.agentguard.json` checks. The extension starts it; any LSP editor can,
// with `agentguard lsp --stdio`.
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/frontdoor/config';
import { codeActionsFor } from './actions';
import { Diagnoser, toDiagnostic } from './diagnose';
import { Folders, pathToUri, uriToPath } from './folders';
import { hoverMarkdown } from './present';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const folders = new Folders((uri) => documents.get(uri)?.getText());
const diagnoser = new Diagnoser(connection, documents, folders);
let canWatch = false;
let canCreateFiles = false;

connection.onInitialize((params: InitializeParams) => {
  const roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  const rootUri = params.rootUri ? uriToPath(params.rootUri) : undefined;
  folders.setRoots(roots.length ? roots : rootUri ? [rootUri] : []);
  canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canCreateFiles = params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'AgentGuard' },
  };
});

connection.onInitialized(() => {
  if (canWatch) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }],
    });
  }
  connection.workspace.onDidChangeWorkspaceFolders(async () => {
    const current = (await connection.workspace.getWorkspaceFolders()) ?? [];
    folders.setRoots(current.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p));
    for (const doc of documents.all()) diagnoser.schedule(doc, 0);
  });
});

function configChanged(file: string): void {
  diagnoser.rejudgeFolder(folders.forgetConfig(file));
}

documents.onDidOpen((e) => diagnoser.schedule(e.document, 0));
documents.onDidChangeContent((e) => {
  const file = uriToPath(e.document.uri);
  if (file && path.basename(file) === CONFIG_FILE_NAME) configChanged(file);
  diagnoser.schedule(e.document);
});
documents.onDidClose((e) => {
  diagnoser.forget(e.document.uri);
  const file = uriToPath(e.document.uri);
  // Closing an unsaved config falls back to the file on disk.
  if (file && path.basename(file) === CONFIG_FILE_NAME) configChanged(file);
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes) {
    const file = uriToPath(change.uri);
    if (!file || path.basename(file) !== CONFIG_FILE_NAME) continue;
    // An open buffer is what the user sees; its own edits already count.
    if (change.type !== FileChangeType.Deleted && documents.get(change.uri)) continue;
    configChanged(file);
  }
});

function flagAt(uri: string, offset: number) {
  const judged = diagnoser.judged.get(uri);
  const doc = documents.get(uri);
  if (!judged || !doc || judged.version !== doc.version) return undefined;
  const flag = judged.flags.find((f) => f.start <= offset && offset <= f.end);
  return flag ? { judged, doc, flag } : undefined;
}

connection.onHover((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const hit = flagAt(doc.uri, doc.offsetAt(params.position));
  if (!hit) return null;
  return {
    contents: { kind: 'markdown', value: hoverMarkdown(hit.flag) },
    range: { start: doc.positionAt(hit.flag.start), end: doc.positionAt(hit.flag.end) },
  };
});

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  const judged = diagnoser.judged.get(params.textDocument.uri);
  const k = doc && diagnoser.kindOf(doc);
  if (!doc || !k || !judged || judged.version !== doc.version) return [];
  const from = doc.offsetAt(params.range.start);
  const to = doc.offsetAt(params.range.end);
  // The folder's config as it is now: it may have changed since the document was judged.
  const { folder, options } = diagnoser.optionsFor(k.file, k.kind);
  const configDoc = documents.get(pathToUri(folder.configFile));
  return judged.flags
    .filter((f) => f.start <= to && from <= f.end)
    .slice(0, 4)
    .flatMap((flag) =>
      codeActionsFor({
        doc,
        flag,
        folder,
        options,
        diagnostic: toDiagnostic(doc, flag),
        configVersion: configDoc?.version,
        canCreateFiles,
      }),
    );
});

documents.listen(connection);
connection.listen();
