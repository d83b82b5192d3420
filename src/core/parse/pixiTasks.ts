// pixi's tasks: `pixi run NAME` runs a task of the project's manifest (pixi.toml,
// or pyproject.toml's `[tool.pixi]` when there is no pixi.toml), after the tasks
// it depends on; a name that is no task runs as a command line in pixi's own
// shell. The manifest may have been written a moment before on the same line, so
// the task is read and judged as the lines it runs, as a poe or mise task is.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from './normalize/scope';
import type { UnwrapStep } from './wrappers/common';
import { type Recipes } from './recipes';
import { parseFinding } from './normalize/scope';
import { childrenOf, MAX_TOML_CHARS, quoted, stringsAt, tomlKeys } from './tomlTasks';
import { findUpIn, linesOf, presentUpIn } from './taskRunners';
import { shellWord } from '../text/shellWord';
import { readerCdLine } from './readerCd';

/** `pixi run`'s options that take a value (pixi's CLI reference). */
const RUN_VALUED = [
  '-e',
  '--environment',
  '-m',
  '--manifest-path',
  '--auth-file',
  '--pypi-keyring-provider',
  '--concurrent-solves',
  '--concurrent-downloads',
  '--color',
];
/** Marks the line naming the folder a task runs in (the manifest's, or its `cwd`), turned into a `cd` when run. */
export const PIXI_CD = '\u0002';
/** Most feature and platform tables whose tasks are read. */
const MAX_TABLES = 64;

/** The words of a `cmd` given as a list, as pixi runs them: each quoted; their plain join too when it reads otherwise. */
function argvLines(words: readonly string[]): string[] {
  const asWords = words.map(shellWord).join(' ');
  const joined = words.join(' ');
  return joined === asWords ? [asWords] : [asWords, joined];
}

/** The prefixes of every task table of a manifest: `tasks`, `feature.F.tasks`, `target.P.tasks`, `feature.F.target.P.tasks`. */
function taskTables(keys: Map<string, string>, root: string): string[] {
  const tables = [`${root}tasks.`];
  const targets = (at: string): string[] =>
    [...childrenOf(keys, `${at}target.`)].slice(0, MAX_TABLES).map((p) => `${at}target.${p}.tasks.`);
  tables.push(...targets(root));
  for (const f of [...childrenOf(keys, `${root}feature.`)].slice(0, MAX_TABLES)) {
    tables.push(`${root}feature.${f}.tasks.`, ...targets(`${root}feature.${f}.`));
  }
  return tables;
}

/**
 * The tasks of a pixi manifest, every feature's and platform's merged (which environment runs is not followed:
 * each task of the name is judged). A task is a line, a list of words, or a table with `cmd` and `depends-on`
 * (`depends_on`, a name, a list of names or of `{ task = … }`); it runs in the manifest's folder or its `cwd`.
 */
export function pixiTasks(text: string, pyproject: boolean, dir: string): Recipes {
  const keys = tomlKeys(text);
  const recipes: Recipes = new Map();
  for (const table of taskTables(keys, pyproject ? 'tool.pixi.' : '')) {
    for (const name of childrenOf(keys, table)) {
      const at = table + name;
      const r = recipes.get(name) ?? { deps: [] as string[], lines: [] as string[] };
      const cwd = keys.get(`${at}.cwd`);
      r.lines.push(PIXI_CD + (cwd === undefined ? dir : path.resolve(dir, cwd)));
      for (const p of [at, `${at}.cmd`]) {
        const one = keys.get(p);
        if (one !== undefined) r.lines.push(one);
        else if (keys.has(`${p}.0`)) r.lines.push(...argvLines(stringsAt(keys, p)));
      }
      for (const list of [`${at}.depends-on`, `${at}.depends_on`]) {
        r.deps.push(...stringsAt(keys, list));
        for (let i = 0; i < 256 && keys.has(`${list}.${i}.task`); i++) r.deps.push(keys.get(`${list}.${i}.task`)!);
      }
      recipes.set(name, r);
    }
  }
  return recipes;
}

/** The files pixi reads its tasks from, nearest first in each folder. */
const MANIFESTS = ['pixi.toml', 'pyproject.toml'];

