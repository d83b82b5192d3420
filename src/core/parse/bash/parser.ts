// A bounded recursive-descent reader of POSIX/bash command lines. It finds the
// structure shell-quote does not know about — lists, pipelines, subshells,
// groups, control keywords, function definitions, redirections, heredocs,
// here-strings and every kind of substitution — and leaves quote removal and
// variable expansion of each word to shell-quote (see words.ts).
import { PLACEHOLDER, type AndOr, type CommandNode, type List, type Pipeline, type Redirect, type SimpleNode, type Word } from './ast';
import { LIMITS, ParseError, type ParseBudget } from '../limits';
import { META, WordReader } from './reader';
export { LIMITS, ParseError } from '../limits';
export type { ParseBudget, ParseFailure } from '../limits';

const RESERVED_END = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', ';;', ';&', ';;&']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

export function parse(source: string, budget: ParseBudget = { words: 0 }): List {
  if (source.length > LIMITS.maxInputChars) {
    throw new ParseError('too-complex', `command is ${source.length} characters long (limit ${LIMITS.maxInputChars})`, 0);
  }
  const p = new Parser(source, budget, 0);
  const list = p.parseList(new Set());
  p.skipBlanks();
  p.closeInput();
  if (p.pos < source.length) {
    throw new ParseError('unparseable', `unexpected '${source[p.pos]}'`, p.pos);
  }
  return list;
}

class Parser extends WordReader {
  protected override nested(text: string): Parser {
    return new Parser(text, this.budget, this.depth + 1);
  }

  private atReservedEnd(terminators: ReadonlySet<string>): boolean {
    const c = this.ch;
    if (c === ')' && terminators.has(')')) return true;
    const w = this.peekBareWord();
    return w !== undefined && RESERVED_END.has(w) && terminators.has(w);
  }

  override parseList(terminators: ReadonlySet<string>): List {
    const list: List = [];
    for (;;) {
      this.skipSeparators(true);
      if (this.pos >= this.src.length) break;
      if (this.atReservedEnd(terminators)) break;
      const c = this.ch;
      if (c === ')') {
        if (terminators.has(c)) break;
        throw new ParseError('unparseable', `unexpected '${c}'`, this.pos);
      }
      const w = this.peekBareWord();
      if (w !== undefined && RESERVED_END.has(w)) {
        throw new ParseError('unparseable', `unexpected '${w}'`, this.pos);
      }
      const andOr = this.parseAndOr(terminators);
      list.push(andOr);
      this.skipBlanks();
      if (this.ch === '&' && this.src[this.pos + 1] !== '&' && this.src[this.pos + 1] !== '>') {
        andOr.background = true;
        this.pos++;
      } else if (this.ch === ';' && this.src[this.pos + 1] !== ';' && this.src[this.pos + 1] !== '&') {
        this.pos++;
      } else if (this.ch === '\n') {
        // separator handled at loop start
      } else if (this.pos < this.src.length && !this.atReservedEnd(terminators) && !(this.ch === ')' && terminators.has(')'))) {
        throw new ParseError('unparseable', `unexpected '${this.ch}'`, this.pos);
      }
    }
    return list;
  }

  private parseAndOr(terminators: ReadonlySet<string>): AndOr {
    const pipelines: Pipeline[] = [this.parsePipeline(terminators)];
    for (;;) {
      this.skipBlanks();
      if (this.src.startsWith('&&', this.pos) || this.src.startsWith('||', this.pos)) {
        this.pos += 2;
        this.skipSeparators(false);
        pipelines.push(this.parsePipeline(terminators));
      } else break;
    }
    return { pipelines, background: false };
  }

  private parsePipeline(terminators: ReadonlySet<string>): Pipeline {
    this.skipBlanks();
    let w = this.peekBareWord();
    while (w === '!' || w === 'time') {
      this.pos += w.length;
      this.skipBlanks();
      if (w === 'time') while (this.src.startsWith('-p', this.pos) && META.has(this.src[this.pos + 2] ?? ' ')) { this.pos += 2; this.skipBlanks(); }
      w = this.peekBareWord();
    }
    const commands: CommandNode[] = [this.parseCommand(terminators)];
    for (;;) {
      this.skipBlanks();
      if (this.ch === '|' && this.src[this.pos + 1] !== '|') {
        this.pos += this.src[this.pos + 1] === '&' ? 2 : 1;
        this.skipSeparators(false);
        commands.push(this.parseCommand(terminators));
      } else break;
    }
    return { commands };
  }

