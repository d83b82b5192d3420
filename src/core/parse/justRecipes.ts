// A justfile's recipes, read as just runs them. Most recipes are lines for the
// shell (`set shell`'s program); one whose body starts with a shebang, or that
// carries a `[script]` attribute, is one script for another program, which may
// be python or node as well as bash: it is judged as that program running it.
// The call's own `--shell` / `--shell-arg` / `--clear-shell-args` replace the
// file's shell, and `--command` runs a program (with `--shell-command`, a line
// for that shell) instead of recipes: each is read as just applies it.
import * as path from 'node:path';
import { RUNTIME_VALUE_WORD } from './dynamic';
import { runnerLines } from './tomlTasks';
import type { Recipes } from './recipes';
import { readerCdLine } from './readerCd';

/** The quoted strings of a just list or attribute argument (`["python3", "-c"]`, `('uv', 'run')`), joined by spaces. */
function justWords(list: string): string {
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]).join(' ');
}

/** Lines without the indentation they all share; blank lines at the end dropped. */
function dedent(lines: readonly string[]): string[] {
  const body = [...lines];
  while (body.length && !body[body.length - 1].trim()) body.pop();
  const indents = body.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return body.map((l) => l.slice(cut));
}

/**
 * A justfile's recipes: `name PARAMS: DEPS` at the line start, its body the indented lines below (blank lines
 * inside it too). A body is run as just runs it: one starting with a shebang, or under a `[script(…)]`
 * attribute, is a script for that program (runnerLines: a shell's lines, a known interpreter's inline code, any
 * other program marked unread); otherwise each line (`@` and `-` prefixes dropped) goes to `set shell`'s
 * program. A plain interpolation stays as written (`{{x}}`), read as a word; one that reads the environment
 * (`{{ env_var("HOME") }}`) is the shell's variable, and any other expression a value known only at run time.
 */
/** Interpolations read in one line; past this the rest is a value known only at run time as a whole. */
const MAX_INTERPOLATIONS = 64;
const ENV_READ = /^env(?:_var(?:_or_default)?)?\(\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*(?:,[^)]*)?\)$/;

/**
 * The commands a just expression runs when evaluated: each backtick (`` `cmd` ``, ```` ```block``` ````) and each
 * `shell('cmd', …)` call, the text as the shell (`set shell`'s program) gets it.
 */
