// Edits without a hook: a protected file (the workspace's `protectedPaths`)
// changed by anything but the human's own typing — a WorkspaceEdit an
// extension applied and saved, a file an agent's process wrote to disk — is
// put back. The changed content goes to the snapshot store first, then the
// previous content is written back, and the human sees the diff with "Apply
// change" / "Discard": nothing is lost either way. A write a hook or the
// terminal gate let through a moment ago (the audit log says so) is kept.
//
// Bounded: watchers only on the protected globs of each folder, at most
// MAX_FILES files kept as the previous content, each up to MAX_FILE_BYTES.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import * as vscode from 'vscode';
import { PROTECTED_PATH_ID } from '../core/frontdoor/policy';
import { loadConfig } from '../core/frontdoor/config';
import { localState } from '../core/frontdoor/state';
import { approvedRecently } from '../core/frontdoor/terminal';
import type { DiffView } from './diffView';
import { onDidConfirmPolicy } from './policyGate';

const MAX_FILES = 2000;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;
const SETTLE_MS = 400;
/** A content change counts as typed when the cursor moved by keyboard in its editor this close to it. */
const TYPED_WINDOW_MS = 300;

export const APPLY_CHANGE = 'Apply change';
export const DISCARD = 'Discard';

type Content = Buffer | null;

function readBounded(file: string): Content | 'too-large' {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile()) return null;
    if (st.size > MAX_FILE_BYTES) return 'too-large';
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

const same = (a: Content, b: Content) => (a === null || b === null ? a === b : a.equals(b));

export class FileGuard implements vscode.Disposable {
  /** Previous content of each protected file (null: it did not exist). */
  private readonly baseline = new Map<string, Content>();
  private total = 0;
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly keyboardAt = new Map<string, number>();
  /** When the editor last saved each file: its own write is judged by onSave, not as a write from outside. */
  private readonly savedAt = new Map<string, number>();
  /** Open documents changed by something other than typing since their last save. */
  private readonly foreign = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly handling = new Set<string>();
  private globs: { folder: vscode.WorkspaceFolder; glob: string }[] = [];

