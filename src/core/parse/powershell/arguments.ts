// The argument level of the PowerShell reader (see parser.ts, expressions.ts):
// values in argument mode (barewords, quoted pieces, variables, arrays,
// splatting), type and parameter names, and the nesting bound.
import { LIMITS, ParseError } from '../limits';
import type { PsExpr, PsPart, PsScript, PsStatement } from './ast';
import { isDoubleQuote, isSingleQuote, isWordEnd, PsLexer } from './lexer';

/** Characters a bareword runs over without a second look (no blank, operator, quote, `$` or backtick). */
const PLAIN_RUN = /[^\s;|&(){},<>`'"$\u2018-\u201e]+/y;

export abstract class PsArgReader extends PsLexer {
  abstract parseStatements(close: string | undefined): PsScript;
  protected abstract parseStatement(): PsStatement | undefined;
  /** A reader of other text one level deeper (here-string bodies). */
  protected abstract nestedReader(text: string, depth: number): PsLexer;

  protected level = 0;

  protected nestedLexer(text: string): PsLexer {
    return this.nestedReader(text, this.depth + this.level + 1);
  }

  protected enter(): void {
    if (this.depth + ++this.level > LIMITS.maxDepth)
      throw new ParseError('too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, this.pos);
  }

  protected leave(): void {
    this.level--;
  }

  protected nestedStatements(close: string): PsScript {
    this.enter();
    const body = this.parseStatements(close);
    if (this.c() !== close) this.fail(`missing '${close}'`);
    this.pos++;
    this.leave();
    return body;
  }

  protected skipSeparators(): void {
    for (;;) {
      this.skipBlanks(true);
      if (this.c() === ';') this.pos++;
      else return;
    }
  }

  protected readTypeName(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos++];
      if (c === '[') depth++;
      else if (c === ']' && --depth === 0) return this.src.slice(start + 1, this.pos - 1).trim();
    }
    return this.fail("missing ']'", start);
  }

  protected readParameterName(): string {
    this.pos++; // the dash
    const start = this.pos;
    while (this.c() !== undefined && !isWordEnd(this.c()) && this.c() !== ':') this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** One argument value in argument mode, with `,` making an array. */
  protected parseArgValue(): PsExpr {
    const items = [this.parseArgPrimary()];
    for (;;) {
      const save = this.pos;
      this.skipBlanks();
      if (this.c() !== ',') {
        this.pos = save;
        break;
      }
      this.pos++;
      this.skipBlanks(true);
      items.push(this.parseArgPrimary());
    }
    return items.length === 1 ? items[0] : { kind: 'list', items };
  }

  /** A value in argument mode: quoted text, a bareword, a variable, `( … )`, `$( … )`, `@( … )`, `@{ … }`, `{ … }`, `@splat`. */
  parseArgPrimary(): PsExpr {
    const c = this.c();
    const n = this.src[this.pos + 1];
    if (c === undefined) this.fail('expected an argument');
    if (isSingleQuote(c) || isDoubleQuote(c) || (c === '@' && (isSingleQuote(n) || isDoubleQuote(n))))
      return this.parsePostfix(this.parsePrimary());
    if (c === '@' && n !== undefined && /[A-Za-z_]/.test(n)) {
      this.pos++;
      const start = this.pos;
      while (/[A-Za-z0-9_:]/.test(this.c() ?? '')) this.pos++;
      return { kind: 'splat', name: this.src.slice(start, this.pos) };
    }
    // `[` starts a plain word in argument mode (`Write-Output [int]` prints `[int]`).
    if (c === '(' || c === '{' || (c === '@' && (n === '(' || n === '{')))
      return this.parsePostfix(this.parsePrimary());
    if (c === '$') {
      const save = this.pos;
      const part = this.readDollar();
      if (part) {
        const head: PsExpr =
          part.kind === 'var'
            ? this.parsePostfix({ kind: 'var', name: part.name })
            : part.kind === 'sub'
              ? this.parsePostfix({ kind: 'sub', body: part.body, text: part.text, paren: false })
              : { kind: 'string', parts: [part], quoted: false };
        if (isWordEnd(this.c())) return head;
        const first: PsPart = head.kind === 'var' ? { kind: 'var', name: head.name } : { kind: 'expr', expr: head };
        return this.readBareword([first]);
      }
      this.pos = save;
    }
    return this.readBareword([]);
  }

  /** An argument-mode word: text, quoted pieces and variables run together until a blank or an operator. */
  protected readBareword(parts: PsPart[]): PsExpr {
    let text = '';
    let quoted = false;
    const flush = () => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    for (;;) {
      // Runs of plain characters in one step: most words are nothing else.
      PLAIN_RUN.lastIndex = this.pos;
      if (PLAIN_RUN.test(this.src)) {
        text += this.src.slice(this.pos, PLAIN_RUN.lastIndex);
        this.pos = PLAIN_RUN.lastIndex;
      }
      const c = this.c();
      if (isWordEnd(c)) break;
      if (c === '`') {
        const e = this.src[this.pos + 1];
        if (e === undefined || e === '\n' || e === '\r') break;
        text += e;
        quoted = true;
        this.pos += 2;
        continue;
      }
      if (isSingleQuote(c)) {
        text += this.readSingleQuoted();
        quoted = true;
        continue;
      }
      if (isDoubleQuote(c)) {
        flush();
        parts.push(...this.readDoubleQuoted());
        quoted = true;
        continue;
      }
      if (c === '$') {
        const part = this.readDollar();
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
      }
      text += c;
      this.pos++;
    }
    flush();
    if (parts.length === 0) this.fail(`unexpected '${this.c()}'`);
    return { kind: 'string', parts, quoted };
  }

  /** An expression's first value; the expression level (expressions.ts) reads it. */
  protected abstract parsePrimary(): PsExpr;
  /** `.Member`, `.Method(args)`, `::Static`, `[index]` after a value. */
  protected abstract parsePostfix(expr: PsExpr): PsExpr;
}
