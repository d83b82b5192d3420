// The repository git finds from the folder it runs in (`git -C DIR status`,
// `cd DIR && git log`) when that folder lies outside the workspace: git reads
// that repository's config (core.fsmonitor runs on every `git status`,
// core.pager on `git log`) and runs its hooks, and nothing protects a folder
// there from whoever wrote it. The folder is found as git finds it (up from
// DIR to the first `.git`, a `.git` file followed to the folder it names);
// gitSettings.ts then reads it as it reads a `--git-dir` one.
import * as path from 'node:path';
import { UNKNOWN } from './dynamic';
import type { Pending, Walker } from './normalize/scope';
import { makesNothing } from './wrappers/madeOnLine';
import type { SimpleCommand } from '../types';

/** Most folders walked up looking for `.git`: deeper than any real tree. */
const MAX_UP = 64;

/** `git clone` options that put settings or hooks into the clone: one made with them is not git's default. */
const CLONE_SETS = /^(?:-c|--config|--template|--separate-git-dir|-u|--upload-pack)(?:=|$)|^-c./;

function inside(abs: string, dir: string): boolean {
  return abs === dir || abs.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** The folder a plain `git clone URL [DIR]` earlier on the line made, when it made one (absolute; DIR may be known at run time only). */
function plainCloneTarget(c: SimpleCommand): string | undefined {
  if (path.basename(c.argv[0] ?? '') !== 'git' || c.dynamic.slice(0, -1).some(Boolean)) return undefined;
  const at = c.argv.indexOf('clone');
  if (at < 1 || c.argv.slice(1, at).some((a) => !/^-/.test(a))) return undefined;
  const rest = c.argv.slice(at + 1);
  if (rest.some((a) => CLONE_SETS.test(a))) return undefined;
  const words = rest.filter((a) => !a.startsWith('-'));
  if (c.dynamic.at(-1) && words.length < 2) return undefined;
  // Options that take a value (`--branch main`, `--depth 1`) leave more words; the last one is the folder when there are two or more.
  const url = words[0];
  if (url === undefined) return undefined;
  const dir =
    words.length >= 2 ? words[words.length - 1] : path.basename(url.replace(/\/+$/, '')).replace(/\.git$/, '');
  return path.resolve(c.cwd, dir);
}

/** Whether the commands earlier on the line that may make files are plain clones, one of them of `dir` (or a folder holding it). */
function onlyClonedHere(w: Walker, p: Pending, dir: string): boolean {
  const targets = w.out.filter((c) => c.source !== p.source && !makesNothing(c)).map(plainCloneTarget);
  return (
    targets.length > 0 &&
    targets.every((t) => t !== undefined) &&
    targets.some((t) => t !== undefined && inside(dir, t))
  );
}

/** Programs whose output, given only relative names without `..`, names folders below the one they run in. */
const LISTERS = new Set(['ls', 'find', 'fd', 'fdfind']);

/** `$(ls)`, `$(find . -name .git)/..`: folders a lister prints from the workspace, each one there. */
function listedHere(word: string): boolean {
  const m = /^\$\(\s*([^()]*)\)/.exec(word);
  const words = m?.[1].trim().split(/\s+/) ?? [];
  return (
    LISTERS.has(words[0] ?? '') && words.slice(1).every((x) => !/^[/~]/.test(x) && !/(?:^|\/)\.\.(?:\/|$)/.test(x))
  );
}

/**
 * A folder known only when the line runs (`git -C "$d" pull`): git reads whatever config and hooks are there,
 * which nothing on the line shows, so it is returned for the reader to ask about, as an unreadable config is.
 * Left alone when the part known before it keeps it in the workspace (`git -C "src/$name"`, `cd "$d"` from the
 * workspace), when it is a folder a lister prints from the workspace (`for d in $(ls)`, `find . -name .git |
 * while read d`), or when a plain clone on the line made it. A loop over `*\/` names workspace folders as they are.
 */
function runTimeRepo(
  dir: string,
  word: string | undefined,
  how: string,
  p: Pending,
  w: Walker,
): [string, string] | undefined {
  const ws = w.ctx.workspace;
  if (word === undefined || !/^[\u0001$`]/.test(word)) {
    const known = dir.slice(0, dir.search(/[\u0001$`*?[]/));
    if (inside(path.resolve(known.endsWith('/') ? known : path.dirname(known)), ws)) return undefined;
  } else if (listedHere(word)) return undefined;
  if (w.out.some((c) => c.source !== p.source && plainCloneTarget(c) === path.resolve(dir))) return undefined;
  return [how, path.join(dir, '.git')];
}

