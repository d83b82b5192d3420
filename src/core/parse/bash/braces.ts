// Brace expansion, the first expansion bash (and zsh) apply to a word:
// `{rm,-rf,~}` is three words, `~/.ssh/{id_ed25519,x}` two paths,
// `f{1..3}` three names. It happens before every other expansion and only
// outside quotes, so it is done on the word as written.
import { PLACEHOLDER, type Word } from './ast';
import { ParseError } from '../limits';

/**
 * Most words one word may become. Past it the line is not judged at all but
 * asked about: a word left as written would hide the alternatives past the
 * bound (`rm -rf /tmp/{a1,…,a300,~}`). A `..` sequence past it stays as written.
 */
export const MAX_BRACE_WORDS = 256;

interface Span {
  open: number;
  close: number;
  /** Top-level comma positions inside. */
  commas: number[];
}

/** The first unquoted `{…}` that bash would expand: a comma list or a `..` sequence. */
function firstSpan(raw: string): Span | undefined {
  const stack: Span[] = [];
  // A span that expands inside one that does not (`{a{b,c}}`): bash expands the inner one.
  let inner: Span | undefined;
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c === '{' && raw[i - 1] !== '$') stack.push({ open: i, close: -1, commas: [] });
    else if (c === ',' && stack.length) stack[stack.length - 1].commas.push(i);
    else if (c === '}' && stack.length) {
      const s = stack.pop()!;
      s.close = i;
      const expands = s.commas.length > 0 || SEQUENCE.test(raw.slice(s.open + 1, i));
      if (stack.length === 0) {
        if (expands) return s;
        if (inner) return inner;
      } else if (expands) inner ??= s;
    }
  }
  return inner;
}

const SEQUENCE = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/;

function sequence(body: string): string[] | undefined {
  const m = SEQUENCE.exec(body);
  if (!m) return undefined;
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const numeric = /\d/.test(m[1]) && /\d/.test(m[2]);
  if (!numeric && (/\d/.test(m[1]) || /\d/.test(m[2]))) return undefined;
  const a = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const b = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  if (Math.abs(b - a) / step >= MAX_BRACE_WORDS) return undefined;
  const width = numeric && (/^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2])) ? Math.max(m[1].length, m[2].length) : 0;
  const out: string[] = [];
  for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
    out.push(numeric ? String(v).padStart(width, '0') : String.fromCharCode(v));
  }
  return out;
}

/** The words bash makes of one raw word; undefined when there is nothing to expand. Past the bound it throws. */
export function expandBraceText(raw: string, budget = MAX_BRACE_WORDS): string[] | undefined {
  if (!raw.includes('{')) return undefined;
  const span = firstSpan(raw);
  if (!span) return undefined;
  const before = raw.slice(0, span.open);
  const after = raw.slice(span.close + 1);
  const body = raw.slice(span.open + 1, span.close);
  let parts: string[];
  if (span.commas.length) {
    parts = [];
    let from = span.open + 1;
    for (const c of [...span.commas, span.close]) {
      parts.push(raw.slice(from, c));
      from = c + 1;
    }
  } else {
    const seq = sequence(body);
    if (!seq) return undefined;
    parts = seq;
  }
  const out: string[] = [];
  for (const p of parts) {
    const word = before + p + after;
    const more = expandBraceText(word, budget - out.length);
    for (const w of more ?? [word]) {
      out.push(w);
      if (out.length > budget) throw tooManyWords();
    }
  }
  return out;
}

/** The command's words after brace expansion (the same array when nothing expands). */
export function expandBraceWords(words: readonly Word[]): readonly Word[] {
  let out: Word[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // Words holding a substitution keep it once: their braces stay as written.
    const expanded = w.subs.length === 0 && !w.raw.includes(PLACEHOLDER) ? expandBraceText(w.raw) : undefined;
    if (!expanded) {
      out?.push(w);
      continue;
    }
    out ??= words.slice(0, i);
    // An alternative that is empty and unquoted disappears, as in bash (`x{,}` is `x x`, `{,}` nothing).
    for (const raw of expanded) if (raw !== '') out.push({ ...w, raw });
    if (out.length > MAX_BRACE_WORDS) throw tooManyWords();
  }
  return out ?? words;
}

function tooManyWords(): ParseError {
  return new ParseError('too-complex', `braces that expand to more than ${MAX_BRACE_WORDS} words`, 0);
}

/**
 * What bash makes of each of the command's words that holds a brace, by the word's value (SimpleCommand.braces):
 * a word whose braces are literal (quoted, escaped, no list: those that expand were expanded above) is itself; a
 * word holding a substitution, whose lists were kept whole, is each alternative's value. `value` reads one word
 * as the command would see it; null where it cannot be told (past the bound, two words alike read apart).
 */
export function wordBraces(
  words: readonly Word[],
  value: (word: Word, i: number) => string | undefined,
): Map<string, readonly string[] | null> | undefined {
  let out: Map<string, readonly string[] | null> | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.raw.includes('{')) continue;
    const whole = value(w, i);
    if (whole === undefined || !whole.includes('{')) continue;
    let made: readonly string[] | null = [whole];
    if (w.subs.length || w.raw.includes(PLACEHOLDER)) {
      try {
        const raws = expandBraceText(w.raw);
        if (raws) {
          const values = raws.filter((raw) => raw !== '').map((raw) => value({ ...w, raw }, i));
          made = values.every((v) => v !== undefined) ? (values as string[]) : null;
        }
      } catch {
        // Past the bound: left to the path's own bound on alternatives, which asks.
        made = null;
      }
    }
    out ??= new Map();
    const known = out.get(whole);
    out.set(whole, known === undefined || (known && made && sameList(known, made)) ? made : null);
  }
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
