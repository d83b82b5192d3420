// A bounded recursive-descent reader of PowerShell command lines: statements,
// `&&`/`||` chains, pipelines, commands in argument mode (parameters, arrays,
// splatting, script blocks, sub-expressions), expressions (assignments,
// hashtables, type literals and .NET member calls) and the control keywords.
// Like the bash reader it finds structure only; values are computed by the
// walk (walk.ts, values.ts). Limits: LIMITS.maxInputChars, maxDepth, maxWords.
import { LIMITS, ParseError, type ParseBudget } from '../limits';
import type { PsArg, PsChain, PsCommand, PsElement, PsPipeline, PsRedirect, PsScript, PsStatement } from './ast';
import { DASHES, isDoubleQuote, isSingleQuote, type PsLexer } from './lexer';
import { ASSIGN_OPS, UNARY_WORDS } from './expressions';
import { PsControlReader } from './control';

export function parsePowerShell(source: string, budget: ParseBudget = { words: 0 }): PsScript {
  if (source.length > LIMITS.maxInputChars) {
    throw new ParseError(
      'too-complex',
      `command is ${source.length} characters long (limit ${LIMITS.maxInputChars})`,
      0,
    );
  }
  const p = new PsParser(source, budget, 0);
  const script = p.parseStatements(undefined);
  if (p.pos < source.length) throw new ParseError('unparseable', `unexpected '${source[p.pos]}'`, p.pos);
  return script;
}

class PsParser extends PsControlReader {
  protected nestedReader(text: string, depth: number): PsLexer {
    return new PsParser(text, this.budget, depth);
  }

  parseStatements(close: string | undefined): PsScript {
    const out: PsScript = [];
    for (;;) {
      this.skipSeparators();
      const c = this.c();
      if (c === undefined || (close !== undefined && c === close)) break;
      if (c === ')' || c === '}') this.fail(`unexpected '${c}'`);
      const statement = this.parseStatement();
      // A `param( … )` block, `using`, a type definition: read, nothing to keep, and no separator needed after it.
      if (!statement) continue;
      out.push(statement);
      // `foreach (…) { … } > F`: PowerShell reads `>` there as a command's name, but what the line plainly means,
      // and the worse reading, is the block's output written to F: judged as `& { … } > F` is.
      if (statement.type === 'control') {
        const redirects = this.parseRedirects();
        if (redirects.length) statement.redirects = redirects;
      }
      // `cmd &` runs in the background and ends the statement like a separator.
      if (statement?.type === 'chain' && statement.background) continue;
      this.skipBlanks();
      const d = this.c();
      if (d === ';' || d === '\n') continue;
      if (d === undefined || (close !== undefined && d === close)) break;
      this.fail(`unexpected '${d}'`);
    }
    return out;
  }

