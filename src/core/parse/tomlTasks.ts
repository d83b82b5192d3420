// Task tables kept in TOML: `pipenv run NAME` runs the Pipfile's `[scripts]`
// entry NAME, `mise run NAME` a mise.toml task, cargo-make a Makefile.toml task
// (poe's pyproject.toml tasks are read in poeTasks.ts).
// Either file may have been written a moment before on the same line, so the
// task is read and judged as the lines it runs, as a justfile recipe is.
// A small reader of TOML values (strings in all four quotings, arrays, inline
// tables) flattened to dotted keys; bounded, and what it cannot read it skips.
import { inlineCodeFlags } from './interpreters';
import { interpreterOf } from './interpreterNames';
import type { Recipes } from './recipes';
import { own } from '../text/own';
import { shellWord as argvWord } from '../text/shellWord';

/** Most characters of a TOML file read; a task past them is not seen. */
export const MAX_TOML_CHARS = 512 * 1024;
const MAX_ENTRIES = 4096;
const MAX_DEPTH = 8;

class TomlScanner {
  pos = 0;
  readonly out = new Map<string, string>();
  constructor(readonly s: string) {}

  blanks(newlines: boolean): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#') while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  key(): string[] | undefined {
    const parts: string[] = [];
    for (let i = 0; i < 16; i++) {
      this.blanks(false);
      const c = this.s[this.pos];
      if (c === '"' || c === "'") parts.push(this.string() ?? '');
      else {
        const m = /[A-Za-z0-9_-]+/y;
        m.lastIndex = this.pos;
        const got = m.exec(this.s);
        if (!got) return undefined;
        parts.push(got[0]);
        this.pos = m.lastIndex;
      }
      this.blanks(false);
      if (this.s[this.pos] !== '.') return parts;
      this.pos++;
    }
    return undefined;
  }

  string(): string | undefined {
    const s = this.s;
    const q = s[this.pos];
    const triple = s.startsWith(q.repeat(3), this.pos);
    const close = triple ? q.repeat(3) : q;
    let at = this.pos + close.length;
    if (triple && s[at] === '\n') at++;
    let out = '';
    while (at < s.length) {
      if (s.startsWith(close, at)) {
        this.pos = at + close.length;
        return out;
      }
      if (!triple && s[at] === '\n') return undefined;
      if (q === '"' && s[at] === '\\') {
        const e = s[at + 1];
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === '\n' ? '' : e;
        at += 2;
        continue;
      }
      out += s[at++];
    }
    return undefined;
  }

  /** Reads one value into `out` under `path` (arrays and inline tables opened into dotted keys). */
  value(path: string, depth: number): boolean {
    this.blanks(false);
    const c = this.s[this.pos];
    if (depth > MAX_DEPTH || this.out.size > MAX_ENTRIES) return false;
    if (c === '"' || c === "'") {
      const v = this.string();
      if (v === undefined) return false;
      this.out.set(path, v);
      return true;
    }
    if (c === '[' || c === '{') {
      this.pos++;
      const end = c === '[' ? ']' : '}';
      for (let i = 0; i < MAX_ENTRIES; i++) {
        this.blanks(true);
        if (this.s[this.pos] === end) {
          this.pos++;
          return true;
        }
        if (c === '[') {
          if (!this.value(`${path}.${i}`, depth + 1)) return false;
        } else {
          const k = this.key();
          this.blanks(false);
          if (!k || this.s[this.pos] !== '=') return false;
          this.pos++;
          if (!this.value(`${path}.${k.join('.')}`, depth + 1)) return false;
        }
        this.blanks(true);
        if (this.s[this.pos] === ',') this.pos++;
      }
      return false;
    }
    const m = /[^\s,\]}#]+/y;
    m.lastIndex = this.pos;
    const got = m.exec(this.s);
    if (!got) return false;
    this.out.set(path, got[0]);
    this.pos = m.lastIndex;
    return true;
  }
}