  constructor(
    private readonly stateDir: string,
    private readonly diffView: DiffView,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.kind === vscode.TextEditorSelectionChangeKind.Keyboard)
          this.keyboardAt.set(e.textEditor.document.uri.fsPath, Date.now());
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onWillSaveTextDocument((e) => {
        if (e.document.uri.scheme === 'file') this.savedAt.set(e.document.uri.fsPath, Date.now());
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.onSave(d)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rebuild()),
      onDidConfirmPolicy(() => void this.rebuild()),
    );
    void this.rebuild();
  }

  private isProtected(file: string): boolean {
    return (
      this.baseline.has(file) ||
      this.globs.some(({ folder, glob }) => {
        const rel = path.relative(folder.uri.fsPath, file);
        return (
          !rel.startsWith('..') &&
          !path.isAbsolute(rel) &&
          minimatch(rel.split(path.sep).join('/'), glob, { dot: true })
        );
      })
    );
  }

  /** The protected globs of every open folder, their files' content now, and a watcher per glob. */
  private async rebuild(): Promise<void> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.globs = [];
    for (const folder of (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file')) {
      const loaded = loadConfig(folder.uri.fsPath);
      const globs = loaded.ok
        ? (loaded.config?.protectedPaths ?? []).filter((g) => !path.isAbsolute(g) && !g.startsWith('~'))
        : [];
      for (const glob of globs) {
        this.globs.push({ folder, glob });
        const pattern = new vscode.RelativePattern(folder, glob);
        const watcher = vscode.workspace.createFileSystemWatcher(pattern);
        const on = (uri: vscode.Uri) => this.schedule(uri.fsPath);
        this.watchers.push(watcher, watcher.onDidChange(on), watcher.onDidCreate(on), watcher.onDidDelete(on));
        for (const uri of await vscode.workspace.findFiles(pattern, undefined, MAX_FILES)) this.remember(uri.fsPath);
      }
    }
    if (this.globs.length)
      this.log.info(
        `protected files: ${this.baseline.size} kept for putting back (${this.globs.map((g) => g.glob).join(', ')})`,
      );
  }

  private remember(file: string, content: Content | 'too-large' = readBounded(file)): void {
    const old = this.baseline.get(file);
    if (old) this.total -= old.length;
    if (
      content === 'too-large' ||
      (this.baseline.size >= MAX_FILES && !this.baseline.has(file)) ||
      this.total + (content?.length ?? 0) > MAX_TOTAL_BYTES
    ) {
      this.baseline.delete(file);
      this.log.warn(`protected file ${file} is not kept for putting back (over the size bounds)`);
      return;
    }
    this.baseline.set(file, content);
    this.total += content?.length ?? 0;
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const file = e.document.uri.fsPath;
    if (e.document.uri.scheme !== 'file' || !e.contentChanges.length || !this.isProtected(file)) return;
    if (e.reason === vscode.TextDocumentChangeReason.Undo || e.reason === vscode.TextDocumentChangeReason.Redo) return;
    const at = Date.now();
    // The cursor's keyboard move comes just after the change it belongs to: look once it had its chance.
    setTimeout(() => {
      const typed = Math.abs((this.keyboardAt.get(file) ?? 0) - at) <= TYPED_WINDOW_MS;
      if (!typed) {
        this.foreign.add(file);
        this.log.info(`protected file ${file} changed in the editor by something other than typing`);
      }
    }, TYPED_WINDOW_MS / 2);
  }

  private onSave(doc: vscode.TextDocument): void {
    const file = doc.uri.fsPath;
    if (doc.uri.scheme !== 'file' || !this.isProtected(file)) return;
    // Decide once the typing check of the last change ran.
    setTimeout(() => {
      if (this.foreign.has(file)) {
        this.foreign.delete(file);
        void this.putBack(file, 'an extension changed it in the editor and saved it');
      } else {
        this.remember(file);
      }
    }, TYPED_WINDOW_MS);
  }

  private schedule(file: string): void {
    clearTimeout(this.timers.get(file));
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        this.onDisk(file);
      }, SETTLE_MS),
    );
  }

  private onDisk(file: string): void {
    if (this.handling.has(file)) return;
    const now = readBounded(file);
    if (now === 'too-large') return this.remember(file, now);
    const before = this.baseline.get(file);
    if (before !== undefined && same(before, now)) return;
    // The editor's own save: onSave decides.
    if (Date.now() - (this.savedAt.get(file) ?? 0) < 2000 + SETTLE_MS) return;
    if (approvedRecently(this.stateDir, file)) {
      this.log.info(`protected file ${file} changed by a write that was approved a moment ago; kept`);
      return this.remember(file, now);
    }
    if (before === undefined) return this.remember(file, now);
    void this.putBack(
      file,
      now === null ? 'a program outside the editor deleted it' : 'a program outside the editor wrote it',
    );
  }

  /** Snapshot what is there now, write the previous content back, and let the human choose. */
  private async putBack(file: string, why: string): Promise<void> {
    const before = this.baseline.get(file);
    if (before === undefined || this.handling.has(file)) return;
    this.handling.add(file);
    try {
      const changed = readBounded(file);
      if (changed === 'too-large' || same(changed, before)) return;
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
      const rel = path.relative(folder, file);
      let snapshot = '';
      if (changed !== null) {
        const { takeFileSnapshot, snapshotBudget } = await import('../core/frontdoor/records');
        const r = takeFileSnapshot({
          stateDir: this.stateDir,
          targets: [file],
          workspace: folder,
          subject: `changed ${rel} without approval`,
          cwd: folder,
          budget: snapshotBudget(),
        });
        snapshot = r.taken && r.id ? ` The change is kept as snapshot ${r.id}.` : '';
      }
      this.write(file, before);
      this.log.warn(`protected file ${file}: ${why}; previous content put back${snapshot}`);
      localState(this.stateDir).record({
        time: new Date().toISOString(),
        host: 'editor',
        event: 'protectedFileChange',
        kind: 'edit',
        paths: [file],
        decision: 'deny',
        score: 70,
        findings: [PROTECTED_PATH_ID],
        workspace: folder,
      });
      const diffs = await this.diffView.open(
        [
          {
            path: file,
            before: before?.toString('utf8') ?? '',
            after: changed?.toString('utf8') ?? '',
            ...(changed === null ? { note: 'deleted' } : {}),
          },
        ],
        'an agent without approval',
      );
      try {
        const detail = `${rel} is protected (.agentguard.json protectedPaths): ${why}, without your approval. AgentGuard put the previous content back.${snapshot}\n\nThe diff beside this dialog shows current ↔ proposed. "Apply change" writes the proposed content; "Discard" keeps the file as it is now.`;
        // The first button is the default: Enter and Escape keep the file as it was.
        const choice = await vscode.window.showWarningMessage(
          `AgentGuard put back ${rel}: it was changed without approval`,
          { modal: true, detail },
          DISCARD,
          APPLY_CHANGE,
        );
        if (choice === APPLY_CHANGE) {
          this.write(file, changed);
          this.log.info(`protected file ${file}: a human applied the change`);
        } else {
          this.log.info(`protected file ${file}: change discarded (${choice ?? 'dismissed'})`);
        }
        localState(this.stateDir).record({
          time: new Date().toISOString(),
          host: 'editor',
          event: 'protectedFileChange',
          kind: 'edit',
          paths: [file],
          decision: choice === APPLY_CHANGE ? 'allow' : 'deny',
          policy: 'ask',
          approval: choice === APPLY_CHANGE ? 'allow' : 'deny',
          score: 70,
          findings: [PROTECTED_PATH_ID],
          workspace: folder,
        });
      } finally {
        diffs.dispose();
      }
    } catch (err) {
      this.log.warn(`protected file ${file}: could not put it back (${(err as Error).message})`);
    } finally {
      this.handling.delete(file);
    }
  }

  private write(file: string, content: Content): void {
    if (content === null) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    this.remember(file, content);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
