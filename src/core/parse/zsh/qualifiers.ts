// zsh's glob qualifiers, read as zsh reads them (zshexpn(1), "Glob
// Qualifiers"): a pattern may end in a parenthesized list of qualifiers —
// `*(/)` directories, `*(.)` plain files, `*(D)` dotfiles too, `*(N)` no error
// when nothing matches, `*(om[1,3])` the newest three. They narrow what the
// pattern matches; the pattern itself is what a command acts on. Two of them
// run code: `e:CODE:` (any delimiter, or a bracket pair) runs CODE for every
// match, and `+NAME` calls the function or command NAME for every match.
//
// The line is handed to the bash reader with each qualifier list removed
// from its word, and the code the qualifiers run added as lines of their
// own, so it is judged as what runs. `(#q…)` under EXTENDED_GLOB is the same
// list. Bounded: one pass over the text.

/** Word characters that end a word in the shell's grammar. */
const BREAKS = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const GLOB_CHARS = /[*?[\]]/;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

export interface ZshReading {
  /** The line with every qualifier list removed. */
  text: string;
  /** Code the qualifiers run (`e:…:`, `+name`), one entry per qualifier. */
  code: string[];
}

export function readZshQualifiers(source: string): ZshReading {
  if (source.indexOf('(') === -1) return { text: source, code: [] };
  let out = '';
  const code: string[] = [];
  let wordStart = 0;
  let quoted = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      out += source.slice(i, i + 2);
      quoted = true;
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = closeQuote(source, i);
      out += source.slice(i, end);
      quoted = true;
      i = end;
      continue;
    }
    if (c === '(' && out.length > wordStart && !BREAKS.has(out[out.length - 1])) {
      const word = out.slice(wordStart);
      const close = closeParen(source, i);
      const list = close === -1 ? undefined : source.slice(i + 1, close);
      const next = close === -1 ? undefined : source[close + 1];
      // A qualifier list ends its word, and follows a pattern (or `(#q`): never `$(`, `<(`, `=(`, `name()`.
      const ends = next === undefined || BREAKS.has(next);
      const isPattern = GLOB_CHARS.test(word) && !/[$<>=]$/.test(word);
      if (list !== undefined && ends && (isPattern || list.startsWith('#q')) && !quotedOnly(word, quoted)) {
        code.push(...qualifierCode(list.startsWith('#q') ? list.slice(2) : list));
        i = close + 1;
        continue;
      }
    }
    if (BREAKS.has(c)) {
      wordStart = out.length + 1;
      quoted = false;
    }
    out += c;
    i++;
  }
  return { text: out, code };
}

/** A word whose glob characters are all quoted is no pattern (`'*'(…)`); the caller's flag says a quote was seen. */
function quotedOnly(word: string, sawQuote: boolean): boolean {
  return sawQuote && !GLOB_CHARS.test(word.replace(/'[^']*'|"(?:[^"\\]|\\.)*"|\\./g, ''));
}

function closeQuote(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (q === '"' && s[j] === '\\') {
      j++;
      continue;
    }
    if (s[j] === q) return j + 1;
  }
  return s.length;
}

/** The `)` closing the list opened at `open`, quotes and inner brackets skipped; -1 when there is none. */
function closeParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      i = closeQuote(s, i) - 1;
      continue;
    }
    if (c === '\n') return -1;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The code an `e` or `+` qualifier runs, with one level of quotes taken off (zsh removes them before running it). */
function qualifierCode(list: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === 'e' && i + 1 < list.length) {
      const open = list[i + 1];
      const close = CLOSERS[open] ?? open;
      const end = list.indexOf(close, i + 2);
      if (end === -1) break;
      out.push(unquote(list.slice(i + 2, end)));
      i = end;
    } else if (c === '+') {
      const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(list.slice(i + 1))?.[0];
      if (name) {
        out.push(name);
        i += name.length;
      }
    } else if ('fdlUGugamcLP'.includes(c)) {
      // Qualifiers that take an argument: skip it, so its text is not read as qualifiers.
      const arg = /^(?:[-+]?\d+|[-+]?[Mwhms]?[-+]?\d+|[:/'"{[<(].*?[:/'"}\]>)]|[A-Za-z0-9_]+)/.exec(
        list.slice(i + 1),
      )?.[0];
      if (arg) i += arg.length;
    }
  }
  return out;
}

function unquote(code: string): string {
  const t = code.trim();
  if (t.length >= 2 && ((t[0] === "'" && t[t.length - 1] === "'") || (t[0] === '"' && t[t.length - 1] === '"')))
    return t.slice(1, -1);
  return code;
}