/** The flattened keys of a TOML text: `a.b.c` → its string (or bare) value, array items as `a.0`, `a.1`. */
export function tomlKeys(text: string): Map<string, string> {
  const t = new TomlScanner(text.slice(0, MAX_TOML_CHARS));
  let table = '';
  for (let n = 0; n < MAX_ENTRIES && t.pos < t.s.length; n++) {
    t.blanks(true);
    if (t.pos >= t.s.length) break;
    if (t.s[t.pos] === '[') {
      const header = /\[\[?([^\]\n]*)\]\]?/y;
      header.lastIndex = t.pos;
      const m = header.exec(t.s);
      const parts = m ? new TomlScanner(m[1]).key() : undefined;
      table = parts ? parts.join('.') : '\u0000';
      t.pos = m ? header.lastIndex : t.s.indexOf('\n', t.pos) >>> 0;
      continue;
    }
    const start = t.pos;
    const k = t.key();
    t.blanks(false);
    if (k && t.s[t.pos] === '=') {
      t.pos++;
      if (t.value(table ? `${table}.${k.join('.')}` : k.join('.'), 0)) continue;
    }
    // A line it cannot read is skipped whole.
    const nl = t.s.indexOf('\n', Math.max(t.pos, start + 1));
    t.pos = nl < 0 ? t.s.length : nl + 1;
  }
  return t.out;
}

export function childrenOf(keys: Map<string, string>, prefix: string): Set<string> {
  const names = new Set<string>();
  for (const k of keys.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('.')[0]);
  return names;
}

/**
 * A Python function named `pkg.module:func` (or `:func(args)`) as python runs it: its module imported, so the
 * project's module it names is read as `python -c 'import …'` reads it. Anything else is marked unread.
 */
export function pythonCall(target: string): string {
  const m = /^\s*([A-Za-z_][\w.]*):([A-Za-z_][\w.]*)(\(.*\))?\s*$/s.exec(target);
  if (!m) return UNREAD_RUNNER + `the Python function ${target}`;
  return `python3 -c ${quoted(`import ${m[1]}; ${m[1]}.${m[2]}${m[3] ?? '()'}`)}`;
}

/** A Pipfile's `[scripts]`: `NAME = "command line"` (or `{ cmd = "…" }`); `{ call = "pkg:fn" }` as python calling it. */
export function pipfileScripts(text: string): Recipes {
  const keys = tomlKeys(text);
  const recipes: Recipes = new Map();
  for (const name of childrenOf(keys, 'scripts.')) {
    const line = keys.get(`scripts.${name}`) ?? keys.get(`scripts.${name}.cmd`);
    const call = keys.get(`scripts.${name}.call`);
    const lines = call === undefined ? [] : [pythonCall(call)];
    recipes.set(name, { deps: [], lines: line === undefined ? lines : [line, ...lines] });
  }
  return recipes;
}

/**
 * One inline `run` script as mise runs it: one starting with a shebang is a script for that program; any other is
 * handed to the task's `shell` (`bash -c`, `python3 -c`), or to sh.
 */
function miseRun(script: string, shell: string | undefined): string[] {
  const bang = /^#!\s*([^\n]*)\n?/.exec(script);
  if (bang) return runnerLines(bang[1].trim(), [script.slice(bang[0].length)], undefined);
  return shell === undefined || !shell.trim() ? [script] : runnerLines(shell.trim(), [script], undefined);
}

/**
 * mise's tasks: `[tasks.NAME]` with `run` (a line or a list; a `{ task = "other" }` item runs another task, a script
 * under a shebang runs by that program) and `depends`, or `[tasks]` `NAME = "line"`. A `file` task is marked (TASK_FILE) for the caller to read as that file run.
 */
