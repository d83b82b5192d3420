// Python project managers that run scripts named in pyproject.toml: `pdm run
// NAME` (or `pdm NAME`) the `[tool.pdm.scripts]` entry NAME, `hatch run
// [ENV:]NAME` a script of a hatch environment (pyproject.toml's
// `[tool.hatch.envs.ENV.scripts]` or hatch.toml's `[envs.ENV.scripts]`), `rye
// run NAME` the `[tool.rye.scripts]` entry NAME. The file may have been written
// a moment before on the same line, so the script is read and judged as the
// lines it runs, from the project's folder, as a poe task is. A name that is no
// script of the file is a command, which the runner forms read as one.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from './normalize/scope';
import { noteUnreadScript, type UnwrapStep } from './wrappers/common';
import { childrenOf, pythonCall, stringsAt, tomlKeys } from './tomlTasks';
import { findUpIn, linesOf } from './taskRunners';
import type { Recipes } from './recipes';
import { shellWord } from '../text/shellWord';
import { RUNTIME_VALUE_NAME, RUNTIME_VALUE_WORD, withRuntimeValue } from './dynamic';

/** Most environments followed through hatch's `template` chain. */
const MAX_TEMPLATES = 8;
/** Most scripts one table is read for. */
const MAX_SCRIPTS = 512;

/** pdm's own commands: any other first word is a script's name (`pdm test`). */
const PDM_COMMANDS = new Set(
  'add build cache completion config export fix import info init install list lock outdated plugin publish python py remove run search self show sync update use venv'.split(
    ' ',
  ),
);
/** The pdm commands that fire hooks, and the hook scripts each runs (pdm's scripts documentation). */
const PDM_HOOKS: Readonly<Record<string, readonly string[]>> = {
  install: ['pre_lock', 'post_lock', 'pre_install', 'post_install'],
  sync: ['pre_install', 'post_install'],
  add: ['pre_lock', 'post_lock', 'pre_install', 'post_install'],
  remove: ['pre_lock', 'post_lock', 'pre_install', 'post_install'],
  update: ['pre_lock', 'post_lock', 'pre_install', 'post_install'],
  lock: ['pre_lock', 'post_lock'],
  build: ['pre_build', 'post_build'],
  publish: ['pre_publish', 'pre_build', 'post_build', 'post_publish'],
  init: ['post_init'],
};
/** Options of the runners that take the next word as their value. */
const PDM_VALUED = new Set(['-p', '--project', '--skip', '--venv', '-c', '--config']);
const HATCH_VALUED = new Set(['-e', '--env', '-p', '--project', '--data-dir', '--cache-dir', '--config', '--color']);
const RYE_VALUED = new Set(['--pyproject', '--env-file']);

/** The index of the first word from `from` that is no option (nor an option's value), or -1. */
function firstOperand(argv: readonly string[], from: number, valued: ReadonlySet<string>): number {
  for (let i = from; i < argv.length; i++) {
    if (argv[i] === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!argv[i].startsWith('-')) return i;
    if (valued.has(argv[i])) i++;
  }
  return -1;
}

/**
 * hatch's and pdm's placeholders as a line judged here can hold them: `{args}` the words typed after the name (or
 * its default), `{root}` the project, `{home}` and `{env:NAME}` what the shell knows by those names. Any other
 * (`{matrix:…}`, `{env_name}`) is a value known when the runner starts: read as one the shell cannot know.
 */
function substitute(line: string, args: string): { line: string; hadArgs: boolean } {
  let hadArgs = false;
  // Only the runners' own names: `${HOME}`, awk's `{print $1}` and a shell's `{ a; }` are the shell's.
  const out = line.replace(PLACEHOLDER, (_whole, name: string, modifier: string | undefined) => {
    if (name === '/' || name === ';') return name;
    if (name === 'args') {
      hadArgs = true;
      return args || (modifier ?? '');
    }
    if (name === 'root') return '.';
    if (name === 'home') return '$HOME';
    if (name === 'pdm') return 'pdm';
    const variable = name === 'env' ? /^[A-Za-z_]\w*/.exec(modifier ?? '')?.[0] : undefined;
    return variable ? `\${${variable}}` : RUNTIME_VALUE_WORD;
  });
  return { line: out, hadArgs };
}
const PLACEHOLDER =
  /(?<!\$)\{(args|root|home|env|pdm|matrix|env_name|env_type|verbosity|cwd|\/|;)(?::([^{}\n]{0,200}))?\}/g;

/** An entry's command: a line, or an argv list (`cmd = ["flask", "run"]`) written back as a line. */
function commandAt(keys: Map<string, string>, p: string): string | undefined {
  const one = keys.get(p);
  if (one !== undefined) return one;
  const words = stringsAt(keys, p);
  return words.length ? words.map(shellWord).join(' ') : undefined;
}

