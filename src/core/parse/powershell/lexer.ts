// The character level of the PowerShell reader (see parser.ts): blanks and
// line continuations, comments, quoted strings and here-strings with their
// backtick escapes, variables and the parts of an expandable string. The
// grammar above it reads the nested statements of `$( … )` for it.
import { LIMITS, ParseError, type ParseBudget } from '../limits';
import type { PsPart, PsScript } from './ast';

/** Characters that end an argument-mode word. */
const WORD_END = new Set([' ', '\t', '\r', '\n', ';', '|', '&', '(', ')', '{', '}', ',', '<', '>']);
const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const DOUBLE_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
export const DASHES = new Set(['-', '\u2013', '\u2014', '\u2015']);

// Backtick escapes inside double quotes (about_Special_Characters).
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

export function isSingleQuote(c: string | undefined): boolean {
  return c !== undefined && SINGLE_QUOTES.has(c);
}

export function isDoubleQuote(c: string | undefined): boolean {
  return c !== undefined && DOUBLE_QUOTES.has(c);
}

export function isWordEnd(c: string | undefined): boolean {
  return c === undefined || WORD_END.has(c);
}

const VAR_START = /[A-Za-z0-9_?$^:]/;
const VAR_CHAR = /[A-Za-z0-9_]/;

export abstract class PsLexer {
  pos = 0;

