// The files a glob reaches on this disk, for protected-path checks: the
// patterns are matched as text against every protected place, and expanded
// against the file system so that a match which is a symlink is judged by
// where it leads. Past the glob's bound the reach is unknown.
import { expandGlob } from '../command/glob';
import { isAncestorOrSelf, type Touch } from '../effects/pathTouch';
import { treeOf } from '../effects/landing';
import type { AnalysisContext, Finding } from '../types';
import { PROTECTED_PATH_ID } from '../policy/rules';

/** Symlinked matches of a glob touch, each as a touch of its own; `tooMany` past the bound. */
export function linkedMatches(t: Touch, ctx: AnalysisContext): { touches: Touch[]; tooMany?: true } {
  // A delete or move acts on a symlink itself, not on what it leads to; find's `**` patterns are matched as text only.
  if (!t.glob || t.kind === 'delete' || t.kind === 'move' || t.path.includes('**')) return { touches: [] };
  const x = expandGlob(t.path, ctx);
  if (!x) return { touches: [] };
  if ('tooMany' in x) return { touches: [], tooMany: true };
  return {
    touches: x.matches.filter((m) => m.link).map((m) => ({ kind: t.kind, path: m.path, dir: m.path, tree: t.tree })),
  };
}

/**
 * find's `**` patterns (`find ~/.local -name audit.jsonl -delete`) reach below
 * every folder under their root, so a protected folder there is listed and
 * what the pattern matches inside it is touched. Only protected folders are
 * read (not the whole root: a workspace's dependencies would make every
 * `find . -name '*.pyc' -delete` unknown); one too big to list is unknown.
 */
export function deepMatches(
  t: Touch,
  folders: readonly string[],
  ctx: AnalysisContext,
): { touches: Touch[]; tooMany?: true } {
  if (!t.glob || !t.path.includes('**') || !ctx.readdir) return { touches: [] };
  const touches: Touch[] = [];
  // Indexed: hundreds of folders, and until V8 optimizes this (most of a batch) each for…of step allocates.
  for (let i = 0; i < folders.length; i++) {
    const folder = folders[i];
    // The part of the folder the pattern reaches: all of it below the root, or the root inside it.
    const from = isAncestorOrSelf(t.dir, folder) ? folder : isAncestorOrSelf(folder, t.dir) ? t.dir : undefined;
    if (!from || !ctx.stat?.(from)?.isDir) continue;
    const tree = treeOf(from, ctx);
    if (!tree) return { touches: [], tooMany: true };
    for (const rel of tree) {
      const p = rel ? `${from}/${rel}` : from;
      if (t.glob.test(p)) touches.push({ kind: t.kind, path: p, dir: p, tree: t.tree });
    }
    if (touches.length) break;
  }
  return { touches };
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
