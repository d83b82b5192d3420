// String literals joined before the code is read: Python and Ruby join
// adjacent literals (`"os.sys" "tem"`), and `"a" + "b"` is one string in
// Python, JavaScript and Ruby. A call split across literals
// (`exec("import os;os.sys" "tem('rm -rf /srv')")`) is read as the one
// string it is at run time; the code evaluated from a literal is then read
// as code (EVAL_LITERAL), as the interpreter would run it.

/** Joins made in one piece of code: far more than hand-written code has; past it the rest stays as written. */
const MAX_JOINS = 1024;

const STRING = String.raw`(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\x60((?:[^\x60\\$]|\\.)*)\x60)`;

/** Calls that evaluate a literal as code of the same language: what is in it runs as written. */
export const EVAL_LITERAL: Readonly<Partial<Record<string, RegExp>>> = {
  python: new RegExp(String.raw`\b(?:exec|eval)\s*\(\s*` + STRING, 'gs'),
  node: new RegExp(
    String.raw`(?<![\w$.])(?:eval|(?:vm\s*\.\s*)?runInThisContext|(?:vm\s*\.\s*)?runInNewContext)\s*\(\s*` + STRING,
    'gs',
  ),
  ruby: new RegExp(String.raw`\b(?:eval|instance_eval|class_eval)\s*\(?\s*` + STRING, 'gs'),
};

const JOINS_ADJACENT: ReadonlySet<string> = new Set(['python', 'ruby']);
const JOINS_PLUS: ReadonlySet<string> = new Set(['python', 'node', 'ruby']);

/** The end (past the closing quote) of a one-line literal opened at `at`, or -1. */
function literalEnd(code: string, at: number): number {
  const q = code[at];
  for (let i = at + 1; i < code.length; i++) {
    const c = code[i];
    if (c === '\\') i++;
    else if (c === q) return i + 1;
    else if (c === '\n' && q !== '`') return -1;
  }
  return -1;
}

/** `s` (the inside of a literal quoted with `from`) as the inside of one quoted with `to`. */
function requote(s: string, from: string, to: string): string {
  if (from === to) return s;
  return s.replace(/\\[\s\S]|["']/g, (x) => (x === to ? `\\${to}` : x));
}

/** The code with every run of joinable literals made one literal (quoted as the run's first). */
export function joinLiterals(language: string, code: string): string {
  const plus = JOINS_PLUS.has(language);
  const adjacent = JOINS_ADJACENT.has(language);
  if (!plus && !adjacent) return code;
  if (!/['"]\s*\+?\s*['"]/.test(code)) return code;
  let out = '';
  let i = 0;
  let joins = 0;
  while (i < code.length) {
    const c = code[i];
    const quote = c === '"' || c === "'";
    const triple = quote && code.startsWith(c.repeat(3), i);
    // A prefixed literal (f"", b"", r""), a triple-quoted or a template one is left as written, whole.
    if (!quote || triple || /[\w$]/.test(code[i - 1] ?? '')) {
      let next = i + 1;
      if (triple) {
        const stop = code.indexOf(c.repeat(3), i + 3);
        next = stop === -1 ? code.length : stop + 3;
      } else if (quote || c === '`') next = Math.max(literalEnd(code, i), i + 1);
      out += code.slice(i, next);
      i = next;
      continue;
    }
    let end = literalEnd(code, i);
    if (end === -1) {
      out += c;
      i++;
      continue;
    }
    let text = code.slice(i + 1, end - 1);
    while (joins < MAX_JOINS) {
      const gap = /^[ \t]*(\+[ \t\r\n]*)?/.exec(code.slice(end, end + 256))![0];
      const at = end + gap.length;
      const q = code[at];
      if ((q !== '"' && q !== "'") || code.startsWith(q.repeat(3), at)) break;
      if (gap.includes('+') ? !plus : !adjacent) break;
      const next = literalEnd(code, at);
      // `"a" + "b".upper()`, `"a" "b" % x`: the second literal binds tighter to what follows it.
      if (next === -1 || /^\s*[.[(*%]/.test(code.slice(next, next + 8))) break;
      text += requote(code.slice(at + 1, next - 1), q, c);
      end = next;
      joins++;
    }
    out += c + text + c;
    i = end;
  }
  return out;
}

/** What a reading of code holds (interpreters.ts CodeReading), as far as merging two of them goes. */
interface Reading {
  shell: string[];
  argvs: string[][];
  deletes: unknown[];
  writes: unknown[];
  obfuscated: boolean;
  unread: boolean;
  unknownRoute?: string;
  stdinCode?: boolean;
  guessed?: Set<string>;
}

/** Adds what `inner` (code evaluated by, or read out of, the outer code) does to `into`. */
export function mergeReading<T extends Reading>(into: T, inner: T): void {
  into.shell.push(...inner.shell);
  if (inner.guessed) for (const g of inner.guessed) (into.guessed ??= new Set()).add(g);
  into.argvs.push(...inner.argvs);
  into.deletes.push(...inner.deletes);
  into.writes.push(...inner.writes);
  into.obfuscated ||= inner.obfuscated;
  into.unread ||= inner.unread;
  // What the inner code reaches by a route nothing names, or the stdin it evaluates, is the outer code's too.
  into.unknownRoute ??= inner.unknownRoute;
  into.stdinCode ||= inner.stdinCode;
}
