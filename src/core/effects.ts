// Which files a command writes, truncates, moves, deletes or re-permissions.
// Shared by the filesystem pack and protected-path checks.
import type { AnalysisContext, SimpleCommand } from './types';

export type FileEffectKind = 'delete' | 'write' | 'truncate' | 'move' | 'chmod';

export interface FileEffect {
  kind: FileEffectKind;
  /** Absolute path when it can be resolved; the raw word otherwise (then `dynamic` is true). */
  path: string;
  /** The word held an unresolved expansion or glob. */
  dynamic: boolean;
  /** Deletion or chmod that recurses into a directory. */
  recursive?: boolean;
}

// Placeholder until written: reports nothing.
export function fileEffects(_cmd: SimpleCommand, _ctx: AnalysisContext): FileEffect[] {
  return [];
}
