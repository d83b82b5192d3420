// "AgentGuard: Show Audit Log": opens the hash-chained decision log through
// a read-only document provider, so the editor cannot write to it.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { auditFile } from '../core/audit';

const SCHEME = 'agentguard-audit';

export function registerShowAuditLog(stateDir: string): vscode.Disposable {
  const file = auditFile(stateDir);
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const uri = vscode.Uri.from({ scheme: SCHEME, path: '/audit.jsonl' });
  const provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    onDidChange: changed.event,
    provideTextDocumentContent: () => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'ENOENT' ? '' : `AgentGuard cannot read ${file}: ${(err as Error).message}\n`;
      }
    },
  });
  // New decisions appear while the log is open.
  fs.watchFile(file, { interval: 1000 }, () => changed.fire(uri));
  const command = vscode.commands.registerCommand('agentguard.showAuditLog', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  });
  return vscode.Disposable.from(provider, command, changed, { dispose: () => fs.unwatchFile(file) });
}
