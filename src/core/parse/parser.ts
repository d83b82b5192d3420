// A bounded recursive-descent reader of POSIX/bash command lines. It finds the
// structure shell-quote does not know about — lists, pipelines, subshells,
// groups, control keywords, function definitions, redirections, heredocs,
// here-strings and every kind of substitution — and leaves quote removal and
// variable expansion of each word to shell-quote (see words.ts).
import { PLACEHOLDER, type AndOr, type CommandNode, type List, type Pipeline, type Redirect, type SimpleNode, type Substitution, type Word } from './ast';

export const LIMITS = {
  /** Longest command line judged; longer ones are asked about, not parsed. */
  maxInputChars: 100_000,
  /** Nesting of substitutions, subshells, groups, control bodies and wrappers. */
  maxDepth: 64,
  /** Words read for one command line, across every nested parse (`eval`, `bash -c`, scripts): a bound on total work. */
  maxWords: 2_048,
} as const;

export type ParseFailure = 'unparseable' | 'too-deep' | 'too-complex';

export class ParseError extends Error {
  constructor(readonly kind: ParseFailure, message: string, readonly position: number) {
    super(message);
  }
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** Characters a word can run over without a second look; everything else ends or changes the word. */
const PLAIN = 0;
const SPECIAL = 1;
const CLASS = new Uint8Array(128);
for (const c of ' \t\n\r;&|()<>"\'\\$`#') CLASS[c.charCodeAt(0)] = SPECIAL;
const RESERVED_END = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', ';;', ';&', ';;&']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
}

/** Work shared by every parse of one command line. */
export interface ParseBudget {
  words: number;
}

export function parse(source: string, budget: ParseBudget = { words: 0 }): List {
  if (source.length > LIMITS.maxInputChars) {
    throw new ParseError('too-complex', `command is ${source.length} characters long (limit ${LIMITS.maxInputChars})`, 0);
  }
  const p = new Parser(source, budget, 0);
  const list = p.parseList(new Set());
  p.skipBlanks();
  if (p.pos < source.length) {
    throw new ParseError('unparseable', `unexpected '${source[p.pos]}'`, p.pos);
  }
  return list;
}

class Parser {
  pos = 0;
  private readonly pending: PendingHeredoc[] = [];