/**
 * pdm's `[tool.pdm.scripts]`: `NAME = "cmd"`, `{ cmd = "…" | [argv] }`, `{ shell = "…" }`, `{ call = "pkg:fn" }`,
 * `{ composite = ["other", "cmd …"] }`; each script's `pre_NAME` and `post_NAME` run around it, and
 * `pre_script` / `post_script` around every one.
 */
export function pdmScripts(keys: Map<string, string>, base = 'tool.pdm.scripts.'): Recipes {
  const recipes: Recipes = new Map();
  const names = [...childrenOf(keys, base)].slice(0, MAX_SCRIPTS);
  const known = new Set(names);
  for (const name of names) {
    const at = base + name;
    const r = { deps: [] as string[], lines: [] as string[] };
    for (const hook of name.startsWith('pre_') || name.startsWith('post_') ? [] : ['pre_script', `pre_${name}`])
      if (known.has(hook)) r.deps.push(hook);
    const line = keys.get(at) ?? commandAt(keys, `${at}.cmd`) ?? keys.get(`${at}.shell`);
    if (line !== undefined) r.lines.push(line);
    const call = keys.get(`${at}.call`);
    if (call !== undefined) r.lines.push(pythonCall(call));
    composite(stringsAt(keys, `${at}.composite`), known, r);
    recipes.set(name, r);
  }
  // A post hook runs after its script: read as a script of its own that runs the script first.
  for (const name of names) {
    const r = recipes.get(name)!;
    for (const hook of name.startsWith('pre_') || name.startsWith('post_') ? [] : [`post_${name}`, 'post_script'])
      if (known.has(hook)) r.lines.push(...(recipes.get(hook)?.lines ?? []));
  }
  return recipes;
}

/** Items that name another script run it (with the words after its name); any other is a command line. */
function composite(items: readonly string[], known: ReadonlySet<string>, r: { deps: string[]; lines: string[] }) {
  for (const written of items) {
    // hatch's `- cmd` runs cmd, its failure ignored.
    const item = written.replace(/^\s*-\s+/, '');
    const first = item.trim().split(/\s/)[0];
    if (known.has(first)) r.deps.push(first);
    else r.lines.push(item);
  }
}

/** rye's `[tool.rye.scripts]`: `NAME = "cmd" | [argv]`, `{ cmd = … }`, `{ call = "pkg:fn" }`, `{ chain = [names] }`. */
export function ryeScripts(keys: Map<string, string>): Recipes {
  const base = 'tool.rye.scripts.';
  const recipes: Recipes = new Map();
  const names = [...childrenOf(keys, base)].slice(0, MAX_SCRIPTS);
  const known = new Set(names);
  for (const name of names) {
    const at = base + name;
    const r = { deps: [] as string[], lines: [] as string[] };
    const line = commandAt(keys, at) ?? commandAt(keys, `${at}.cmd`);
    if (line !== undefined) r.lines.push(line);
    const call = keys.get(`${at}.call`);
    if (call !== undefined) r.lines.push(pythonCall(call));
    composite(stringsAt(keys, `${at}.chain`), known, r);
    recipes.set(name, r);
  }
  return recipes;
}

/**
 * A hatch environment's scripts, its own over those of its `template` chain (`default` unless it names another):
 * `NAME = "cmd"` or a list of commands, each of which may start with another script's name. Its
 * `pre-install-commands` and `post-install-commands` run when `hatch run` first creates the environment: read as
 * run before every script.
 */
export function hatchScripts(keys: Map<string, string>, root: string, env: string): Recipes {
  const recipes: Recipes = new Map();
  const setup: string[] = [];
  const chain: string[] = [];
  for (let e: string | undefined = env; e && e !== 'none' && chain.length < MAX_TEMPLATES;) {
    if (chain.includes(e)) break;
    chain.push(e);
    e = keys.get(`${root}${e}.template`) ?? (e === 'default' ? undefined : 'default');
  }
  for (const e of chain) {
    const at = `${root}${e}`;
    for (const k of ['pre-install-commands', 'post-install-commands']) setup.push(...stringsAt(keys, `${at}.${k}`));
  }
  const names = new Set<string>();
  for (const e of chain) for (const n of childrenOf(keys, `${root}${e}.scripts.`)) names.add(n);
  for (const name of [...names].slice(0, MAX_SCRIPTS)) {
    const e = chain.find((c) => childrenOf(keys, `${root}${c}.scripts.`).has(name))!;
    const r = { deps: [] as string[], lines: [] as string[] };
    composite(stringsAt(keys, `${root}${e}.scripts.${name}`), names, r);
    recipes.set(name, r);
  }
  if (setup.length) for (const r of recipes.values()) r.lines.unshift(...setup.map((l) => l.replace(/^\s*-\s+/, '')));
  return recipes;
}

