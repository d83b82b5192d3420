// poe (poethepoet) runs the tasks of pyproject.toml's `[tool.poe.tasks]`. The
// file may have been written a moment before on the same line, so a task is
// read and judged as what it runs: a `cmd` as its command line, a `shell` task
// as its script run by the task's interpreter (a shell, or python, pwsh, fish),
// a `script` task as python calling the function, an `expr` task as python
// evaluating the expression.
import { childrenOf, pythonCall, quoted, runnerLines, stringsAt, tomlKeys } from './tomlTasks';
import type { Recipes } from './recipes';

/** poe's names for the interpreters of a shell task, as the program each runs (`posix`: the first of sh, bash, zsh). */
const POE_INTERPRETERS: Readonly<Record<string, string>> = {
  posix: 'sh',
  sh: 'sh',
  bash: 'bash',
  zsh: 'zsh',
  fish: 'fish',
  pwsh: 'pwsh',
  powershell: 'powershell',
  python: 'python',
};

/** The interpreters poe may pick that read a script as sh does. */
const SHELLS = new Set(['sh', 'bash', 'zsh']);

/**
 * A shell task's script as each interpreter it may run with runs it: the task's `interpreter` (one, or a list in
 * order of preference, any of which may be the one found), else `[tool.poe] shell_interpreter`, else a posix shell.
 * Each is judged, so the script is never read only as the interpreter that finds nothing in it; a name poe does
 * not know is passed on as written, which runnerLines marks unread.
 */
function shellLines(script: string, interpreters: readonly string[]): string[] {
  const named = interpreters.length ? interpreters : ['posix'];
  const programs = [...new Set(named.map((n) => POE_INTERPRETERS[n.trim()] || n.trim() || 'sh'))];
  // Among several, a shell's reading is a `sh -c` of its own: python code that sh cannot parse then stops that
  // reading only, not the others with it.
  if (programs.length > 1)
    return programs.flatMap((p) =>
      SHELLS.has(p) ? [`${p} -c ${quoted(script)}`] : runnerLines(p, [script], undefined),
    );
  return runnerLines(programs[0], [script], undefined);
}

/**
 * An expr task as python evaluates it: its `imports` imported (and sys, which poe always gives), then the
 * expression's value printed.
 */
function exprLine(expr: string, imports: readonly string[]): string {
  const modules = ['sys', ...imports].map((m) => `import ${m}`).join('\n');
  return `python3 -c ${quoted(`${modules}\nprint((\n${expr}\n))`)}`;
}

/**
 * pyproject.toml's poe tasks: `NAME = "cmd"`, `NAME = { cmd | shell | script | expr = "…" }`, `NAME = ["other", …]`
 * or `sequence = [...]` (other tasks, or items with their own task kind), `ref = "other args"`, `deps = [...]`.
 */
export function poeTasks(text: string): Recipes {
  const keys = tomlKeys(text);
  const base = 'tool.poe.tasks.';
  const recipes: Recipes = new Map();
  const names = childrenOf(keys, base);
  const defaultInterpreters = stringsAt(keys, 'tool.poe.shell_interpreter');
  for (const name of names) {
    const r = { deps: [] as string[], lines: [] as string[] };
    const at = base + name;
    // A sequence's plain item names another task; one that names none is read as a command (`default_item_type`).
    const item = (p: string, asRef: boolean): void => {
      const own = keys.get(p);
      const ref = own?.split(/\s/)[0] ?? '';
      if (own !== undefined) (asRef && names.has(ref) ? r.deps : r.lines).push(asRef && names.has(ref) ? ref : own);
      const cmd = keys.get(`${p}.cmd`);
      if (cmd !== undefined) r.lines.push(cmd);
      const shell = keys.get(`${p}.shell`);
      if (shell !== undefined) {
        const chosen = stringsAt(keys, `${p}.interpreter`);
        r.lines.push(...shellLines(shell, chosen.length ? chosen : defaultInterpreters));
      }
      const script = keys.get(`${p}.script`);
      if (script !== undefined) r.lines.push(pythonCall(script));
      const expr = keys.get(`${p}.expr`);
      if (expr !== undefined) r.lines.push(exprLine(expr, stringsAt(keys, `${p}.imports`)));
      const named = keys.get(`${p}.ref`);
      if (named !== undefined) r.deps.push(named.split(/\s/)[0]);
    };
    item(at, false);
    for (let i = 0; i < 256 && (keys.has(`${at}.${i}`) || childrenOf(keys, `${at}.${i}.`).size); i++)
      item(`${at}.${i}`, true);
    for (let i = 0; i < 256; i++) {
      const p = `${at}.sequence.${i}`;
      if (!keys.has(p) && !childrenOf(keys, `${p}.`).size) break;
      item(p, true);
    }
    for (let i = 0; i < 256 && keys.has(`${at}.deps.${i}`); i++)
      r.deps.push(keys.get(`${at}.deps.${i}`)!.split(/\s/)[0]);
    recipes.set(name, r);
  }
  return recipes;
}
