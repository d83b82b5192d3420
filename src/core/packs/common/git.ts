// What every git judgment shares: reading past git's global options, which
// branches others build on, and how discarded work is described.
import { hasFlag } from '../../command/args';
import { expandOptions } from './gitOptions';
import type { Finding } from '../../types';

/** Global options that take a separate value (`git -C dir status`). */
const GLOBAL_WITH_VALUE = new Set([
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--exec-path',
  '--super-prefix',
  '--config-env',
  '--attr-source',
  '--list-cmds',
]);

/** Branches other people build on: rewriting or deleting them hurts everyone. */
const SHARED_BRANCH =
  /^(?:main|master|trunk|develop|development|dev|prod|production|release|staging|stable|live|gh-pages)$|^(?:release|releases|hotfix|prod|production)[/-]/i;

export function isSharedBranch(ref: string): boolean {
  return SHARED_BRANCH.test(ref.replace(/^refs\/heads\//, ''));
}

export interface Invocation {
  sub: string;
  /** argv from the subcommand on: args[0] is the subcommand, so args helpers start at 1. */
  readonly args: readonly string[];
}

/** Each command's reading, shared by the packs that judge it (git, outgoing, snapshots): the same argv is read once. */
const read = new WeakMap<readonly string[], Invocation | undefined>();

/** Skips git's global options; undefined for `git`, `git --version`, `git --help`. The result is shared: never change it. */
export function invocation(argv: readonly string[]): Invocation | undefined {
  if (read.has(argv)) return read.get(argv);
  const inv = readInvocation(argv);
  read.set(argv, inv);
  return inv;
}

function readInvocation(argv: readonly string[]): Invocation | undefined {
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-')) {
    const a = argv[i];
    if (GLOBAL_WITH_VALUE.has(a)) i += 2;
    else if (
      a === '--version' ||
      a === '-v' ||
      a === '--help' ||
      a === '-h' ||
      a === '--html-path' ||
      a === '--man-path' ||
      a === '--info-path'
    )
      return undefined;
    else i++;
  }
  if (i >= argv.length) return undefined;
  // Abbreviated long options (`--del`, `--har`) are read as the options git takes them for.
  return { sub: argv[i], args: expandOptions(argv[i], argv.slice(i)) };
}

/** Where a git command works, as its global options say (read before the subcommand). */
export interface GitGlobals {
  /** `-C` folders, in order (each relative to the one before). */
  chdir: string[];
  /** `-c key=value` and `--config-env key=VAR`, as written. */
  config: string[];
  gitDir?: string;
  workTree?: string;
}

/** The global options before the subcommand, with their values (`git -C sub -c k=v --git-dir=.g reset`). */
export function gitGlobals(argv: readonly string[]): GitGlobals {
  const g: GitGlobals = { chdir: [], config: [] };
  for (let i = 1; i < argv.length && argv[i].startsWith('-'); i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = inline ?? (GLOBAL_WITH_VALUE.has(name) ? argv[++i] : undefined);
    if (value === undefined) continue;
    if (name === '-C') g.chdir.push(value);
    else if (name === '-c' || name === '--config-env') g.config.push(value);
    else if (name === '--git-dir') g.gitDir = value;
    else if (name === '--work-tree') g.workTree = value;
  }
  return g;
}

export const has = (args: readonly string[], ...names: string[]): boolean => hasFlag(args, names);

/** A pathspec that covers the whole tree (or a large part of it). */
export function isBroadPath(p: string): boolean {
  return (
    p === '.' ||
    p === './' ||
    p === '*' ||
    p === ':/' ||
    p === ':/*' ||
    p === '/' ||
    p === '..' ||
    p.startsWith(':(top)') ||
    p === '-A'
  );
}

/** A path that names one file (`src/app.ts`, `Makefile.am`), not a folder or a pattern. */
const ONE_FILE = /^(?!.*[*?[])(?!.*\/$)(?:.*\/)?[^/]*\.[A-Za-z0-9]{1,8}$/;

export function discardFinding(id: string, what: string, paths: readonly string[], alternative: string): Finding {
  const broad = paths.length === 0 || paths.some(isBroadPath);
  // Named files, each by name: the edits an agent reverts in its own work (the hook keeps a snapshot of them first).
  const files = !broad && paths.length <= 8 && paths.every((p) => ONE_FILE.test(p));
  return {
    id,
    summary: `${what} throws away uncommitted changes ${broad ? 'in the whole working tree' : `to ${paths.slice(0, 3).join(', ')}`}${files ? '' : '; they cannot be recovered'}`,
    target: paths.length ? paths.join(' ') : '.',
    alternative,
    severity: broad ? 60 : files ? 30 : 45,
  };
}
