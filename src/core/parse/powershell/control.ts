// The control keywords of the PowerShell reader (parser.ts): `if`, `foreach`,
// `switch`, `try`, `function` and the blocks and headers they share. Structure
// only, under the same depth and size limits as the rest of the reader.
import type { PsChain, PsControl, PsExpr, PsScript, PsStatement } from './ast';
import { DASHES } from './lexer';
import { PsExprReader } from './expressions';

const KEYWORD_RE = /^[A-Za-z]+$/;

export abstract class PsControlReader extends PsExprReader {
  /** A keyword at the position: a bare word of letters ending at a non-word character. */
  protected peekKeyword(): string | undefined {
    const s = this.src;
    let i = this.pos;
    while (i < s.length && /[A-Za-z]/.test(s[i])) i++;
    if (i === this.pos) return undefined;
    const next = s[i];
    if (next !== undefined && !/[\s({;]/.test(next)) return undefined;
    const w = s.slice(this.pos, i);
    return KEYWORD_RE.test(w) ? w.toLowerCase() : undefined;
  }

  protected consumeWord(w: string): void {
    this.pos += w.length;
  }

  protected parenStatements(): PsStatement[] {
    this.skipBlanks();
    if (this.c() !== '(') this.fail("expected '('");
    this.pos++;
    return this.nestedStatements(')');
  }

  protected parseBlock(): PsScript {
    this.skipBlanks(true);
    if (this.c() !== '{') this.fail("expected '{'");
    this.pos++;
    return this.nestedStatements('}');
  }

  /** `if (…) {…} elseif (…) {…} else {…}` */
  protected parseIf(): PsControl {
    this.consumeWord('if');
    const header = [...this.parenStatements()];
    const bodies = [this.parseBlock()];
    let hasElse = false;
    for (;;) {
      const save = this.pos;
      this.skipBlanks(true);
      const kw = this.peekKeyword();
      if (kw === 'elseif') {
        this.consumeWord(kw);
        header.push(...this.parenStatements());
        bodies.push(this.parseBlock());
      } else if (kw === 'else') {
        this.consumeWord(kw);
        bodies.push(this.parseBlock());
        hasElse = true;
        break;
      } else {
        this.pos = save;
        break;
      }
    }
    return { type: 'control', keyword: 'if', header, bodies, ...(hasElse ? { hasElse: true as const } : {}) };
  }

  /** `foreach ($x in LIST) {…}` */
  protected parseForeach(): PsControl {
    this.consumeWord('foreach');
    this.skipBlanks();
    while (DASHES.has(this.c() ?? '')) this.readParameterName();
    this.skipBlanks();
    if (this.c() !== '(') this.fail("expected '(' after foreach");
    this.pos++;
    this.enter();
    this.skipBlanks(true);
    const v = this.c() === '$' ? this.readDollar() : undefined;
    if (!v || v.kind !== 'var') this.fail('foreach needs a loop variable');
    this.skipBlanks(true);
    if (this.peekKeyword() !== 'in') this.fail("expected 'in'");
    this.consumeWord('in');
    const header = this.parseStatements(')');
    if (this.c() !== ')') this.fail("missing ')'");
    this.pos++;
    this.leave();
    return { type: 'control', keyword: 'foreach', header, loopVar: v.name, bodies: [this.parseBlock()] };
  }

  /** `switch [-regex|-file F …] (VALUE) { PATTERN {…} … }` */
  protected parseSwitch(): PsControl {
    this.consumeWord('switch');
    const header: PsStatement[] = [];
    for (;;) {
      this.skipBlanks();
      if (DASHES.has(this.c() ?? '')) {
        const name = this.readParameterName().toLowerCase();
        if (name === 'file') {
          this.skipBlanks();
          header.push(this.exprStatement(this.parseArgValue()));
        }
        continue;
      }
      break;
    }
    if (this.c() === '(') header.push(...this.parenStatements());
    this.skipBlanks(true);
    if (this.c() !== '{') this.fail("expected '{' after switch");
    this.pos++;
    this.enter();
    const bodies: PsScript[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.c() === '}') break;
      if (this.c() === undefined) this.fail("missing '}'");
      const pattern = this.parseArgPrimary();
      if (pattern.kind === 'block') bodies.push(pattern.body);
      bodies.push(this.parseBlock());
    }
    this.pos++;
    this.leave();
    return { type: 'control', keyword: 'switch', header, bodies };
  }

  protected parseTry(): PsControl {
    this.consumeWord('try');
    const bodies = [this.parseBlock()];
    let hasFinally = false;
    for (;;) {
      const save = this.pos;
      this.skipBlanks(true);
      const kw = this.peekKeyword();
      if (kw === 'catch') {
        this.consumeWord(kw);
        for (;;) {
          this.skipBlanks(true);
          if (this.c() === '[') this.readTypeName();
          else if (this.c() === ',') this.pos++;
          else break;
        }
        bodies.push(this.parseBlock());
        hasFinally = false;
      } else if (kw === 'finally') {
        this.consumeWord(kw);
        bodies.push(this.parseBlock());
        hasFinally = true;
      } else {
        this.pos = save;
        break;
      }
    }
    return {
      type: 'control',
      keyword: 'try',
      header: [],
      bodies,
      ...(hasFinally ? { hasFinally: true as const } : {}),
    };
  }

  protected parseFunction(kw: string): PsStatement {
    this.consumeWord(kw);
    this.skipBlanks();
    const start = this.pos;
    while (this.c() !== undefined && !/[\s({]/.test(this.c() ?? '')) this.pos++;
    const name = this.src.slice(start, this.pos).replace(/^(?:global|script|local|private):/i, '');
    if (!name) this.fail('function without a name');
    this.skipBlanks();
    if (this.c() === '(') this.skipBalanced('(', ')');
    return { type: 'function', name, body: this.parseBlock() };
  }

  protected exprStatement(expr: PsExpr): PsChain {
    return {
      type: 'chain',
      pipelines: [{ elements: [{ type: 'expression', expr, redirects: [], text: '', start: this.pos }] }],
      background: false,
    };
  }
}
