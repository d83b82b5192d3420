// Build runners that run tasks a project defines: `cargo make NAME` (and
// `makers NAME`) a Makefile.toml task, `turbo run NAME` the package.json script
// NAME of the workspace root and of each workspace package, `nx run P:T` the
// target T of project P (its project.json command, or its package.json script),
// `ninja [TARGETS]` the commands of build.ninja's edges (ninjaCall.ts).
// The files may have been written a moment before on the same line, so the task
// is read and judged as the lines it runs, as a justfile recipe is. A file that
// cannot be read leaves the call judged as itself.
import * as path from 'node:path';
import { pastTargets, type Pending, type Scope, type Walker } from './normalize/scope';
import { slice, type UnwrapStep } from './wrappers/common';
import { scriptsOf, TASK_RUNNER_BINS } from './wrappers/scripts';
import { pnpmPackages } from './wrappers/npmWorkspaces';
import { cargoMakeTasks } from './tomlTasks';
import { field, jsonObject, nxTargets, selfCall, strings, type Json } from './nxTargets';
import { findUp, findUpIn, goals, linesOf, type Recipes } from './taskRunners';
import { arrayKey } from './dynamic';
import { own } from '../text/own';
import { readOptions, type GetoptStyle } from '../command/options';
import { askRunTimeName, candidateNames, fillsAtRunTime } from './wrappers/runTimeNames';
import { NINJA_PROGRAMS, unwrapBuildDriver, unwrapNinja } from './ninjaCall';

/** Most workspace packages or projects read, and most task names followed. */
const MAX_PACKAGES = 32;
const MAX_NAMES = 32;

export { nxTargets } from './nxTargets';

/** The programs read here (cargo only for `cargo make`). */
export const BUILD_TASK_RUNNERS: ReadonlySet<string> = new Set([
  'cargo',
  'cmake',
  'meson',
  ...TASK_RUNNER_BINS,
  ...NINJA_PROGRAMS,
]);

/**
 * The values of nx's list options (`-t a b`, `--targets=a,b`): the words after it up to the next option, commas
 * split. yargs reads a list option so; readOptions gives an option one word.
 */
function optionValues(argv: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].indexOf('=');
    const name = eq > 0 ? argv[i].slice(0, eq) : argv[i];
    if (!names.includes(name)) continue;
    if (eq > 0) out.push(argv[i].slice(eq + 1));
    else for (let j = i + 1; j < argv.length && !argv[j].startsWith('-'); j++) out.push(argv[j]);
  }
  return out.flatMap((v) => v.split(',')).filter(Boolean);
}

function step(lines: string[], via: string): UnwrapStep | undefined {
  return lines.length ? { kind: 'script', text: lines.join('\n'), via, lenient: true, alsoEmit: true } : undefined;
}

/** cargo-make's options that show or list tasks rather than run them. */
const CARGO_MAKE_SHOWS = new Set(['--print-steps', '--list-all-steps', '--list-category-steps', '--diff-steps']);
/** cargo-make's options that take a value (clap's reading: `-t x`, `-tx`, `--task=x`; options after the task too). */
const CARGO_MAKE_OPTIONS: GetoptStyle = {
  short: 'tpel',
  long: [
    '--makefile',
    '--task',
    '--profile',
    '--cwd',
    '--env',
    '--env-file',
    '--loglevel',
    '--output-format',
    '--output-file',
    '--skip-tasks',
    '--config-file',
  ],
  permute: true,
};

/** The value of the first of the options `names` given. */
function valueOf(read: ReturnType<typeof readOptions>, names: readonly string[]): string | undefined {
  return read.options.find((o) => names.includes(o.name) && o.value)?.value;
}