/** The manifest `pixi run` reads: `--manifest-path` (a file, or a folder holding one), else the nearest one up. */
function findManifest(argv: readonly string[], scope: Scope, w: Walker) {
  let given: string | undefined;
  for (let i = 2; i < argv.length && argv[i] !== '--'; i++) {
    const a = argv[i];
    if (a === '-m' || a === '--manifest-path') given = argv[i + 1];
    else if (a.startsWith('--manifest-path=')) given = a.slice('--manifest-path='.length);
  }
  if (given === undefined) return findUpIn(MANIFESTS, scope, w);
  const abs = path.resolve(scope.cwd, given);
  const files = /\.toml$/.test(abs) ? [abs] : [path.join(abs, 'pixi.toml'), path.join(abs, 'pyproject.toml')];
  for (const f of files) {
    const text = w.ctx.readFile(f, scope.cwd);
    if (text !== undefined) return { text, dir: path.dirname(f), path: f };
  }
  return undefined;
}

/** A manifest `pixi run` would read that is there but could not be read: the one named, or the nearest one up. */
function unreadManifest(argv: readonly string[], scope: Scope, w: Walker): string | undefined {
  const named = argv.findIndex((a) => a === '-m' || a === '--manifest-path');
  if (named > 0 && argv[named + 1] !== undefined) {
    const abs = path.resolve(scope.cwd, argv[named + 1]);
    if (/\.toml$/.test(abs)) return w.ctx.stat?.(abs) ? abs : undefined;
    return presentUpIn(MANIFESTS, scope, w, abs, false);
  }
  return presentUpIn(MANIFESTS, scope, w);
}

/**
 * `pixi run [OPTIONS] NAME ARG…` (or `pixi r`): the task NAME with its arguments after its line; a name that is no task runs the
 * words as a command line (one word is a whole line, read by pixi's shell). `pixi run -x` runs a program: not read here.
 */
export function unwrapPixiRun(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  if (scope.remote || (argv[1] !== 'run' && argv[1] !== 'r')) return undefined;
  // The first word past the options: a line given as one word (`'A=1 make'`) is the name too.
  let at = 2;
  while (at < argv.length && argv[at].startsWith('-') && argv[at] !== '--') at += RUN_VALUED.includes(argv[at]) ? 2 : 1;
  if (argv[at] === '--') at++;
  const name = argv[at];
  // Only pixi's own options count: the words after the name are the task's (`pixi run test -x` is pytest's `-x`).
  const options = argv.slice(0, at);
  if (name === undefined || options.includes('-x') || options.includes('--executable')) return undefined;
  const args = argv.slice(at + 1);
  const found = findManifest(options, scope, w);
  // A manifest there but not read (too large, not a plain file): its tasks would run unjudged.
  const unread = found
    ? found.text.length > MAX_TOML_CHARS
      ? found.path
      : undefined
    : unreadManifest(options, scope, w);
  if (unread !== undefined)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `\`pixi run ${name}\` reads its tasks from ${unread}, which AgentGuard could not read whole: what it runs was not judged, so a human must look at it`,
        unread,
      ),
    );
  const recipes = found
    ? pixiTasks(found.text, path.basename(found.path) === 'pyproject.toml', found.dir)
    : (new Map() as Recipes);
  const task = recipes.get(name);
  let lines: string[];
  if (task) {
    // The arguments after the name are added to the task's own line.
    const own = args.length
      ? task.lines.map((l) => (l.startsWith(PIXI_CD) ? l : `${l} ${args.map(shellWord).join(' ')}`))
      : task.lines;
    recipes.set(name, { deps: options.includes('--skip-deps') ? [] : task.deps, lines: own });
    const read = linesOf(recipes, [name], w, 'pixi run');
    // A task of only other tasks' names (an alias) with none that runs a line: nothing to judge.
    if (read.every((l) => l.startsWith(PIXI_CD))) return undefined;
    lines = read.map((l) => (l.startsWith(PIXI_CD) ? readerCdLine(quoted(l.slice(1))) : l));
  } else lines = [args.length ? [name, ...args].map(shellWord).join(' ') : name];
  return {
    kind: 'script',
    text: lines.join('\n'),
    via: `pixi run ${name}`,
    lenient: true,
    alsoEmit: true,
    runnerCd: true,
  };
}
