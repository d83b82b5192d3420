// How a path is compared with the protected places: lower-cased where the
// file system ignores case, and with symlinks resolved, so a symlinked home
// or a link planted in the workspace cannot walk a write past the guard.
import * as path from 'node:path';
import { globRegex, type Touch } from '../effects/pathTouch';
import type { AnalysisContext } from '../types';
import { isNormalAbsolute } from '../text/normalPath';

const posix = path.posix;

/** The context as compared: lower-cased where the file system ignores case. */
const folded = new WeakMap<AnalysisContext, AnalysisContext>();
export function view(ctx: AnalysisContext): AnalysisContext {
  if (!ctx.caseInsensitive) return ctx;
  let v = folded.get(ctx);
  if (!v) {
    v = { ...ctx, workspace: ctx.workspace.toLowerCase(), home: ctx.home.toLowerCase() };
    folded.set(ctx, v);
  }
  return v;
}

/**
 * A name as a case-insensitive disk compares it. Unicode case folding also takes the long s (`ſ`, U+017F) to `s`,
 * which toLowerCase keeps: on such a disk `.claude/ſettings.json` is `.claude/settings.json`. (The Kelvin sign,
 * the only other letter folding into ASCII, toLowerCase already takes to `k`.)
 */
export function foldCase(x: string): string {
  const lower = x.toLowerCase();
  return lower.includes('\u017f') ? lower.replace(/\u017f/g, 's') : lower;
}

export function foldTouch(t: Touch, ctx: AnalysisContext): Touch {
  if (!ctx.caseInsensitive) return t;
  const path = foldCase(t.path);
  const out: Touch = { ...t, path, dir: foldCase(t.dir) };
  if (t.glob) {
    const re = globRegex(path);
    if (re) out.glob = re;
  }
  return out;
}

const MAX_DEPTH = 64;

/** Real path of `p`: the realpath of its deepest existing ancestor, plus the rest as spelled. */
export function realOf(p: string, ctx: AnalysisContext): string {
  if (!ctx.realpath) return p;
  if (isNormalAbsolute(p)) return realOfNormal(p, ctx.realpath);
  let rest = '';
  let q = p;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const r = ctx.realpath(q);
    if (r !== undefined) return rest ? posix.join(r, rest) : r;
    if (q === '/' || q === '.') return p;
    rest = rest ? posix.join(posix.basename(q), rest) : posix.basename(q);
    q = posix.dirname(q);
  }
  return p;
}

/**
 * realOf for an absolute path already normal (most: every path a command touches is asked for): its ancestors are
 * the text before each of its slashes and the rest is the text after, so nothing is split or joined again, with the
 * same answer. A real path that is not itself absolute and normal is joined as realOf joins it.
 */
function realOfNormal(p: string, realpath: (p: string) => string | undefined): string {
  let q = p;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const r = realpath(q);
    if (r !== undefined) {
      if (q === p) return r;
      const rest = p.slice(q === '/' ? 1 : q.length + 1);
      if (r === '/') return '/' + rest;
      return isNormalAbsolute(r) ? r + '/' + rest : posix.join(r, rest);
    }
    if (q === '/') return p;
    const slash = q.lastIndexOf('/');
    q = slash === 0 ? '/' : q.slice(0, slash);
  }
  return p;
}

/**
 * The same touch with symlinks resolved, when that changes the path. A delete
 * or move acts on the last component itself (a symlink goes, not its target)
 * unless it is written with a trailing `/` (`rm -rf link/` empties the folder
 * it points to); a write, truncate or chmod goes through it.
 */
export function resolvedTouch(t: Touch, ctx: AnalysisContext): Touch | undefined {
  if (!ctx.realpath) return undefined;
  const through = !t.glob && (t.kind === 'write' || t.kind === 'truncate' || t.kind === 'chmod' || t.follow === true);
  const base = t.glob || t.dir !== t.path ? t.dir : through ? t.path : posix.dirname(t.path);
  const real = realOf(base, ctx);
  if (real === base) return undefined;
  const swap = (p: string) => (p === base ? real : p.startsWith(base + '/') ? real + p.slice(base.length) : p);
  const out: Touch = { ...t, path: swap(t.path), dir: swap(t.dir) };
  if (t.glob) {
    const re = globRegex(out.path);
    if (!re) return undefined;
    out.glob = re;
  }
  return out;
}
