// Task runners beside make and the package managers: `just NAME` runs a
// justfile recipe, `task NAME` a Taskfile task, `deno task NAME` a deno.json
// task, `composer run NAME` a composer.json script, `poe NAME` a pyproject.toml
// poe task, `pipenv run NAME` a Pipfile script. What they run is written
// in a file of the project, which the agent may have written a moment
// before; so the recipe is read and judged as the lines it runs, as make's
// and npm's are. A file that cannot be read leaves the call judged as itself.
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parseFinding, pastTargets, type Pending, type Scope, type Walker } from './normalize/scope';
import type { UnwrapStep } from './wrappers/common';
import { MAX_TOML_CHARS, miseTasks, pipfileScripts, runnerLines, TASK_FILE, UNREAD_RUNNER } from './tomlTasks';
import { poeTasks } from './poeTasks';
import { own } from '../text/own';
import { justCall } from './justRecipes';
import { candidateNames, fillsAtRunTime } from './wrappers/runTimeNames';
import { justOptions, JUST_GOAL_VALUED, loadJust } from './justFiles';
import { shellWord } from '../text/shellWord';
import { MAX_RECIPES, MAX_UP, type Recipes } from './recipes';
import { RUNTIME_VALUE_NAME, withRuntimeValue } from './dynamic';
import { addMiseFileTasks, fileRun } from './miseFileTasks';
import { miseTemplates } from './taskTemplates';
import { findTaskfile, TASK_LOOKS, TASK_VALUED } from './taskfileCall';
import { taskfileRun, taskNamed } from './taskfile';
import { readerCdLine } from './readerCd';
import { folderOptionAt, namesRunTimeFolder, unreadRunnerFolder } from './wrappers/runnerFolders';

export { justRecipes } from './justRecipes';

const MAX_DEPTH = 8;

export type { Recipes } from './recipes';
/**
 * mise's own commands and their aliases (mise's CLI reference): any other first word is a task's name. A command
 * missing here is read as a task when the project has one of that name, which judges more, never less.
 */
const MISE_COMMANDS = new Set(
  (
    'activate alias aliases asdf backends b bin-paths cache completion config cfg deactivate direnv doctor dr edit ' +
    'en env e exec x fmt generate g global hook-env hook-not-found implode install i install-into latest link ln ' +
    'local lock ls list ls-remote mcp outdated plugins p plugin prepare prune registry reshim search self-update ' +
    'set settings shell sh shell-alias sync tasks t test-tool tool tool-stub trust uninstall unset unuse rm remove ' +
    'upgrade up usage use u version v watch w where which help'
  ).split(' '),
);

/** The files mise reads tasks from in a project. */
export const MISE_FILES = [
  'mise.toml',
  '.mise.toml',
  'mise.local.toml',
  '.mise.local.toml',
  '.config/mise.toml',
  'mise/config.toml',
];

/** The first of `names` found from the working folder up to the workspace root (or the file system's). */
export function findUp(names: readonly string[], scope: Scope, w: Walker): string | undefined {
  return findUpIn(names, scope, w)?.text;
}