export function miseTasks(text: string): Recipes {
  const keys = tomlKeys(text);
  const recipes: Recipes = new Map();
  for (const name of childrenOf(keys, 'tasks.')) {
    const at = `tasks.${name}`;
    const r = { deps: [] as string[], lines: [] as string[] };
    const shell = keys.get(`${at}.shell`);
    for (const p of [at, `${at}.run`]) {
      const line = keys.get(p);
      if (line !== undefined) r.lines.push(...miseRun(line, shell));
    }
    for (let i = 0; i < 256; i++) {
      const p = `${at}.run.${i}`;
      const line = keys.get(p);
      const other = keys.get(`${p}.task`);
      if (line === undefined && other === undefined) break;
      if (line !== undefined) r.lines.push(...miseRun(line, shell));
      if (other !== undefined) r.deps.push(other.split(/\s/)[0]);
    }
    for (const list of ['depends', 'depends_post']) {
      for (let i = 0; i < 256 && keys.has(`${at}.${list}.${i}`); i++)
        r.deps.push(keys.get(`${at}.${list}.${i}`)!.split(/\s/)[0]);
    }
    // `depends = "a b"`: one string naming the tasks.
    const single = keys.get(`${at}.depends`);
    if (single !== undefined) r.deps.push(...single.split(/\s+/).filter(Boolean));
    const file = keys.get(`${at}.file`);
    if (file !== undefined) r.lines.push(TASK_FILE + file);
    recipes.set(name, r);
  }
  return recipes;
}

/** Shells cargo-make may be told to run a task's script with; any other runner (`@rust`, `python`) runs code, not lines. */
const SHELL_RUNNER = /^(?:@shell|(?:\S*\/)?(?:sh|bash|zsh|dash|ksh|ash))(?:\s|$)/;

/** Shells of another syntax whose inline code AgentGuard reads (`fish -c`, `pwsh -Command`), by program name. */
const OTHER_SHELL_FLAGS: Readonly<Record<string, string>> = {
  fish: '-c',
  pwsh: '-Command',
  powershell: '-Command',
};

/** Marks a cargo-make line standing for a script whose runner is not read (`@duckscript`, an unknown program). */
export const UNREAD_RUNNER = '\0';
/** Marks a line standing for a script file a task runs (mise's `file`), read by its caller. */
export const TASK_FILE = '\u0001';

/** One word quoted for the shell that reads it again. */
export function quoted(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One word of a `command` + `args` task written for the shell that reads it again (`$` and `~` left to expand). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./~${}-]+$/.test(word) ? word : quoted(word);
}

/** The strings at `p` (one) or `p.0`, `p.1`, …, bounded. */
export function stringsAt(keys: Map<string, string>, p: string): string[] {
  const one = keys.get(p);
  if (one !== undefined) return [one];
  const out: string[] = [];
  for (let i = 0; i < 256 && keys.has(`${p}.${i}`); i++) out.push(keys.get(`${p}.${i}`)!);
  return out;
}

/**
 * What a runner does with a script: a shell reads its lines; `@rust` compiles it as rust-script does; an interpreter
 * AgentGuard reads (`python3`, `#!/usr/bin/env node`) runs it as its inline code, or runs the script file. A shell
 * or interpreter whose own words name a file (`python3 evil.py`) runs that file with the script as its argument. Any
 * other runner (`@duckscript`, a program not known) is marked unread: the call asks.
 */
export function runnerLines(runner: string, script: readonly string[], file: string | undefined): string[] {
  const words = runner.split(/\s+/).filter(Boolean);
  // `#!/usr/bin/env python3`, `#!/usr/bin/env -S node --flag`: the program env starts.
  let at = 0;
  if (/(?:^|\/)env$/.test(words[0] ?? '')) for (at = 1; at < words.length && words[at].startsWith('-'); at++);
  const program = words[at] ?? '';
  const isShell = SHELL_RUNNER.test(runner) || SHELL_RUNNER.test(program);
  const name = program.replace(/^.*\//, '');
  const language = interpreterOf(name);
  const flag = language ? inlineCodeFlags(language)[0] : own(OTHER_SHELL_FLAGS, name);
  // `python3 evil.py`, `bash ./wrap.sh`: the runner's own words name a file, which runs with the script (or its
  // file) as an argument. That argv is what runs, so it is judged as typed: the engine reads the file it names.
  if ((isShell || flag) && namesOperand(words.slice(at + 1), isShell))
    return [[...words.slice(at), file ?? script.join('\n')].map(argvWord).join(' ')];
  if (isShell) return file === undefined ? [...script] : [`sh ${quoted(file)}`];
  if (program === '@rust')
    return [file === undefined ? `rust-script -e ${quoted(script.join('\n'))}` : `rust-script ${quoted(file)}`];
  if (language && file !== undefined) return [`${name} ${quoted(file)}`];
  if (flag && file === undefined) return [`${name} ${flag} ${quoted(script.join('\n'))}`];
  return [UNREAD_RUNNER + (program || runner)];
}

/**
 * Whether a runner's arguments hold a word that is not an option (`evil.py`, `./wrap.sh`, `-` for stdin), so the
 * program runs that rather than inline code. A shell's `-o NAME` / `-O NAME` (also clustered, `-euo pipefail`) take
 * the word after them as their value.
 */
function namesOperand(args: readonly string[], isShell: boolean): boolean {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-' || !(isShell ? /^[-+]/ : /^-/).test(args[i])) return true;
    if (isShell && /^[-+][A-Za-z]*[oO]$/.test(args[i])) i++;
  }
  return false;
}

