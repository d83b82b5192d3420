// The diff beside the approval modal: current ↔ proposed text of each file an
// agent wants to change, served read-only under AgentGuard's own scheme, so
// nothing the human sees can be saved back by accident, and closed again
// once the question is answered.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApprovalPreviewFile } from '../shared/protocol';

export const PREVIEW_SCHEME = 'agentguard-preview';

/** Diffs open at once per request; more files are listed in the modal only. */
const MAX_DIFFS = 5;

export class DiffView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private next = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /**
   * Opens one diff per previewable file beside the active editor, without
   * taking focus from the modal. Returns what closes them again.
   */
  async open(files: readonly ApprovalPreviewFile[], who: string): Promise<vscode.Disposable> {
    const id = String(++this.next);
    const uris: string[] = [];
    const shown = files.filter((f) => f.after !== undefined || f.before !== undefined).slice(0, MAX_DIFFS);
    for (const [i, f] of shown.entries()) {
      const side = (which: 'current' | 'proposed', text: string) => {
        // The real path keeps the file's language (highlighting); the query keeps requests apart.
        const uri = vscode.Uri.from({
          scheme: PREVIEW_SCHEME,
          path: f.path,
          query: `${which}&request=${id}&file=${i}`,
        });
        this.texts.set(uri.toString(), text);
        uris.push(uri.toString());
        return uri;
      };
      const left = side('current', f.before ?? '');
      const right = side('proposed', f.after ?? '');
      const title = `${path.basename(f.path)}: current ↔ proposed by ${who}${f.note ? ` (${f.note})` : ''}`;
      try {
        await vscode.commands.executeCommand('vscode.diff', left, right, title, {
          // Beside the file being worked on; with nothing open, the whole editor area, so the diff stays side by side.
          viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
          preview: shown.length === 1,
          preserveFocus: true,
        } satisfies vscode.TextDocumentShowOptions);
      } catch (err) {
        this.log.warn(`could not open the diff of ${f.path}: ${(err as Error).message}`);
      }
    }
    return new vscode.Disposable(() => void this.close(id, uris));
  }

  private async close(id: string, uris: readonly string[]): Promise<void> {
    const ours = (u: vscode.Uri) => u.scheme === PREVIEW_SCHEME && new URLSearchParams(u.query).get('request') === id;
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && (ours(t.input.original) || ours(t.input.modified)));
    try {
      if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
    } catch (err) {
      this.log.warn(`could not close the diff tabs: ${(err as Error).message}`);
    }
    for (const u of uris) this.texts.delete(u);
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
