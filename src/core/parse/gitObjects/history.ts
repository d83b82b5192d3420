// A commit's history, read from the repository's own files as atRef.ts reads
// its refs: the parents a commit names, whether one commit is among another's
// ancestors (a bounded walk), and the stashes `git stash pop` takes from.
// Anything that cannot be read is unknown (undefined), never a plain "no".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countLookup } from '../../state/lookups';
import type { Repository } from './atRef';

/** Commits looked at when walking back from one commit for another. */
const MAX_WALK = 1000;
/** Largest stash reflog read. */
const MAX_REFLOG = 1024 * 1024;
/** Parents a commit may name before it reads as damaged. */
const MAX_PARENTS = 64;

/** The parents the commit `id` names, first parent first; undefined when it cannot be read. */
export function parents(git: Repository, id: string): string[] | undefined {
  const obj = git.store.read(id);
  if (obj?.type !== 'commit') return undefined;
  // The header ends at the first blank line; the parents follow the tree line.
  const head = obj.data.toString('latin1', 0, Math.min(obj.data.length, 48 * (MAX_PARENTS + 2)));
  const out: string[] = [];
  for (const line of head.split('\n').slice(1, MAX_PARENTS + 1)) {
    const m = /^parent ([0-9a-f]{40})$/.exec(line);
    if (!m) break;
    out.push(m[1]);
  }
  return out;
}

/**
 * Whether `ancestor` is `id` or one of its ancestors, walking back at most MAX_WALK commits; false when the walk
 * ends without it or cannot go on (a commit that cannot be read, a history too long), which callers treat alike.
 */
export function isAncestor(git: Repository, ancestor: string, id: string): boolean {
  const seen = new Set<string>([id]);
  const queue = [id];
  for (let k = 0; k < queue.length && k < MAX_WALK; k++) {
    if (queue[k] === ancestor) return true;
    const up = parents(git, queue[k]);
    if (!up) return false;
    for (const p of up) {
      if (!seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return false;
}

/**
 * The commit of `stash@{n}`: refs/stash for the newest, its reflog for older ones; null when the repository has no
 * stash at all (`git stash pop` fails), undefined when it cannot be read.
 */
export function stashAt(git: Repository, n: number): string | null | undefined {
  if (!hasStash(git)) return null;
  if (n === 0) return git.resolve('refs/stash');
  countLookup();
  let log: string;
  try {
    const file = path.join(git.common, 'logs', 'refs', 'stash');
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > MAX_REFLOG) return undefined;
    log = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // The newest entry is the last line: stash@{n} is n lines above it.
  const lines = log.split('\n').filter((l) => l);
  const line = lines[lines.length - 1 - n];
  return line === undefined ? undefined : /^[0-9a-f]{40} ([0-9a-f]{40}) /.exec(line)?.[1];
}

/** Whether refs/stash may exist: a loose ref, or a packed one (any mention of it, or a list that cannot be read). */
function hasStash(git: Repository): boolean {
  countLookup();
  try {
    if (fs.existsSync(path.join(git.common, 'refs', 'stash'))) return true;
    const packed = path.join(git.common, 'packed-refs');
    const st = fs.statSync(packed, { throwIfNoEntry: false });
    if (!st) return false;
    return !st.isFile() || st.size > MAX_REFLOG * 4 || fs.readFileSync(packed, 'latin1').includes(' refs/stash');
  } catch {
    return true;
  }
}
