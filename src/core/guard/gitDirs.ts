// A git directory under another name is git's internals all the same: a
// folder holding HEAD, objects/ and refs/ is what git itself accepts as a
// repository (`git --git-dir=cache status`), so its config and hooks run as
// `.git/config` and `.git/hooks` do. Writes there are judged like writes
// into `.git/` (protectedPaths.ts protects `.git` by name; this finds the rest).
import * as path from 'node:path';
import type { Touch } from '../effects/pathTouch';
import type { AnalysisContext } from '../types';
import { isGitDir } from '../packs/autorun/gitDirs';

const posix = path.posix;
/** Files of a git directory that make git run code, or point it at another git directory. */
const RUNS_CODE = new Set(['config', 'config.worktree', 'commondir', 'gitdir']);

/** The git directory (not named `.git`) whose config or hooks this touch writes, if any. */
export function foreignGitDir(t: Touch, ctx: AnalysisContext): string | undefined {
  if (t.glob) return undefined;
  const segments = t.path.split('/');
  if (segments.includes('.git')) return undefined;
  const base = segments[segments.length - 1];
  const candidates: string[] = [];
  if (RUNS_CODE.has(base)) candidates.push(posix.dirname(t.path));
  const hooks = segments.lastIndexOf('hooks');
  if (hooks > 0) candidates.push(segments.slice(0, hooks).join('/') || '/');
  // The folder itself moved or deleted whole is not a planting; writing into it is.
  if (t.kind === 'write' && t.tree) candidates.push(t.path);
  return candidates.find((d) => isGitDir(d, ctx));
}