export function evaluatedCommands(expr: string): string[] {
  const out: string[] = [];
  for (const m of expr.matchAll(/```([\s\S]*?)```|`([^`]*)`|\bshell\(\s*(?:'([^']*)'|"((?:[^"\\]|\\.)*)")/g)) {
    if (out.length >= MAX_INTERPOLATIONS) break;
    const cmd = (m[1] ?? m[2] ?? m[3] ?? m[4]?.replace(/\\(.)/g, '$1') ?? '').trim();
    if (cmd) out.push(...dedent(cmd.split('\n')).filter((l) => l.trim()));
  }
  return out;
}

/** A body line's `{{ … }}` as the shell gets it (`{{{{` is a literal `{{`); the commands its expressions run go to `runs`. */
function justInterpolations(line: string, runs: string[]): string {
  if (!line.includes('{{')) return line;
  let n = 0;
  return line.replace(/\{\{\{\{|\{\{(.*?)\}\}/g, (m, expr: string | undefined) => {
    if (expr === undefined) return '{{';
    if (++n > MAX_INTERPOLATIONS) return RUNTIME_VALUE_WORD;
    const e = expr.trim();
    if (/^[A-Za-z_][\w-]*$/.test(e)) return m;
    const env = ENV_READ.exec(e);
    // `{{ `cmd` }}` and `{{ shell('cmd') }}` run cmd when the recipe's line is evaluated, before the line runs.
    runs.push(...evaluatedCommands(e));
    return env ? `"\${${env[2]}}"` : RUNTIME_VALUE_WORD;
  });
}

/** Where a recipe runs: the justfile's folder (`dir`, with `set working-directory`), or with `[no-cd]` the caller's. */
export interface JustHome {
  dir: string;
  cwd: string;
}

function cdLine(dir: string): string {
  return readerCdLine(`'${dir.replace(/'/g, `'\\''`)}'`);
}

export function justRecipes(
  text: string,
  shellOverride?: string,
  home?: JustHome,
): { recipes: Recipes; first?: string; shell: string; evaluated: string[] } {
  const recipes: Recipes = new Map();
  const bodies: { lines: string[]; body: string[]; script?: string; noCd: boolean }[] = [];
  // Assignments are evaluated whenever the justfile is: their backticks run before any recipe.
  const evaluated: string[] = [];
  let workDir = '';
  let first: string | undefined;
  let current: (typeof bodies)[number] | undefined;
  let attributes: string[] = [];
  let shell = 'sh -cu';
  let scriptInterpreter = 'sh -eu';
  for (const line of text.split('\n').slice(0, 4096)) {
    if (/^[ \t]+\S/.test(line) || !line.trim()) {
      current?.body.push(line);
      continue;
    }
    current = undefined;
    const setting = /^set\s+(shell|script-interpreter)\s*:=\s*\[(.*)\]/.exec(line);
    if (setting && setting[1] === 'shell') shell = justWords(setting[2]);
    else if (setting) scriptInterpreter = justWords(setting[2]);
    const wd = /^set\s+working-directory\s*:=\s*(?:'([^']*)'|"([^"]*)")/.exec(line);
    if (wd) workDir = wd[1] ?? wd[2];
    const assigned = /^(?:export\s+)?[A-Za-z_][\w-]*\s*:=(.*)$/.exec(line);
    if (assigned && evaluated.length < MAX_INTERPOLATIONS) evaluated.push(...evaluatedCommands(assigned[1]));
    if (line.startsWith('[')) attributes.push(line);
    if (line.startsWith('[') || line.startsWith('#')) continue;
    const m = /^@?([A-Za-z_][\w-]*)((?:\s+[^:=\s]+)*)\s*:(?!=)(.*)$/.exec(line);
    const script = /\bscript\b\s*(?:\(([^)]*)\))?/.exec(attributes.join(' '));
    const noCd = /\bno-cd\b/.test(attributes.join(' '));
    attributes = [];
    if (!m || /^(?:set|alias|export|import|mod)$/.test(m[1])) continue;
    const deps = m[3]
      .replace(/#.*$/, '')
      .split(/\s+/)
      .map((d) => d.replace(/^\(|\)$/g, '').split(/\s/)[0])
      .filter((d) => /^[A-Za-z_][\w-]*$/.test(d));
    current = { lines: [], body: [], script: script ? (script[1] ?? '') : undefined, noCd };
    bodies.push(current);
    recipes.set(m[1], { deps, lines: current.lines });
    first ??= m[1];
  }
  // `--shell` / `--shell-arg` given to just win over the file's `set shell`, as just applies them.
  if (shellOverride !== undefined) shell = shellOverride;
  // Settings hold for the whole file, wherever they are written: the bodies are read once all are known.
  for (const r of bodies) {
    const runs: string[] = [];
    const body = dedent(r.body).map((l) => justInterpolations(l, runs));
    // A recipe runs in the justfile's folder (or `set working-directory`), with `[no-cd]` in the caller's.
    if (home) r.lines.push(cdLine(r.noCd ? home.cwd : path.resolve(home.dir, workDir)));
    r.lines.push(...runnerLines(shell, runs, undefined));
    const bang = /^#!\s*(.*)$/.exec(body[0] ?? '');
    if (bang) r.lines.push(...runnerLines(bang[1], body.slice(1), undefined));
    else if (r.script !== undefined)
      r.lines.push(...runnerLines(justWords(r.script) || scriptInterpreter, body, undefined));
    else {
      const lines = body.filter((l) => l.trim()).map((l) => l.trim().replace(/^[@-]+/, ''));
      r.lines.push(...(lines.length ? runnerLines(shell, lines, undefined) : []));
    }
  }
  return { recipes, first, shell, evaluated: evaluated.length ? runnerLines(shell, evaluated, undefined) : [] };
}

/** just's options that take a value (the value is the next word, unless written `--opt=value`). */
const JUST_VALUED = new Set([
  '-f',
  '--justfile',
  '-d',
  '--working-directory',
  '--set',
  '--dotenv-filename',
  '--dotenv-path',
  '-E',
  '--color',
  '--command-color',
  '--chooser',
  '--list-heading',
  '--list-prefix',
  '--tempdir',
]);

/** What a just call's own options say: the shell it was told to use, and the program `--command` runs instead. */
export interface JustCall {
  /** `--shell PROG` / `--shell-arg ARG` / `--clear-shell-args`, as one `PROG ARGS` runner; undefined when none is given. */
  shell?: string;
  /** `--command PROG ARGS…` (`-c`): the words it runs. */
  command?: string[];
  /** `--shell-command`: the command is a line for the shell, not a program. */
  shellCommand: boolean;
  /** The index of `--command` (or argv's length): the words before it are just's options and recipe names. */
  end: number;
}

/**
 * Reads just's shell options as just does: `--shell` without `--shell-arg` runs with `-cu`, `--shell-arg` without
 * `--shell` runs `sh`, `--clear-shell-args` drops the arguments given before it. `--command` takes every word after it.
 */
export function justCall(argv: readonly string[]): JustCall {
  let program: string | undefined;
  let args: string[] | undefined;
  const out: JustCall = { shellCommand: false, end: argv.length };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const eq = /^(--[\w-]+)=(.*)$/s.exec(a);
    const flag = eq ? eq[1] : a;
    const value = (): string | undefined => (eq ? eq[2] : argv[++i]);
    if (flag === '--shell') program = value();
    else if (flag === '--shell-arg') (args ??= []).push(value() ?? '');
    else if (flag === '--clear-shell-args') args = [];
    else if (flag === '--shell-command') out.shellCommand = true;
    else if (flag === '--command' || flag === '-c') {
      out.end = i;
      out.command = eq ? [eq[2], ...argv.slice(i + 1)] : argv.slice(i + 1);
      break;
    } else if (!eq && JUST_VALUED.has(a)) i += a === '--set' ? 2 : 1;
  }
  if (program !== undefined || args !== undefined) out.shell = [program ?? 'sh', ...(args ?? ['-cu'])].join(' ');
  return out;
}
