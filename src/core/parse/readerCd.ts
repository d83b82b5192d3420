// The `cd` a reader puts before the lines a runner runs in a folder of its own
// (a Taskfile task's `dir:`, pixi's and poe's `cwd`, a justfile's folder): the
// runner makes or enters that folder itself, so this `cd` never fails. A `cd`
// among the task's own lines is the shell's, and fails as the shell's does.
import type { Scope } from './normalize/scope';

/**
 * An option word marking the reader's own `cd`. Random per process, so no line or task file can spell it (a task
 * line's `cd -$'\x03' nothere` would otherwise pass for the reader's).
 */
const MARK = `-${Math.random().toString(36).slice(2, 12)}\u0003`;

/** The line entering `word` (already a shell word) for a runner. */
export function readerCdLine(word: string): string {
  return `cd ${MARK} ${word}`;
}

/** Whether `cd`'s argv is a reader's own, in lines a reader made for a runner (Scope.runnerCd). */
export function readerCd(argv: readonly string[], scope: Scope): boolean {
  return scope.runnerCd === true && argv[1] === MARK;
}
