// A bounded reader of cmd.exe lines (`cmd /c …`, .bat files): `%VAR%`
// expansion at read time (as cmd does, before the line is split), `^`
// escapes, double quotes, the operators `&` `&&` `||` `|`, redirections,
// `( … )` blocks, `if … else …`, `for … in (…) do …`, `rem` and `::`
// comments. Values the environment does not know stay `$NAME`, marked
// unknown, the spelling packs read for any unresolved variable.
import { LIMITS, ParseError, type ParseBudget } from '../limits';

export interface CmdWord {
  /** The word with quotes and `^` removed, unknown variables as `$NAME`. */
  text: string;
  dynamic: boolean;
  /** Quotes appeared in it. */
  quoted: boolean;
}

export interface CmdRedirect {
  op: '>' | '>>' | '<';
  fd: number;
  target: CmdWord;
}

export type CmdNode =
  | { type: 'simple'; words: CmdWord[]; redirects: CmdRedirect[]; text: string }
  /** `( … ) > f`: the block's own redirections write what its body prints. */
  | { type: 'group'; body: CmdList; redirects: CmdRedirect[] }
  | { type: 'if'; condition: CmdWord[]; then: CmdList; otherwise?: CmdList }
  | { type: 'for'; variable: string; options: CmdWord[]; set: string; body: CmdList };

export interface CmdChain {
  pipelines: CmdNode[][];
}

export type CmdList = CmdChain[];

/** Marks an unknown variable inside a word while the line is read. */
const UNKNOWN_MARK = '\u0001';

/**
 * `%NAME%` → its value, `%%` → `%`; unknown names, `%~dp0`, `%1`, `!NAME!`
 * become a marked `$NAME`. `%%i` / `%i` (loop variables) are kept for the walk.
 */