  constructor(private readonly src: string, private readonly budget: { words: number }, private readonly depth: number) {
    if (depth > LIMITS.maxDepth) throw new ParseError('too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, 0);
  }

  private nested(text: string): Parser {
    return new Parser(text, this.budget, this.depth + 1);
  }

  private get ch(): string {
    return this.src[this.pos];
  }

  skipBlanks(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#' ) {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  /** Skips blanks, newlines and `;` between commands; reads heredoc bodies at each newline. */
  private skipSeparators(allowSemicolon: boolean): void {
    for (;;) {
      this.skipBlanks();
      const c = this.ch;
      if (c === '\n') {
        this.pos++;
        this.readHeredocBodies();
      } else if (allowSemicolon && c === ';' && this.src[this.pos + 1] !== ';' && this.src[this.pos + 1] !== '&') {
        this.pos++;
      } else return;
    }
  }

  private readHeredocBodies(): void {
    while (this.pending.length) {
      const h = this.pending.shift()!;
      const lines: string[] = [];
      let closed = false;
      while (this.pos < this.src.length) {
        let nl = this.src.indexOf('\n', this.pos);
        if (nl === -1) nl = this.src.length;
        let line = this.src.slice(this.pos, nl);
        this.pos = Math.min(nl + 1, this.src.length);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          closed = true;
          break;
        }
        lines.push(line);
      }
      // An unterminated heredoc still runs in bash (with a warning), up to the end of input.
      h.redirect.heredoc!.body = lines.join('\n') + (lines.length ? '\n' : '');
      void closed;
    }
  }

  private peekPos = -1;
  private peekResult: string | undefined;

  /** Peeks the next bare word (unquoted) without consuming it. Memoized per position: the grammar asks often. */
  private peekBareWord(): string | undefined {
    if (this.peekPos === this.pos) return this.peekResult;
    this.peekPos = this.pos;
    this.peekResult = this.scanBareWord();
    return this.peekResult;
  }

  private scanBareWord(): string | undefined {
    const s = this.src;
    let i = this.pos;
    while (i < s.length && (CLASS[s.charCodeAt(i)] ?? PLAIN) === PLAIN) i++;
    if (i === this.pos) {
      // `;;` ends a case item.
      if (s.startsWith(';;&', i)) return ';;&';
      if (s.startsWith(';;', i)) return ';;';
      if (s.startsWith(';&', i)) return ';&';
      return undefined;
    }
    if (i < s.length && !META.has(s[i])) return undefined; // quoted or expanded continuation: not a keyword
    return s.slice(this.pos, i);
  }

  private atReservedEnd(terminators: ReadonlySet<string>): boolean {
    const c = this.ch;
    if (c === ')' && terminators.has(')')) return true;
    const w = this.peekBareWord();
    return w !== undefined && RESERVED_END.has(w) && terminators.has(w);
  }

  parseList(terminators: ReadonlySet<string>): List {
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

  private nestedList(terminators: ReadonlySet<string>): List {
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
    return { type: 'simple', assignments: [], words: [{ raw: '((', subs: [], quoted: false, start }, { raw: PLACEHOLDER + '0' + PLACEHOLDER, subs: [this.arithmetic(text)], quoted: false, start }], redirects: [], start, end: this.pos, text: this.src.slice(start, this.pos) };
  }

  /**
   * `$(( … ))`: commands substituted inside an arithmetic expression run too.
   * They are read as one double-quoted word handed to `echo`, so the
   * expression's own operators are never taken for commands.
   */
  private arithmetic(text: string): Substitution {
    if (!text.includes('$(') && !text.includes('`')) return { kind: 'arithmetic', text };
    const child = this.nested('"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"');
    const w = child.readWord();
    if (!w) return { kind: 'arithmetic', text };
    const body: List = [{ pipelines: [{ commands: [{ type: 'simple', assignments: [], words: [{ raw: 'echo', subs: [], quoted: false, start: 0 }, w], redirects: [], start: 0, end: 0, text: `echo ${text}` }] }], background: false }];
    return { kind: 'arithmetic', body, text };
  }

  /** Position of the `))` closing an arithmetic expression starting at `from`. */
  private findArithmeticEnd(from: number): number {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.src[i + 1] === ')') return i;
        depth--;
      }
    }
    throw new ParseError('unparseable', 'unterminated arithmetic expression', from);
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
      if (META.has(c) && !((c === '<' || c === '>') && this.src[this.pos + 1] === '(')) {
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

  private tryRedirect(): Redirect | undefined {
    const s = this.src;
    const first = s.charCodeAt(this.pos);
    // Only a digit, `<`, `>` or `&` can start a redirection.
    if (!((first >= 48 && first <= 57) || first === 60 || first === 62 || first === 38)) return undefined;
    let i = this.pos;
    let fd: number | undefined;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
    if (i > this.pos) {
      if (s[i] !== '<' && s[i] !== '>') return undefined;
      fd = Number(s.slice(this.pos, i));
    } else if (s[i] === '{') {
      return undefined;
    }
    let op: string | undefined;
    for (const cand of ['<<<', '<<-', '&>>', '<<', '>>', '>|', '<>', '>&', '<&', '&>', '<', '>']) {
      if (s.startsWith(cand, i)) { op = cand; break; }
    }
    if (!op) return undefined;
    // `<(` and `>(` are process substitutions (words), not redirections.
    if ((op === '<' || op === '>') && s[i + 1] === '(') return undefined;
    if (op === '&>' && fd !== undefined) return undefined;
    this.pos = i + op.length;
    this.skipBlanks();
    const target = this.readWord();
    if (!target) throw new ParseError('unparseable', `missing target after '${op}'`, this.pos);
    const r: Redirect = { op, target };
    if (fd !== undefined) r.fd = fd;
    if (op === '<<' || op === '<<-') {
      const quoted = /['"\\]/.test(target.raw);
      const delimiter = target.raw.replace(/\\#/g, '#').replace(/['"\\]/g, '');
      r.heredoc = { body: '', quotedDelimiter: quoted };
      this.pending.push({ redirect: r, delimiter, stripTabs: op === '<<-' });
    }
    return r;
  }

  /** Reads one word; returns undefined at a metacharacter or end of input. */
  readWord(): Word | undefined {
    const s = this.src;
    const start = this.pos;
    if (++this.budget.words > LIMITS.maxWords) throw new ParseError('too-complex', `more than ${LIMITS.maxWords} words`, start);
    let raw = '';
    const subs: Substitution[] = [];
    let quoted = false;
    const addSub = (sub: Substitution): void => {
      raw += PLACEHOLDER + subs.length + PLACEHOLDER;
      subs.push(sub);
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (META.has(c)) {
        if ((c === '<' || c === '>') && s[this.pos + 1] === '(' ) {
          if (raw !== '' || subs.length) break;
          const kind = c === '<' ? 'process-in' : 'process-out';
          this.pos += 2;
          const bodyStart = this.pos;
          const body = this.nestedList(new Set([')']));
          if (this.ch !== ')') throw new ParseError('unparseable', "unterminated process substitution", bodyStart);
          addSub({ kind, body, text: s.slice(bodyStart, this.pos) });
          this.pos++;
          continue;
        }
        break;
      }
      if (c === "'") {
        const end = s.indexOf("'", this.pos + 1);
        if (end === -1) throw new ParseError('unparseable', 'unterminated single quote', this.pos);
        raw += s.slice(this.pos, end + 1);
        quoted = true;
        this.pos = end + 1;
      } else if (c === '"') {
        quoted = true;
        raw += '"';
        this.pos++;
        for (;;) {
          if (this.pos >= s.length) throw new ParseError('unparseable', 'unterminated double quote', start);
          const d = s[this.pos];
          if (d === '"') { raw += '"'; this.pos++; break; }
          if (d === '\\') { raw += s.slice(this.pos, this.pos + 2); this.pos += 2; continue; }
          if (d === '$' || d === '`') {
            const sub = this.readDollarOrBacktick();
            if (sub) { if (typeof sub === 'string') raw += sub; else addSub(sub); continue; }
          }
          raw += d;
          this.pos++;
        }
      } else if (c === '\\') {
        if (s[this.pos + 1] === '\n') { this.pos += 2; continue; }
        raw += s.slice(this.pos, this.pos + 2);
        quoted = true;
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        if (c === '$' && s[this.pos + 1] === "'") {
          // ANSI-C quoting: find the closing quote, honouring backslash escapes.
          let i = this.pos + 2;
          while (i < s.length && s[i] !== "'") i += s[i] === '\\' ? 2 : 1;
          if (i >= s.length) throw new ParseError('unparseable', "unterminated $'…' quote", this.pos);
          raw += s.slice(this.pos, i + 1);
          quoted = true;
          this.pos = i + 1;
          continue;
        }
        const sub = this.readDollarOrBacktick();
        if (sub) { if (typeof sub === 'string') raw += sub; else addSub(sub); continue; }
        raw += c;
        this.pos++;
      } else if (c === '#' ) {
        // Mid-word `#` is literal in the shell; shell-quote would read a comment.
        raw += '\\#';
        this.pos++;
      } else {
        // A run of plain characters in one slice.
        let j = this.pos + 1;
        while (j < s.length && (CLASS[s.charCodeAt(j)] ?? PLAIN) === PLAIN) j++;
        raw += s.slice(this.pos, j);
        this.pos = j;
      }
    }
    if (raw === '' && subs.length === 0) return undefined;
    return { raw, subs, quoted, start };
  }

  /**
   * At `$` or a backtick: reads `$(…)`, `$((…))`, `${…}` or `` `…` ``.
   * Returns a Substitution, a string of raw text to append (`${…}` is kept
   * for shell-quote), or undefined when the `$` is a plain character.
   */
  private readDollarOrBacktick(): Substitution | string | undefined {
    const s = this.src;
    const c = s[this.pos];
    if (c === '`') {
      // Backticks: the body ends at the next unescaped backtick; \` and \\ unescape.
      let i = this.pos + 1;
      let body = '';
      while (i < s.length && s[i] !== '`') {
        if (s[i] === '\\' && (s[i + 1] === '`' || s[i + 1] === '\\' || s[i + 1] === '$')) { body += s[i + 1]; i += 2; continue; }
        body += s[i++];
      }
      if (i >= s.length) throw new ParseError('unparseable', 'unterminated backtick', this.pos);
      this.pos = i + 1;
      const child = this.nested(body);
      const list = child.parseList(new Set());
      return { kind: 'command', body: list, text: body };
    }
    const next = s[this.pos + 1];
    if (next === '(') {
      if (s[this.pos + 2] === '(') {
        const end = this.findArithmeticEnd(this.pos + 3);
        const text = s.slice(this.pos + 3, end);
        this.pos = end + 2;
        return this.arithmetic(text);
      }
      this.pos += 2;
      const bodyStart = this.pos;
      const body = this.nestedList(new Set([')']));
      this.skipSeparators(false);
      if (this.ch !== ')') throw new ParseError('unparseable', 'unterminated $(', bodyStart);
      const text = s.slice(bodyStart, this.pos);
      this.pos++;
      return { kind: 'command', body, text };
    }
    if (next === '{') {
      // Parameter expansion: kept for shell-quote, but substitutions inside must still be seen.
      let depth = 0;
      let i = this.pos + 1;
      for (; i < s.length; i++) {
        if (s[i] === '{') depth++;
        else if (s[i] === '}') { depth--; if (depth === 0) break; }
        else if (s[i] === '\\') i++;
      }
      if (i >= s.length) throw new ParseError('unparseable', 'unterminated ${', this.pos);
      const text = s.slice(this.pos, i + 1);
      this.pos = i + 1;
      if (text.includes('$(') || text.includes('`')) {
        const inner = text.slice(2, -1);
        const m = /^[A-Za-z_][A-Za-z0-9_]*:?[-=?+]/.exec(inner);
        const word = m ? inner.slice(m[0].length) : inner;
        const child = this.nested(word);
        const w = child.readWord();
        return { kind: 'command', body: w ? [{ pipelines: [{ commands: [{ type: 'simple', assignments: [], words: [{ raw: 'echo', subs: [], quoted: false, start: 0 }, w], redirects: [], start: 0, end: 0, text: `echo ${word}` }] }], background: false }] : [], text: `echo ${word}` };
      }
      return text;
    }
    return undefined;
  }
}