  private parseCommand(terminators: ReadonlySet<string>): CommandNode {
    this.skipBlanks();
    const c = this.ch;
    if (c === '(') {
      if (this.src[this.pos + 1] === '(') return this.parseArithmeticCommand();
      this.pos++;
      const body = this.nestedList(new Set([')']));
      this.expect(')');
      return { type: 'subshell', body, redirects: this.parseTrailingRedirects() };
    }
    const w = this.peekBareWord();
    switch (w) {
      case '{': {
        this.pos++;
        const body = this.nestedList(new Set(['}']));
        this.expectWord('}');
        return { type: 'group', body, redirects: this.parseTrailingRedirects() };
      }
      case 'if':
        return this.parseIf();
      case 'while':
      case 'until':
        return this.parseLoop(w);
      case 'for':
      case 'select':
        return this.parseFor(w);
      case 'case':
        return this.parseCase();
      case 'function':
        return this.parseFunctionKeyword();
      case '[[':
        return this.parseDoubleBracket();
    }
    return this.parseSimple(terminators);
  }

  protected override nestedList(terminators: ReadonlySet<string>): List {
    if (this.depth + 1 > LIMITS.maxDepth) throw new ParseError('too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, this.pos);
    // Same source, deeper level: share position by parsing with a child that starts here.
    const child = new Parser(this.src, this.budget, this.depth + 1);
    child.pos = this.pos;
    const list = child.parseList(terminators);
    // Heredocs opened inside a group whose newline comes later belong to this level.
    this.pending.push(...child.pending);
    this.pos = child.pos;
    return list;
  }

  private expect(c: string): void {
    this.skipSeparators(false);
    if (this.ch !== c) throw new ParseError('unparseable', `expected '${c}'`, this.pos);
    this.pos++;
  }

  private expectWord(word: string): void {
    this.skipSeparators(true);
    if (this.peekBareWord() !== word) throw new ParseError('unparseable', `expected '${word}'`, this.pos);
    this.pos += word.length;
  }

  private parseArithmeticCommand(): CommandNode {
    const start = this.pos;
    const end = this.findArithmeticEnd(this.pos + 2);
    const text = this.src.slice(start + 2, end);
    this.pos = end + 2;
    // `((` is a word only here: quoted, so that quote removal reads it as the program name `((`.
    return { type: 'simple', assignments: [], words: [{ raw: "'(('", subs: [], quoted: false, start }, { raw: PLACEHOLDER + '0' + PLACEHOLDER, subs: [this.arithmetic(text)], quoted: false, start }], redirects: [], start, end: this.pos, text: this.src.slice(start, this.pos) };
  }


  private parseIf(): CommandNode {
    this.pos += 2;
    const bodies: List[] = [];
    bodies.push(this.nestedList(new Set(['then'])));
    this.expectWord('then');
    for (;;) {
      bodies.push(this.nestedList(new Set(['elif', 'else', 'fi'])));
      this.skipSeparators(true);
      const w = this.peekBareWord();
      if (w === 'elif') {
        this.pos += 4;
        bodies.push(this.nestedList(new Set(['then'])));
        this.expectWord('then');
      } else if (w === 'else') {
        this.pos += 4;
        bodies.push(this.nestedList(new Set(['fi'])));
        this.expectWord('fi');
        break;
      } else {
        this.expectWord('fi');
        break;
      }
    }
    return { type: 'control', keyword: 'if', words: [], bodies, redirects: this.parseTrailingRedirects() };
  }

  private parseLoop(keyword: string): CommandNode {
    this.pos += keyword.length;
    const cond = this.nestedList(new Set(['do']));
    this.expectWord('do');
    const body = this.nestedList(new Set(['done']));
    this.expectWord('done');
    return { type: 'control', keyword, words: [], bodies: [cond, body], redirects: this.parseTrailingRedirects() };
  }

  private parseFor(keyword: string): CommandNode {
    this.pos += keyword.length;
    this.skipBlanks();
    const words: Word[] = [];
    if (this.src.startsWith('((', this.pos)) {
      const end = this.findArithmeticEnd(this.pos + 2);
      this.pos = end + 2;
    } else {
      const name = this.readWord();
      if (!name || !NAME_RE.test(name.raw)) throw new ParseError('unparseable', `bad loop variable in '${keyword}'`, this.pos);
      words.push(name);
      this.skipBlanks();
      if (this.peekBareWord() === 'in') {
        this.pos += 2;
        for (;;) {
          this.skipBlanks();
          if (this.ch === ';' || this.ch === '\n' || this.pos >= this.src.length) break;
          const w = this.readWord();
          if (!w) break;
          words.push(w);
        }
      }
    }
    this.skipSeparators(true);
    this.expectWord('do');
    const body = this.nestedList(new Set(['done']));
    this.expectWord('done');
    return { type: 'control', keyword, words, bodies: [body], redirects: this.parseTrailingRedirects() };
  }

  private parseCase(): CommandNode {
    this.pos += 4;
    this.skipBlanks();
    const subject = this.readWord();
    if (!subject) throw new ParseError('unparseable', "expected a word after 'case'", this.pos);
    this.skipSeparators(false);
    if (this.peekBareWord() !== 'in') throw new ParseError('unparseable', "expected 'in'", this.pos);
    this.pos += 2;
    const bodies: List[] = [];
    // Patterns are expanded (and their substitutions run) as the shell compares them.
    const patterns: Word[] = [];
    for (let guard = 0; ; guard++) {
      if (guard > LIMITS.maxWords) throw new ParseError('too-complex', 'case with too many branches', this.pos);
      this.skipSeparators(false);
      if (this.peekBareWord() === 'esac') {
        this.pos += 4;
        break;
      }
      if (this.pos >= this.src.length) throw new ParseError('unparseable', "expected 'esac'", this.pos);
      // Pattern list up to `)`.
      if (this.ch === '(') this.pos++;
      for (;;) {
        this.skipBlanks();
        const w = this.readWord();
        if (!w) throw new ParseError('unparseable', 'bad case pattern', this.pos);
        if (w.subs.length) patterns.push(w);
        this.skipBlanks();
        if (this.ch === '|') { this.pos++; continue; }
        if (this.ch === ')') { this.pos++; break; }
        throw new ParseError('unparseable', "expected ')' after case pattern", this.pos);
      }
      bodies.push(this.nestedList(new Set([';;', ';&', ';;&', 'esac'])));
      this.skipSeparators(false);
      const end = this.peekBareWord();
      if (end === ';;' || end === ';&' || end === ';;&') this.pos += end.length;
    }
    return { type: 'control', keyword: 'case', words: [subject, ...patterns], bodies, redirects: this.parseTrailingRedirects() };
  }

  private parseFunctionKeyword(): CommandNode {
    this.pos += 8;
    this.skipBlanks();
    const name = this.readWord();
    if (!name) throw new ParseError('unparseable', "expected a name after 'function'", this.pos);
    this.skipBlanks();
    if (this.src.startsWith('()', this.pos)) this.pos += 2;
    this.skipSeparators(false);
    return { type: 'function', name: name.raw, body: this.parseCommand(new Set()) };
  }

  private parseDoubleBracket(): CommandNode {
    // `[[ … ]]` is a test; read its words (substitutions inside still run) until `]]`.
    const start = this.pos;
    this.pos += 2;
    const words: Word[] = [{ raw: '[[', subs: [], quoted: false, start }];
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) throw new ParseError('unparseable', "expected ']]'", this.pos);
      if (this.peekBareWord() === ']]') { this.pos += 2; break; }
      const w = this.readWord();
      if (w) { words.push(w); continue; }
      this.pos++; // operators inside [[ ]] (&& || < > ( )) are part of the test
    }
    const redirects = this.parseTrailingRedirects();
    return { type: 'simple', assignments: [], words, redirects, start, end: this.pos, text: this.src.slice(start, this.pos) };
  }

  private parseTrailingRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) return out;
      out.push(r);
    }
  }

  private parseSimple(_terminators: ReadonlySet<string>): CommandNode {
    const start = this.pos;
    const node: SimpleNode = { type: 'simple', assignments: [], words: [], redirects: [], start, end: start, text: '' };
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) break;
      const r = this.tryRedirect();
      if (r) {
        node.redirects.push(r);
        continue;
      }
      const c = this.ch;
      if (this.atOperator()) {
        // `name() { … }`: a function definition.
        if (c === '(' && node.words.length === 1 && node.assignments.length === 0 && this.src.startsWith('()', this.pos)) {
          this.pos += 2;
          this.skipSeparators(false);
          return { type: 'function', name: node.words[0].raw, body: this.parseCommand(new Set()) };
        }
        if (c === '(' && node.words.length === 0 && this.src[this.pos - 1] === '=') break;
        break;
      }
      if (node.words.length > 0 && (c === '}' ) && this.peekBareWord() === '}') break;
      const w = this.readWord();
      if (!w) break;
      if (node.words.length === 0 && ASSIGNMENT_RE.test(w.raw)) {
        // `arr=(a b c)`: an array assignment.
        if (this.ch === '(' && w.raw.endsWith('=')) {
          const arrStart = this.pos;
          this.pos++;
          let depth = 1;
          while (this.pos < this.src.length && depth > 0) {
            const d = this.src[this.pos];
            if (d === '(') depth++;
            else if (d === ')') depth--;
            else if (d === "'" ) { const e = this.src.indexOf("'", this.pos + 1); this.pos = e === -1 ? this.src.length : e; }
            this.pos++;
          }
          w.raw += this.src.slice(arrStart, this.pos).replace(/#/g, '\\#');
        }
        node.assignments.push(w);
      } else {
        node.words.push(w);
      }
    }
    node.end = this.pos;
    node.text = this.src.slice(start, this.pos).trim();
    if (node.words.length === 0 && node.assignments.length === 0 && node.redirects.length === 0) {
      throw new ParseError('unparseable', this.pos < this.src.length ? `unexpected '${this.ch}'` : 'missing command', this.pos);
    }
    return node;
  }

}
