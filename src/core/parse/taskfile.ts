// Task's Taskfile (taskfile.dev), read as Task reads it: its tasks with their commands, dependencies, preconditions,
// status checks and the shell lines of dynamic variables (`sh:`), which all run; the Taskfiles it includes, each
// task under its namespace; and the folder each task runs in. Task runs a task in the folder of the Taskfile that
// was found (an included one in its includer's, or the include's `dir:`), or in the folder its own `dir:` names,
// never in the folder `task` was typed in: every line is read after a `cd` there. A Taskfile this reader cannot read
// is not guessed at: the call asks.
import * as path from 'node:path';
import type { LiteralValue } from './literalData';
import { yamlData } from './yamlData';
import type { Recipes } from './recipes';
import { UNREAD_RUNNER } from './tomlTasks';
import { shellWord } from '../text/shellWord';
import { RUNTIME_VALUE_WORD } from './dynamic';
import { taskfileTemplates, type TaskDirs } from './taskTemplates';
import { readerCdLine } from './readerCd';

/** The names Task looks for in a folder, in its order. */
export const TASKFILE_NAMES = [
  'Taskfile.yml',
  'taskfile.yml',
  'Taskfile.yaml',
  'taskfile.yaml',
  'Taskfile.dist.yml',
  'taskfile.dist.yml',
  'Taskfile.dist.yaml',
  'taskfile.dist.yaml',
];

/** Taskfiles read for one call (the one found and those it includes), and how deep includes are followed. */
const MAX_FILES = 16;
const MAX_INCLUDE_DEPTH = 4;
const MAX_TASKS = 1024;

type Obj = { [key: string]: LiteralValue };

function isObj(v: LiteralValue | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Obj, key: string): LiteralValue | undefined {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** A scalar as the text Task puts in a template or a command; undefined for a list or mapping. */
function text(v: LiteralValue | undefined): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** A YAML boolean as this reader gives it: the plain word. */
function flag(v: LiteralValue | undefined): boolean {
  return v === true || (typeof v === 'string' && /^(?:true|True|TRUE)$/.test(v));
}

/** A Taskfile read, with where it sits and the namespace its tasks take. */
interface TaskfileDoc {
  doc: Obj;
  /** The Taskfile's own folder (`{{.TASKFILE_DIR}}`). */
  file: string;
  /** The folder its tasks run in when they name none. */
  exec: string;
  /** `NS:` for an included Taskfile's tasks, empty for the one found or a flattened include. */
  prefix: string;
}

/** What a `task` call runs, read from the Taskfile found and those it includes. */
export interface TaskfileRun {
  recipes: Recipes;
  /** Lines every call runs first: the global variables' and environment's `sh:` commands. */
  first: string[];
}

/** The Taskfile a folder holds, by Task's names; a path naming a file is that file. */
export function taskfileIn(
  where: string,
  read: (file: string) => string | undefined,
  orFile = true,
): { file: string; text: string } | undefined {
  for (const name of TASKFILE_NAMES) {
    const file = path.join(where, name);
    const text = read(file);
    if (text !== undefined) return { file, text };
  }
  const text = orFile ? read(where) : undefined;
  return text === undefined ? undefined : { file: where, text };
}

/**
 * Every Taskfile of a call: the one found (`file`, run from `exec`) and the ones it includes, breadth first, bounded.
 * An include that cannot be read (remote, missing when not `optional`, not YAML this reader knows) is a namespace
 * whose tasks are unread.
 */
function readAll(
  root: { file: string; text: string },
  read: (file: string) => string | undefined,
): { docs: TaskfileDoc[]; unread: Map<string, string> } {
  const docs: TaskfileDoc[] = [];
  const unread = new Map<string, string>();
  const queue: Array<{ file: string; text: string; exec: string; prefix: string; depth: number }> = [
    { ...root, exec: path.dirname(root.file), prefix: '', depth: 0 },
  ];
  while (queue.length) {
    const next = queue.shift()!;
    const doc = yamlData(next.text);
    if (!isObj(doc)) {
      unread.set(next.prefix, `${path.basename(next.file)}, YAML AgentGuard does not read`);
      continue;
    }
    const dir = path.dirname(next.file);
    docs.push({ doc, file: dir, exec: next.exec, prefix: next.prefix });
    const includes = own(doc, 'includes');
    if (!isObj(includes)) continue;
    for (const [ns, inc] of Object.entries(includes)) {
      const entry = isObj(inc) ? inc : { taskfile: inc };
      const prefix = flag(own(entry, 'flatten')) ? next.prefix : `${next.prefix}${ns}:`;
      const raw = text(own(entry, 'taskfile'));
      const dirs: TaskDirs = { root: docs[0].file, taskfile: dir, cwd: next.exec };
      const where = raw === undefined ? undefined : taskfileTemplates(raw, new Map(), dirs);
      if (where === undefined || /^[a-z][\w+.-]*:\/\//i.test(where) || where.includes(RUNTIME_VALUE_WORD)) {
        unread.set(prefix, `the included Taskfile ${raw ?? ns}`);
        continue;
      }
      const found =
        docs.length + queue.length < MAX_FILES && next.depth < MAX_INCLUDE_DEPTH
          ? taskfileIn(path.resolve(dir, where), read)
          : undefined;
      if (!found) {
        if (!flag(own(entry, 'optional'))) unread.set(prefix, `the included Taskfile ${raw}`);
        continue;
      }
      const incDir = text(own(entry, 'dir'));
      // An internal include's tasks run in its own folder; any other in its includer's, unless it names one.
      const exec =
        incDir !== undefined
          ? path.resolve(dir, taskfileTemplates(incDir, new Map(), dirs))
          : flag(own(entry, 'internal'))
            ? path.dirname(found.file)
            : next.exec;
      queue.push({ ...found, exec, prefix, depth: next.depth + 1 });
    }
  }
  return { docs, unread };
}

/**
 * The variables the Taskfiles set (global, per include, per task, per call), each with its one plain value; one set
 * twice to different values, or to anything but a plain value, has no value known before it runs: Task's precedence
 * between them is not modelled. A value given on the command line (`task clean DIR=/x`) is the one the task sees.
 */
function variables(docs: readonly TaskfileDoc[], cli: readonly string[]): Map<string, string | undefined> {
  const vars = new Map<string, string | undefined>();
  const setAll = (block: LiteralValue | undefined): void => {
    if (!isObj(block)) return;
    for (const [name, v] of Object.entries(block)) {
      const value = text(v);
      const plain = value === undefined || value.includes('{{') ? undefined : value;
      vars.set(name, vars.has(name) && vars.get(name) !== plain ? undefined : plain);
    }
  };
  for (const { doc } of docs) {
    setAll(own(doc, 'vars'));
    const includes = own(doc, 'includes');
    if (isObj(includes)) for (const inc of Object.values(includes)) if (isObj(inc)) setAll(own(inc, 'vars'));
    const tasks = own(doc, 'tasks');
    if (!isObj(tasks)) continue;
    for (const task of Object.values(tasks)) {
      if (!isObj(task)) continue;
      setAll(own(task, 'vars'));
      for (const list of [own(task, 'cmds'), own(task, 'deps')])
        if (Array.isArray(list)) for (const item of list) if (isObj(item)) setAll(own(item, 'vars'));
    }
  }
  for (const a of cli) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(a);
    if (m) vars.set(m[1], m[2]);
  }
  return vars;
}