  protected parseStatement(): PsStatement | undefined {
    if (this.c() === ':' && /[A-Za-z]/.test(this.src[this.pos + 1] ?? '')) {
      // `:outer foreach …`: a loop label.
      this.pos++;
      while (/[A-Za-z0-9_]/.test(this.c() ?? '')) this.pos++;
      this.skipBlanks();
    }
    const kw = this.peekKeyword();
    switch (kw) {
      case 'if':
        return this.parseIf();
      case 'foreach':
        return this.parseForeach();
      case 'for':
      case 'while': {
        this.consumeWord(kw);
        const header = this.parenStatements();
        return { type: 'control', keyword: kw, header, bodies: [this.parseBlock()] };
      }
      case 'do': {
        this.consumeWord(kw);
        const body = this.parseBlock();
        this.skipBlanks(true);
        const tail = this.peekKeyword();
        if (tail !== 'while' && tail !== 'until') this.fail("'do' needs 'while' or 'until'");
        this.consumeWord(tail);
        return { type: 'control', keyword: 'do', header: this.parenStatements(), bodies: [body] };
      }
      case 'switch':
        return this.parseSwitch();
      case 'try':
        return this.parseTry();
      case 'trap': {
        this.consumeWord(kw);
        this.skipBlanks();
        if (this.c() === '[') this.readTypeName();
        return { type: 'control', keyword: 'trap', header: [], bodies: [this.parseBlock()] };
      }
      case 'function':
      case 'filter':
      case 'workflow':
        return this.parseFunction(kw);
      case 'param': {
        this.consumeWord(kw);
        this.skipBlanks();
        if (this.c() === '(') this.skipBalanced('(', ')');
        return undefined;
      }
      case 'begin':
      case 'process':
      case 'end':
      case 'dynamicparam':
      case 'clean': {
        const save = this.pos;
        this.consumeWord(kw);
        this.skipBlanks(true);
        if (this.c() === '{') return { type: 'control', keyword: kw, header: [], bodies: [this.parseBlock()] };
        this.pos = save;
        break;
      }
      case 'return':
      case 'throw':
      case 'exit':
      case 'break':
      case 'continue': {
        this.consumeWord(kw);
        this.skipBlanks();
        const c = this.c();
        if (c === undefined || c === ';' || c === '\n' || c === '}' || c === ')')
          return { type: 'control', keyword: kw, header: [], bodies: [] };
        return { type: 'control', keyword: kw, header: [this.parseChain()], bodies: [] };
      }
      case 'class':
      case 'enum':
      case 'data':
      case 'configuration': {
        // Type definitions run nothing by themselves; their bodies are skipped.
        this.consumeWord(kw);
        while (this.c() !== undefined && this.c() !== '{' && this.c() !== '\n' && this.c() !== ';') this.pos++;
        if (this.c() === '{') this.skipBalanced('{', '}');
        return undefined;
      }
      case 'using': {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl === -1 ? this.src.length : nl;
        return undefined;
      }
    }
    return this.parseChain();
  }

  parseChain(): PsChain {
    const pipelines: PsPipeline[] = [this.parsePipeline()];
    let background = false;
    for (;;) {
      this.skipBlanks();
      const s = this.src;
      if (s.startsWith('&&', this.pos) || s.startsWith('||', this.pos)) {
        const or = s[this.pos] === '|';
        this.pos += 2;
        this.skipBlanks(true);
        const next = this.parsePipeline();
        pipelines.push(or ? { ...next, or: true } : next);
        continue;
      }
      if (this.c() === '&') {
        this.pos++;
        background = true;
      }
      break;
    }
    return { type: 'chain', pipelines, background };
  }

  private parsePipeline(): PsPipeline {
    const elements: PsElement[] = [this.parseElement()];
    for (;;) {
      this.skipBlanks();
      if (this.c() === '|' && this.src[this.pos + 1] !== '|') {
        this.pos++;
        this.skipBlanks(true);
        elements.push(this.parseElement());
      } else break;
    }
    return { elements };
  }

