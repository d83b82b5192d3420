// How many times the engine has looked at the file system: a path resolved
// or statted, a folder listed, a file read, a kube context or an archive's
// members read, answered from a short-lived cache or not. A caller that sees
// the count unchanged across one judgment knows the judgment read nothing
// from disk, so it depends only on the request and the options it was given,
// and the same request under the same options is judged the same again
// (`check --batch` reuses such answers for repeated lines). Every reader the
// engine uses counts here; a new one must too.
//
// A judgment that did look can still be reused when every look can be
// repeated: a reader that passes through `repeatableLookup` says what it saw
// and how to look again without any cache. If every look, repeated, sees the
// same, the judgment would read the same disk and answer the same. A reader
// that only calls `countLookup` makes the judgment unrepeatable (judged again).

import { owns } from '../text/own';

let lookups = 0;

export function countLookup(): void {
  lookups++;
  if (recording) recording.whole = false;
}

export function lookupCount(): number {
  return lookups;
}

/** One look at the disk: what the judgment saw, and how to look again, uncached: `again(arg)`. */
export interface Look {
  readonly saw: unknown;
  readonly again: (arg: string) => unknown;
  /** What `again` looks at, for a reader that passes it (repeatablePathLookup); '' for one that does not. */
  readonly arg: string;
  /**
   * The reader that looked (`stat:`), or for a reader without a path what it looked at, when the reader names it:
   * the same reader and `arg` look again the same way. Kept apart from `arg`, not joined to it: a batch keeps a
   * few looks for every line it answers, and a joined name for each (a string of its own, flattened once more
   * when looked up) was most of what those looks held.
   */
  readonly what: string | undefined;
}

/**
 * What keyed looks saw, by reader then by what it looked at (`arg`): the two are never joined into one string.
 * `size` counts the looks held, over every reader.
 */
export class SeenLooks {
  private readonly byReader = new Map<string, Map<string, unknown>>();
  size = 0;

  has(what: string, arg: string): boolean {
    return this.byReader.get(what)?.has(arg) === true;
  }

  get(what: string, arg: string): unknown {
    return this.byReader.get(what)?.get(arg);
  }

  set(what: string, arg: string, saw: unknown): void {
    let ofReader = this.byReader.get(what);
    if (!ofReader) this.byReader.set(what, (ofReader = new Map()));
    const before = ofReader.size;
    ofReader.set(arg, saw);
    this.size += ofReader.size - before;
  }

  clear(): void {
    this.byReader.clear();
    this.size = 0;
  }
}

interface Recording {
  looks: Look[];
  /** What each keyed look saw: the same look made again in one judgment (same key, same answer) is kept once. */
  seen?: SeenLooks;
  /** False once a look could not be recorded (a reader without `again`, too many looks, a look that threw). */
  whole: boolean;
}

/**
 * Past this many looks a judgment is not worth repeating them. A line that writes build files and runs the build
 * (gradle's init scripts, settings and buildSrc) makes 33–54, a `find / -exec rm` or `find ~ -delete` 120–340 (the
 * guard's protected places below where it starts): repeating a look costs a few µs, judging such a line again
 * 1–3 ms.
 */
export const MAX_REPEATED_LOOKS = 512;

let recording: Recording | undefined;

/**
 * A counted lookup that can be repeated: `look` answers now (from a cache or not), `again` afresh. `key`,
 * when given, names the look (reader and what it looks at): two looks of one key repeat the same way, so a
 * judgment that made it twice and saw the same is repeated once (a line resolves its workspace for every path).
 */
export function repeatableLookup<T>(look: () => T, again: () => T, key?: string): T {
  return recordedLookup(look, again, '', key);
}

/**
 * repeatableLookup for a reader of one path: `again(path)` looks afresh. `again` is the reader's own function, one
 * for all its looks, so a look kept with a batch's answer holds no closure of its own: a batch keeps a few looks for
 * every line it answers, and a closure and its context for each cost the collector about 0.8% of a new line.
 * `what` names the reader (`stat:`): two looks of one reader at one path repeat the same way.
 */
export function repeatablePathLookup<T>(look: () => T, again: (path: string) => T, path: string, what: string): T {
  return recordedLookup(look, again, path, what);
}

function recordedLookup<T>(look: () => T, again: (arg: string) => T, arg: string, what: string | undefined): T {
  lookups++;
  const rec = recording;
  if (!rec) return look();
  // What `look` reads on its way (a file opened, statted) is this one look's own, repeated by `again`.
  recording = undefined;
  try {
    const saw = look();
    if (what !== undefined && rec.seen?.has(what, arg) && rec.seen.get(what, arg) === saw) return saw;
    if (rec.looks.length < MAX_REPEATED_LOOKS) {
      // Every field always there: one hidden class for every look.
      rec.looks.push({ saw, again, arg, what });
      if (what !== undefined) (rec.seen ??= new SeenLooks()).set(what, arg, saw);
    } else rec.whole = false;
    return saw;
  } catch (err) {
    rec.whole = false;
    throw err;
  } finally {
    recording = rec;
  }
}

/**
 * Runs `judge`, recording its looks. `looks` is undefined when one of them
 * cannot be repeated; an empty list means the judgment read nothing.
 */
export function recordLookups<T>(judge: () => T): { value: T; looks: readonly Look[] | undefined } {
  const outer = recording;
  const rec: Recording = { looks: [], whole: true };
  recording = rec;
  try {
    const value = judge();
    return { value, looks: rec.whole ? rec.looks : undefined };
  } finally {
    recording = outer;
    if (outer) {
      outer.whole &&= rec.whole;
      for (const l of rec.looks) outer.looks.push(l);
    }
  }
}

/** Most keyed looks one `now` holds; past it, it starts again empty. */
const MAX_NOW_LOOKS = 4096;

/**
 * Whether every look, repeated now, sees what it saw. `now`, when given, holds what keyed looks saw when
 * repeated for earlier lines: a caller that answers a set of lines that arrived together passes one map for
 * them, so a file every line looks at (the workspace's package.json, git config) is looked at once for them,
 * all of it after they arrived. A look that threw is not kept.
 */
export function stillSeen(looks: readonly Look[], now?: SeenLooks): boolean {
  for (const l of looks) {
    let seen: unknown;
    if (now && l.what !== undefined && now.has(l.what, l.arg)) seen = now.get(l.what, l.arg);
    else {
      try {
        seen = l.again(l.arg);
      } catch {
        return false;
      }
      if (!same(l.saw, seen, 0)) return false;
      // Kept as what was seen before (the line's answer holds it already, not a second copy of a file); a look
      // that saw something else is not kept, and is made again for a line that saw that.
      if (now && l.what !== undefined) {
        if (now.size >= MAX_NOW_LOOKS) now.clear();
        now.set(l.what, l.arg, l.saw);
      }
      continue;
    }
    if (!same(l.saw, seen, 0)) return false;
  }
  return true;
}

/** About what keeping looks holds and repeating them costs: one per look, per listed entry, per 64 characters read. */
export function lookWeight(looks: readonly Look[]): number {
  let w = 0;
  for (const l of looks) {
    w += 1;
    if (Array.isArray(l.saw)) w += l.saw.length;
    else if (typeof l.saw === 'string') w += l.saw.length >> 6;
  }
  return w;
}

/** Deep equality of what readers return: strings, numbers, booleans, undefined, plain objects and arrays. */
function same(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 8) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!owns(b, k)) return false;
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}
