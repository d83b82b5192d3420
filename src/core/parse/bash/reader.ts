// The word level of the command-line reader (see parser.ts): where a word
// starts and ends, what its quotes and substitutions are, and which
// redirections and heredocs hang on a command.
import { PLACEHOLDER, type List, type Redirect, type Substitution, type Word } from './ast';
import { LIMITS, ParseError, type ParseBudget } from '../limits';
import { CLASS, fileTextReads, META, PLAIN, redirectPrefix } from './wordChars';
export { META } from './wordChars';

/** Redirection operators, longest first: the first that starts where a redirection does is it. */
const REDIRECT_OPS: readonly string[] = ['<<<', '<<-', '&>>', '<<', '>>', '>|', '<>', '>&', '<&', '&>', '<', '>'];

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
}

/**
 * The word level of the reader: blanks, quoting, redirections, heredoc
 * bodies and every kind of substitution. The grammar above it (parser.ts)
 * reads nested command lists for it: `$(…)`, backticks, `<(…)`.
 */
export abstract class WordReader {
  pos = 0;
  protected readonly pending: PendingHeredoc[] = [];

  constructor(
    protected readonly src: string,
    protected readonly budget: ParseBudget,
    protected readonly depth: number,
  ) {
    if (depth > LIMITS.maxDepth) throw new ParseError('too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, 0);
  }

  /** A reader of other text (a backtick body, an arithmetic expression) one level deeper. */
  protected abstract nested(text: string): WordReader;
  /** The command list starting here, in the same source one level deeper, up to one of `terminators`. */
  protected abstract nestedList(terminators: ReadonlySet<string>): List;
  abstract parseList(terminators: ReadonlySet<string>): List;

  protected get ch(): string {
    return this.src[this.pos];
  }

  skipBlanks(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  /** At an operator or blank that ends a command's words; `<(` and `>(` start a word instead. */
  protected atOperator(): boolean {
    const c = this.ch;
    return META.has(c) && !((c === '<' || c === '>') && this.src[this.pos + 1] === '(');
  }

  /** Skips blanks, newlines and `;` between commands; reads heredoc bodies at each newline. */
  protected skipSeparators(allowSemicolon: boolean): void {
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

  /** At the end of input: heredocs whose body never began are open too. */
  closeInput(): void {
    if (this.pending.length) this.budget.openHeredocs = (this.budget.openHeredocs ?? 0) + this.pending.length;
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
      if (!closed) this.budget.openHeredocs = (this.budget.openHeredocs ?? 0) + 1;
    }
  }

  private peekPos = -1;
  private peekResult: string | undefined;

  /** Peeks the next bare word (unquoted) without consuming it. Memoized per position: the grammar asks often. */
  protected peekBareWord(): string | undefined {
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

  /**
   * `$(( … ))`: commands substituted inside an arithmetic expression run too.
   * They are read as one double-quoted word handed to `echo`, so the
   * expression's own operators are never taken for commands.
   */
  protected arithmetic(text: string): Substitution {
    if (!text.includes('$(') && !text.includes('`')) return { kind: 'arithmetic', text };
    const child = this.nested('"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"');
    const w = child.readWord();
    if (!w) return { kind: 'arithmetic', text };
    const body: List = [
      {
        pipelines: [
          {
            commands: [
              {
                type: 'simple',
                assignments: [],
                words: [{ raw: 'echo', subs: [], quoted: false, start: 0 }, w],
                redirects: [],
                start: 0,
                end: 0,
                text: `echo ${text}`,
              },
            ],
          },
        ],
        background: false,
      },
    ];
    for (const read of fileTextReads(text)) body.push(...this.nested(read).parseList(new Set()));
    return { kind: 'arithmetic', body, text };
  }

  /** Position of the `))` closing an arithmetic expression starting at `from`. */
  protected findArithmeticEnd(from: number): number {
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

  protected tryRedirect(): Redirect | undefined {
    const s = this.src;
    const prefix = redirectPrefix(s, this.pos);
    if (!prefix) return undefined;
    const { at: i, fd, fdVar } = prefix;
    let op: string | undefined;
    for (let k = 0; k < REDIRECT_OPS.length; k++) {
      if (s.startsWith(REDIRECT_OPS[k], i)) {
        op = REDIRECT_OPS[k];
        break;
      }
    }
    if (!op) return undefined;
    // `<(` and `>(` are process substitutions (words), not redirections.
    if ((op === '<' || op === '>') && s[i + 1] === '(') return undefined;
    if (op === '&>' && (fd !== undefined || fdVar)) return undefined;
    if (fdVar && op.startsWith('<<')) return undefined;
    this.pos = i + op.length;
    this.skipBlanks();
    const target = this.readWord();
    if (!target) throw new ParseError('unparseable', `missing target after '${op}'`, this.pos);
    const r: Redirect = { op, target };
    if (fd !== undefined) r.fd = fd;
    if (fdVar) r.fdVar = fdVar;
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
    if (++this.budget.words > (this.budget.maxWords ?? LIMITS.maxWords))
      throw new ParseError('too-complex', `more than ${this.budget.maxWords ?? LIMITS.maxWords} words`, start);
    let raw = '';
    const subs: Substitution[] = [];
    let quoted = false;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (META.has(c)) {
        if ((c === '<' || c === '>') && s[this.pos + 1] === '(') {
          if (raw !== '' || subs.length) break;
          const kind = c === '<' ? 'process-in' : 'process-out';
          this.pos += 2;
          const bodyStart = this.pos;
          const body = this.nestedList(new Set([')']));
          if (this.ch !== ')') throw new ParseError('unparseable', 'unterminated process substitution', bodyStart);
          raw = withSub(raw, subs, { kind, body, text: s.slice(bodyStart, this.pos) });
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
          if (d === '"') {
            raw += '"';
            this.pos++;
            break;
          }
          if (d === '\\') {
            raw += s.slice(this.pos, this.pos + 2);
            this.pos += 2;
            continue;
          }
          if (d === '$' || d === '`') {
            const sub = this.readDollarOrBacktick();
            if (sub) {
              if (typeof sub === 'string') raw += sub;
              else raw = withSub(raw, subs, sub);
              continue;
            }
          }
          raw += d;
          this.pos++;
        }
      } else if (c === '\\') {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
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
        if (sub) {
          if (typeof sub === 'string') raw += sub;
          else raw = withSub(raw, subs, sub);
          continue;
        }
        raw += c;
        this.pos++;
      } else if (c === '#') {
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
        if (s[i] === '\\' && (s[i + 1] === '`' || s[i + 1] === '\\' || s[i + 1] === '$')) {
          body += s[i + 1];
          i += 2;
          continue;
        }
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
        else if (s[i] === '}') {
          depth--;
          if (depth === 0) break;
        } else if (s[i] === '\\') i++;
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
        return {
          kind: 'command',
          body: w
            ? [
                {
                  pipelines: [
                    {
                      commands: [
                        {
                          type: 'simple',
                          assignments: [],
                          words: [{ raw: 'echo', subs: [], quoted: false, start: 0 }, w],
                          redirects: [],
                          start: 0,
                          end: 0,
                          text: `echo ${word}`,
                        },
                      ],
                    },
                  ],
                  background: false,
                },
              ]
            : [],
          text: `echo ${word}`,
        };
      }
      return text;
    }
    return undefined;
  }
}

// A word's text with a substitution's placeholder appended: not a closure in readWord, which would keep every word's text in a heap context.
function withSub(raw: string, subs: Substitution[], sub: Substitution): string {
  const out = raw + PLACEHOLDER + subs.length + PLACEHOLDER;
  subs.push(sub);
  return out;
}