/** `cargo make NAME`, `cargo-make make NAME`, `makers NAME`: the Makefile.toml task NAME (`default` when none). */
function cargoMake(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  let from = 1;
  if (argv[0] !== 'makers') {
    // `cargo +nightly make x`: a toolchain picked first.
    const at = argv[0] === 'cargo' && argv[1]?.startsWith('+') ? 2 : 1;
    if (argv[at] !== 'make') return undefined;
    from = at + 1;
  }
  const rest = argv.slice(from);
  if (rest.some((a) => CARGO_MAKE_SHOWS.has(a.split('=')[0]) || a === '--help' || a === '-h')) return undefined;
  const read = readOptions(argv, from, CARGO_MAKE_OPTIONS);
  const task = valueOf(read, ['-t', '--task']) ?? read.operands[0] ?? 'default';
  const file = valueOf(read, ['--makefile']);
  if (file !== undefined && fillsAtRunTime(file))
    return void askRunTimeName(w, 'cargo make', file, 'runs the tasks of');
  const text = file ? w.ctx.readFile(file, scope.cwd) : findUp(['Makefile.toml'], scope, w);
  if (text === undefined) return undefined;
  const recipes = cargoMakeTasks(text);
  // `cargo make "$T"`: linesOf reads every task the word could name.
  if (!fillsAtRunTime(task) && !recipes.has(task)) return undefined;
  // A script for a runner not read is asked about by linesOf.
  return step(linesOf(recipes, [task], w, 'cargo make'), `cargo make ${task}`);
}

/**
 * The package folders of a workspace: the root package.json's `workspaces` (or `workspaces.packages`) and
 * pnpm-workspace.yaml's `packages:` items, each a folder or `folder/*`; other globs are skipped.
 */
