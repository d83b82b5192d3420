// The expression level of the PowerShell reader (see parser.ts): operators,
// casts, type literals, members and .NET calls, hashtables, sub-expressions
// and script blocks, above the argument level (arguments.ts).
import type { PsExpr, PsStatement } from './ast';
import { DASHES, isDoubleQuote, isSingleQuote, isWordEnd } from './lexer';
import { PsArgReader } from './arguments';

export const ASSIGN_OPS = ['??=', '+=', '-=', '*=', '/=', '%=', '='];
const SYMBOL_OPS = ['..', '??', '+', '-', '*', '/', '%'];
export const UNARY_WORDS = new Set(['not', 'bnot', 'join', 'split']);

export abstract class PsExprReader extends PsArgReader {
  parseExpression(): PsExpr {
    const items = [this.parseBinary()];
    for (;;) {
      const save = this.pos;
      this.skipBlanks();
      if (this.c() !== ',') {
        this.pos = save;
        break;
      }
      this.pos++;
      this.skipBlanks(true);
      items.push(this.parseBinary());
    }
    return items.length === 1 ? items[0] : { kind: 'list', items };
  }

  protected peekOperator(): string | undefined {
    const s = this.src;
    const c = this.c();
    if (c === undefined) return undefined;
    if (DASHES.has(c)) {
      const m = /^[A-Za-z]+/.exec(s.slice(this.pos + 1, this.pos + 16));
      if (m) return '-' + m[0];
    }
    if (c === '=' && s[this.pos + 1] === '=') return undefined;
    for (const op of SYMBOL_OPS) {
      if (s.startsWith(op, this.pos) && !ASSIGN_OPS.some((a) => a !== '=' && s.startsWith(a, this.pos))) return op;
    }
    return undefined;
  }

  protected parseBinary(): PsExpr {
    let left = this.parseUnary();
    for (;;) {
      const save = this.pos;
      this.skipBlanks();
      const op = this.peekOperator();
      if (!op) {
        this.pos = save;
        break;
      }
      this.pos += op.length;
      this.skipBlanks(true);
      this.enter();
      const right = this.parseUnary();
      this.leave();
      left = { kind: 'op', op: op.toLowerCase(), left, right };
    }
    return left;
  }

  protected parseUnary(): PsExpr {
    this.skipBlanks();
    const c = this.c();
    // `++$i`, `--$i`: the variable changes; its value is not known statically.
    if ((c === '+' || c === '-') && this.src[this.pos + 1] === c && this.src[this.pos + 2] === '$') {
      this.pos += 2;
      return { kind: 'op', op: c + c, right: this.parsePostfix(this.parsePrimary()) };
    }
    if (c === '!' || c === ',' || ((c === '-' || c === '+') && !/[0-9.]/.test(this.src[this.pos + 1] ?? ''))) {
      let op = c;
      if (c === '-') {
        const m = /^-([A-Za-z]+)/.exec(this.src.slice(this.pos, this.pos + 8));
        if (!m || !UNARY_WORDS.has(m[1].toLowerCase())) this.fail(`unexpected '${c}'`);
        op = '-' + m[1].toLowerCase();
      }
      this.pos += op.length;
      this.skipBlanks(true);
      this.enter();
      const right = this.parseUnary();
      this.leave();
      return { kind: 'op', op, right };
    }
    if (c === '[') {
      const type = this.parsePostfix(this.parsePrimary());
      if (type.kind !== 'type') return type;
      // A cast: `[int]$x`, `[string] (…)`.
      const save = this.pos;
      this.skipBlanks();
      const d = this.c();
      if (
        d !== undefined &&
        (d === '$' || d === '(' || d === '[' || d === '@' || isSingleQuote(d) || isDoubleQuote(d) || /[0-9]/.test(d))
      ) {
        this.enter();
        const right = this.parseUnary();
        this.leave();
        return { kind: 'op', op: 'cast', left: type, right };
      }
      this.pos = save;
      return type;
    }
    return this.parsePostfix(this.parsePrimary());
  }