/** The `sh:` lines of a `vars:` or `env:` block: Task runs them to compute the values. */
function shLines(block: LiteralValue | undefined): string[] {
  if (!isObj(block)) return [];
  const out: string[] = [];
  for (const v of Object.values(block)) {
    const sh = isObj(v) ? text(own(v, 'sh')) : undefined;
    if (sh !== undefined) out.push(sh);
  }
  return out;
}

/** An `env:` block as the exports a task's lines run after; a value computed or templated is known only at run time. */
function exports(block: LiteralValue | undefined): string[] {
  if (!isObj(block)) return [];
  return Object.entries(block)
    .filter(([name]) => /^[A-Za-z_]\w*$/.test(name))
    .map(([name, v]) => {
      const value = text(v);
      return `export ${name}=${value === undefined || value.includes('{{') ? RUNTIME_VALUE_WORD : shellWord(value)}`;
    });
}

/** One task's own lines (before the `cd` and templates) and the tasks it runs; an item not understood is unread. */
function taskBody(task: LiteralValue, deps: string[]): string[] {
  const lines: string[] = [];
  const command = (item: LiteralValue, key = 'cmd'): void => {
    if (typeof item === 'string') lines.push(item);
    else if (isObj(item) && text(own(item, key)) !== undefined) lines.push(text(own(item, key))!);
    else if (isObj(item) && typeof own(item, 'task') === 'string') deps.push(own(item, 'task') as string);
    else if (isObj(item) && own(item, 'defer') !== undefined) command(own(item, 'defer')!);
    else if (item !== null) lines.push(UNREAD_RUNNER + 'a command written in a form AgentGuard does not read');
  };
  if (typeof task === 'string' || Array.isArray(task)) {
    for (const item of Array.isArray(task) ? task : [task]) command(item);
    return lines;
  }
  if (!isObj(task)) return lines;
  const listed = own(task, 'deps');
  if (Array.isArray(listed))
    for (const d of listed) {
      const name = typeof d === 'string' ? d : isObj(d) ? text(own(d, 'task')) : undefined;
      if (name !== undefined) deps.push(name);
      else lines.push(UNREAD_RUNNER + 'a dependency written in a form AgentGuard does not read');
    }
  lines.push(...shLines(own(task, 'vars')), ...shLines(own(task, 'env')));
  const pre = own(task, 'preconditions');
  if (Array.isArray(pre)) for (const p of pre) command(p, 'sh');
  const status = own(task, 'status');
  if (Array.isArray(status)) for (const s of status) command(s);
  if (own(task, 'cmd') !== undefined) command(own(task, 'cmd')!);
  const cmds = own(task, 'cmds');
  if (Array.isArray(cmds)) for (const item of cmds) command(item);
  else if (cmds !== undefined && cmds !== null) command(cmds);
  return lines;
}

