// Git bringing other commits' files in earlier on the line, then a runner:
// `git merge evil && npm run build`, `git rebase evil && make`, `git
// cherry-pick evil`, `git pull . evil`, `git stash pop`. The merged text is
// never computed: for each file the runner reads, the operation either leaves
// it (both sides hold the same text), lands one side's text whole (a
// fast-forward; a commit whose parent holds what HEAD holds; a stash made on
// the text now on disk), which is judged as the runner will read it, or mixes
// both, which asks. A pull from a remote fetches commits not here to read and
// is left as it was.
import * as path from 'node:path';
import type { Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { rememberWrite } from '../normalize/output';
import { Repository } from '../gitObjects/atRef';
import { isAncestor, parents, stashAt } from '../gitObjects/history';
import { repository } from './gitRepository';
import { eachRunnerFile, gitCall } from './branchSwitch';

/** Options that leave which text lands as the command names it (a message, a commit made or not, what is printed). */
const PLAIN = new Set(
  (
    '-q --quiet -v --verbose --no-edit -e --edit --ff --ff-only --no-ff --stat -n --no-stat --progress --no-progress ' +
    '--verify --no-verify --signoff --no-signoff -s --log --no-log --no-commit --commit --squash --no-squash ' +
    '--allow-empty --allow-empty-message -x --keep-redundant-commits --no-autostash --no-rerere-autoupdate'
  ).split(' '),
);
/** Options naming a value in the next word that changes no text (a commit message, a file holding one). */
const VALUED = new Set(['-m', '--message', '-F', '--file']);
/** Options of `git stash pop|apply`. */
const STASH_PLAIN = new Set(['-q', '--quiet', '--index']);

/** What an operation brings in: REF merged or rebased onto, a commit picked, a stash applied. */
export interface Brought {
  /** `abort`: `git merge|rebase|cherry-pick --abort`, named by the subcommand. */
  kind: 'merge' | 'pick' | 'stash' | 'abort';
  name: string;
  dir: string;
  /** A stash applied after `git stash` earlier on the line stashed what the disk holds. */
  afterPush?: boolean;
}

/** Whether `c` stashes the work tree's changes (`git stash`, `git stash push|save`). */
export function stashes(c: SimpleCommand): boolean {
  const call = gitCall(c);
  if (call?.sub !== 'stash') return false;
  // Options first are push's own (`git stash -u`, `git stash -m WIP`).
  const verb = c.argv[call.at + 1];
  return verb === undefined || verb.startsWith('-') || verb === 'push' || verb === 'save';
}

/** Options of `git stash push|save` after which the work tree's tracked files are HEAD's. */
const PUSH_PLAIN = new Set(['-q', '--quiet', '-u', '--include-untracked', '-a', '--all', '--no-keep-index']);

/**
 * Whether a `git stash` leaves the tracked files as HEAD holds them (true), or some other text it does not say
 * (undefined): paths named, `--keep-index` or `--patch` keep some changes.
 */
export function stashLeavesHead(c: SimpleCommand, at: number): true | undefined {
  const save = c.argv[at + 1] === 'save';
  const from = c.argv[at + 1] === 'push' || save ? at + 2 : at + 1;
  for (let k = from; k < c.argv.length && k < 64; k++) {
    const a = c.argv[k];
    if (c.dynamic[k]) return undefined;
    if (a === '-m' || a === '--message') k++;
    else if (!a.startsWith('--message=') && !PUSH_PLAIN.has(a) && (a.startsWith('-') || !save)) return undefined;
  }
  return c.argv.length <= 64 ? true : undefined;
}

/** The commits `git merge|rebase|pull .|cherry-pick|stash pop|apply` brings in; null when none; undefined: unread. */
export function broughtIn(c: SimpleCommand): Brought | null | undefined {
  const call = gitCall(c);
  if (!call) return call;
  const { sub, at, dir } = call;
  const argv = c.argv;
  if (sub !== 'merge' && sub !== 'rebase' && sub !== 'cherry-pick' && sub !== 'pull' && sub !== 'stash') return null;
  if (argv.length > 64) return undefined;
  const words: string[] = [];
  let unread = false;
  for (let k = at + 1; k < argv.length; k++) {
    const a = argv[k];
    if (c.dynamic[k]) {
      unread = true;
      words.push(a);
    } else if (sub === 'stash') {
      if (!a.startsWith('-') || !STASH_PLAIN.has(a)) words.push(a);
    } else if (VALUED.has(a)) k++;
    else if (/^--(message|file)=/.test(a)) continue;
    else if (sub === 'pull' && (a === '-r' || a === '--rebase' || a === '--no-rebase')) continue;
    else if (a.startsWith('-') && a !== '-') {
      // `git merge --continue` only commits what is there already.
      if (a === '--continue' && sub === 'merge') return null;
      if (a === '--abort' && sub !== 'pull') return { kind: 'abort', name: sub, dir };
      unread ||= !PLAIN.has(a);
    } else words.push(a);
  }
  // `git pull` from a remote (and `git merge` of no name, the upstream's) takes commits fetched then: left as it was.
  if (sub === 'pull' && !words.includes('.')) return null;
  if (sub === 'stash')
    return words[0] !== 'pop' && words[0] !== 'apply' ? null : unread ? undefined : stashed(words, dir);
  if (unread) return undefined;
  if (sub === 'pull' && words[0] !== '.') return undefined;
  const names = sub === 'pull' ? words.slice(1) : words;
  if (names.length === 0) return sub === 'pull' ? undefined : null;
  // Several commits, or a branch rebased other than the current one: more than one step, not read here.
  if (names.length > 1) return undefined;
  return { kind: sub === 'cherry-pick' ? 'pick' : 'merge', name: names[0], dir };
}

function stashed(words: string[], dir: string): Brought | undefined {
  const [, which, more] = words;
  if (more !== undefined) return undefined;
  const n = which === undefined ? '0' : (/^(?:stash@\{)?(\d{1,4})\}?$/.exec(which)?.[1] ?? undefined);
  return n === undefined ? undefined : { kind: 'stash', name: n, dir };
}

/**
 * Judge the runner's files (`names`, from `cwd`) as the operation leaves them: one side's text read from the
 * repository and remembered as written; the disk's text where nothing changes. Returns what could not be read (for
 * the question asked), or undefined when all was read.
 */
export function readBroughtFiles(op: Brought, names: ReadonlySet<string>, cwd: string, w: Walker): string | undefined {
  const repo = repository(op.dir, w);
  if (!repo) return op.name;
  const git = new Repository(repo.gitDir);
  const land =
    op.kind === 'stash' ? stashLands(git, op, w) : op.kind === 'abort' ? abortLands(git, op, w) : commitLands(git, op);
  if (!land) return op.kind === 'stash' ? `stash@{${op.name}}` : op.name;
  return eachRunnerFile(repo.top, names, cwd, (rel, abs, name) => {
    const text = land(rel, abs);
    if (text === undefined) return `${op.name}:${name}`;
    if (typeof text === 'string') rememberWrite(w, cwd, abs, text, false);
    return undefined;
  });
}

/** The text a file holds after the operation: false when it is left as it is, null when absent, undefined: mixed. */
type Lands = (rel: string, abs: string) => string | null | false | undefined;

function commitLands(git: Repository, op: Brought): Lands | undefined {
  const head = git.resolve('HEAD');
  const id = git.resolve(op.name);
  if (!head || !id) return undefined;
  let from: string | undefined;
  if (op.kind === 'pick') {
    const up = parents(git, id);
    // A merge commit is picked against a parent named by `-m`, which is not read past.
    if (up?.length !== 1) return undefined;
    from = up[0];
  }
  let forward: boolean | undefined;
  let behind: boolean | undefined;
  return (rel) => {
    const ours = git.fileAt(head, rel);
    const theirs = git.fileAt(id, rel);
    if (ours === undefined || theirs === undefined) return undefined;
    if (ours === theirs) return false;
    if (from !== undefined) {
      const base = git.fileAt(from, rel);
      if (base === undefined) return undefined;
      if (base === theirs) return false;
      return base === ours ? theirs : undefined;
    }
    // A fast-forward lands the named commit's files; one already in HEAD's history changes nothing; anything else
    // merges the two texts.
    forward ??= isAncestor(git, head, id);
    if (forward) return theirs;
    behind ??= isAncestor(git, id, head);
    return behind ? false : undefined;
  };
}

function stashLands(git: Repository, op: Brought, w: Walker): Lands | undefined {
  if (op.afterPush) {
    // `git stash && … && git stash pop`: what is popped is what the disk holds now, where it is not HEAD's.
    const head = git.resolve('HEAD');
    return (rel, abs) => {
      const ours = head && git.fileAt(head, rel);
      return ours !== undefined && (ours ?? undefined) === w.ctx.readFile(abs, path.dirname(abs)) ? false : undefined;
    };
  }
  const id = stashAt(git, Number(op.name));
  // No stash at all: `git stash pop` fails and changes nothing.
  if (id === null) return () => false;
  const up = id && parents(git, id);
  if (!id || !up?.length) return undefined;
  const [base, , untracked] = up;
  return (rel, abs) => {
    // `git stash -u` keeps untracked files in a third parent: popped back where the disk has none.
    const kept = untracked === undefined ? null : git.fileAt(untracked, rel);
    if (kept !== null) return kept;
    const was = git.fileAt(base, rel);
    const now = git.fileAt(id, rel);
    if (was === undefined || now === undefined) return undefined;
    if (was === now) return false;
    // The stash's change lands whole only on the text it was made from.
    const disk = w.written.has(abs) ? w.written.get(abs) : w.ctx.readFile(abs, path.dirname(abs));
    return disk === (was ?? undefined) ? now : undefined;
  };
}

/**
 * `git merge --abort`, `git cherry-pick --abort`: the files go back to HEAD's, or keep changes made before the
 * operation; where the disk holds HEAD's text that is the same text. A rebase, or several picks, go back to a commit
 * recorded in the git folder: asked, unless none is under way (the command then fails, changing nothing).
 */
function abortLands(git: Repository, op: Brought, w: Walker): Lands | undefined {
  const exists = (name: string) => w.ctx.stat?.(path.join(git.gitDir, name)) !== undefined || !w.ctx.stat;
  if (op.name === 'rebase') return exists('rebase-merge') || exists('rebase-apply') ? undefined : () => false;
  if (op.name === 'cherry-pick' && exists('sequencer')) return undefined;
  const head = git.resolve('HEAD');
  if (!head) return undefined;
  return (rel, abs) => {
    const ours = git.fileAt(head, rel);
    return ours !== undefined && (ours ?? undefined) === w.ctx.readFile(abs, path.dirname(abs)) ? false : undefined;
  };
}
