// What a Tcl word holds when Tcl runs it, as far as it can be known before:
// its literal text, with each substitution marked. `$env(NAME)` is the
// process's environment variable NAME, which the shell knows as `$NAME`;
// any other variable and every `[…]` is a value known only at run time.
// The marks let a Tcl command become shell text that means the same: each
// word quoted as one word, an environment variable read as the shell reads
// it, and a run-time value as a variable the shell cannot know.
import { shellWord } from '../../text/shellWord';
import { RUNTIME_VALUE_NAME } from '../dynamic';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = /\uE000([A-Za-z_][A-Za-z0-9_]*)?\uE001/g;

/** A value known only at run time. */
export const RUNTIME_MARK = OPEN + CLOSE;

/** Tcl's backslash escapes read as unescapeTyped reads them (`\r` and `\n` end a line as Enter does); others keep their backslash. */
const ESCAPES: Readonly<Record<string, string>> = { r: '\n', n: '\n', t: '\t' };

/** The index just past the `]` closing the `[` at `from` (or the end). */
function bracketEnd(raw: string, from: number): number {
  let depth = 0;
  for (let j = from; j < raw.length; j++) {
    if (raw[j] === '\\') j++;
    else if (raw[j] === '[') depth++;
    else if (raw[j] === ']' && --depth === 0) return j + 1;
  }
  return raw.length;
}

/** The variable a `$` at `at` reads, and where its reference ends: `$name`, `$ns::name`, `$name(index)`, `${name}`. */
function variableAt(raw: string, at: number): { name: string; index?: string; end: number } | undefined {
  if (raw[at + 1] === '{') {
    const close = raw.indexOf('}', at + 2);
    if (close === -1) return undefined;
    const braced = raw.slice(at + 2, close);
    const paren = /^([^()]*)\(([^()]*)\)$/.exec(braced);
    return paren ? { name: paren[1], index: paren[2], end: close + 1 } : { name: braced, end: close + 1 };
  }
  const m = /^(?:::)?(?:\w+::)*\w+/.exec(raw.slice(at + 1));
  if (!m) return undefined;
  let end = at + 1 + m[0].length;
  if (raw[end] !== '(') return { name: m[0], end };
  const close = raw.indexOf(')', end);
  if (close === -1) return { name: m[0], end };
  const index = raw.slice(end + 1, close);
  end = close + 1;
  return { name: m[0], index, end };
}

/** A quoted or bare Tcl word's value: its text, `$env(NAME)` marked as NAME, other substitutions as run-time values. */
export function tclValue(raw: string): string {
  let out = '';
  for (let j = 0; j < raw.length; j++) {
    const c = raw[j];
    if (c === '\\' && j + 1 < raw.length) {
      const e = raw[++j];
      out += ESCAPES[e] ?? ('\\"$[]{}'.includes(e) ? e : '\\' + e);
    } else if (c === '[') {
      out += RUNTIME_MARK;
      j = bracketEnd(raw, j) - 1;
    } else if (c === '$' && variableAt(raw, j)) {
      const v = variableAt(raw, j)!;
      const env = /^(?:::)?env$/.test(v.name) && v.index !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.index);
      out += env ? OPEN + v.index + CLOSE : RUNTIME_MARK;
      j = v.end - 1;
    } else out += c;
  }
  return out;
}

/** A value's marks written as shell variables (`${HOME}`), the text around them as it is: for text a shell re-reads. */
export function marksAsVariables(text: string): string {
  return text.replace(MARK, (_m, name: string | undefined) => `\${${name ?? RUNTIME_VALUE_NAME}}`);
}

/**
 * Tcl words as one shell line, each one word to the shell as it is one argument to Tcl: literal text quoted, marks
 * as double-quoted variables. A leading `~/` stays the shell's: Tcl 8's file commands expand it as the shell does.
 */
export function tclShellLine(words: readonly string[]): string {
  return words.map(shellWordOf).join(' ');
}

function shellWordOf(value: string): string {
  let out = '';
  let from = 0;
  if (value === '~' || value.startsWith('~/')) {
    out = '~';
    from = 1;
  }
  MARK.lastIndex = 0;
  for (let m = MARK.exec(value); m; m = MARK.exec(value)) {
    if (m.index > from) out += shellWord(value.slice(from, m.index));
    out += `"\${${m[1] ?? RUNTIME_VALUE_NAME}}"`;
    from = m.index + m[0].length;
  }
  if (from < value.length) out += shellWord(value.slice(from));
  return out === '' ? "''" : out;
}

/** `exec`'s redirections (longest first), each with its shell form; `@` ones name a Tcl channel, not a file. */
const EXEC_REDIRECTS: readonly (readonly [string, string])[] = [
  ['2>@1', '2>&1'],
  ['>>&', '&>>'],
  ['>&@', ''],
  ['2>>', '2>>'],
  ['2>@', ''],
  ['<<', '<<<'],
  ['<@', ''],
  ['>@', ''],
  ['>>', '>>'],
  ['>&', '&>'],
  ['2>', '2>'],
  ['<', '<'],
  ['>', '>'],
];
const TAKES_NO_OPERAND = new Set(['2>@1']);

/**
 * Tcl's `exec` words as a shell line: its pipes (`|`, `|&`), redirections (`> f`, `2>@1`, `<< text`) and a last `&`
 * as the shell's; a channel (`>@ stdout`) is no file and is left out; every other word quoted as one argument.
 */
export function tclExecLine(words: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '|' || word === '|&' || (word === '&' && i === words.length - 1)) {
      out.push(word);
      continue;
    }
    const redirect = EXEC_REDIRECTS.find(([op]) => word.startsWith(op));
    if (!redirect) {
      out.push(shellWordOf(word));
      continue;
    }
    const [op, shellOp] = redirect;
    let operand = word.slice(op.length);
    if (!TAKES_NO_OPERAND.has(op) && operand === '') operand = words[++i] ?? '';
    if (shellOp === '') continue;
    out.push(TAKES_NO_OPERAND.has(op) ? shellOp : `${shellOp} ${shellWordOf(operand)}`);
  }
  return out.join(' ');
}
