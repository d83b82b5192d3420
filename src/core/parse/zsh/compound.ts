// zsh's own compound commands, rewritten into the bash the reader reads
// (zshmisc(1), "Complex Commands" and "Alternate Forms"):
//   `foreach x (a b) …; end`     → `for x in a b; do …; done`
//   `repeat N { … }`             → `{ … }` (control flow is read flat: the body runs)
//   `{ … } always { … }`         → `{ { … }; { … }; }`
//   `() { … } args`, `function { … } args` (anonymous functions, run at once)
//                                → a function defined and called on the spot
// so a redirection on any of them (`… end > ~/.bashrc`) is the judged write
// of the body it is in bash. Anything not matched as written is left as it
// is: the reader then fails on it and the line is asked about. Bounded: one
// pass over the text, and a brace search per rewrite bounded by its length.
// A line with a here-document is left as written (its body is text, not code).

/** Rewrites past this many leave the rest of the text as written (read, then failed on, as before). */
const MAX_REWRITES = 64;
/** The name given to an anonymous function: a word no one types. */
const ANON = '__zsh_anonymous_function';

/** Whether position `i` starts a command: only blanks since the line, a separator or an opening brace. */
function atCommandStart(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return (
    j < 0 || ';&|\n{}('.includes(text[j]) || /(?:^|[\s;])(?:do|then|else)$/.test(text.slice(Math.max(0, j - 4), j + 1))
  );
}

/** End of the quoted run at `i` (a quote or backslash), or `i + 1`. */
function skipQuoted(text: string, i: number): number {
  const c = text[i];
  if (c === '\\') return i + 2;
  if (c === "'") {
    const end = text.indexOf("'", i + 1);
    return end === -1 ? text.length : end + 1;
  }
  if (c === '"') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '"') return j + 1;
    }
    return text.length;
  }
  return i + 1;
}

/** Position of the `}` closing the `{` at `open`, quotes respected; -1 when there is none. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length;) {
    const c = text[i];
    if (c === '\\' || c === "'" || c === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    i++;
  }
  return -1;
}

/** The first non-blank position at or after `i`. */
function skipBlanks(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

export function translateZshCompounds(text: string): string {
  if (!/\b(?:foreach|repeat|always|function)\b|\(\s*\)\s*\{/.test(text)) return text;
  // A here-document's body is text, not code: a line that has one is read as written.
  if (text.includes('<<')) return text;
  let out = text;
  let rewrites = 0;
  let foreachDepth = 0;
  for (let i = 0; i < out.length && rewrites < MAX_REWRITES;) {
    const c = out[i];
    if (c === '\\' || c === "'" || c === '"') {
      i = skipQuoted(out, i);
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(out[i - 1]))) {
      const nl = out.indexOf('\n', i);
      i = nl === -1 ? out.length : nl;
      continue;
    }
    if (!/[\w({]/.test(c) || (i > 0 && /[\w$]/.test(out[i - 1])) || !atCommandStart(out, i)) {
      i++;
      continue;
    }
    const rest = out.slice(i, i + 200);
    let m: RegExpExecArray | null;
    if ((m = /^foreach[ \t]+([A-Za-z_]\w*)[ \t]*\(([^()'"\\]*)\)/.exec(rest))) {
      const head = `for ${m[1]} in ${m[2].trim()}; do `;
      out = out.slice(0, i) + head + out.slice(i + m[0].length).replace(/^[ \t]*;/, '');
      foreachDepth++;
      rewrites++;
      i += head.length;
      continue;
    }
    if (foreachDepth > 0 && /^end(?![\w-])/.test(rest)) {
      out = out.slice(0, i) + 'done' + out.slice(i + 3);
      foreachDepth--;
      rewrites++;
      i += 4;
      continue;
    }
    if ((m = /^repeat[ \t]+[^\s;&|{}]+[ \t]*(?=\{)/.exec(rest))) {
      out = out.slice(0, i) + out.slice(i + m[0].length);
      rewrites++;
      continue;
    }
    if ((m = /^(?:\([ \t]*\)|function)[ \t]*(?=\{)/.exec(rest))) {
      const open = i + m[0].length;
      const close = closingBrace(out, open);
      if (close === -1) break;
      const def = `${ANON}() ${out.slice(open, close + 1)}; ${ANON}`;
      out = out.slice(0, i) + def + out.slice(close + 1);
      rewrites++;
      i += def.length;
      continue;
    }
    if (c === '{') {
      const close = closingBrace(out, i);
      const after = close === -1 ? -1 : skipBlanks(out, close + 1);
      if (after !== -1 && /^always[ \t]*\{/.test(out.slice(after, after + 12))) {
        const open2 = out.indexOf('{', after);
        const close2 = closingBrace(out, open2);
        if (close2 === -1) break;
        const joined = `{ ${out.slice(i, close + 1)}; ${out.slice(open2, close2 + 1)}; }`;
        out = out.slice(0, i) + joined + out.slice(close2 + 1);
        rewrites++;
        i += 2;
        continue;
      }
    }
    i++;
  }
  return out;
}
