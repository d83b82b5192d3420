// fish's command language, rewritten as the bash text that runs the same
// commands, so every pack reads fish lines through the one bash reader.
// What differs (fish documentation, "The fish language"):
// - `(cmd)` and `$(cmd)` are command substitutions (bash only knows `$(…)`);
//   inside double quotes only `$(…)` substitutes;
// - single quotes take `\'` and `\\` escapes; a backtick is a plain character;
// - `and`, `or`, `not` start commands that run after (or instead of) the one
//   before; `begin … end`, `if … end`, `while … end`, `for X in …; … end`,
//   `function NAME …; … end` and `switch … end` are blocks closed by `end`;
// - `set [-x] NAME VALUE…` assigns (lists join with `:` in PATH-like
//   variables), `set -e NAME` erases, `set -p`/`-a` prepend and append;
//   `fish_add_path DIR` puts DIR first on PATH;
// - `&|` pipes both output streams, `>?` writes only a new file.
// Control flow becomes bash's (`and`/`or` as `&&`/`||`, `if`, `while`,
// `switch` as an `if` of alternatives), so what follows a block that may
// not run is read as each way leaves the shell; loops keep their variable,
// so a `for` body is judged once per item as bash would. Bounded: one pass over
// the text per nesting level, nesting no deeper than LIMITS.maxDepth.
import { LIMITS, ParseError } from '../limits';
import { fishDefinition } from './definitions';
import { nameMark } from './hiddenNames';
import { setCommand } from './setCommand';

type Token = { kind: 'word'; text: string; start: number } | { kind: 'op'; text: string; start: number };

const SEPARATORS = new Set([';', '\n', '&', '|', '&&', '||', '&|']);
const REDIRECT_RE = /^(?:\d*>&\d+|\d*>&-|\d*<&\d+|\d*<&-|&>>?|\d*>>?\??|\d*<)/;
/** `$argv`, a function's arguments, each one word: bash's `"$@"` (joined by blanks in double quotes: `$*`). */
const ALL_ARGUMENTS = '"${@}"';
const JOINERS = new Set(['and', 'or', 'not', '!']);
/** What `and` and `or` at the start of a command make of the separator before it. */
const CHAINED: Readonly<Record<string, string>> = { and: ' && ', or: ' || ' };
const PREFIXES = new Set(['builtin', 'command']);
/** fish's names judged by their words (the switch in `command`, laterNames.ts), which a `builtin` prefix would hide. */
const JUDGED = /^(?:alias|abbr|set|fish_add_path|functions|funcsave|funced)$/;

export function translateFish(source: string, depth = 0): string {
  if (depth > LIMITS.maxDepth) throw new ParseError('too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, 0);
  if (source.length > LIMITS.maxInputChars)
    throw new ParseError(
      'too-complex',
      `command is ${source.length} characters long (limit ${LIMITS.maxInputChars})`,
      0,
    );
  const tokens = tokenize(source);
  return emit(tokens, depth);
}

// ---- tokens ----------------------------------------------------------------------------------

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && s[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      out.push({ kind: 'op', text: c, start: i });
      i++;
      continue;
    }
    if (c === '&' && s[i + 1] === '&') {
      out.push({ kind: 'op', text: '&&', start: i });
      i += 2;
      continue;
    }
    if (c === '|' && s[i + 1] === '|') {
      out.push({ kind: 'op', text: '||', start: i });
      i += 2;
      continue;
    }
    if (c === '&' && s[i + 1] === '|') {
      out.push({ kind: 'op', text: '&|', start: i });
      i += 2;
      continue;
    }
    if (c === '|') {
      out.push({ kind: 'op', text: '|', start: i });
      i++;
      continue;
    }
    if (c === '&' && s[i + 1] !== '>') {
      out.push({ kind: 'op', text: '&', start: i });
      i++;
      continue;
    }
    const redirect = REDIRECT_RE.exec(s.slice(i, i + 8));
    if (redirect) {
      out.push({ kind: 'op', text: redirect[0], start: i });
      i += redirect[0].length;
      continue;
    }
    const start = i;
    i = wordEnd(s, i);
    out.push({ kind: 'word', text: s.slice(start, i), start });
  }
  return out;
}

/** The end of the word starting at `i`: quotes and parentheses are part of it. */
function wordEnd(s: string, i: number): number {
  let parens = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      i = quoteEnd(s, i);
      continue;
    }
    if (c === '(') {
      parens++;
      i++;
      continue;
    }
    if (c === ')') {
      if (parens === 0) throw new ParseError('unparseable', "unexpected ')'", i);
      parens--;
      i++;
      continue;
    }
    if (
      parens === 0 &&
      (c === ' ' ||
        c === '\t' ||
        c === '\n' ||
        c === '\r' ||
        c === ';' ||
        c === '|' ||
        c === '<' ||
        c === '>' ||
        (c === '&' && s[i + 1] !== '>'))
    )
      break;
    i++;
  }
  if (parens > 0) throw new ParseError('unparseable', 'unclosed (', s.length);
  return Math.min(i, s.length);
}

