// A bounded recursive-descent reader of POSIX/bash command lines. It finds the
// structure shell-quote does not know about — lists, pipelines, subshells,
// groups, control keywords, function definitions, redirections, heredocs,
// here-strings and every kind of substitution — and leaves quote removal and
// variable expansion of each word to shell-quote (see words.ts).
import type { AndOr, CommandNode, List, Pipeline, SimpleNode, Word } from './ast';
import { LIMITS, ParseError, type ParseBudget } from '../limits';
import { META } from './reader';
import { CompoundReader } from './compound';
export { LIMITS, ParseError } from '../limits';
export type { ParseBudget, ParseFailure } from '../limits';

const RESERVED_END = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', ';;', ';&', ';;&']);
const ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
/** A declaration argument that an array follows: `name=` or `name+=`. */
const ARRAY_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*\+?=$/;
/** The builtins whose arguments may assign arrays (`local a=(x y)`). */
export const DECLARES: ReadonlySet<string> = new Set(['declare', 'local', 'typeset', 'export', 'readonly']);

export function parse(source: string, budget: ParseBudget = { words: 0 }): List {
  if (source.length > LIMITS.maxInputChars) {
    throw new ParseError(
      'too-complex',
      `command is ${source.length} characters long (limit ${LIMITS.maxInputChars})`,
      0,
    );
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

class Parser extends CompoundReader {
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
      } else if (
        this.pos < this.src.length &&
        !this.atReservedEnd(terminators) &&
        !(this.ch === ')' && terminators.has(')'))
      ) {
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
        const or = this.ch === '|';
        this.pos += 2;
        this.skipSeparators(false);
        const next = this.parsePipeline(terminators);
        if (or) next.or = true;
        pipelines.push(next);
      } else break;
    }
    return { pipelines, background: false };
  }

  private parsePipeline(terminators: ReadonlySet<string>): Pipeline {
    this.skipBlanks();
    let w = this.peekBareWord();
    let negated = false;
    while (w === '!' || w === 'time') {
      negated = w === '!' ? !negated : negated;
      this.pos += w.length;
      this.skipBlanks();
      if (w === 'time')
        while (this.src.startsWith('-p', this.pos) && META.has(this.src[this.pos + 2] ?? ' ')) {
          this.pos += 2;
          this.skipBlanks();
        }
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
    return negated ? { commands, negated: true } : { commands };
  }

  protected override parseCommand(terminators: ReadonlySet<string>): CommandNode {
    this.skipBlanks();
    const c = this.ch;
    if (c === '(') {
      if (this.src[this.pos + 1] === '(') {
        const at = this.pos;
        try {
          return this.parseArithmeticCommand();
        } catch (err) {
          // A `((` that does not close as arithmetic is two subshells to bash (`((a; b) 3>&- | c)`), as it reads it.
          if (!(err instanceof ParseError) || err.kind !== 'unparseable') throw err;
          this.pos = at;
        }
      }
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
    if (this.depth + 1 > LIMITS.maxDepth)
      throw new ParseError('too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, this.pos);
    // Same source, deeper level: share position by parsing with a child that starts here.
    const child = new Parser(this.src, this.budget, this.depth + 1);
    child.pos = this.pos;
    const list = child.parseList(terminators);
    // Heredocs opened inside a group whose newline comes later belong to this level.
    this.pending.push(...child.pending);
    this.pos = child.pos;
    return list;
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
        if (
          c === '(' &&
          node.words.length === 1 &&
          node.assignments.length === 0 &&
          this.src.startsWith('()', this.pos)
        ) {
          this.pos += 2;
          this.skipSeparators(false);
          return { type: 'function', name: node.words[0].raw, body: this.parseCommand(new Set()) };
        }
        if (c === '(' && node.words.length === 0 && this.src[this.pos - 1] === '=') break;
        break;
      }
      if (node.words.length > 0 && c === '}' && this.peekBareWord() === '}') break;
      const w = this.readWord();
      if (!w) break;
      if (node.words.length === 0 && ASSIGNMENT_RE.test(w.raw)) {
        // `arr=(a b c)`: an array assignment.
        if (this.ch === '(' && w.raw.endsWith('=')) this.readArrayInto(w);
        node.assignments.push(w);
      } else {
        // `local a=(x y)`, `declare -A m=()`: the declaration builtins take array assignments as arguments.
        if (this.ch === '(' && DECLARES.has(node.words[0]?.raw ?? '') && ARRAY_NAME_RE.test(w.raw))
          this.readArrayInto(w);
        node.words.push(w);
      }
    }
    node.end = this.pos;
    node.text = this.src.slice(start, this.pos).trim();
    if (node.words.length === 0 && node.assignments.length === 0 && node.redirects.length === 0) {
      throw new ParseError(
        'unparseable',
        this.pos < this.src.length ? `unexpected '${this.ch}'` : 'missing command',
        this.pos,
      );
    }
    return node;
  }

  /**
   * The `(…)` of an array assignment, read word by word as bash reads it (quotes, `$(…)`, comments and newlines
   * between the elements): its source joins the word's, and the commands its elements substitute join the word's
   * substitutions, so they are judged as any substitution is (`arr=($(rm -rf ~))` runs `rm`).
   */
  private readArrayInto(w: Word): void {
    const s = this.src;
    const arrStart = this.pos;
    this.pos++;
    for (;;) {
      this.skipBlanks();
      if (this.ch === '\n') {
        this.pos++;
        continue;
      }
      if (this.ch === ')') break;
      if (this.pos >= s.length) throw new ParseError('unparseable', 'unterminated array assignment', arrStart);
      const element = this.readWord();
      if (!element) throw new ParseError('unparseable', `unexpected '${this.ch}' in an array assignment`, this.pos);
      w.subs.push(...element.subs);
    }
    this.pos++;
    w.raw += s.slice(arrStart, this.pos).replace(/#/g, '\\#');
  }
}
