// The paths the code handed to an interpreter names, read from its expressions: string literals, the home folder
// however each language spells it, joins of known parts and names bound once to a path (interpreters.ts reads
// what the code does with them).
import { topLevelIndex } from './codeScan';
import { homeFormPath } from './homePaths';

/** The path a name of the code holds, when it is bound once to one (literalNames.ts). */
export type NameLookup = (name: string) => string | undefined;

/** Expressions that mean the home directory in each language. */
const HOME_EXPR =
  /^(?:process\.env\.HOME|process\.env\[['"]HOME['"]\]|(?:require\(['"]os['"]\)|os)\.homedir\(\)|os\.path\.expanduser\(\s*['"]~['"]\s*\)|os\.environ\[['"]HOME['"]\]|os\.environ\.get\(\s*['"]HOME['"]\s*\)|os\.getenv\(\s*['"]HOME['"]\s*\)|(?:pathlib\.)?Path\.home\(\)|ENV\[['"]HOME['"]\]|Dir\.home|\$ENV\{HOME\}|(?:Sys\.)?getenv\(\s*['"]HOME['"]\s*\)|Deno\.env\.get\(['"]HOME['"]\)|homedir\(\)|path\.expand\(\s*['"]~['"]\s*\)|System\.getProperty\(\s*"user\.home"\s*\)|System\.getenv\(\s*"HOME"\s*\))$/;

/** Reads the argument expression starting at `from` up to the matching `)` or `,` at depth 0. */
export function argumentAt(code: string, from: number): string {
  // Julia's keyword arguments follow a `;`: `rm(path; recursive=true)`.
  const end = topLevelIndex(code, from, 2048, (c) => c === ',' || c === ')' || c === ']' || c === '}' || c === ';');
  return code.slice(from, end).trim();
}

/** A path expression to a path: literal strings, home expressions, `path.join(home, 'x')`; `$EXPR` otherwise. */
export function pathOf(expr: string, home: string, names?: NameLookup): string {
  const lit = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`$]*)`)$/s.exec(expr);
  // Ruby's "#{Dir.home}/.x" and Perl's "$ENV{HOME}/.x" are read by their interpolations (homePaths.ts).
  if (lit && !/#\{|\$\{?ENV\{/.test(lit[2] ?? '')) return lit[1] ?? lit[2] ?? lit[3] ?? '';
  if (HOME_EXPR.test(expr)) return home;
  if (names && /^\$?[A-Za-z_]\w*$/.test(expr)) {
    const held = names(expr);
    if (held !== undefined) return held;
  }
  // `Path.home().joinpath("x")` is a path object's method, not PHP's `.` join.
  const formed = homeFormPath(expr, home, (e) => pathOf(e, home, names));
  if (formed !== undefined && !formed.startsWith('$(') && formed !== '') return formed;
  // `os.homedir() + '/.x'`, PHP's and Perl's `.` and Lua's `..` joins: known parts (an unknown one, unknown whole).
  const joiner = expr.includes('+')
    ? /\s*\+\s*/
    : /(?<=[)"'\w])\s*\.\.\s*(?=["'(A-Za-z_])|(?<=[)"'])\s*\.\s*(?=["'$(A-Za-z_])/;
  if ((expr.includes('+') || /[)"']\s*\./.test(expr)) && !/[()]\s*[+.]\s*[(]/.test(expr)) {
    const parts = expr.split(joiner);
    if (parts.length > 1 && parts.length <= 8) {
      const values = parts.map((x) => pathOf(x, home, names));
      if (!values.some((v) => v.startsWith('$('))) return values.join('');
    }
  }
  if (formed !== undefined) return formed;
  // Node's and Python's joins, Julia's joinpath, R's file.path.
  const join = /^(?:(?:path|os\.path)\.join|joinpath|file\.path)\(\s*(.*)\)$/s.exec(expr);
  if (join) {
    const parts = splitArgs(join[1]).map((p) => pathOf(p, home, names));
    return parts.join('/').replace(/\/+/g, '/');
  }
  return `$(${expr.slice(0, 80)})`;
}

/** A call's arguments at depth 0, at most 16 (each bounded as argumentAt reads it). */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length && out.length < 16) {
    const a = argumentAt(text, i);
    out.push(a);
    i += a.length + 1;
    while (i < text.length && (text[i] === ',' || text[i] === ' ')) i++;
    if (a === '') break;
  }
  return out;
}
