// Where a git command's repository is: the first folder up from the working
// folder holding `.git` (a folder, or a file naming the git folder).
import * as path from 'node:path';
import type { Walker } from '../normalize/scope';
import { arrayKey } from '../dynamic';

/** `core.hooksPath` set earlier on the line (`git config core.hooksPath .githooks && git commit`); empty: unset. */
export const LINE_HOOKS_PATH = arrayKey('git-hooks-path');

/** Folders looked through for the repository above the working folder. */
const MAX_UP = 64;

/** The work tree and git folder holding `cwd`: the first folder up with a `.git` folder, or a `.git` file naming one. */
export function repository(cwd: string, w: Walker): { top: string; gitDir: string } | undefined {
  let dir = cwd;
  for (let i = 0; i < MAX_UP; i++) {
    const dotGit = path.join(dir, '.git');
    const st = w.ctx.stat?.(dotGit);
    if (st?.isDir || (st && !st.isFile)) return { top: dir, gitDir: dotGit };
    if (st?.isFile) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(w.ctx.readFile(dotGit, dir) ?? '');
      return m ? { top: dir, gitDir: path.resolve(dir, m[1]) } : undefined;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}
