// A glob as the shell expands it, against the file system: `~/.local/*/*/audit.*`
// names no protected file, yet the shell hands the command the audit log.
// Expanded segment by segment like the shell (a leading dot is matched only
// by a pattern that starts with one; `**` crosses folders only where the
// shell says so), bounded in the entries it reads: past the bound the answer
// is "too many", which the caller treats as unknown and asks about.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import type { AnalysisContext } from '../types';

const posix = path.posix;

/** Most folder entries read for one glob (matches are among them). */
export const MAX_GLOB_ENTRIES = 4096;
/** Longest one glob may take to expand: past it, what it matches is unknown (the caller asks). */
export const MAX_GLOB_MS = 1;

export type GlobExpansion =
  /** What the shell would hand the command (empty: nothing matches, the word stays as written). */
  | { matches: GlobMatch[] }
  /** More than the bound to read: unknown. */
  | { tooMany: true };

export interface GlobMatch {
  path: string;
  /** A symbolic link: what it reaches is elsewhere. */
  link: boolean;
}

const GLOB_CHARS = /[*?[]/;

/** Whether an absolute word holds glob characters the shell would expand. */
export function isGlob(word: string): boolean {
  return GLOB_CHARS.test(word);
}

const segmentCache = new Map<string, Minimatch>();
function segmentMatcher(segment: string): Minimatch {
  let m = segmentCache.get(segment);
  if (!m) {
    if (segmentCache.size > 256) segmentCache.clear();
    // One segment: `/` never occurs in it; brace expansion happened before (the parser's).
    m = new Minimatch(segment, { dot: false, nobrace: true, noext: false });
    segmentCache.set(segment, m);
  }
  return m;
}

/**
 * Expands an absolute glob against the context's file system. `globstar`:
 * `**` matches any depth of folders (zsh, bash with `shopt -s globstar`);
 * otherwise it is `*`. Undefined when the context cannot list folders.
 */
export function expandGlob(absPattern: string, ctx: AnalysisContext, globstar = false): GlobExpansion | undefined {
  if (!ctx.readdir || !absPattern.startsWith('/')) return undefined;
  const segments = absPattern.split('/').filter(Boolean);
  // Compiled before the clock starts: the time bound is for reading folders, and a fresh
  // hook process pays its one-time start-up costs (compiling, the first file-system call,
  // the first match) before and in the first listing. That listing always runs — one folder
  // is bounded by its entries — and the clock starts when it has been matched.
  for (const seg of segments) if (GLOB_CHARS.test(seg)) segmentMatcher(globstar && seg === '**' ? '*' : seg);
  let budget = MAX_GLOB_ENTRIES;
  let lastStart: bigint | undefined;
  let deadline: bigint | undefined;
  const startClock = (): void => {
    if (deadline !== undefined) return;
    const started = process.hrtime.bigint();
    // No folder is opened past 85% of the time: one more listing (~0.15 ms for 100 entries) still ends inside it.
    lastStart = started + BigInt(MAX_GLOB_MS * 0.85e6);
    deadline = started + BigInt(MAX_GLOB_MS * 1e6);
  };
  // Candidates so far: [absolute path, is a link].
  let current: GlobMatch[] = [{ path: '/', link: false }];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (!GLOB_CHARS.test(seg)) {
      current = current.map((c) => ({ path: posix.join(c.path, seg), link: c.link }));
      continue;
    }
    const next: GlobMatch[] = [];
    const descend = globstar && seg === '**';
    const m = segmentMatcher(descend ? '*' : seg);
    const queue = current.map((c) => c);
    while (queue.length) {
      const dir = queue.shift()!;
      if (descend) next.push(dir);
      if (lastStart !== undefined && process.hrtime.bigint() > lastStart) return { tooMany: true };
      const entries = ctx.readdir(dir.path);
      // A folder that exists but cannot be listed (too big, no permission) holds what nobody can say.
      if (!entries) {
        if (ctx.stat?.(dir.path)?.isDir) return { tooMany: true };
        continue;
      }
      budget -= entries.length;
      if (budget < 0 || (deadline !== undefined && process.hrtime.bigint() > deadline)) return { tooMany: true };
      for (const e of entries) {
        if (!m.match(e.name)) continue;
        if (!last && !e.dir) continue;
        const match = { path: posix.join(dir.path, e.name), link: dir.link || (e.link ?? false) };
        if (!descend) next.push(match);
        // `**` goes down through real folders only, as the shell does (each is a match in turn, when popped).
        else if (e.dir && !e.link) queue.push(match);
        else if (last) next.push(match);
      }
      startClock();
    }
    current = next;
    if (current.length === 0) return { matches: [] };
  }
  // Literal tails must exist for the shell to keep the match.
  const out = current.filter(
    (c) =>
      GLOB_CHARS.test(segments[segments.length - 1] ?? '') ||
      ctx.stat?.(c.path) !== undefined ||
      ctx.realpath?.(c.path) !== undefined,
  );
  return { matches: out };
}