/** The index just past the quote opened at `i`. */
function quoteEnd(s: string, i: number): number {
  const q = s[i];
  let j = i + 1;
  let parens = 0;
  while (j < s.length) {
    const c = s[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (q === '"' && c === '$' && s[j + 1] === '(') {
      parens++;
      j += 2;
      continue;
    }
    if (q === '"' && parens > 0) {
      if (c === '(') parens++;
      else if (c === ')') parens--;
      else if (c === "'" || c === '"') {
        j = quoteEnd(s, j);
        continue;
      }
      j++;
      continue;
    }
    if (c === q) return j + 1;
    j++;
  }
  throw new ParseError('unparseable', `unclosed ${q}`, i);
}

// ---- words -----------------------------------------------------------------------------------

const sq = (t: string): string => (t === '' ? '' : `'${t.replace(/'/g, `'\\''`)}'`);

/** One fish word as bash word text with the same value. */
function word(text: string, depth: number): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      const end = quoteEnd(text, i);
      out += sq(text.slice(i + 1, end - 1).replace(/\\([\\'])/g, '$1'));
      i = end;
    } else if (c === '"') {
      const end = quoteEnd(text, i);
      out += '"' + doubleQuoted(text.slice(i + 1, end - 1), depth) + '"';
      i = end;
    } else if (c === '\\') {
      const n = text[i + 1] ?? '';
      out += n === 'n' ? "$'\\n'" : n === 't' ? "$'\\t'" : '\\' + n;
      i += 2;
    } else if (c === '(' || (c === '$' && text[i + 1] === '(')) {
      const open = c === '$' ? i + 1 : i;
      const close = matchingParen(text, open);
      out += '$(' + translateFish(text.slice(open + 1, close), depth + 1) + ')';
      i = close + 1;
    } else if (c === '$') {
      const m = /^\$+([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?/.exec(text.slice(i));
      if (m) {
        out += m[1] === 'argv' ? ALL_ARGUMENTS : '${' + m[1] + '}';
        i += m[0].length;
      } else {
        out += '\\$';
        i++;
      }
    } else if (c === '`') {
      out += '\\`';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The body of a fish double-quoted string, as the body of a bash one. */
function doubleQuoted(body: string, depth: number): string {
  let out = '';
  for (let i = 0; i < body.length;) {
    const c = body[i];
    if (c === '\\') {
      out += body.slice(i, i + 2);
      i += 2;
    } else if (c === '$' && body[i + 1] === '(') {
      const close = matchingParen(body, i + 1);
      out += '$(' + translateFish(body.slice(i + 2, close), depth + 1) + ')';
      i = close + 1;
    } else if (c === '$') {
      const m = /^\$+([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?/.exec(body.slice(i));
      out += m ? (m[1] === 'argv' ? '${*}' : '${' + m[1] + '}') : '\\$';
      i += m ? m[0].length : 1;
    } else if (c === '`') {
      out += '\\`';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function matchingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      i = quoteEnd(s, i) - 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new ParseError('unparseable', 'unclosed (', open);
}

// ---- commands --------------------------------------------------------------------------------

type Block = 'begin' | 'if' | 'while' | 'for' | 'function' | 'switch';

function emit(tokens: readonly Token[], depth: number): string {
  const blocks: Block[] = [];
  const parts: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind === 'op' && SEPARATORS.has(t.text)) {
      parts.push(t.text === '\n' ? '\n' : t.text === '&|' ? ' 2>&1 | ' : ` ${t.text} `);
      i++;
      continue;
    }
    // One command: words and redirections up to the next separator.
    let j = i;
    while (j < tokens.length && !(tokens[j].kind === 'op' && SEPARATORS.has(tokens[j].text))) j++;
    // `A; and B`, `A; or B`: B runs only after A succeeded (failed), as bash's `A && B` (`A || B`).
    const joiner = t.kind === 'word' ? CHAINED[t.text] : undefined;
    if (joiner && (parts[parts.length - 1] === ' ; ' || parts[parts.length - 1] === '\n'))
      parts[parts.length - 1] = joiner;
    parts.push(command(tokens.slice(i, j), blocks, depth));
    i = j;
  }
  if (blocks.length) throw new ParseError('unparseable', `missing end of ${blocks[blocks.length - 1]}`, 0);
  return parts.join('');
}

/** How many of `list`'s first words are `and`, `or` or `not`, and whether the `not`s turn the status over. */
function joined(list: readonly Token[]): [number, boolean] {
  let k = 0;
  let not = false;
  while (list[k]?.kind === 'word' && JOINERS.has(list[k].text)) {
    if (list[k].text === 'not' || list[k].text === '!') not = !not;
    k++;
  }
  return [k, not];
}

function command(tokens: readonly Token[], blocks: Block[], depth: number): string {
  // `and`, `or`: said by the separator before (emit). `not` (`!`) turns the command's status over, as bash's `!`:
  // `not cd /tmp; and rm -f .bashrc` removes where the shell stayed.
  const [k0, negated] = joined(tokens);
  if (negated) return '! ' + command(tokens.slice(k0), blocks, depth);
  let rest = tokens.slice(k0);
  // `builtin`/`command` (`builtin builtin …`) before one of fish's names judged by its words: judged as that name
  // typed alone.
  let k = 0;
  while (rest[k]?.kind === 'word' && PREFIXES.has(rest[k].text)) k++;
  if (k && rest[k]?.kind === 'word' && JUDGED.test(rest[k].text)) rest = rest.slice(k);
  const head = rest[0]?.kind === 'word' ? rest[0].text : undefined;
  const words = (list: readonly Token[]) =>
    list
      .map((t) => (t.kind === 'word' ? word(t.text, depth) : t.text.endsWith('?') ? t.text.slice(0, -1) : t.text))
      .join(' ');
  // A command that only looks or marks a block still expands its words: `:` keeps them, so a `(cmd)` in them is judged.
  const quiet = (list: readonly Token[]) => (list.length ? ': ' + words(list) : ':');
  // A block's condition, after `and`/`or`/`not`: the command that runs.
  const condition = (list: readonly Token[]) => {
    const [k, not] = joined(list);
    return (not ? '! ' : '') + (k < list.length ? words(list.slice(k)) : ':');
  };
  switch (head) {
    case undefined:
      return quiet(rest);
    case 'end': {
      const b = blocks.pop();
      if (!b) throw new ParseError('unparseable', "unexpected 'end'", rest[0].start);
      const closer = b === 'begin' || b === 'function' ? '}' : b === 'for' || b === 'while' ? 'done' : 'fi';
      // What follows `end` (`end > FILE`) applies to the whole block: kept, so the write is judged.
      return rest.length > 1 ? `${closer} ${words(rest.slice(1))}` : closer;
    }
    case 'begin':
      blocks.push('begin');
      return rest.length > 1 ? '{ ' + words(rest.slice(1)) : '{ :';
    // Blocks that may not run, or run again, as bash's: what follows is read as each leaves the shell.
    case 'if':
    case 'while':
      blocks.push(head);
      return `${head} ${condition(rest.slice(1))} ; ${head === 'if' ? 'then' : 'do'} :`;
    case 'else':
      // `else if COND`: the condition runs; `else`: nothing of its own.
      return rest[1]?.kind === 'word' && rest[1].text === 'if' ? `elif ${condition(rest.slice(2))} ; then :` : 'else :';
    // `switch`: at most one `case` runs, as alternatives of an `if` that may run none.
    case 'switch':
      blocks.push('switch');
      return `if ${quiet(rest.slice(1))} ; then :`;
    case 'case':
      return `elif ${quiet(rest.slice(1))} ; then :`;
    case 'for': {
      blocks.push('for');
      const name = rest[1]?.kind === 'word' ? rest[1].text : 'x';
      return `for ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : 'x'} in ${words(rest.slice(3))}; do :`;
    }
    case 'function': {
      blocks.push('function');
      const name = rest[1]?.kind === 'word' ? rest[1].text : '';
      const header = rest.length > 2 ? `${quiet(rest.slice(2))}; ` : '';
      if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return `${header}${name}() { :`;
      // A name not spelled out (`function (cmd)`): judged under a stand-in, its words kept (hiddenNames.ts).
      return `${header}${nameMark('function', name && word(name, depth))}fish_function() { :`;
    }
    case 'alias':
    case 'abbr': {
      const t = { word: (x: string) => word(x, depth), code: (x: string) => translateFish(x, depth + 1) };
      return fishDefinition(head, rest.slice(1), t) ?? words(rest);
    }
    case 'set': {
      const assigned = setCommand(rest.slice(1), (x) => word(x, depth));
      return assigned === ':' ? quiet(rest.slice(1)) : (assigned ?? words(rest));
    }
    // Back or forth in fish's folder history, which the line may not show: a folder known only at run time, read as
    // `cd "$DIR"` is (what follows is read there and where the shell was).
    case 'prevd':
    case 'nextd':
    case 'cdh':
      return `cd "$(${words(rest)})"`;
    case 'fish_add_path': {
      const dirs = rest.slice(1).filter((t) => t.kind === 'word' && !t.text.startsWith('-'));
      return dirs.length
        ? `export PATH=${dirs.map((t) => word(t.text, depth)).join(':')}:\${PATH}`
        : quiet(rest.slice(1));
    }
    default:
      return words(rest);
  }
}
