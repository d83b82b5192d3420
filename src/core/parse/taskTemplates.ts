// The templates task runners fill in before a shell reads a task's line: Task's Go templates (`{{.DIR}}`) and mise's
// Tera (`{{env.HOME}}`, `{{config_root}}`). Read as literal words they hid what the line touches: `rm -rf
// {{.DIR}}/build` with `DIR: /home/me/notes` was judged as deleting a folder of the project, and allowed. A template
// is now the text the runner puts there where the file says it plainly, and a value known only at run time
// (dynamic.ts) where it does not.
import { withoutTrailingComment } from '../text/trailingComment';
import { RUNTIME_VALUE_WORD } from './dynamic';
import { shellWord } from '../text/shellWord';

/** Templates filled in one line; past this the rest are values known only at run time. */
const MAX_TEMPLATES = 64;
/** Lines of a Taskfile read for its variables, as taskfileTasks reads its tasks. */
const MAX_LINES = 4096;

/** A Taskfile's variables with one plain value (`NAME: value` under a `vars:` block); undefined for any other. */
export type TaskVars = ReadonlyMap<string, string | undefined>;

/**
 * The variables a Taskfile's `vars:` blocks set, global and per task, read by indentation. One set twice to
 * different values, or to anything but a plain value (`{sh: …}`, a map, a template), has no value known before it
 * runs: Task's precedence between a task's own, a caller's and the file's would decide, and is not modelled.
 */
export function taskfileVars(text: string, cli: readonly string[]): TaskVars {
  const vars = new Map<string, string | undefined>();
  const set = (name: string, value: string | undefined): void => {
    vars.set(name, vars.has(name) && vars.get(name) !== value ? undefined : value);
  };
  let block = -1;
  for (const raw of text.split('\n').slice(0, MAX_LINES)) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (block >= 0 && indent <= block) block = -1;
    if (/^vars:\s*(?:#.*)?$/.test(line)) {
      block = indent;
      continue;
    }
    if (block < 0) continue;
    const entry = /^["']?([A-Za-z_][\w]*)["']?:\s*(.*)$/.exec(line);
    // Only the block's own keys: a deeper line is part of a value (`DIR:` then `sh: pwd`), which makes it dynamic.
    if (!entry) continue;
    const value = plainValue(entry[2]);
    set(entry[1], value);
  }
  // `task clean DIR=/x`: a value given on the command line is the one the task sees.
  for (const a of cli) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(a);
    if (m) vars.set(m[1], m[2]);
  }
  return vars;
}

/** A YAML scalar as written (quotes off), or undefined for a value that is computed or not a scalar. */
function plainValue(text: string): string | undefined {
  const v = withoutTrailingComment(text).trim();
  if (v === '' || /^[{[|>&*!]/.test(v) || v.includes('{{')) return undefined;
  const quoted = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^']|'')*)'$/.exec(v);
  if (quoted) return quoted[1] !== undefined ? quoted[1].replace(/\\(.)/g, '$1') : quoted[2].replace(/''/g, "'");
  return /^["']/.test(v) ? undefined : v;
}

/**
 * Task's own variables that name the Taskfile's folder. `.TASK_DIR` is the folder a task's `dir:` names, which may be
 * anywhere: like any variable the file does not set, it is a value known only at run time.
 */
const TASK_DIRS = /^\.(?:ROOT_DIR|TASKFILE_DIR)$/;

/** A Taskfile line with its `{{ … }}` filled in as Task fills them in. */
export function taskfileTemplates(line: string, vars: TaskVars, dir: string, cwd: string): string {
  return fill(line, (expr) => {
    if (TASK_DIRS.test(expr)) return shellWord(dir);
    if (expr === '.USER_WORKING_DIR') return shellWord(cwd);
    const name = /^\.([A-Za-z_]\w*)$/.exec(expr)?.[1];
    const value = name === undefined ? undefined : vars.get(name);
    return value ?? RUNTIME_VALUE_WORD;
  });
}

/** A mise task's line with its Tera `{{ … }}` filled in: the environment's variables, the config's folder, cwd. */
export function miseTemplates(line: string, configDir: string, cwd: string): string {
  return fill(line, (expr) => {
    const env = /^env\.([A-Za-z_]\w*)$/.exec(expr);
    if (env) return `"\${${env[1]}}"`;
    if (expr === 'config_root') return shellWord(configDir);
    if (expr === 'cwd') return shellWord(cwd);
    return RUNTIME_VALUE_WORD;
  });
}

/** Each `{{ … }}` (`{{- … -}}` too) replaced, scanning once: a `{{` left open keeps the rest of the line as written. */
function fill(line: string, value: (expr: string) => string): string {
  let out = '';
  let n = 0;
  let i = 0;
  for (let open = line.indexOf('{{'); open !== -1; open = line.indexOf('{{', i)) {
    const close = line.indexOf('}}', open + 2);
    if (close === -1) break;
    const expr = line
      .slice(open + 2, close)
      .replace(/^-/, '')
      .replace(/-$/, '');
    out += line.slice(i, open) + (++n > MAX_TEMPLATES ? RUNTIME_VALUE_WORD : value(expr.trim()));
    i = close + 2;
  }
  return out + line.slice(i);
}
