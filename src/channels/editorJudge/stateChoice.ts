// Whose state folder a judged call would use, for both of the judge's doors
// (the hook's, server.ts, and the terminal's, lines.ts): the editor judges
// only a call whose folder is its own, read and written as the caller's own
// process would (core/frontdoor/state callStateDir). Every call asks, so a
// relocated caller's choice is kept per folder its environment names: working
// it out reads the record of confirmed relocations and, for an ignored
// relocation, makes the default folder (a recursive mkdir). A kept choice stands only
// while what it was worked out from stands: the record unchanged (the same
// file, size and times) and, for an ignored relocation, the folder it made
// still a folder. Anything else works it out afresh, as an uncached call
// would; an unusable choice is never kept.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  accountHome,
  callStateDir,
  defaultStateDir,
  localState,
  relocationFile,
  stateDir,
  unusableReason,
  type CallState,
  type StateDirChoice,
} from '../../core/frontdoor/state';

/** Environments told apart at once (one per relocation in use; a handful at most): the set is emptied past it. */
const MAX_KEPT = 16;

const kept = new Map<string, { choice: StateDirChoice; record: string }>();

/** What the record of confirmed relocations is now: changed by any rewrite (a rename makes a new file). */
function recordMark(home: string): string {
  try {
    const s = fs.statSync(relocationFile(home), { bigint: true, throwIfNoEntry: false });
    return s ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : 'none';
  } catch (err) {
    // Unreadable: never equal to a kept mark, so the choice is worked out afresh every time.
    return `error:${Math.random()}:${(err as Error).message}`;
  }
}

function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** callStateDir, kept while what it was worked out from stands. */
export function judgedStateDir(env: Readonly<Record<string, string | undefined>>): StateDirChoice {
  const home = accountHome();
  // Everything callStateDir reads from the environment ends up in the folder it asks for.
  const key = stateDir(env as NodeJS.ProcessEnv, home);
  // The default folder is chosen with nothing read or made: nothing to keep.
  if (key === defaultStateDir(home)) return callStateDir(env);
  const record = recordMark(home);
  const was = kept.get(key);
  if (was && was.record === record && (was.choice.ignored === undefined || isFolder(was.choice.dir))) return was.choice;
  const choice = callStateDir(env);
  kept.delete(key);
  if (choice.unusable === undefined) {
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(key, { choice, record });
  }
  return choice;
}

/**
 * The state a call from a process with this environment is judged with at
 * this editor, whose own folder is `ownState` (resolved); or why the editor
 * declines it (`elsewhere`: what it says of a call whose folder is another),
 * for the caller's own process to judge: with no folder to trust, it is
 * denied there, saying why.
 */
export function judgedState(
  env: Readonly<Record<string, string | undefined>>,
  ownState: string,
  elsewhere: string,
): { state: CallState } | { decline: string } {
  const choice = judgedStateDir(env);
  const unusable = unusableReason(choice);
  if (unusable !== undefined) return { decline: unusable };
  if (path.resolve(choice.dir) !== ownState) return { decline: elsewhere };
  return { state: localState(choice.dir) };
}
