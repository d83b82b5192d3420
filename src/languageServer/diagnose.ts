// Judging open documents: on open at once, on edits after a pause (a burst
// of keystrokes is judged once), in slices so a newer version of the
// document stops an older run, and again when the folder's config changes.
import * as os from 'node:os';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  documentKind,
  type DocumentKind,
  commandDirectory,
  judgeDocumentSteps,
  type DocumentJudgeOptions,
  type Flag,
} from '../core/frontdoor/documents';
import { diagnosticsFor as configDiagnostics } from './configDiagnostics';
import { uriToPath, type Folders, type FolderState } from './folders';
import { diagnosticMessage } from './present';

/** Set by the server's loader (start.ts): told when a whole document was judged. */
const LSP_JUDGED = Symbol.for('agentguard.lspJudged');

export const DEBOUNCE_MS = 150;
/**
 * Lines an editor shows of a document it opens. LSP does not say which lines
 * are visible; an editor opens a file at its top, so on a document's first
 * judgment the flags of these lines are published as soon as they are
 * judged, and the whole document's after (the same flags and the rest).
 */
export const FIRST_SCREEN_LINES = 60;
/** Work done between two looks at whether the document changed again. */
const SLICE_MS = 8;

export interface Judged {
  version: number;
  flags: Flag[];
  folder: FolderState;
  options: DocumentJudgeOptions;
}

export class Diagnoser {
  /** Last complete judgment of each open document. */
  readonly judged = new Map<string, Judged>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Run number per document: a newer run makes older ones stop. */
  private readonly runs = new Map<string, number>();
  /** Version each document was last scheduled at: opening fires both "open" and "change" for one version. */
  private readonly scheduled = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
  ) {}

  kindOf(doc: TextDocument): { kind: DocumentKind; file: string } | undefined {
    const file = uriToPath(doc.uri);
    if (!file) return undefined;
    const kind = documentKind(
      file,
      doc.languageId,
      doc.getText(0 < doc.lineCount ? { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } : undefined),
    );
    return kind ? { kind, file } : undefined;
  }

  optionsFor(file: string, kind: DocumentKind): { folder: FolderState; options: DocumentJudgeOptions } {
    const folder = this.folders.stateOf(this.folders.rootOf(file));
    const home = os.homedir();
    return {
      folder,
      options: {
        workspace: folder.root,
        cwd: commandDirectory(kind, file, folder.root),
        config: folder.config,
        env: { HOME: home },
        home,
        cache: folder.cache,
      },
    };
  }

  /** `again`: judge even if this version was judged (the config changed under it). */
  schedule(doc: TextDocument, delayMs = DEBOUNCE_MS, again = false): void {
    if (!again && delayMs > 0 && this.scheduled.get(doc.uri) === doc.version) return;
    this.scheduled.set(doc.uri, doc.version);
    clearTimeout(this.timers.get(doc.uri));
    const run = (this.runs.get(doc.uri) ?? 0) + 1;
    this.runs.set(doc.uri, run);
    if (delayMs <= 0) {
      void this.run(doc.uri, run);
      return;
    }
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.run(doc.uri, run);
      }, delayMs),
    );
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.runs.set(uri, (this.runs.get(uri) ?? 0) + 1);
    this.judged.delete(uri);
    this.scheduled.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Every open document of a folder, again, after the same pause as an edit (the config is being typed). */
  rejudgeFolder(root: string): void {
    for (const doc of this.documents.all()) {
      const k = this.kindOf(doc);
      if (k && k.kind !== 'config' && this.folders.rootOf(k.file) === root) this.schedule(doc, DEBOUNCE_MS, true);
    }
  }

  private current(uri: string, run: number): boolean {
    return this.runs.get(uri) === run && this.documents.get(uri) !== undefined;
  }

  private async run(uri: string, run: number): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || !this.current(uri, run)) return;
    const k = this.kindOf(doc);
    if (!k) return;
    const text = doc.getText();
    if (k.kind === 'config') {
      const diagnostics: Diagnostic[] = configDiagnostics(text, uri).map((d) => ({
        range: { start: doc.positionAt(d.offset), end: doc.positionAt(d.offset + Math.max(1, d.length)) },
        severity: DiagnosticSeverity.Error,
        source: 'agentguard',
        message: d.message,
      }));
      void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
      return;
    }
    const { folder, options } = this.optionsFor(k.file, k.kind);
    const flags: Flag[] = [];
    // Only a first judgment is published in two: after an edit, the flags further down are the last ones
    // published until the whole document is judged again (from the cache, in a few milliseconds).
    let firstScreen = this.judged.has(uri) ? undefined : doc.offsetAt({ line: FIRST_SCREEN_LINES, character: 0 });
    let sliceStart = performance.now();
    for (const step of judgeDocumentSteps(k.kind, text, options)) {
      flags.push(...step.flags);
      if (firstScreen !== undefined && step.end >= firstScreen) {
        firstScreen = undefined;
        if (step.end < text.length) {
          void this.connection.sendDiagnostics({
            uri,
            version: doc.version,
            diagnostics: flags.map((f) => toDiagnostic(doc, f)),
          });
          // A turn of the event loop, so the first screen's diagnostics are written before the rest is judged.
          await new Promise((resolve) => setImmediate(resolve));
          if (!this.current(uri, run)) return;
          sliceStart = performance.now();
          continue;
        }
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!this.current(uri, run)) return;
        sliceStart = performance.now();
      }
    }
    if (!this.current(uri, run)) return;
    this.judged.set(uri, { version: doc.version, flags, folder, options });
    void this.connection.sendDiagnostics({
      uri,
      version: doc.version,
      diagnostics: flags.map((f) => toDiagnostic(doc, f)),
    });
    // A whole document judged: what the next server needs compiled is compiled now (start.ts keeps it).
    (globalThis as Record<symbol, (() => void) | undefined>)[LSP_JUDGED]?.();
  }
}

export function toDiagnostic(doc: TextDocument, flag: Flag): Diagnostic {
  const top = [...flag.result.findings].sort((a, b) => b.severity - a.severity)[0];
  return {
    range: { start: doc.positionAt(flag.start), end: doc.positionAt(flag.end) },
    severity: flag.decision === 'deny' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'agentguard',
    ...(top ? { code: top.id } : {}),
    message: diagnosticMessage(flag),
  };
}
