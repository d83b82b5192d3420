// What a human needs to see before approving an agent's change: the file as
// it is and as it would be, or what a command would delete. Computed by the
// hook only when a call needs approval, bounded so a huge file or folder can
// never delay the modal.

/** One file before and after a proposed change. Absent text means it is not shown, and `note` says why. */
export interface FilePreview {
  path: string;
  before?: string;
  after?: string;
  note?: string;
}

/** What a command would delete, as far as a bounded walk saw. */
export interface DeleteSummary {
  /** Files and folders counted (at least this many when `complete` is false). */
  count: number;
  /** Bytes of the files counted. */
  bytes: number;
  /** The first paths, absolute. */
  sample: string[];
  /** False when the walk stopped at its bound or a target could not be resolved. */
  complete: boolean;
}

export interface ChangePreview {
  files?: FilePreview[];
  deletes?: DeleteSummary;
}

/** The current content of one file, as a bounded read saw it. */
export type CurrentFile =
  | { kind: 'missing' }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: number }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'unreadable'; reason: string };

/** Entry of a directory walk; sizes only for files. */
export interface WalkEntry {
  name: string;
  kind: 'file' | 'dir' | 'other';
  bytes: number;
}

/** The file-system reads a preview needs; injected so tests need no disk and the hook passes real ones. */
export interface PreviewIo {
  readCurrent(absPath: string): CurrentFile;
  /** lstat of one path; undefined when it does not exist. */
  stat(absPath: string): WalkEntry | undefined;
  /** Entries of a directory; undefined when it cannot be listed. */
  list(absDir: string): WalkEntry[] | undefined;
  now(): number;
}

export const PREVIEW_LIMITS = {
  /** Text per file side shown in a diff. */
  fileBytes: 256 * 1024,
  /** Text of all files together. */
  totalBytes: 1024 * 1024,
  /** Entries a deletion walk visits. */
  walkEntries: 2000,
  /** Time a deletion walk may take. */
  walkMs: 150,
  /** Paths named in a deletion summary. */
  samplePaths: 10,
  /** Files previewed per request. */
  files: 20,
} as const;

export type PreviewLimits = { -readonly [K in keyof typeof PREVIEW_LIMITS]: number };
