// Commands earlier on the line that rewrite a runner's file from git's
// history or a patch: a branch switch (branchSwitch.ts), commits merged,
// rebased onto, picked or a stash applied (gitMerges.ts), a patch applied
// (patchFiles.ts). Each either has the runner's file judged as it will be
// read, or tells what could not be read.
import * as path from 'node:path';
import type { Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { gitCall, readSwitchedFiles, switchedTo } from './branchSwitch';
import { broughtIn, readBroughtFiles, stashLeavesHead, stashes } from './gitMerges';
import { patchTouches } from './patchFiles';

/** What could not be read (`target`) and the command that changes it (`what`), for the question asked. */
export interface Unread {
  target: string;
  what: string;
}

/** Read what `c` leaves of the runner's files (`names`, from `cwd`); what could not be read, or undefined. */
export function gitChanges(c: SimpleCommand, names: ReadonlySet<string>, cwd: string, w: Walker): Unread | undefined {
  const prog = path.basename(c.argv[0] ?? '');
  if (prog !== 'git' && prog !== 'patch') return undefined;
  const words = c.argv.slice(0, 3).join(' ');
  const patched = patchTouches(c, names, w);
  if (patched !== null) return { target: patched ?? words, what: 'a patch applied' };
  if (prog !== 'git') return undefined;
  // `git checkout evil && npm run build`: the runner reads the file as the branch holds it.
  const to = switchedTo(c);
  const switched = to === undefined ? words : to && readSwitchedFiles(to, names, cwd, w);
  if (switched) return { target: switched, what: 'a branch switch' };
  // `git stash && npm run build`: the tracked files go back to HEAD's.
  const call = stashes(c) ? gitCall(c) : undefined;
  if (call) {
    if (!stashLeavesHead(c, call.at)) return { target: words, what: 'a stash' };
    const head = readSwitchedFiles({ name: 'HEAD', dir: call.dir, force: true }, names, cwd, w);
    return head ? { target: head, what: 'a stash' } : undefined;
  }
  // `git merge evil && make`: as the commits brought in leave it.
  const op = broughtIn(c);
  if (op?.kind === 'stash') op.afterPush = w.out.slice(0, w.out.indexOf(c)).some(stashes);
  const merged = op === undefined ? words : op && readBroughtFiles(op, names, cwd, w);
  return merged ? { target: merged, what: 'commits brought in' } : undefined;
}
