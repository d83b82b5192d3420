// The compound commands of the grammar (see parser.ts): if, while and until, for
// and select, case, `function f`, `[[ … ]]` and `(( … ))`, with the
// redirections that follow them. Each reads its bodies as nested lists.
import { PLACEHOLDER, type CommandNode, type List, type Redirect, type Word } from './ast';
import { LIMITS, ParseError } from '../limits';
import { WordReader } from './reader';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export abstract class CompoundReader extends WordReader {
  /** One command of a list: the grammar above (parser.ts) reads it. */
  protected abstract parseCommand(terminators: ReadonlySet<string>): CommandNode;

  protected expect(c: string): void {
    this.skipSeparators(false);
    if (this.ch !== c) throw new ParseError('unparseable', `expected '${c}'`, this.pos);
    this.pos++;
  }

  protected expectWord(word: string): void {
    this.skipSeparators(true);
    if (this.peekBareWord() !== word) throw new ParseError('unparseable', `expected '${word}'`, this.pos);
    this.pos += word.length;
  }

  protected parseArithmeticCommand(): CommandNode {
    const start = this.pos;
    const end = this.findArithmeticEnd(this.pos + 2);
    const text = this.src.slice(start + 2, end);
    this.pos = end + 2;
    // `((` is a word only here: quoted, so that quote removal reads it as the program name `((`.
    return {
      type: 'simple',
      assignments: [],
      words: [
        { raw: "'(('", subs: [], quoted: false, start },
        { raw: PLACEHOLDER + '0' + PLACEHOLDER, subs: [this.arithmetic(text)], quoted: false, start },
      ],
      redirects: [],
      start,
      end: this.pos,
      text: this.src.slice(start, this.pos),
    };
  }

  protected parseIf(): CommandNode {
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

  protected parseLoop(keyword: string): CommandNode {
    this.pos += keyword.length;
    const cond = this.nestedList(new Set(['do']));
    this.expectWord('do');
    const body = this.nestedList(new Set(['done']));
    this.expectWord('done');
    return { type: 'control', keyword, words: [], bodies: [cond, body], redirects: this.parseTrailingRedirects() };
  }

  protected parseFor(keyword: string): CommandNode {
    this.pos += keyword.length;
    this.skipBlanks();
    const words: Word[] = [];
    // `for ((init; cond; step))`: its expressions run as `(( … ))` does, before and around each pass; read as one before the body.
    let header: CommandNode | undefined;
    if (this.src.startsWith('((', this.pos)) header = this.parseArithmeticCommand();
    else {
      const name = this.readWord();
      if (!name || !NAME_RE.test(name.raw))
        throw new ParseError('unparseable', `bad loop variable in '${keyword}'`, this.pos);
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
    const loop = this.nestedList(new Set(['done']));
    this.expectWord('done');
    const body: List = header ? [{ pipelines: [{ commands: [header] }], background: false }, ...loop] : loop;
    return { type: 'control', keyword, words, bodies: [body], redirects: this.parseTrailingRedirects() };
  }

  protected parseCase(): CommandNode {
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
        if (this.ch === '|') {
          this.pos++;
          continue;
        }
        if (this.ch === ')') {
          this.pos++;
          break;
        }
        throw new ParseError('unparseable', "expected ')' after case pattern", this.pos);
      }
      bodies.push(this.nestedList(new Set([';;', ';&', ';;&', 'esac'])));
      this.skipSeparators(false);
      const end = this.peekBareWord();
      if (end === ';;' || end === ';&' || end === ';;&') this.pos += end.length;
    }
    return {
      type: 'control',
      keyword: 'case',
      words: [subject, ...patterns],
      bodies,
      redirects: this.parseTrailingRedirects(),
    };
  }

  protected parseFunctionKeyword(): CommandNode {
    this.pos += 8;
    this.skipBlanks();
    const name = this.readWord();
    if (!name) throw new ParseError('unparseable', "expected a name after 'function'", this.pos);
    this.skipBlanks();
    if (this.src.startsWith('()', this.pos)) this.pos += 2;
    this.skipSeparators(false);
    return { type: 'function', name: name.raw, body: this.parseCommand(new Set()) };
  }

  protected parseDoubleBracket(): CommandNode {
    // `[[ … ]]` is a test; read its words (substitutions inside still run) until `]]`.
    const start = this.pos;
    this.pos += 2;
    const words: Word[] = [{ raw: '[[', subs: [], quoted: false, start }];
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) throw new ParseError('unparseable', "expected ']]'", this.pos);
      if (this.peekBareWord() === ']]') {
        this.pos += 2;
        break;
      }
      const w = this.readWord();
      if (w) {
        words.push(w);
        continue;
      }
      this.pos++; // operators inside [[ ]] (&& || < > ( )) are part of the test
    }
    const redirects = this.parseTrailingRedirects();
    return {
      type: 'simple',
      assignments: [],
      words,
      redirects,
      start,
      end: this.pos,
      text: this.src.slice(start, this.pos),
    };
  }

  protected parseTrailingRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) return out;
      out.push(r);
    }
  }
}