  private startsExpression(): boolean {
    const c = this.c();
    const n = this.src[this.pos + 1];
    if (c === undefined) return false;
    // `{ … }` alone is a script block value: it does not run where it stands.
    if (
      c === '$' ||
      c === '(' ||
      c === '[' ||
      c === '@' ||
      c === '!' ||
      c === ',' ||
      c === '{' ||
      isSingleQuote(c) ||
      isDoubleQuote(c)
    )
      return true;
    // `++$i`, `--$i`.
    if ((c === '+' || c === '-') && n === c && this.src[this.pos + 2] === '$') return true;
    if (DASHES.has(c))
      return (
        /[0-9.]/.test(n ?? '') ||
        UNARY_WORDS.has(/^[a-z]+/i.exec(this.src.slice(this.pos + 1, this.pos + 7))?.[0]?.toLowerCase() ?? '')
      );
    // A number alone (`42`), not a program whose name starts with a digit (`7z x a.7z`).
    if (/[0-9]/.test(c))
      return /^[0-9][0-9a-fA-FxX.]*(?:kb|mb|gb|tb|pb|l|d)?(?=$|[\s;|)}&,+\-*/%=<>])/i.test(
        this.src.slice(this.pos, this.pos + 40),
      );
    return false;
  }

  private parseElement(): PsElement {
    this.skipBlanks();
    const start = this.pos;
    const c = this.c();
    const n = this.src[this.pos + 1];
    if (c === undefined) this.fail('expected a command');
    if (
      (c === '&' && n !== '&') ||
      (c === '.' &&
        (n === ' ' || n === '\t' || n === '$' || n === '{' || n === '(' || isSingleQuote(n) || isDoubleQuote(n)))
    ) {
      this.pos++;
      this.skipBlanks();
      const name = this.parseArgPrimary();
      return this.parseCommandArgs({ type: 'command', invoke: c, name, args: [], redirects: [], text: '', start });
    }
    if (this.startsExpression()) {
      const expr = this.parseExpression();
      this.skipBlanks();
      const op = ASSIGN_OPS.find((o) => this.src.startsWith(o, this.pos));
      if (op && this.src[this.pos + op.length] !== '=') {
        this.pos += op.length;
        this.skipBlanks(true);
        const value =
          this.parseStatement() ??
          this.exprStatement({ kind: 'string', parts: [{ kind: 'text', text: '' }], quoted: true });
        const target = expr.kind === 'var' ? expr.name : undefined;
        return {
          type: 'assignment',
          op,
          value,
          text: this.src.slice(start, this.pos),
          start,
          ...(target !== undefined ? { target } : { targetExpr: expr }),
        };
      }
      const redirects = this.parseRedirects();
      return { type: 'expression', expr, redirects, text: this.src.slice(start, this.pos), start };
    }
    // The command's name is a word too, as for bash: the bound is on all the words of a line.
    this.countWord(start);
    const name = this.parseArgPrimary();
    return this.parseCommandArgs({ type: 'command', name, args: [], redirects: [], text: '', start });
  }

  private parseRedirects(): PsRedirect[] {
    const out: PsRedirect[] = [];
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) return out;
      out.push(r);
    }
  }

  /** `>`, `>>`, `2>`, `2>>`, `*>`, `2>&1`, `3>&1` …; undefined when there is none here. */
  private tryRedirect(): PsRedirect | undefined {
    const m = /^(?:[1-6*])?>>?(?:&[12])?/.exec(this.src.slice(this.pos, this.pos + 6));
    if (!m) {
      if (this.c() === '<') this.fail("the '<' operator is reserved in PowerShell");
      return undefined;
    }
    this.pos += m[0].length;
    if (m[0].includes('&')) return { op: m[0] };
    this.skipBlanks();
    return { op: m[0], target: this.parseArgPrimary() };
  }

  private atCommandEnd(): boolean {
    const c = this.c();
    if (c === undefined || c === ';' || c === '\n' || c === ')' || c === '}' || c === '|') return true;
    if (c === '&') return true;
    return false;
  }

  private parseCommandArgs(cmd: PsCommand): PsCommand {
    for (;;) {
      this.skipBlanks();
      if (this.atCommandEnd()) break;
      const at = this.pos;
      const r = this.tryRedirect();
      if (r) {
        cmd.redirects.push(r);
        continue;
      }
      this.countWord(at);
      const c = this.c()!;
      const n = this.src[this.pos + 1];
      if (c === '-' && n === '-' && this.src[this.pos + 2] === '%') {
        // `--%`: the rest of the line goes to the program as written.
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl === -1 ? this.src.length : nl;
        cmd.verbatim = this.src.slice(this.pos + 3, end).trim();
        this.pos = end;
        break;
      }
      if (DASHES.has(c) && n !== undefined && /[A-Za-z_?]/.test(n)) {
        const param = this.readParameterName();
        const arg: PsArg = { param };
        if (this.c() === ':') {
          this.pos++;
          this.skipBlanks();
          arg.colon = true;
          if (!this.atCommandEnd()) arg.value = this.parseArgValue();
        }
        cmd.args.push(arg);
        continue;
      }
      cmd.args.push({ value: this.parseArgValue() });
    }
    cmd.text = this.src.slice(cmd.start, this.pos).trim();
    return cmd;
  }
}
