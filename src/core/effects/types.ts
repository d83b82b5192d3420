// The vocabulary of effects: one file touched by one command, and how.
export type FileEffectKind = 'delete' | 'write' | 'truncate' | 'move' | 'chmod';

export interface FileEffect {
  kind: FileEffectKind;
  /** Absolute path when it can be resolved; the raw word otherwise (then `dynamic` is true). */
  path: string;
  /** The word held an unresolved expansion or glob. */
  dynamic: boolean;
  /** Deletion or chmod that recurses into a directory. */
  recursive?: boolean;
  /** Written with a trailing `/` (`rm -rf dist/`): a symlink there is gone through, not removed itself. */
  follow?: boolean;
  /** Held more brace alternatives than are read (`{a,…,q}`): what it names past them is not known. */
  unread?: true;
}

/** Where a reader of a tool's options reports each file it touches. */
export interface EffectSink {
  add(kind: FileEffectKind, word: string, recursive?: boolean, dynamicHint?: boolean): void;
}
