// Language server for `.agentguard.json`: every schema or syntax mistake as a
// diagnostic at its exact position, with the same words `agentguard check`
// prints. The extension starts it only when such a file is open.
import { createConnection, DiagnosticSeverity, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnosticsFor } from './configDiagnostics';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
  serverInfo: { name: 'AgentGuard' },
}));

function validate(doc: TextDocument): void {
  const diagnostics: Diagnostic[] = diagnosticsFor(doc.getText(), doc.uri).map((d) => ({
    range: { start: doc.positionAt(d.offset), end: doc.positionAt(d.offset + Math.max(1, d.length)) },
    severity: DiagnosticSeverity.Error,
    source: 'agentguard',
    message: d.message,
  }));
  void connection.sendDiagnostics({ uri: doc.uri, diagnostics });
}

// Fires on open too.
documents.onDidChangeContent((e) => validate(e.document));
documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));

documents.listen(connection);
connection.listen();