  protected parsePrimary(): PsExpr {
    const c = this.c();
    const n = this.src[this.pos + 1];
    const start = this.pos;
    if (c === undefined) this.fail('expected a value');
    if (isSingleQuote(c))
      return { kind: 'string', parts: [{ kind: 'text', text: this.readSingleQuoted() }], quoted: true };
    if (isDoubleQuote(c)) return { kind: 'string', parts: this.readDoubleQuoted(), quoted: true };
    if (c === '@' && (isSingleQuote(n) || isDoubleQuote(n)))
      return { kind: 'string', parts: this.readHereString().parts, quoted: true };
    if (c === '$') {
      const part = this.readDollar();
      if (!part) this.fail("unexpected '$'");
      if (part.kind === 'var') return { kind: 'var', name: part.name };
      if (part.kind === 'sub') return { kind: 'sub', body: part.body, text: part.text, paren: false };
      return { kind: 'string', parts: [part], quoted: false };
    }
    if (c === '@' && n === '(') {
      this.pos += 2;
      const body = this.nestedStatements(')');
      return { kind: 'sub', body, text: this.src.slice(start + 2, this.pos - 1), paren: true };
    }
    if (c === '@' && n === '{') return this.parseHash();
    if (c === '(') {
      this.pos++;
      const body = this.nestedStatements(')');
      return { kind: 'sub', body, text: this.src.slice(start + 1, this.pos - 1), paren: true };
    }
    if (c === '{') {
      this.pos++;
      const body = this.nestedStatements('}');
      return { kind: 'block', body, text: this.src.slice(start + 1, this.pos - 1) };
    }
    if (c === '[') return { kind: 'type', name: this.readTypeName() };
    // A sign belongs to the number (`-1`, `+0.5`): parseUnary leaves a sign before a digit to it.
    const m = /^[+-]?(?:0x[0-9a-f]+|[0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?|\.[0-9]+)(?:kb|mb|gb|tb|pb|l|d)?/i.exec(
      this.src.slice(this.pos, this.pos + 40),
    );
    if (
      m &&
      (isWordEnd(this.src[this.pos + m[0].length]) || /[+\-*/%=.\]]/.test(this.src[this.pos + m[0].length] ?? ''))
    ) {
      this.pos += m[0].length;
      return { kind: 'number', text: m[0] };
    }
    // A bare word in expression mode: a switch pattern, a member name, `default`.
    const word = /^[A-Za-z_][A-Za-z0-9_.\\:-]*/.exec(this.src.slice(this.pos, this.pos + 200));
    if (word) {
      this.pos += word[0].length;
      return { kind: 'string', parts: [{ kind: 'text', text: word[0] }], quoted: false };
    }
    return this.fail(`unexpected '${c}'`);
  }

  /** `.Member`, `.Method(args)`, `::Static`, `[index]` right after a value. */
  protected parsePostfix(expr: PsExpr): PsExpr {
    for (let guard = 0; guard < 64; guard++) {
      const s = this.src;
      const isStatic = s.startsWith('::', this.pos);
      if (isStatic || (this.c() === '.' && /[A-Za-z_$'"]/.test(s[this.pos + 1] ?? ''))) {
        this.pos += isStatic ? 2 : 1;
        const start = this.pos;
        while (/[A-Za-z0-9_]/.test(this.c() ?? '')) this.pos++;
        let name = s.slice(start, this.pos);
        if (!name && (isSingleQuote(this.c()) || isDoubleQuote(this.c())))
          name = isSingleQuote(this.c())
            ? this.readSingleQuoted()
            : this.readDoubleQuoted()
                .map((p) => (p.kind === 'text' ? p.text : ''))
                .join('');
        if (!name) this.fail('expected a member name');
        const member: PsExpr = { kind: 'member', target: expr, name, isStatic };
        if (this.c() === '(') {
          this.pos++;
          this.enter();
          this.skipBlanks(true);
          const args: PsExpr[] = [];
          if (this.c() !== ')') {
            const list = this.parseExpression();
            args.push(...(list.kind === 'list' ? list.items : [list]));
          }
          this.skipBlanks(true);
          if (this.c() !== ')') this.fail("missing ')' after method arguments");
          this.pos++;
          this.leave();
          member.args = args;
        }
        expr = member;
        continue;
      }
      // `$i++`, `$i--` right after the variable.
      if (
        (expr.kind === 'var' || expr.kind === 'member' || expr.kind === 'index') &&
        (s.startsWith('++', this.pos) || s.startsWith('--', this.pos)) &&
        !/[\w$-]/.test(s[this.pos + 2] ?? '')
      ) {
        const op = s.slice(this.pos, this.pos + 2);
        this.pos += 2;
        return { kind: 'op', op, left: expr, right: { kind: 'number', text: '1' } };
      }
      if (this.c() === '[' && expr.kind !== 'type') {
        this.pos++;
        this.enter();
        const index = this.parseExpression();
        this.skipBlanks(true);
        if (this.c() !== ']') this.fail("missing ']'");
        this.pos++;
        this.leave();
        expr = { kind: 'index', target: expr, index };
        continue;
      }
      return expr;
    }
    return this.fail('too many member accesses');
  }

  /** `@{ key = value; … }`: a value may be a whole pipeline. */
  protected parseHash(): PsExpr {
    this.pos += 2;
    this.enter();
    const entries: { key: string; value: PsExpr }[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.c() === '}') {
        this.pos++;
        break;
      }
      if (this.c() === undefined) this.fail("missing '}' after a hashtable");
      const keyExpr = this.parsePrimary();
      const key =
        keyExpr.kind === 'string'
          ? keyExpr.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('')
          : keyExpr.kind === 'number'
            ? keyExpr.text
            : '?';
      this.skipBlanks();
      if (this.c() !== '=') this.fail("expected '=' in a hashtable");
      this.pos++;
      this.skipBlanks(true);
      const statement = this.parseStatement();
      entries.push({
        key,
        value: statement
          ? statementValue(statement)
          : { kind: 'string', parts: [{ kind: 'text', text: '' }], quoted: true },
      });
    }
    this.leave();
    return { kind: 'hash', entries };
  }
}

/** A statement used as a value: its expression when it is one, else the statement as a sub-expression. */
export function statementValue(s: PsStatement): PsExpr {
  if (s.type === 'chain' && s.pipelines.length === 1 && s.pipelines[0].elements.length === 1) {
    const e = s.pipelines[0].elements[0];
    if (e.type === 'expression' && e.redirects.length === 0) return e.expr;
  }
  return { kind: 'sub', body: [s], text: '', paren: true };
}
