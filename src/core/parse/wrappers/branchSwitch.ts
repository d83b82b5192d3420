// A branch switch earlier on the line, then a runner: `git checkout evil &&
// npm run build`, `git switch evil && make`. The switch rewrites the work
// tree's files to the branch's, so the runner reads the branch's file, not the
// one on disk now. That file is read from the repository's objects
// (gitObjects/) and judged as the runner will read it; a branch, object or
// form of the command that cannot be read asks. A new branch made where HEAD
// is (`git checkout -b feat`) changes no file.
import * as path from 'node:path';
import type { Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { rememberWrite } from '../normalize/output';
import { Repository } from '../gitObjects/atRef';
import { repository } from './gitRepository';

/** Options of `git checkout` and `git switch` that leave which commit's files land as the command names it. */
const PLAIN = new Set(
  (
    '-q --quiet -d -f --force --discard-changes --progress --no-progress --detach --ignore-other-worktrees ' +
    '--overwrite-ignore --no-overwrite-ignore --recurse-submodules --no-recurse-submodules --guess --no-guess ' +
    '--no-track -t --track --track=direct --track=inherit'
  ).split(' '),
);
/** Options that make a new branch, naming it in the next word: its files are the start point's, HEAD's when none. */
const CREATE = new Set(['-b', '-B', '-c', '-C', '--create', '--force-create', '--orphan']);
/** Global options of git read past before the subcommand (`-C DIR` moves it). */
const GLOBAL_VALUED = new Set(['-c', '--config-env']);
const GLOBAL_FLAGS = new Set([
  '--no-pager',
  '-P',
  '--no-optional-locks',
  '--no-replace-objects',
  '--literal-pathspecs',
]);

/** Where a switch goes: a commit name, or null when the command switches no files (not a switch, a path form). */
type Switch = { name: string; dir: string; force?: boolean } | null | undefined;

/** A git call's subcommand, at argv index `at`, and the folder it works in; undefined when its options cannot be read. */
export function gitCall(c: SimpleCommand): { sub: string; at: number; dir: string } | null | undefined {
  const argv = c.argv;
  if (path.basename(argv[0] ?? '') !== 'git') return null;
  let dir = c.cwd;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const a = argv[i];
    if (c.dynamic[i]) return undefined;
    if (a === '-C' && i + 1 < argv.length && !c.dynamic[i + 1]) dir = path.resolve(dir, argv[++i]);
    else if (GLOBAL_VALUED.has(a)) i++;
    else if (!GLOBAL_FLAGS.has(a)) return undefined;
  }
  return i < argv.length && !c.dynamic[i] ? { sub: argv[i], at: i, dir } : null;
}

/** The commit name `git checkout|switch …` moves the work tree to; undefined when the command cannot be read. */
export function switchedTo(c: SimpleCommand): Switch {
  const argv = c.argv;
  const call = gitCall(c);
  if (!call) return call;
  const { sub, at: i, dir } = call;
  if (sub !== 'checkout' && sub !== 'switch') return null;
  if (argv.length > 64) return undefined;
  const words: string[] = [];
  let created = false;
  let orphan = false;
  for (let k = i + 1; k < argv.length && k < 64; k++) {
    const a = argv[k];
    if (c.dynamic[k]) return undefined;
    // `git checkout REF -- FILE…`: only the files named change (read as writes where a runner's file is named).
    if (a === '--') {
      if (k < argv.length - 1) return null;
      break;
    }
    if (CREATE.has(a)) {
      if (k + 1 >= argv.length || c.dynamic[k + 1]) return undefined;
      created = true;
      orphan ||= a === '--orphan';
      k++;
    } else if (/^--(create|force-create|orphan)=/.test(a)) {
      created = true;
      orphan ||= a.startsWith('--orphan');
    } else if (a.startsWith('-') && a !== '-') {
      if (!PLAIN.has(a)) return undefined;
    } else words.push(a);
  }
  const name = pick(words, created, orphan, sub);
  const force = argv.some((a, k) => k > i && (a === '-f' || a === '--force' || a === '--discard-changes'));
  return name === undefined || name === null ? name : { name, dir, force };
}

/** The start point named, null when none changes the files, undefined when the words say more than a switch. */
function pick(words: string[], created: boolean, orphan: boolean, sub: string): string | null | undefined {
  // `git switch --orphan NAME` empties the work tree's tracked files: nothing the runner reads comes from it.
  if (orphan && sub === 'switch') return null;
  if (words.length === 0) return null;
  if (words.length === 1) return words[0];
  // `git checkout REF FILE…`: a path form, its files read as writes.
  return sub === 'checkout' && !created ? null : undefined;
}

/**
 * Judge the runner's files (`names`, in the folder it starts in and the one above) as the commit `git checkout` goes
 * to holds them. Returns what could not be read (a name, for the question asked), or undefined when all was read.
 */
export function readSwitchedFiles(
  to: { name: string; dir: string; force?: boolean },
  names: ReadonlySet<string>,
  cwd: string,
  w: Walker,
): string | undefined {
  const repo = repository(to.dir, w);
  if (!repo) return to.name;
  const git = new Repository(repo.gitDir);
  const id = git.resolve(to.name);
  if (!id) return to.name;
  const head = to.force ? undefined : git.resolve('HEAD');
  return eachRunnerFile(repo.top, names, cwd, (rel, abs, name) => {
    const text = git.fileAt(id, rel);
    if (text === undefined) return `${to.name}:${name}`;
    // A file the branch holds as HEAD does keeps the disk's changes to it (`-f` drops them): the disk's text runs.
    if (head !== undefined && git.fileAt(head, rel) === text) return undefined;
    if (text !== null) rememberWrite(w, cwd, abs, text, false);
    return undefined;
  });
}

/**
 * Call `read` with each file the runner may read (`names`, in the folder it starts in and the one above; a repository
 * right below it, `npm --prefix sub`, too) as a path in the work tree at `top`; the first thing it returns ends it.
 */
export function eachRunnerFile(
  top: string,
  names: ReadonlySet<string>,
  cwd: string,
  read: (rel: string, abs: string, name: string) => string | undefined,
): string | undefined {
  const folders = [cwd, path.dirname(cwd)];
  if (path.dirname(top) === cwd) folders.push(top);
  for (const folder of folders) {
    const rel = path.relative(top, folder);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    for (const name of names) {
      const unread = read(rel ? `${rel.split(path.sep).join('/')}/${name}` : name, path.join(folder, name), name);
      if (unread) return unread;
    }
  }
  return undefined;
}