/** The lines of one cargo-make task table (or its platform override): its script as its runner runs it, then its command. */
function cargoMakeLines(keys: Map<string, string>, at: string, base: string): string[] {
  const lines: string[] = [];
  const script = [`${at}.script`, `${at}.script.pre`, `${at}.script.main`, `${at}.script.post`].flatMap((p) =>
    stringsAt(keys, p),
  );
  const file = keys.get(`${at}.script.file`);
  if (script.length || file !== undefined) {
    const shebang = /^#!\s*([^\n]*)/.exec(script[0] ?? '');
    if (shebang) script[0] = script[0].replace(/^[^\n]*\n?/, '');
    // An override runs with its own runner or the task's; a shebang names one too. Each runner named is judged,
    // so a script is never read only as the runner that finds nothing in it.
    const named = [keys.get(`${at}.script_runner`) ?? keys.get(`${base}.script_runner`), shebang?.[1]];
    const runners = named.filter((r): r is string => r !== undefined && r.trim() !== '');
    for (const runner of new Set(runners.length ? runners : ['@shell']))
      lines.push(...runnerLines(runner.trim(), script, file));
  }
  const command = keys.get(`${at}.command`);
  if (command !== undefined) lines.push([command, ...stringsAt(keys, `${at}.args`)].map(shellWord).join(' '));
  return lines.filter((l) => l.trim());
}

/**
 * cargo-make's Makefile.toml: `[tasks.NAME]` runs its `script` (a line, a list, or `{ pre, main, post }`) or its
 * `command` with `args`, after its `dependencies`; `run_task` and `alias` hand over to other tasks. The linux and
 * mac overrides are read too. A script for another runner is read as that runner runs it (runnerLines), and a
 * `script = { file = … }` as that file run.
 */
export function cargoMakeTasks(text: string): Recipes {
  const keys = tomlKeys(text);
  const recipes: Recipes = new Map();
  for (const name of childrenOf(keys, 'tasks.')) {
    const at = `tasks.${name}`;
    const r = { deps: [] as string[], lines: [] as string[] };
    for (let i = 0; i < 256; i++) {
      const dep = keys.get(`${at}.dependencies.${i}`) ?? keys.get(`${at}.dependencies.${i}.name`);
      if (dep === undefined) break;
      r.deps.push(dep);
    }
    for (const table of [at, `${at}.linux`, `${at}.mac`]) r.lines.push(...cargoMakeLines(keys, table, at));
    for (const p of [`${at}.run_task`, `${at}.run_task.name`]) r.deps.push(...stringsAt(keys, p));
    for (let i = 0; i < 64 && childrenOf(keys, `${at}.run_task.${i}.`).size; i++)
      r.deps.push(...stringsAt(keys, `${at}.run_task.${i}.name`));
    for (const p of ['alias', 'linux_alias', 'mac_alias']) r.deps.push(...stringsAt(keys, `${at}.${p}`));
    recipes.set(name, r);
  }
  return recipes;
}