export function expandPercent(line: string, lookup: (name: string) => string | undefined, batch: boolean): string {
  // Names: letters, digits and the punctuation Windows variables use (`ProgramFiles(x86)`); `:~0,5` and `:a=b` edit the value.
  return line.replace(
    /%%|%([A-Za-z_][\w#$'()+\-.?@[\]`{}~]*)(?::~[-\d, ]+|:[^%=\s]*=[^%]*)?%|%~[a-z]*[0-9*]|%[0-9*]|!([A-Za-z_]\w*)!/gi,
    (m, name?: string, delayed?: string) => {
      if (m === '%%') return '%%';
      // `%1`, `%~dp0`: a batch file's arguments; typed on a command line they are text (`%20` in a URL).
      if (name === undefined && delayed === undefined && !batch) return m;
      const n = name ?? delayed;
      if (n !== undefined && !m.includes(':')) {
        const v = lookup(n);
        if (v !== undefined) return v;
      }
      return UNKNOWN_MARK + '$' + (n ?? m.replace(/[%~]/g, '').replace(/^[a-z]*/i, '') ?? 'ARG') + UNKNOWN_MARK;
    },
  );
}

class CmdReader {
  pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly budget: ParseBudget,
  ) {}

  /** The character at the position (a call, so the compiler does not narrow it across moves). */
  private ch(): string | undefined {
    return this.src[this.pos];
  }

  private fail(message: string): never {
    throw new ParseError('unparseable', message, this.pos);
  }

  private skipBlanks(newlines = false): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '^' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  parseList(inGroup: boolean): CmdList {
    const list: CmdList = [];
    for (;;) {
      this.skipBlanks(true);
      while (this.ch() === '&' || this.ch() === ';') {
        this.pos++;
        this.skipBlanks(true);
      }
      if (this.ch() === undefined) break;
      if (this.ch() === ')') {
        if (inGroup) break;
        this.fail("unexpected ')'");
      }
      const chain = this.parseChain(inGroup);
      if (chain.pipelines.length) list.push(chain);
    }
    return list;
  }

  private parseChain(inGroup: boolean): CmdChain {
    const pipelines: CmdNode[][] = [];
    for (;;) {
      const pipeline = [this.parseNode(inGroup)];
      for (;;) {
        this.skipBlanks();
        if (this.ch() === '|' && this.src[this.pos + 1] !== '|') {
          this.pos++;
          pipeline.push(this.parseNode(inGroup));
        } else break;
      }
      pipelines.push(pipeline);
      this.skipBlanks();
      if (this.src.startsWith('&&', this.pos) || this.src.startsWith('||', this.pos)) {
        this.pos += 2;
        continue;
      }
      if (this.ch() === '&') {
        this.pos++;
        continue;
      }
      return { pipelines };
    }
  }

  private enter(): void {
    if (++this.depth > LIMITS.maxDepth)
      throw new ParseError('too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, this.pos);
  }

  private parseNode(inGroup: boolean): CmdNode {
    this.skipBlanks();
    while (this.ch() === '@') {
      this.pos++;
      this.skipBlanks();
    }
    if (this.ch() === '(') {
      this.pos++;
      this.enter();
      const body = this.parseList(true);
      if (this.ch() !== ')') this.fail("missing ')'");
      this.pos++;
      this.depth--;
      const redirects: CmdRedirect[] = [];
      for (;;) {
        this.skipBlanks();
        if (this.atEnd(inGroup) || !this.redirect(inGroup, redirects)) break;
      }
      return { type: 'group', body, redirects };
    }
    const keyword = /^(if|for|rem|::)(?=[\s(]|$)/i.exec(this.src.slice(this.pos, this.pos + 5))?.[1]?.toLowerCase();
    if (keyword === 'rem' || keyword === '::' || this.src.startsWith('::', this.pos)) {
      const nl = this.src.indexOf('\n', this.pos);
      this.pos = nl === -1 ? this.src.length : nl;
      return { type: 'simple', words: [], redirects: [], text: '' };
    }
    if (keyword === 'if') return this.parseIf(inGroup);
    if (keyword === 'for') return this.parseFor(inGroup);
    return this.parseSimple(inGroup);
  }

  private atEnd(inGroup: boolean): boolean {
    const c = this.ch();
    return c === undefined || c === '\n' || c === '&' || c === '|' || (inGroup && c === ')');
  }

  /** Words up to the end of the command (or the number asked for). */
  private words(inGroup: boolean, max = Infinity): CmdWord[] {
    const out: CmdWord[] = [];
    while (out.length < max) {
      this.skipBlanks();
      if (this.atEnd(inGroup) || this.ch() === '(') break;
      const w = this.word(inGroup);
      if (!w) break;
      out.push(w);
    }
    return out;
  }

  private parseIf(inGroup: boolean): CmdNode {
    this.pos += 2;
    const condition: CmdWord[] = [];
    for (;;) {
      this.skipBlanks();
      const w = this.word(inGroup);
      if (!w) this.fail('if without a condition');
      condition.push(w);
      const lower = w.text.toLowerCase();
      if (lower === '/i' || lower === 'not') continue;
      if (lower === 'exist' || lower === 'defined' || lower === 'errorlevel' || lower === 'cmdextversion') {
        condition.push(...this.words(inGroup, 1));
        break;
      }
      if (w.text.includes('==')) break;
      const rest = this.words(inGroup, 2);
      condition.push(...rest);
      break;
    }
    this.enter();
    const then = this.body(inGroup);
    let otherwise: CmdList | undefined;
    this.skipBlanks();
    if (/^else(?=[\s(]|$)/i.test(this.src.slice(this.pos, this.pos + 5))) {
      this.pos += 4;
      otherwise = this.body(inGroup);
    }
    this.depth--;
    return { type: 'if', condition, then, ...(otherwise ? { otherwise } : {}) };
  }

  /** The command after `if …`, `else` or `do`: a block, or one chain. */
  private body(inGroup: boolean): CmdList {
    this.skipBlanks();
    if (this.ch() === '(') return [{ pipelines: [[this.parseNode(inGroup)]] }];
    return [this.parseChain(inGroup)];
  }

  private parseFor(inGroup: boolean): CmdNode {
    this.pos += 3;
    const options: CmdWord[] = [];
    let variable = '';
    for (;;) {
      this.skipBlanks();
      const w = this.word(inGroup);
      if (!w) this.fail('for without a variable');
      if (/^%%?[A-Za-z]$/.test(w.text)) {
        variable = w.text.replace(/^%+/, '');
        break;
      }
      options.push(w);
    }
    this.skipBlanks();
    const inWord = this.word(inGroup);
    if (inWord?.text.toLowerCase() !== 'in') this.fail("for needs 'in'");
    this.skipBlanks();
    if (this.ch() !== '(') this.fail("for needs '(' after in");
    const close = this.matching(this.pos);
    const set = this.src.slice(this.pos + 1, close);
    this.pos = close + 1;
    this.skipBlanks();
    if (!/^do(?=[\s(]|$)/i.test(this.src.slice(this.pos, this.pos + 3))) this.fail("for needs 'do'");
    this.pos += 2;
    this.enter();
    const body = this.body(inGroup);
    this.depth--;
    return { type: 'for', variable, options, set, body };
  }

  /** Position of the `)` closing the `(` at `open`, quotes respected. */
  private matching(open: number): number {
    let depth = 0;
    let quoted = false;
    for (let i = open; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === '(') depth++;
      else if (!quoted && c === ')' && --depth === 0) return i;
    }
    return this.fail("missing ')'");
  }

  private parseSimple(inGroup: boolean): CmdNode {
    const start = this.pos;
    const words: CmdWord[] = [];
    const redirects: CmdRedirect[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.atEnd(inGroup)) break;
      if (this.redirect(inGroup, redirects)) continue;
      // `(` inside a command's words is text (`echo (x)`); only a command that starts with it is a block.
      const w = this.word(inGroup, words.length > 0);
      if (!w) break;
      words.push(w);
    }
    return { type: 'simple', words, redirects, text: this.src.slice(start, this.pos).trim() };
  }

  /** A redirection at the position, added to `out`; false when there is none. */
  private redirect(inGroup: boolean, out: CmdRedirect[]): boolean {
    const r = /^(?:([0-9])?(>>|>)(&[0-9])?|<)/.exec(this.src.slice(this.pos, this.pos + 4));
    if (!r) return false;
    this.pos += r[0].length;
    if (r[3]) return true; // 2>&1: a handle, not a file
    this.skipBlanks();
    const target = this.word(inGroup);
    if (!target) this.fail('redirection without a target');
    out.push({
      op: r[0] === '<' ? '<' : (r[2] as '>' | '>>'),
      fd: r[0] === '<' ? 0 : Number(r[1] ?? 1),
      target,
    });
    return true;
  }

  private word(inGroup: boolean, parenIsText = true): CmdWord | undefined {
    const s = this.src;
    let text = '';
    let quoted = false;
    let inQuote = false;
    let dynamic = false;
    const start = this.pos;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined || c === '\n') break;
      if (!inQuote) {
        if (c === ' ' || c === '\t' || c === '\r' || c === '&' || c === '|' || c === '<' || c === '>') break;
        if (c === ')' && inGroup) break;
        if (c === '(' && !parenIsText && this.pos === start) break;
        if (c === '^') {
          const n = s[this.pos + 1];
          if (n === undefined) break;
          if (n !== '\n') text += n;
          this.pos += 2;
          continue;
        }
      }
      if (c === '"') {
        inQuote = !inQuote;
        quoted = true;
        this.pos++;
        continue;
      }
      if (c === UNKNOWN_MARK) {
        dynamic = true;
        this.pos++;
        continue;
      }
      text += c;
      this.pos++;
    }
    if (this.pos === start) return undefined;
    if (++this.budget.words > (this.budget.maxWords ?? LIMITS.maxWords))
      throw new ParseError('too-complex', `more than ${this.budget.maxWords ?? LIMITS.maxWords} words`, start);
    return { text, dynamic, quoted };
  }
}

export function parseCmd(source: string, budget: ParseBudget = { words: 0 }): CmdList {
  if (source.length > LIMITS.maxInputChars)
    throw new ParseError(
      'too-complex',
      `command is ${source.length} characters long (limit ${LIMITS.maxInputChars})`,
      0,
    );
  const r = new CmdReader(source, budget);
  const list = r.parseList(false);
  if (r.pos < source.length) throw new ParseError('unparseable', `unexpected '${source[r.pos]}'`, r.pos);
  return list;
}