/**
 * The git folder git takes from `dir` when `dir` is outside the workspace: [how the line named it, the folder];
 * undefined when git finds none there, or when a plain clone on the line made it (git's default config).
 * A folder an earlier command on the line may fill, a `.git` file that cannot be read, or a folder known only at
 * run time (runTimeRepo) is returned as is, for the reader to ask about. `word` is the folder as written, when
 * `git -C` named it.
 */
export function outsideRepoDir(
  dir: string,
  how: string,
  p: Pending,
  w: Walker,
  word?: string,
): [string, string] | undefined {
  // A pattern (`for d in ~/src/*/`) is each folder it matches, none of them read here: as a run-time folder.
  if (dir.includes(UNKNOWN) || /[$`*?[]/.test(dir)) return runTimeRepo(dir, word, how, p, w);
  const abs = path.resolve(dir);
  const ws = w.ctx.workspace;
  if (inside(abs, ws) || !w.ctx.stat) return undefined;
  const cloned = onlyClonedHere(w, p, abs);
  let at = abs;
  for (let n = 0; n < MAX_UP; n++) {
    const dotGit = path.join(at, '.git');
    const st = w.ctx.stat(dotGit);
    const written = w.written.get(dotGit);
    if (st?.isDir === true) return cloned ? undefined : [how, dotGit];
    if (st || written !== undefined || w.writtenUnknown.has(dotGit)) {
      const text = written ?? (w.writtenUnknown.has(dotGit) ? undefined : w.ctx.readFile(dotGit, at));
      const named = text === undefined ? undefined : /^gitdir:\s*(.+?)\s*$/m.exec(text)?.[1];
      if (named === undefined) return [how, dotGit];
      const gitDir = path.resolve(at, named);
      // A linked worktree's folder keeps its config in the repository it belongs to (`commondir`).
      const common = w.ctx.readFile(path.join(gitDir, 'commondir'), gitDir)?.trim();
      return [how, common ? path.resolve(gitDir, common) : gitDir];
    }
    // A bare repository (HEAD, objects/ and refs/ right there): git takes the folder itself for its git folder.
    if (bare(at, w)) return cloned ? undefined : [how, at];
    const up = path.dirname(at);
    if (up === at || inside(ws, at)) break;
    at = up;
  }
  // Nothing there now: a command earlier on the line (an unpacked archive, a copy) may put a repository there.
  if (!cloned && w.ctx.stat(abs)?.isDir !== false && madeSomething(w, p)) return [how, path.join(abs, '.git')];
  return undefined;
}

function bare(dir: string, w: Walker): boolean {
  const st = (name: string) => w.ctx.stat?.(path.join(dir, name));
  return st('HEAD')?.isFile === true && st('objects')?.isDir === true && st('refs')?.isDir === true;
}

/** git's own looks, which write nothing outside their repository's git folder (`git -C /tmp/a status && git -C /tmp/b …`). */
const GIT_LOOKS = new Set([
  'status',
  'log',
  'diff',
  'show',
  'rev-parse',
  'ls-files',
  'describe',
  'shortlog',
  'blame',
  'grep',
  'ls-remote',
  'cat-file',
]);

function gitLook(c: SimpleCommand): boolean {
  if (path.basename(c.argv[0] ?? '') !== 'git' || c.dynamic.some(Boolean)) return false;
  // The subcommand: the first word after git's own options (`-C DIR`, `-c k=v`, `--no-pager`).
  for (let i = 1; i < c.argv.length; i++) {
    const a = c.argv[i];
    if (a === '-C' || a === '-c') i++;
    else if (!a.startsWith('-')) return GIT_LOOKS.has(a);
  }
  return false;
}

function madeSomething(w: Walker, p: Pending): boolean {
  return w.out.some((c) => c.source !== p.source && !makesNothing(c) && !gitLook(c));
}
