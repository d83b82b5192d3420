// The protected-path patterns of the configuration and the managed policy, compiled once
// and matched against a path.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import type { Config } from '../config/schema';
import { isAncestorOrSelf, takesWith, type Touch } from '../effects/pathTouch';
import { MANAGED_LAYER, type EffectiveConfig } from '../config/effective';
import { isWindowsPath, toSlashForm } from '../command/winPaths';
import type { AnalysisContext } from '../types';

export const posix = path.posix;

interface Pattern {
  /** As written in the config. */
  glob: string;
  /** minimatch's regex for the absolute pattern: testing it is far cheaper than Minimatch#match. */
  re: RegExp | false;
  /** Absolute directory before the first glob character: deleting or moving it (or a parent) takes every match with it. */
  base: string;
}

const MAGIC = /[*?[\]{}()!+@]/;

function compilePattern(written: string, workspace: string, home: string, nocase: boolean): Pattern {
  // `C:\\data\\**` in a Windows policy: the slash form every path is compared in.
  const glob = isWindowsPath(written) ? toSlashForm(written) : written;
  const abs =
    glob.startsWith('/') || isWindowsPath(glob)
      ? glob
      : glob.startsWith('~/')
        ? posix.join(home, glob.slice(2))
        : posix.join(workspace, glob);
  const segments = abs.split('/');
  const literal: string[] = [];
  for (const s of segments) {
    if (MAGIC.test(s)) break;
    literal.push(s);
  }
  const base = literal.join('/') || '/';
  return {
    glob: written,
    re: new Minimatch(abs, { dot: true, nocase }).makeRe(),
    base: nocase ? base.toLowerCase() : base,
  };
}

// Compiled once per config and workspace/home pair (the globs are relative to them).
const compiledPatterns = new WeakMap<readonly string[], Map<string, Pattern[]>>();

export function configPatterns(config: Config | undefined, ctx: AnalysisContext): Pattern[] {
  return listPatterns(config?.protectedPaths, ctx);
}

/** The organization's managed protected paths (policy/managedMerge.ts), relative to each workspace as a config's are. */
export function managedPatterns(config: Config | undefined, ctx: AnalysisContext): Pattern[] {
  return listPatterns((config as EffectiveConfig | undefined)?.[MANAGED_LAYER]?.protectedPaths, ctx);
}

function listPatterns(list: readonly string[] | undefined, ctx: AnalysisContext): Pattern[] {
  if (!list?.length) return [];
  let byRoot = compiledPatterns.get(list);
  if (!byRoot) {
    byRoot = new Map();
    compiledPatterns.set(list, byRoot);
  }
  const key = `${ctx.workspace}\0${ctx.home}\0${ctx.caseInsensitive === true}`;
  let patterns = byRoot.get(key);
  if (!patterns) {
    patterns = list.map((g) => compilePattern(g, ctx.workspace, ctx.home, ctx.caseInsensitive === true));
    byRoot.set(key, patterns);
  }
  return patterns;
}

export function matchesPattern(path: string, p: Pattern): boolean {
  return p.re !== false && p.re.test(path);
}

export function hitsPattern(t: Touch, p: Pattern): boolean {
  if (matchesPattern(t.path, p)) return true;
  // A glob whose directory lies inside the protected base touches protected files.
  if (t.glob && isAncestorOrSelf(p.base, t.dir) && p.base !== '/') return true;
  // The protected base itself, or a directory holding it, deleted/moved whole.
  return takesWith(t, p.base);
}