  constructor(
    protected readonly src: string,
    protected readonly budget: ParseBudget,
    protected readonly depth: number,
  ) {
    if (depth > LIMITS.maxDepth) throw new ParseError('too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, 0);
  }

  /** The statements of `$( … )` starting here, up to and including the closing `)`, one level deeper. */
  protected abstract nestedStatements(close: string): PsScript;

  /** The character at the position (a call, so the compiler does not narrow it across moves). */
  protected c(): string | undefined {
    return this.src[this.pos];
  }

  protected fail(message: string, at = this.pos): never {
    throw new ParseError('unparseable', message, at);
  }

  protected countWord(at: number): void {
    if (++this.budget.words > (this.budget.maxWords ?? LIMITS.maxWords))
      throw new ParseError('too-complex', `more than ${this.budget.maxWords ?? LIMITS.maxWords} words`, at);
  }

  /** Skips spaces, tabs, comments and backtick line continuations; newlines only when asked. */
  protected skipBlanks(newlines = false): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\u00a0') this.pos++;
      else if (c === '`' && (s[this.pos + 1] === '\n' || (s[this.pos + 1] === '\r' && s[this.pos + 2] === '\n')))
        this.pos += s[this.pos + 1] === '\r' ? 3 : 2;
      else if (c === '\n' && newlines) this.pos++;
      else if (c === '#') this.skipLineComment();
      else if (c === '<' && s[this.pos + 1] === '#') this.skipBlockComment();
      else return;
    }
  }

  private skipLineComment(): void {
    const nl = this.src.indexOf('\n', this.pos);
    this.pos = nl === -1 ? this.src.length : nl;
  }

  private skipBlockComment(): void {
    const end = this.src.indexOf('#>', this.pos + 2);
    if (end === -1) this.fail('unterminated block comment');
    this.pos = end + 2;
  }

  /** `'…'` with `''` for a quote; the position is on the opening quote. */
  protected readSingleQuoted(): string {
    const s = this.src;
    let out = '';
    let i = this.pos + 1;
    for (;;) {
      if (i >= s.length) this.fail('unterminated single quote', this.pos);
      const c = s[i];
      if (isSingleQuote(c)) {
        if (isSingleQuote(s[i + 1])) {
          out += "'";
          i += 2;
          continue;
        }
        break;
      }
      out += c;
      i++;
    }
    this.pos = i + 1;
    return out;
  }

  /** `"…"`: text, variables and sub-expressions; the position is on the opening quote. */
  protected readDoubleQuoted(): PsPart[] {
    const start = this.pos;
    this.pos++;
    const parts: PsPart[] = [];
    let text = '';
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.fail('unterminated double quote', start);
      if (isDoubleQuote(c)) {
        if (isDoubleQuote(s[this.pos + 1])) {
          text += '"';
          this.pos += 2;
          continue;
        }
        this.pos++;
        break;
      }
      if (c === '`') {
        const e = s[this.pos + 1];
        if (e === undefined) this.fail('unterminated double quote', start);
        text += ESCAPES[e] ?? e;
        this.pos += 2;
        continue;
      }
      if (c === '$') {
        const part = this.readDollar();
        if (part) {
          if (text) parts.push({ kind: 'text', text });
          text = '';
          parts.push(part);
          continue;
        }
      }
      text += c;
      this.pos++;
    }
    if (text || parts.length === 0) parts.push({ kind: 'text', text });
    return parts;
  }

  /** `@'…'@` / `@"…"@`: the closing mark starts a line. The position is on `@`. */
  protected readHereString(): { parts: PsPart[]; expandable: boolean } {
    const s = this.src;
    const quote = s[this.pos + 1];
    const expandable = isDoubleQuote(quote);
    let i = this.pos + 2;
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\r') i++;
    if (s[i] !== '\n') this.fail('a here-string starts a new line after its opening quote');
    const bodyStart = i + 1;
    const close = new RegExp(`\\n[ \\t]*${expandable ? '["\u201c\u201d\u201e]' : "['\u2018\u2019\u201a\u201b]"}@`, 'g');
    close.lastIndex = i;
    const m = close.exec(s);
    if (!m) this.fail('unterminated here-string', this.pos);
    const body = s.slice(bodyStart, m.index).replace(/\r$/, '');
    this.pos = m.index + m[0].length;
    if (!expandable) return { parts: [{ kind: 'text', text: body }], expandable };
    return { parts: this.expandableParts(body), expandable };
  }

  /** Parts of an expandable text read elsewhere (a here-string body). */
  private expandableParts(body: string): PsPart[] {
    const saved = this.pos;
    const parts: PsPart[] = [];
    let text = '';
    // Read the body in place: a nested lexer over the body text would lose the shared budget and depth.
    const child = this.nestedLexer(body);
    while (child.pos < body.length) {
      const c = body[child.pos];
      if (c === '`' && child.pos + 1 < body.length) {
        text += ESCAPES[body[child.pos + 1]] ?? body[child.pos + 1];
        child.pos += 2;
        continue;
      }
      if (c === '$') {
        const part = child.readDollar();
        if (part) {
          if (text) parts.push({ kind: 'text', text });
          text = '';
          parts.push(part);
          continue;
        }
      }
      text += c;
      child.pos++;
    }
    if (text || parts.length === 0) parts.push({ kind: 'text', text });
    this.pos = saved;
    return parts;
  }

  /** A lexer over other text, one level deeper (here-string bodies). */
  protected abstract nestedLexer(text: string): PsLexer;

  /**
   * At `$`: a variable (`$x`, `$env:NAME`, `${any name}`, `$_`) or a
   * sub-expression `$( … )`; undefined when the `$` is literal.
   */
  protected readDollar(): PsPart | undefined {
    const s = this.src;
    const start = this.pos;
    const next = s[start + 1];
    if (next === '(') {
      this.pos = start + 2;
      const body = this.nestedStatements(')');
      return { kind: 'sub', body, text: s.slice(start + 2, this.pos - 1) };
    }
    if (next === '{') {
      const end = s.indexOf('}', start + 2);
      if (end === -1) this.fail('unterminated ${…} variable', start);
      this.pos = end + 1;
      return { kind: 'var', name: s.slice(start + 2, end).replace(/`(.)/g, '$1'), braced: true };
    }
    if (next === undefined || !VAR_START.test(next)) return undefined;
    // `$$`, `$?`, `$^`: single-character automatic variables.
    if (next === '$' || next === '?' || next === '^') {
      this.pos = start + 2;
      return { kind: 'var', name: next };
    }
    let i = start + 1;
    while (i < s.length && VAR_CHAR.test(s[i])) i++;
    // A scope or drive qualifier: `$env:NAME`, `$script:x`, `$global:x`.
    if (s[i] === ':' && i > start + 1 && s[i + 1] !== ':' && s[i + 1] !== undefined && VAR_CHAR.test(s[i + 1])) {
      i++;
      while (i < s.length && VAR_CHAR.test(s[i])) i++;
    }
    if (i === start + 1) return undefined;
    this.pos = i;
    return { kind: 'var', name: s.slice(start + 1, i) };
  }

  /** Skips `open … close` with quotes and nesting respected (parameter lists, type bodies). */
  protected skipBalanced(open: string, close: string): void {
    let depth = 0;
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (isSingleQuote(c)) {
        this.readSingleQuoted();
        continue;
      }
      if (isDoubleQuote(c)) {
        this.readDoubleQuoted();
        continue;
      }
      if (c === '#' || (c === '<' && s[this.pos + 1] === '#')) {
        this.skipBlanks();
        continue;
      }
      this.pos++;
      if (c === open) depth++;
      else if (c === close && --depth === 0) return;
    }
    this.fail(`missing '${close}'`);
  }
}
