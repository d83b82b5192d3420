// Shell scripts as the commands they run: lines are grouped into complete
// statements (a continued line, an `if … fi` block, a heredoc, a quote that
// spans lines), each judged as one command line. Grouping asks the engine's
// own parser, so the statements are the ones it understands.
import { LIMITS, ParseError, parse } from '../parse/bash/parser';
import { splitLines, type Line, type Snippet } from './snippet';

/** Most lines one statement may span before it is judged line by line. */
const MAX_STATEMENT_LINES = 400;
const MAX_STATEMENT_CHARS = LIMITS.maxInputChars;

const HEREDOC = /(?<!<)<<(-?)[ \t]*(?:'([^'\n]+)'|"([^"\n]+)"|\\?([A-Za-z0-9_][A-Za-z0-9_.-]*))/g;

function continues(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trimStart();
  return t === '' || t.startsWith('#');
}

/** Heredoc delimiters a line opens, in order. */
function heredocs(line: string): { word: string; strip: boolean }[] {
  if (!line.includes('<<')) return [];
  const out: { word: string; strip: boolean }[] = [];
  for (const m of line.matchAll(HEREDOC)) {
    if (line[m.index + 2] === '<') continue;
    out.push({ word: m[2] ?? m[3] ?? m[4], strip: m[1] === '-' });
  }
  return out;
}

/** What must appear on a later line before parsing again is worth it; undefined: any line may complete it. */
function closerOf(err: ParseError, text: string): RegExp | undefined | null {
  const m = /^expected '([^']+)'$/.exec(err.message);
  if (m && err.position >= text.trimEnd().length) {
    const w = m[1];
    return /^\w+$/.test(w)
      ? new RegExp(`(?:^|[^\\w-])${w}(?:$|[^\\w-])`)
      : new RegExp(w.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
  }
  if (err.message === 'missing command' && err.position >= text.trimEnd().length) return undefined;
  const quote: Record<string, RegExp> = {
    'unterminated double quote': /"/,
    'unterminated single quote': /'/,
    'unterminated backtick': /`/,
    'unterminated $(': /\)/,
    'unterminated ${': /\}/,
    "unterminated $'…' quote": /'/,
  };
  if (err.message in quote) return quote[err.message];
  return null; // not incomplete: a real syntax error
}

function tryParse(text: string): ParseError | undefined {
  // Most statements that span lines fail to parse once per line before they are whole; the
  // error's stack trace, which nobody reads here, would cost more than the parse.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    parse(text);
    return undefined;
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Statements of a shell script, each a verbatim slice of the document. */
export function shellStatements(doc: string): Snippet[] {
  return [...eachShellStatement(doc)];
}

/** The same, found as they are asked for: the first lines' statements are judged before the last are read. */
export function* eachShellStatement(doc: string): Generator<Snippet> {
  const lines = splitLines(doc);
  let i = 0;
  while (i < lines.length) {
    if (isBlankOrComment(lines[i].text)) {
      i++;
      continue;
    }
    const last = statementEnd(doc, lines, i);
    yield { text: doc.slice(lines[i].start, lines[last].end), base: lines[i].start };
    i = last + 1;
  }
}

const RESERVED_START =
  /^\s*(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|select|function|in|!|\[\[|\{|\}|\()(?:\s|$)/;
const SIMPLE_LINE = /^[^'`\\(){}<]*$/;

/** A line that is a whole statement on its own, known without parsing (most lines of most scripts). */
function completeOnItsOwn(line: string): boolean {
  if (!SIMPLE_LINE.test(line) || RESERVED_START.test(line)) return false;
  if (/(?:\||&&|&)\s*$/.test(line)) return false;
  let quotes = 0;
  for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) quotes++;
  return quotes % 2 === 0;
}

/** Index of the last line of the statement that starts on line `first`. */
function statementEnd(doc: string, lines: readonly Line[], first: number): number {
  if (completeOnItsOwn(lines[first].text)) return first;
  const limit = Math.min(lines.length - 1, first + MAX_STATEMENT_LINES - 1);
  let j = first;
  let pending: { word: string; strip: boolean }[] = [];
  let closer: RegExp | undefined | null;
  for (;;) {
    pending.push(...heredocs(lines[j].text));
    // Heredoc bodies are data: skip to their delimiters.
    while (pending.length && j < limit) {
      j++;
      const body = pending[0].strip ? lines[j].text.replace(/^\t+/, '') : lines[j].text;
      if (body === pending[0].word) pending.shift();
    }
    if (pending.length) return first;
    if (continues(lines[j].text) && j < limit) {
      j++;
      continue;
    }
    const text = doc.slice(lines[first].start, lines[j].end);
    if (text.length > MAX_STATEMENT_CHARS) return first;
    if (closer === undefined || closer === null || closer.test(lines[j].text) || j === first) {
      const err = tryParse(text);
      if (!err) return j;
      if (err.kind !== 'unparseable') return first;
      closer = closerOf(err, text);
      if (closer === null) return first;
    }
    if (j >= limit) return first;
    j++;
    pending = [];
  }
}
