// The commands an awk program runs when they are not one string literal
// (POSIX awk, gawk manual "Built-in Functions", "Getline", "Redirection"):
// `system(EXPR)`, `EXPR | getline`, `print … | EXPR`. EXPR is read as a
// concatenation of string literals, `ENVIRON["NAME"]`, variables set to
// literals in the program or by `-v name=value`, and fields (`$0`, `$1`):
// a command made only of the first three is that command; one holding a
// field runs text of the input, so the input lines are judged as commands;
// any other expression (sprintf, a function call) is only known when it
// runs. Output files given as such an expression (`print > ENVIRON["HOME"]
// "/.bashrc"`) are read the same way. Bounded: MAX_SINKS per program.

const MAX_SINKS = 32;
const MAX_VARIABLES = 256;

export interface AwkCommands {
  /** Command lines known before the program runs. */
  runs: string[];
  /** Files written by an output redirection whose name is an expression (`append` for `>>`). */
  writes: Array<{ path: string; append: boolean }>;
  /** A command is made from the input text (a field): the input lines run as commands. */
  runsInput: boolean;
  /** Commands built in a way that is only known at run time (the expression, shortened). */
  unknown: string[];
}

const STRING = String.raw`"(?:[^"\\\n]|\\.)*"`;
const TOKEN = new RegExp(
  String.raw`^\s*(?:(${STRING})|ENVIRON\s*\[\s*"(\w+)"\s*\]|(\$(?:\d+|NF|\w+|\(\s*[^()]*\)))|([A-Za-z_]\w*)(?!\s*\())`,
);

// Built once: the reader runs for every awk program a line holds, and these never change.
const ASSIGNMENT = new RegExp(String.raw`(?:^|[;{\s(])([A-Za-z_]\w*)\s*=(?!=)\s*([^;}\n]*)`, 'g');
const STRING_AT_START = new RegExp(`^${STRING}`);
const ONE_STRING = new RegExp(`^\\s*${STRING}\\s*$`);
const PRINT_TO = new RegExp(String.raw`\bprintf?\b(?:${STRING}|[^;{}\n|>"])*?(\||>>?)(?!\s*")\s*([^;}\n]+)`, 'g');

const unescape = (s: string): string =>
  s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));

type Resolved = { text: string } | 'input' | 'unknown';
/** A variable's value: its text, or INPUT when it was made from a field. */
type Value = string | typeof INPUT;
const INPUT = Symbol('input');

/** An expression read as a concatenation; 'input' when a field is part of it, 'unknown' when any part is not read. */
function resolve(expr: string, vars: ReadonlyMap<string, Value>, env: (name: string) => string): Resolved {
  let rest = expr.trim();
  while (/^\(([\s\S]*)\)$/.test(rest) && !/^\([^()]*\)[^]*\(/.test(rest)) rest = rest.slice(1, -1).trim();
  let text = '';
  let input = false;
  for (let n = 0; rest && n < 64; n++) {
    const m = TOKEN.exec(rest);
    if (!m) return 'unknown';
    if (m[1] !== undefined) text += unescape(m[1].slice(1, -1));
    else if (m[2] !== undefined) text += env(m[2]);
    else if (m[3] !== undefined) input = true;
    else {
      const v = vars.get(m[4]);
      if (v === undefined) return 'unknown';
      if (v === INPUT) input = true;
      else text += v;
    }
    rest = rest.slice(m[0].length).trim();
  }
  if (rest) return 'unknown';
  return input ? 'input' : { text };
}

/** `name = "literal"` assignments in the program (the last one wins; a name set to anything else is unknown). */
function literalAssignments(
  program: string,
  preset: ReadonlyMap<string, string>,
  env: (name: string) => string,
): Map<string, Value> {
  const vars = new Map<string, Value>(preset);
  // A shared global pattern: its lastIndex starts at 0 here, and resolve() below never uses it.
  const re = ASSIGNMENT;
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(program); m && n < MAX_VARIABLES; m = re.exec(program), n++) {
    const r = resolve(m[2], vars, env);
    if (typeof r === 'object') vars.set(m[1], r.text);
    else if (r === 'input') vars.set(m[1], INPUT);
    else vars.delete(m[1]);
  }
  return vars;
}

/** The text inside the parentheses that open at `open` (balanced, strings skipped), or undefined. */
function inParens(s: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      const m = STRING_AT_START.exec(s.slice(i));
      if (!m) return undefined;
      i += m[0].length - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return s.slice(open + 1, i);
  }
  return undefined;
}

/** The expression left of `| getline`: back to the statement's start (`;`, `{`, `}`, an unmatched `(`) or a newline. */
function leftOperand(s: string, bar: number): string {
  let depth = 0;
  let i = bar - 1;
  for (; i >= 0; i--) {
    const c = s[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === ';' || c === '{' || c === '}' || c === '\n')) break;
  }
  return s.slice(i + 1, bar).replace(/^\s*(?:while|if)\s*\(+/, '');
}

/** The commands and output files an awk program names through expressions (string literals alone are read elsewhere). */
export function readAwkCommands(
  program: string,
  preset: ReadonlyMap<string, string>,
  env: (name: string) => string,
): AwkCommands {
  const out: AwkCommands = { runs: [], writes: [], runsInput: false, unknown: [] };
  const vars = literalAssignments(program, preset, env);
  let sinks = 0;
  const take = (expr: string, into: (text: string) => void) => {
    if (++sinks > MAX_SINKS) {
      if (out.unknown.length < 1) out.unknown.push(`more than ${MAX_SINKS} commands and files`);
      return;
    }
    const r = resolve(expr, vars, env);
    if (r === 'input') out.runsInput = true;
    else if (r === 'unknown') out.unknown.push(expr.trim().slice(0, 60));
    else into(r.text);
  };
  // An output file named from a field or an expression is not known; only one read whole is a write judged here.
  const file = (expr: string, append: boolean) => {
    const r = resolve(expr, vars, env);
    if (typeof r === 'object') out.writes.push({ path: r.text, append });
  };
  for (const m of program.matchAll(/\bsystem\s*\(/g)) {
    const arg = inParens(program, m.index + m[0].length - 1);
    if (arg === undefined) out.unknown.push('system( with no closing parenthesis');
    else if (!ONE_STRING.test(arg)) take(arg, (t) => out.runs.push(t));
  }
  for (const m of program.matchAll(/\|\s*getline\b/g)) {
    const left = leftOperand(program, m.index);
    if (!ONE_STRING.test(left)) take(left, (t) => out.runs.push(t));
  }
  // The printed expressions may hold strings with `|` or `>` in them: those are skipped whole.
  for (const m of program.matchAll(PRINT_TO)) {
    const expr = m[2].replace(/\)\s*$/, '');
    if (m[1] === '|') take(expr, (t) => out.runs.push(t));
    else file(expr, m[1] === '>>');
  }
  return out;
}
