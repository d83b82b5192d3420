// "AgentGuard: Show Audit Log": opens the hash-chained decision log through
// a read-only file system provider, so the editor shows it read-only and
// nothing typed there can be saved over it.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { auditFile } from '../core/frontdoor/records';

const SCHEME = 'agentguard-audit';

class ReadOnlyLog implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  constructor(
    private readonly file: string,
    private readonly uri: vscode.Uri,
  ) {
    // New decisions appear while the log is open.
    fs.watchFile(file, { interval: 1000 }, () =>
      this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: this.uri }]),
    );
  }
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(): vscode.FileStat {
    const st = fs.statSync(this.file, { throwIfNoEntry: false });
    return {
      type: vscode.FileType.File,
      ctime: st?.ctimeMs ?? 0,
      mtime: st?.mtimeMs ?? 0,
      size: st?.size ?? 0,
      permissions: vscode.FilePermission.Readonly,
    };
  }
  readFile(): Uint8Array {
    try {
      return fs.readFileSync(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Uint8Array();
      throw vscode.FileSystemError.Unavailable(`AgentGuard cannot read ${this.file}: ${(err as Error).message}`);
    }
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('the AgentGuard audit log is read-only');
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions('the AgentGuard audit log is read-only');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('the AgentGuard audit log is read-only');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('the AgentGuard audit log is read-only');
  }
  dispose(): void {
    fs.unwatchFile(this.file);
    this.changed.dispose();
  }
}

export function registerShowAuditLog(stateDir: string): vscode.Disposable {
  const uri = vscode.Uri.from({ scheme: SCHEME, path: '/audit.jsonl' });
  const provider = new ReadOnlyLog(auditFile(stateDir), uri);
  const registration = vscode.workspace.registerFileSystemProvider(SCHEME, provider, {
    isReadonly: true,
    isCaseSensitive: true,
  });
  const command = vscode.commands.registerCommand('agentguard.showAuditLog', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  });
  return vscode.Disposable.from(registration, command, provider);
}
