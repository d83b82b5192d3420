// The templates task runners fill in before a shell reads a task's line: Task's Go templates (`{{.DIR}}`) and mise's
// Tera (`{{env.HOME}}`, `{{config_root}}`). Read as literal words they hid what the line touches: `rm -rf
// {{.DIR}}/build` with `DIR: /home/me/notes` was judged as deleting a folder of the project, and allowed. A template
// is now the text the runner puts there where the file says it plainly, and a value known only at run time
// (dynamic.ts) where it does not.
import { RUNTIME_VALUE_WORD } from './dynamic';
import { shellWord } from '../text/shellWord';

/** Templates filled in one line; past this the rest are values known only at run time. */
const MAX_TEMPLATES = 64;
/** A Taskfile's variables with one plain value; undefined for any other (taskfile.ts). */
export type TaskVars = ReadonlyMap<string, string | undefined>;

/** The folders Task's own variables name: the Taskfile found, the one a line is written in, where `task` was typed. */
export interface TaskDirs {
  root: string;
  taskfile: string;
  cwd: string;
}

/**
 * A Taskfile line with its `{{ … }}` filled in as Task fills them in. `.TASK_DIR` is the folder a task's `dir:` names,
 * which may be anywhere: like any variable the file does not set, it is a value known only at run time.
 */
export function taskfileTemplates(line: string, vars: TaskVars, dirs: TaskDirs): string {
  return fill(line, (expr) => {
    if (expr === '.ROOT_DIR') return shellWord(dirs.root);
    if (expr === '.TASKFILE_DIR') return shellWord(dirs.taskfile);
    if (expr === '.USER_WORKING_DIR') return shellWord(dirs.cwd);
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
