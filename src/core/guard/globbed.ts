// The files a glob reaches on this disk, for protected-path checks: the
// patterns are matched as text against every protected place, and expanded
// against the file system so that a match which is a symlink is judged by
// where it leads. Past the glob's bound the reach is unknown.
import { expandGlob } from '../command/glob';
import type { Touch } from '../effects/pathTouch';
import type { AnalysisContext, Finding } from '../types';
import { PROTECTED_PATH_ID } from '../policy/rules';

/** Symlinked matches of a glob touch, each as a touch of its own; `tooMany` past the bound. */
export function linkedMatches(t: Touch, ctx: AnalysisContext): { touches: Touch[]; tooMany?: true } {
  // A delete or move acts on a symlink itself, not on what it leads to; find's `**` patterns are matched as text only.
  if (!t.glob || t.kind === 'delete' || t.kind === 'move' || t.path.includes('**')) return { touches: [] };
  const x = expandGlob(t.path, ctx);
  if (!x) return { touches: [] };
  if ('tooMany' in x) return { touches: [], tooMany: true };
  return { touches: x.matches.filter((m) => m.link).map((m) => ({ kind: t.kind, path: m.path, dir: m.path, tree: t.tree })) };
}

/** A glob that reaches more files than AgentGuard reads before a command runs: what it touches is unknown. */
export function tooWideFinding(shown: string): Finding {
  return {
    id: PROTECTED_PATH_ID,
    summary: `${shown} matches more files than AgentGuard reads before a command runs, so it cannot tell whether protected files are among them`,
    target: shown,
    alternative: 'name the files, or a narrower pattern',
    severity: 50,
  };
}