/** A task's name as a dependency names it from its own Taskfile: `:NAME` is the root's, any other its namespace's. */
function qualified(name: string, prefix: string): string {
  return name.startsWith(':') ? name.slice(1) : prefix + name;
}

/**
 * What `task` runs from the Taskfile found (`root`, run from its folder or the one `exec` names): each task's lines,
 * each after a `cd` to its folder, templates filled in, and its dependencies by their full names.
 */
export function taskfileRun(
  root: { file: string; text: string },
  read: (file: string) => string | undefined,
  cli: readonly string[],
  cwd: string,
): TaskfileRun {
  const { docs, unread } = readAll(root, read);
  const vars = variables(docs, cli);
  const recipes: Recipes = new Map();
  const first: string[] = [];
  const rootDir = path.dirname(root.file);
  for (const [prefix, what] of unread) {
    // A namespace that could not be read: any of its tasks, or the call as a whole for the Taskfile found, asks.
    recipes.set(`${prefix}*`, { deps: [], lines: [UNREAD_RUNNER + what] });
  }
  for (const d of docs) {
    const dirs: TaskDirs = { root: rootDir, taskfile: d.file, cwd };
    const fill = (line: string): string => taskfileTemplates(line, vars, dirs);
    const globalEnv = exports(own(d.doc, 'env'));
    for (const line of [...shLines(own(d.doc, 'vars')), ...shLines(own(d.doc, 'env'))])
      first.push(readerCdLine(shellWord(d.exec)), fill(line));
    const tasks = own(d.doc, 'tasks');
    if (!isObj(tasks)) continue;
    for (const [name, task] of Object.entries(tasks).slice(0, MAX_TASKS)) {
      const deps: string[] = [];
      const body = taskBody(task, deps);
      const dir = isObj(task) ? text(own(task, 'dir')) : undefined;
      const runIn = dir === undefined ? shellWord(d.exec) : fillDir(fill(dir), d.exec);
      const env = [...globalEnv, ...(isObj(task) ? exports(own(task, 'env')) : [])];
      const lines = body.flatMap((l) => (l.startsWith(UNREAD_RUNNER) ? [l] : [readerCdLine(runIn), ...env, fill(l)]));
      const recipe = { deps: deps.map((n) => qualified(n, d.prefix)), lines };
      recipes.set(d.prefix + name, recipe);
      const aliases = isObj(task) ? own(task, 'aliases') : undefined;
      if (Array.isArray(aliases)) for (const a of aliases) if (typeof a === 'string') recipes.set(d.prefix + a, recipe);
    }
  }
  // A dependency is found as a call's name is: an alias, a wildcard task, a namespace that was not read.
  for (const recipe of new Set(recipes.values())) recipe.deps = recipe.deps.map((n) => taskNamed(recipes, n) ?? n);
  return { recipes, first };
}

/** A task's `dir:` after its templates: relative to the folder its Taskfile's tasks run in. */
function fillDir(dir: string, exec: string): string {
  if (dir.includes(RUNTIME_VALUE_WORD)) return dir;
  return shellWord(path.resolve(exec, dir));
}

/**
 * The recipe a name calls: the task itself, one of its aliases, a wildcard task (`start:*`), or the unread namespace
 * it falls in. Undefined when the Taskfiles were read and hold no such task: Task stops before running anything.
 */
export function taskNamed(recipes: Recipes, name: string): string | undefined {
  if (recipes.has(name)) return name;
  for (const key of recipes.keys()) {
    if (!key.includes('*')) continue;
    const pattern = new RegExp(`^${key.split('*').map(escapeRegExp).join('.*')}$`, 's');
    if (pattern.test(name)) return key;
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