/** As findUp, with the folder the file was found in. */
export function findUpIn(
  names: readonly string[],
  scope: Scope,
  w: Walker,
): { text: string; dir: string; path: string } | undefined {
  let dir = scope.cwd;
  for (let k = 0; k < MAX_UP; k++) {
    for (const n of names) {
      const text = w.ctx.readFile(path.join(dir, n), dir);
      if (text !== undefined) return { text, dir, path: path.join(dir, n) };
    }
    if (dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * The nearest of `names` that is there (read or not), looked for as findUpIn looks: from `from` (the working folder)
 * up to the workspace root, or in `from` alone when `up` is false. A file there that findUpIn did not return was
 * not read (too large, not a plain file), so what it holds runs unjudged.
 */
export function presentUpIn(
  names: readonly string[],
  scope: Scope,
  w: Walker,
  from = scope.cwd,
  up = true,
): string | undefined {
  const stat = w.ctx.stat;
  if (!stat) return undefined;
  let dir = from;
  for (let k = 0; k < MAX_UP; k++) {
    for (const n of names) if (stat(path.join(dir, n))) return path.join(dir, n);
    if (!up || dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

const DUMP_EVENTS = ['pre-autoload-dump', 'post-autoload-dump'];
const INSTALL_EVENTS = ['pre-install-cmd', ...DUMP_EVENTS, 'post-install-cmd'];
const UPDATE_EVENTS = ['pre-update-cmd', ...DUMP_EVENTS, 'post-update-cmd'];
/** The composer commands that fire script events, and the events each fires (composer's scripts documentation). */
const COMPOSER_EVENTS: Readonly<Record<string, readonly string[]>> = {
  install: INSTALL_EVENTS,
  i: INSTALL_EVENTS,
  update: UPDATE_EVENTS,
  u: UPDATE_EVENTS,
  upgrade: UPDATE_EVENTS,
  require: UPDATE_EVENTS,
  remove: UPDATE_EVENTS,
  'dump-autoload': DUMP_EVENTS,
  dumpautoload: DUMP_EVENTS,
};

/** `{"tasks": {"NAME": "LINE" | {"command": "LINE", "dependencies": [...]}}}` (deno.json) or composer.json's `scripts`. */
function jsonRecipes(text: string, key: 'tasks' | 'scripts'): Recipes {
  const recipes: Recipes = new Map();
  const doc = parseJsonc(text, [], { allowTrailingComma: true }) as Record<string, unknown> | undefined;
  const table = doc && typeof doc === 'object' ? doc[key] : undefined;
  if (!table || typeof table !== 'object') return recipes;
  for (const [name, v] of Object.entries(table as Record<string, unknown>).slice(0, 512)) {
    const r = { deps: [] as string[], lines: [] as string[] };
    const entries =
      typeof v === 'string'
        ? [v]
        : Array.isArray(v)
          ? v
          : v && typeof v === 'object'
            ? [(v as { command?: unknown }).command]
            : [];
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const deps = (v as { dependencies?: unknown }).dependencies;
      if (Array.isArray(deps)) r.deps.push(...deps.filter((d): d is string => typeof d === 'string'));
    }
    for (const e of entries) {
      if (typeof e !== 'string') continue;
      // composer: `@other` runs another script, `@php x` / `@composer x` a tool, `Vendor\\Class::method` PHP code.
      if (key === 'scripts' && /^@[\w:-]+$/.test(e)) r.deps.push(e.slice(1));
      else if (key === 'scripts' && e.startsWith('@')) r.lines.push(e.slice(1));
      else if (!(key === 'scripts' && /^[\w\\]+::\w+$/.test(e))) r.lines.push(e);
    }
    recipes.set(name, r);
  }
  return recipes;
}

/** Every line the wanted recipes run, dependencies first, bounded. */
export function linesOf(recipes: Recipes, wanted: readonly string[], w: Walker, runner: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let unread = false;
  const visit = (name: string, depth: number): void => {
    if (seen.has(name)) return;
    const r = recipes.get(name);
    if (seen.size >= MAX_RECIPES || depth > MAX_DEPTH) {
      unread ||= r !== undefined;
      return;
    }
    seen.add(name);
    if (!r) return;
    for (const d of r.deps) visit(d, depth + 1);
    for (const line of r.lines) {
      // A script for a program not read (`@duckscript`, `#!/usr/bin/env nu`) runs unjudged: asked.
      if (line.startsWith(UNREAD_RUNNER) && unreadRunners.size < MAX_RECIPES)
        unreadRunners.add(`\`${runner} ${name}\` runs a script with ${line.slice(1, 80)}`);
      else if (!line.startsWith(UNREAD_RUNNER)) out.push(line);
    }
  };
  const unreadRunners = new Set<string>();
  for (const name of wanted) {
    if (!fillsAtRunTime(name)) visit(name, 0);
    else {
      // `just "$R"`, `task "$T"`: every recipe the word could name when the line runs is read; more than that asks.
      for (const n of candidateNames(w, runner, name, [...recipes.keys()], 'runs the recipe')) visit(n, 0);
    }
  }
  // A recipe past the bound runs unread: never quietly.
  if (unread) w.addFinding(pastTargets(`${runner} ${wanted.join(' ')}`.trim(), MAX_RECIPES));
  for (const what of unreadRunners)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `${what}, which AgentGuard does not read: what it runs was not judged, so a human must look at it`,
      ),
    );
  return out;
}

/** The recipe names a call asks for: operands that are not options or `NAME=VALUE` settings. */
export function goals(argv: readonly string[], from: number, valued: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (valued.includes(a)) i++;
      continue;
    }
    if (!a.includes('=')) out.push(a);
  }
  return out;
}

const JUST_WHERE = ['-f', '--justfile', '-d', '--working-directory'];
const TASK_WHERE = ['-d', '--dir', '-t', '--taskfile'];

export function unwrapTaskRunner(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  // On another machine the project files are that machine's.
  if (scope.remote) return undefined;
  const argv = p.argv;
  let lines: string[] = [];
  let via = argv[0];
  // `just -f "$F" x`, `task -d "$D" x`: the file whose recipes run is named only at run time.
  const where = argv[0] === 'just' ? JUST_WHERE : argv[0] === 'task' || argv[0] === 'go-task' ? TASK_WHERE : undefined;
  if (where && namesRunTimeFolder(p, where))
    return unreadRunnerFolder(w, argv[0], 'names its task file or folder only at run time');
  if (argv[0] === 'just') {
    const call = justCall(argv);
    const before = argv.slice(0, call.end);
    if (before.some((a) => /^(?:-l|--list|--show|-s|--summary)$/.test(a))) return undefined;
    const options = justOptions(before);
    const wanted = goals(before, 1, JUST_GOAL_VALUED);
    const load = loadJust({ ...options, shell: call.shell }, wanted, scope, w);
    // A dry run or `--evaluate` still evaluates the assignments: their backticks run.
    const evaluateOnly = before.some((a) => /^(?:-n|--dry-run|--evaluate)$/.test(a));
    if (call.command?.length) {
      // `--command` runs its program, or with `--shell-command` its line by the shell recipes run with.
      const shell = call.shell ?? load?.shell ?? 'sh -cu';
      const run = call.shellCommand
        ? runnerLines(shell, [call.command[0]], undefined)
        : [call.command.map(shellWord).join(' ')];
      lines = linesOf(new Map([['--command', { deps: [], lines: run }]]), ['--command'], w, 'just');
      via = 'just --command';
    } else {
      if (load === undefined) return undefined;
      // `just NAME ARG…`: the words after a recipe with parameters are its arguments; only recipe names count.
      // A first word known only at run time (`just "$R"`) names a recipe as a pattern; after a recipe, an argument.
      const names = evaluateOnly
        ? []
        : load.goals.filter((g, k) => load.recipes.has(g) || (k === 0 && fillsAtRunTime(g)));
      const first = evaluateOnly ? undefined : load.first;
      lines = [...load.evaluated, ...linesOf(load.recipes, names.length ? names : first ? [first] : [], w, 'just')];
      via = `just ${names.join(' ') || first || ''}`.trim();
    }
  } else if (argv[0] === 'task' || argv[0] === 'go-task') {
    const root = findTaskfile(argv, scope, w);
    if (root === undefined) return undefined;
    const run = taskfileRun(root, (f) => w.ctx.readFile(f, scope.cwd), argv.slice(1), scope.cwd);
    // A dry run, a list or a summary still computes the Taskfile's variables: their `sh:` lines run.
    const onlyLook = argv.some((a) => TASK_LOOKS.has(a));
    const names = goals(argv, 1, TASK_VALUED);
    const wanted = onlyLook
      ? []
      : (names.length ? names : ['default']).flatMap((n) =>
          fillsAtRunTime(n) ? [n] : (taskNamed(run.recipes, n) ?? []),
        );
    lines = [...run.first, ...linesOf(run.recipes, wanted, w, 'task')];
    via = `task ${names.join(' ') || 'default'}`;
  } else if (argv[0] === 'deno' && argv[1] === 'task') {
    const name = goals(argv, 2, ['--config', '-c', '--cwd', '-f', '--filter'])[0];
    const text = name && findUp(['deno.json', 'deno.jsonc'], scope, w);
    if (!name || !text) return undefined;
    lines = linesOf(jsonRecipes(text, 'tasks'), [name], w, 'deno task');
    via = `deno task ${name}`;
    // `deno task --cwd DIR x`: the tasks found here run in DIR, where their relative paths lead.
    const cwd = argv.findIndex((a, k) => k > 1 && (a === '--cwd' || a.startsWith('--cwd=')));
    const dir = cwd < 0 ? undefined : folderOptionAt(argv, cwd, ['--cwd']);
    if (dir && (!dir.value || p.dynamic[dir.valueAt]))
      return unreadRunnerFolder(w, 'deno task --cwd', 'names a folder known only at run time');
    if (dir?.value && lines.length) lines.unshift(readerCdLine(shellWord(dir.value)));
  } else if (argv[0] === 'poe' || (argv[0] === 'pipenv' && argv[1] === 'run')) {
    const poe = argv[0] === 'poe';
    const name = poe ? goals(argv, 1, ['-C', '--directory', '--root', '-e', '--executor'])[0] : argv[2];
    const file = poe ? 'pyproject.toml' : 'Pipfile';
    const found = name ? findUpIn([file], scope, w) : undefined;
    // A file there but not read whole (too large, not a plain file): the task it may hold runs unjudged.
    const unread = !name
      ? undefined
      : found
        ? found.text.length > MAX_TOML_CHARS && found.path
        : presentUpIn([file], scope, w);
    if (unread)
      w.addFinding(
        parseFinding(
          'parse.too-complex',
          60,
          `\`${argv.slice(0, poe ? 2 : 3).join(' ')}\` reads its tasks from ${unread}, which AgentGuard could not read whole: what it runs was not judged, so a human must look at it`,
          unread,
        ),
      );
    if (!name || !found) return undefined;
    const recipes = poe ? poeTasks(found.text) : pipfileScripts(found.text);
    if (!recipes.has(name) && !fillsAtRunTime(name)) return undefined;
    lines = linesOf(recipes, [name], w, poe ? 'poe' : 'pipenv run');
    // poe runs a task in the project's folder, where a `script` task's module is imported from.
    if (poe && found.dir !== scope.cwd && lines.length)
      lines.unshift(readerCdLine(`'${found.dir.replace(/'/g, `'\\''`)}'`));
    via = `${poe ? 'poe' : 'pipenv run'} ${name}`;
  } else if (argv[0] === 'mise' && argv[1] !== undefined && !MISE_COMMANDS.has(argv[1])) {
    // `mise NAME` runs the task NAME when no command of mise's has that name (`mise run`, `mise r`, `mise tasks run`).
    const from = argv[1] === 'tasks' ? 3 : argv[1] === 'run' || argv[1] === 'r' ? 2 : 1;
    if (argv[1] === 'tasks' && argv[2] !== 'run') return undefined;
    const name = goals(argv, from, ['-C', '--cd', '-j', '--jobs', '-o', '--output', '-t', '--tool'])[0];
    if (!name) return undefined;
    // mise merges its config files: a task may be written in any of them, the local ones over the shared.
    const recipes: Recipes = new Map();
    for (const file of MISE_FILES) {
      const found = findUpIn([file], scope, w);
      for (const [n, r] of found === undefined ? [] : miseTasks(found.text)) {
        // A task's `file` is found from the folder of the config that names it.
        const own = r.lines.map((l) =>
          l.startsWith(TASK_FILE)
            ? TASK_FILE + path.resolve(found!.dir, l.slice(1))
            : miseTemplates(l, found!.dir, scope.cwd),
        );
        const had = recipes.get(n);
        recipes.set(n, had ? { deps: [...had.deps, ...r.deps], lines: [...had.lines, ...own] } : { ...r, lines: own });
      }
    }
    addMiseFileTasks(recipes, name, scope, w);
    if (!recipes.has(name) && !fillsAtRunTime(name)) return undefined;
    lines = linesOf(recipes, [name], w, 'mise run').flatMap((l) =>
      l.startsWith(TASK_FILE) ? fileRun(l.slice(1), scope, w) : [l],
    );
    via = `mise run ${name}`;
  } else if (argv[0] === 'composer' && own(COMPOSER_EVENTS, argv[1] ?? '') && !argv.includes('--no-scripts')) {
    // `composer install` fires its own events: the scripts composer.json hangs on them run unasked.
    const text = findUp(['composer.json'], scope, w);
    const recipes = text === undefined ? new Map() : jsonRecipes(text, 'scripts');
    const names = (own(COMPOSER_EVENTS, argv[1]) ?? []).filter((n) => recipes.has(n));
    lines = names.length ? linesOf(recipes, names, w, 'composer') : [];
    via = `composer ${argv[1]}`;
  } else if (argv[0] === 'composer') {
    const run = argv[1] === 'run' || argv[1] === 'run-script';
    const name = run ? goals(argv, 2, ['--timeout', '-d', '--working-dir'])[0] : argv[1];
    const text = name && !name.startsWith('-') ? findUp(['composer.json'], scope, w) : undefined;
    if (!name || !text) return undefined;
    const recipes = jsonRecipes(text, 'scripts');
    if (!recipes.has(name) && !fillsAtRunTime(name)) return undefined;
    lines = linesOf(recipes, [name], w, 'composer run');
    via = `composer run ${name}`;
  }
  if (!lines.length) return undefined;
  const text = lines.join('\n');
  // A value a runner computes (just's `{{ uuid() }}`) is read as a variable the shell cannot know.
  const env = text.includes(RUNTIME_VALUE_NAME) ? withRuntimeValue(p.env) : undefined;
  return { kind: 'script', text, via, lenient: true, alsoEmit: true, runnerCd: true, ...(env ? { env } : {}) };
}