function workspacePackages(
  root: string,
  rootPackage: Json | undefined,
  scope: Scope,
  w: Walker,
  via: string,
): string[] {
  const ws = field(rootPackage, 'workspaces');
  const globs = [...strings(ws), ...strings(field(ws, 'packages'))];
  globs.push(...pnpmPackages(w.ctx.readFile(path.join(root, 'pnpm-workspace.yaml'), scope.cwd)));
  const dirs: string[] = [];
  for (const glob of globs.slice(0, MAX_PACKAGES)) {
    const g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    if (!g || g.startsWith('!') || path.isAbsolute(g) || g.split('/').includes('..')) continue;
    if (!/[*?[{]/.test(g)) dirs.push(path.join(root, g));
    else if (/^[^*?[{]+\/\*$/.test(g)) {
      const base = path.join(root, g.slice(0, -2));
      for (const e of w.ctx.readdir?.(base) ?? [])
        if (e.dir && !e.name.startsWith('.')) dirs.push(path.join(base, e.name));
    }
  }
  if (dirs.length > MAX_PACKAGES) w.addFinding(pastTargets(via, MAX_PACKAGES));
  return dirs.slice(0, MAX_PACKAGES);
}

/** turbo's own commands: any other first word is a task (`turbo build`). `watch` runs tasks as `run` does. */
const TURBO_COMMANDS = new Set(
  'bin boundaries completion config daemon devtools docs gen generate info link login logout ls prune query scan telemetry unlink'.split(
    ' ',
  ),
);
/** turbo's options that take a value (clap's reading, as cargo-make's). */
const TURBO_OPTIONS: GetoptStyle = {
  short: 'F',
  long: [
    '--filter',
    '--concurrency',
    '--cache-dir',
    '--cwd',
    '--output-logs',
    '--log-order',
    '--log-prefix',
    '--env-mode',
    '--cache',
    '--team',
    '--token',
    '--api',
    '--login',
    '--profile',
    '--heap',
    '--ui',
    '--affected-base',
  ],
  permute: true,
};

/** `turbo run NAME…`: the script NAME (and the tasks turbo.json says it depends on) of the root and each package. */
function turbo(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  if (argv.some((a) => /^--(?:dry|dry-run|graph|help|version)(?:=|$)/.test(a) || a === '-h')) return undefined;
  // The words after `--` are handed to the tasks' scripts, not tasks.
  const end = argv.indexOf('--');
  const names = readOptions(end < 0 ? argv : argv.slice(0, end), 1, TURBO_OPTIONS).operands;
  if (names[0] === 'run' || names[0] === 'watch') names.shift();
  else if (names[0] === undefined || TURBO_COMMANDS.has(names[0])) return undefined;
  const found = findUpIn(['turbo.json', 'turbo.jsonc'], scope, w) ?? findUpIn(['package.json'], scope, w);
  if (!found || !names.length) return undefined;
  const root = found.dir;
  // `dependsOn: ["^build", "lint"]`: build runs the packages' build and lint first; every package is read anyway.
  const config = jsonObject(w.ctx.readFile(path.join(root, 'turbo.json'), scope.cwd));
  const tasks = field(config, 'tasks') ?? field(config, 'pipeline');
  const wanted = new Set(names.map((n) => n.replace(/^.*#/, '')));
  for (const name of wanted) {
    if (wanted.size >= MAX_NAMES) break;
    for (const dep of strings(field(field(tasks, name), 'dependsOn')))
      if (wanted.size < MAX_NAMES) wanted.add(dep.replace(/^\^/, '').replace(/^.*#/, ''));
  }
  const via = `turbo run ${names.join(' ')}`;
  const rootPackage = jsonObject(w.ctx.readFile(path.join(root, 'package.json'), scope.cwd));
  const packages = [root, ...workspacePackages(root, rootPackage, scope, w, via)].map((dir) => {
    const text = w.ctx.readFile(path.join(dir, 'package.json'), scope.cwd);
    return { dir, scripts: text === undefined ? undefined : scriptsOf(text) };
  });
  // `turbo run "$T"`: every script of the root or a package the word could name is read; more than that asks.
  const known = [...new Set(packages.flatMap((pk) => Object.keys(pk.scripts ?? {})))];
  for (const name of [...wanted].filter(fillsAtRunTime)) {
    wanted.delete(name);
    for (const n of candidateNames(w, 'turbo run', name, known, 'runs the task')) wanted.add(n);
  }
  const lines: string[] = [];
  for (const { dir, scripts } of packages) {
    for (const name of wanted) {
      // `npm pkg set scripts.x=…` earlier on the line wrote the root's script.
      const written = dir === root ? scope.vars[arrayKey('npm-script.' + name)] : undefined;
      const body = written ?? own(scripts, name);
      if (body === undefined || (dir === root && selfCall(body, 'turbo'))) continue;
      for (const line of [own(scripts, `pre${name}`), body, own(scripts, `post${name}`)]) if (line) lines.push(line);
    }
  }
  return step(lines, via);
}

/** An nx project: its name and the targets it can run (project.json's commands, package.json's scripts). */
interface NxProject {
  name: string;
  recipes: Recipes;
}

/**
 * The projects of an nx workspace, bounded: the root folder and the folders under apps, libs and packages, the
 * folders named as a wanted project first. A search the bound cut short is a finding: a project past it may be
 * the one that runs.
 */
function nxProjects(
  root: string,
  wanted: readonly string[] | undefined,
  scope: Scope,
  w: Walker,
  via: string,
): NxProject[] {
  const defaults = field(jsonObject(w.ctx.readFile(path.join(root, 'nx.json'), scope.cwd)), 'targetDefaults');
  const dirs = [root];
  for (const group of ['apps', 'libs', 'packages']) {
    const base = path.join(root, group);
    for (const e of w.ctx.readdir?.(base) ?? [])
      if (e.dir && !e.name.startsWith('.')) dirs.push(path.join(base, e.name));
  }
  if (wanted)
    dirs.sort((a, b) => Number(wanted.includes(path.basename(b))) - Number(wanted.includes(path.basename(a))));
  const out: NxProject[] = [];
  if (dirs.length > MAX_PACKAGES + 1) {
    const read = dirs.slice(0, MAX_PACKAGES + 1).map((d) => path.basename(d));
    if (!wanted || !wanted.every((n) => read.includes(n))) w.addFinding(pastTargets(via, MAX_PACKAGES));
  }
  for (const dir of dirs.slice(0, MAX_PACKAGES + 1)) {
    const project = w.ctx.readFile(path.join(dir, 'project.json'), scope.cwd);
    const pkg = w.ctx.readFile(path.join(dir, 'package.json'), scope.cwd);
    if (project === undefined && pkg === undefined) continue;
    const named = field(jsonObject(project), 'name') ?? field(jsonObject(pkg), 'name');
    out.push({
      name: typeof named === 'string' ? named : path.basename(dir),
      recipes: nxTargets(project, pkg, defaults),
    });
  }
  return out;
}

/** nx's own commands: any other first word is a target (`nx build app`) or `PROJECT:TARGET`. */
const NX_COMMANDS = new Set(
  'add connect daemon exec format format:check format:write g generate graph import init list login logout migrate new release repair report reset show sync sync:check view-logs watch'.split(
    ' ',
  ),
);
const NX_VALUED = [
  '-c',
  '--configuration',
  '--parallel',
  '--exclude',
  '--base',
  '--head',
  '--output-style',
  '--nxBail',
];

/** `nx run P:T`, `nx P:T`, `nx T P`, `nx run-many -t T…` / `nx affected -t T…` (every project, or those of `-p`). */
function nx(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  if (argv.some((a) => a === '--help' || a === '--graph' || a.startsWith('--graph='))) return undefined;
  // `nx exec -- CMD`: CMD runs as it is written, in the project (or in each project nx picks).
  if (argv[1] === 'exec') {
    const dash = argv.indexOf('--', 2);
    return dash > 0 && dash + 1 < argv.length
      ? { kind: 'command', next: slice(p, dash + 1), via: 'nx exec' }
      : undefined;
  }
  let targets: string[];
  let projects: string[] | undefined;
  if (argv[1] === 'run-many' || argv[1] === 'affected') {
    targets = optionValues(argv, ['-t', '--targets', '--target']);
    const picked = optionValues(argv, ['-p', '--projects']);
    // A pattern or a tag (`*-app`, `tag:api`) may match any project: all are read.
    projects = picked.length && picked.every((n) => /^[\w@/.-]+$/.test(n)) ? picked : undefined;
  } else {
    const words = goals(argv, 1, [...NX_VALUED, '-t', '--targets', '-p', '--projects']);
    if (words[0] === 'run') words.shift();
    else if (words[0] === undefined || NX_COMMANDS.has(words[0])) return undefined;
    const spec = words[0] ?? '';
    const colon = spec.indexOf(':');
    // `nx run P:T:CONFIG`, `nx P:T`; `nx T P`, and `nx T` runs T of the project here (read as any project's).
    targets = [colon > 0 ? spec.slice(colon + 1).split(':')[0] : spec].filter(Boolean);
    projects = colon > 0 ? [spec.slice(0, colon)] : words[1] ? [words[1]] : undefined;
  }
  // A project named only when the line runs (`nx run "$P:build"`) may be any of them: all are read.
  if (projects?.some(fillsAtRunTime)) projects = undefined;
  if (!targets.length) return undefined;
  const root = (findUpIn(['nx.json'], scope, w) ?? findUpIn(['project.json'], scope, w))?.dir ?? scope.cwd;
  const via = `nx run ${projects ? projects.join(',') : '*'}:${targets.join(',')}`;
  const all = nxProjects(root, projects, scope, w, via);
  const chosen = projects ? all.filter((pr) => projects.includes(pr.name)) : all;
  const lines: string[] = [];
  for (const pr of chosen) {
    // A target named at run time (`nx run "$P"`) is read as every target it could be, by linesOf.
    const present = targets.slice(0, MAX_NAMES).filter((t) => fillsAtRunTime(t) || pr.recipes.has(t));
    if (present.length) lines.push(...linesOf(pr.recipes, present, w, `nx run ${pr.name}`));
  }
  return step(lines, via);
}

export function unwrapBuildTaskRunner(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  // On another machine the project files are that machine's.
  if (scope.remote) return undefined;
  const prog = p.argv[0];
  if (prog === 'cargo' || prog === 'cargo-make' || prog === 'makers') return cargoMake(p, scope, w);
  if (prog === 'turbo') return turbo(p, scope, w);
  if (prog === 'nx') return nx(p, scope, w);
  if (NINJA_PROGRAMS.has(prog)) return unwrapNinja(p, scope, w);
  if (prog === 'cmake' || prog === 'meson') return unwrapBuildDriver(p, scope, w);
  return undefined;
}
