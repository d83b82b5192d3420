// Git or a patch earlier on the line, then a file run by its path or given to
// an interpreter: `git checkout evil && ./bin/run`, `git merge evil && sh
// build.sh`, `git apply x.patch && python3 tool.py`. The file runs as the
// operation leaves it, read with the readers a runner's own file goes through
// (gitChanges.ts): the commit's text where it lands whole (a switch, a
// fast-forward, a picked commit or stash made on the text now on disk) is
// remembered as written and judged; where the result is not computed (two
// sides merged, a patch touching it, a ref not read) it asks.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { runsOnlyAfter } from '../normalize/chains';
import { gitChanges, type Unread } from './gitChanges';

/** Git operations and patches earlier on the line read for one file; past this, it asks. */
const MAX_OPERATIONS = 8;

/**
 * Read what git operations and patches earlier on the line leave of `file` (run from `scope.cwd`): the text they
 * land is remembered as written, so the caller's read sees it. Returns what could not be read, or undefined.
 */
export function gitLeaves(file: string, p: Pending, scope: Scope, w: Walker): Unread | undefined {
  const abs = path.resolve(scope.cwd, file);
  const names = new Set([path.basename(abs)]);
  const own = `${path.basename(p.argv[0] ?? '')} option`;
  let seen = 0;
  for (const c of w.out) {
    const prog = path.basename(c.argv[0] ?? '');
    if ((prog !== 'git' && prog !== 'patch') || c.source === p.source || c.via[c.via.length - 1] === own) continue;
    if (++seen > MAX_OPERATIONS) return { target: file, what: 'more git operations than are read' };
    const before = w.written.get(abs);
    const unread = gitChanges(c, names, path.dirname(abs), w);
    if (unread) return { target: file, what: `${unread.what} (${unread.target})` };
    // `git checkout other; ./run.sh`: when the change fails the file runs as it is now, and that text is not judged.
    if (w.written.get(abs) !== before && !runsOnlyAfter(c, w))
      return { target: file, what: `\`${c.argv.slice(0, 3).join(' ')}\`, which may fail and leave it as it is now` };
  }
  return undefined;
}

/** The reason given when `gitLeaves` could not read what runs. */
export function gitLeavesWhat(unread: Unread): string {
  return `a file as ${unread.what} earlier on the line leaves it, not read here`;
}

/** What `gitModules` gives a reader of a script's imported modules. */
export interface GitModules {
  /** Lands what the line's git operations leave at `abs`; false when that is not read (the module then runs unread). */
  land(abs: string): boolean;
  /** The first module whose text was not read, if any. */
  unread?: Unread;
}

/**
 * `git checkout evil && python3 main.py`, where evil changes only lib.py that main.py imports: each module the script
 * imports runs as git leaves it too. Undefined when no git operation or patch comes earlier on the line, so a line
 * without one reads the modules from disk as before.
 */
export function gitModules(p: Pending, scope: Scope, w: Walker): GitModules | undefined {
  const own = `${path.basename(p.argv[0] ?? '')} option`;
  const before = w.out.some((c) => {
    const prog = path.basename(c.argv[0] ?? '');
    return (prog === 'git' || prog === 'patch') && c.source !== p.source && c.via[c.via.length - 1] !== own;
  });
  if (!before) return undefined;
  const out: GitModules = {
    land: (abs) => {
      const unread = gitLeaves(abs, p, scope, w);
      out.unread ??= unread;
      return unread === undefined;
    },
  };
  return out;
}