/** The script a runner call names, and where its project file is. */
interface ScriptCall {
  via: string;
  files: readonly string[];
  name: string;
  /** The words typed after the name, handed to the script. */
  after: number;
  read: (keys: Map<string, string>, file: string) => Recipes;
  /** Scripts run before the named one (pdm's hooks for its own commands) when no name is run. */
  hooks?: readonly string[];
}

function callOf(p: Pending): ScriptCall | undefined {
  const argv = p.argv;
  const prog = argv[0];
  if (prog === 'pdm') {
    const at = firstOperand(argv, 1, PDM_VALUED);
    const sub = argv[at] ?? '';
    const hooks = Object.prototype.hasOwnProperty.call(PDM_HOOKS, sub) ? PDM_HOOKS[sub] : undefined;
    if (hooks)
      return {
        via: `pdm ${sub}`,
        files: ['pyproject.toml'],
        name: '',
        after: argv.length,
        read: (k) => pdmScripts(k),
        hooks,
      };
    if (argv.some((a) => a === '-l' || a === '--list' || a === '-h' || a === '--help')) return undefined;
    const n = sub === 'run' ? firstOperand(argv, at + 1, PDM_VALUED) : PDM_COMMANDS.has(sub) ? -1 : at;
    if (n < 0) return undefined;
    return {
      via: `pdm run ${argv[n]}`,
      files: ['pyproject.toml'],
      name: argv[n],
      after: n + 1,
      read: (k) => pdmScripts(k),
    };
  }
  if (prog === 'rye') {
    const at = firstOperand(argv, 1, RYE_VALUED);
    if (argv[at] !== 'run' || argv.some((a) => a === '-l' || a === '--list')) return undefined;
    const n = firstOperand(argv, at + 1, RYE_VALUED);
    if (n < 0) return undefined;
    return { via: `rye run ${argv[n]}`, files: ['pyproject.toml'], name: argv[n], after: n + 1, read: ryeScripts };
  }
  if (prog === 'hatch') {
    const at = firstOperand(argv, 1, HATCH_VALUED);
    if (argv[at] !== 'run') return undefined;
    const n = firstOperand(argv, at + 1, HATCH_VALUED);
    if (n < 0) return undefined;
    // `hatch -e ENV run NAME`, `hatch run ENV:NAME`; a matrix's `+py=3.12` picks among its variants.
    const e = argv.findIndex((a, k) => k < at && (a === '-e' || a === '--env'));
    const colon = argv[n].indexOf(':');
    const env = colon > 0 ? argv[n].slice(0, colon) : e > 0 ? argv[e + 1] : (p.env.HATCH_ENV ?? 'default');
    const name = colon > 0 ? argv[n].slice(colon + 1) : argv[n];
    return {
      via: `hatch run ${argv[n]}`,
      files: ['hatch.toml', 'pyproject.toml'],
      name,
      after: n + 1,
      read: (k, f) => hatchScripts(k, f === 'hatch.toml' ? 'envs.' : 'tool.hatch.envs.', env.replace(/\..*$/, '')),
    };
  }
  return undefined;
}

/** `pdm run NAME`, `hatch run NAME`, `rye run NAME`: the script NAME read as the lines it runs; else undefined. */
export function unwrapPythonScripts(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  // On another machine the project files are that machine's.
  if (scope.remote || p.dynamic[1]) return undefined;
  const call = callOf(p);
  if (!call) return undefined;
  let recipes: Recipes | undefined;
  let dir = scope.cwd;
  for (const file of call.files) {
    const found = findUpIn([file], scope, w);
    // A project file too large to read runs its scripts unread: asked.
    noteUnreadScript(found?.path ?? path.join(scope.cwd, file), found?.text, scope, w, call.via);
    if (!found) continue;
    recipes = call.read(tomlKeys(found.text), file);
    dir = found.dir;
    if (recipes.size) break;
  }
  if (!recipes) return undefined;
  const wanted = call.hooks ? call.hooks.filter((h) => recipes.has(h)) : recipes.has(call.name) ? [call.name] : [];
  if (!wanted.length) return undefined;
  const args = p.argv
    .slice(call.after)
    .map((a, k) => (p.dynamic[call.after + k] ? RUNTIME_VALUE_WORD : shellWord(a)))
    .join(' ');
  const lines = linesOf(recipes, wanted, w, call.via.replace(/ \S*$/, '')).map((l) => {
    const { line, hadArgs } = substitute(l, args);
    return hadArgs || !args ? line : `${line} ${args}`;
  });
  if (!lines.length) return undefined;
  const text = lines.join('\n');
  const env = text.includes(RUNTIME_VALUE_NAME) ? withRuntimeValue(p.env) : undefined;
  return { kind: 'script', text, via: call.via, lenient: true, alsoEmit: true, cwd: dir, ...(env ? { env } : {}) };
}
