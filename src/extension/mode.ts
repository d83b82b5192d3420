// `agentguard.mode`, made real: the effective mode of each open folder is
// written where the hook reads it (core/editorMode). An untrusted workspace
// may tighten (say "enforce"), never loosen: its "monitor" is ignored.
import * as vscode from 'vscode';
import { resolveEditorMode, writeEditorMode, type EditorMode } from '../core/editorMode';

export function effectiveMode(folder: vscode.WorkspaceFolder, trusted: boolean): EditorMode {
  const seen = vscode.workspace.getConfiguration('agentguard', folder.uri).inspect<string>('mode');
  return resolveEditorMode({ workspace: seen?.workspaceFolderValue ?? seen?.workspaceValue, user: seen?.globalValue ?? seen?.defaultValue }, trusted);
}

export class ModeSync implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly stateDir: string, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentguard.mode')) this.sync();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.sync()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.sync()),
    );
    this.sync();
  }

  sync(): void {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const mode = effectiveMode(folder, vscode.workspace.isTrusted);
      try {
        writeEditorMode(this.stateDir, folder.uri.fsPath, mode);
        this.log.info(`mode for ${folder.uri.fsPath}: ${mode}${mode === 'monitor' ? ' (agents are judged and logged, never blocked; the kill switch still halts them)' : ''}`);
      } catch (err) {
        this.log.warn(`could not record the mode for ${folder.uri.fsPath}: ${(err as Error).message}; the hook enforces`);
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
