// zsh's own compound commands, rewritten into the bash the reader reads
// (zshmisc(1), "Complex Commands" and "Alternate Forms"):
//   `foreach x (a b) …; end`     → `for x in a b; do …; done`
//   `repeat N { … }`             → `{ … }` (control flow is read flat: the body runs)
//   `{ … } always { … }`         → `{ { … }; { … }; }`
//   `() { … } args`, `function { … } args` (anonymous functions, run at once)
//                                → a function defined and called on the spot
//   `for x (a b) { … }`, `for x (a b) CMD`, `for x in a b; { … }`, `for ((…)) { … }`
//                                → `for x in a b; do { … }; done`
//   `for x y (a b c d) …`, `for x y in a b c d; …` (several loop variables)
//                                → `y=$…; for x in a b c d …` (the others known only at run time)
//   `while [[ c ]] { … }`, `until (( c )) { … }`, `while c; { … }` → `while …; do { … }; done`
//   `while c; CMD` (no `do` or body before the list ends: all of it is the condition, run over and
//   over with an empty body)    → `while c; CMD\ndo :; done`
//   `if [[ c ]] { … } elif … { … } else { … }` → `if [[ c ]] then { … } elif … then { … } else { … }; fi`
//   `repeat N CMD`               → `CMD`
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

/** Heads scanned for a short body past this many leave the rest as written. */
const MAX_HEAD_SCANS = 256;
/** How far a loop or `if` head is searched for the `{` of its body. */
const MAX_HEAD_LENGTH = 2000;

/**
 * The `{` opening the body of the loop or `if` head whose condition starts at
 * `from`, or -1: the usual `do`/`then` form, a brace zsh would not take as a
 * body (only after `]]`, `))`, `)`, `;` or a line end), or none within reach.
 */
function bodyBrace(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_HEAD_LENGTH);
  let depth = 0;
  for (let i = from; i < limit;) {
    const c = text[i];
    if (c === '\\' || c === "'" || c === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const close = closingBrace(text, i + 1);
      if (close === -1) return -1;
      i = close + 1;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (depth === 0 && c === '{') return /(?:\]\]|\)|;|\n)[ \t]*$/.test(text.slice(from, i)) ? i : -1;
    else if (depth === 0 && /^(?:do|then)(?![\w-])/.test(text.slice(i, i + 5)) && atCommandStart(text, i)) return -1;
    i++;
  }
  return -1;
}

/** Where the one command of a short loop (`for x (a b) rm $x`) ends: `;`, a line end or a lone `&`. */
function sublistEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length;) {
    const c = text[i];
    if (c === '\\' || c === "'" || c === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === ';' || c === '\n')) return i;
    else if (depth === 0 && c === '&') {
      if (text[i + 1] === '&') {
        i += 2;
        continue;
      }
      if (text[i + 1] !== '>' && !/[<>|]/.test(text[i - 1] ?? '')) return i;
    }
    i++;
  }
  return text.length;
}

/** `; ` when the head before `at` does not already end with a separator (`]] {`, not `c; {`). */
function separated(text: string, at: number): string {
  return /[;\n][ \t]*$/.test(text.slice(Math.max(0, at - 64), at)) ? '' : '; ';
}

/** `KEYWORD … {body}` → `KEYWORD … do {body}; done`, or undefined when the head has no short body. */
function shortLoop(text: string, at: number, keyword: string): string | undefined {
  const open = bodyBrace(text, at + keyword.length);
  if (open === -1) return undefined;
  const close = closingBrace(text, open);
  if (close === -1) return undefined;
  return `${text.slice(0, open)}${separated(text, open)}do ${text.slice(open, close + 1)}; done${text.slice(close + 1)}`;
}

/** `if c {…} elif c {…} else {…}` → the same with `then` before each body and `; fi` after the last. */
function shortIf(text: string, at: number): string | undefined {
  let out = text;
  let head = at;
  for (let n = 0; n < MAX_REWRITES; n++) {
    const open = bodyBrace(out, head + (out.startsWith('elif', head) ? 4 : 2));
    if (open === -1) return undefined;
    const word = `${separated(out, open)}then `;
    out = `${out.slice(0, open)}${word}${out.slice(open)}`;
    let close = closingBrace(out, open + word.length);
    if (close === -1) return undefined;
    const after = skipBlanks(out, close + 1);
    if (/^elif(?![\w-])/.test(out.slice(after, after + 5))) {
      head = after;
      continue;
    }
    const orElse = /^else[ \t]*(?=\{)/.exec(out.slice(after, after + 64));
    if (orElse) {
      close = closingBrace(out, after + orElse[0].length);
      if (close === -1) return undefined;
    }
    return `${out.slice(0, close + 1)}; fi${out.slice(close + 1)}`;
  }
  return undefined;
}

/**
 * `while c; CMD` / `until c; CMD` with no `do` and no body before the list it is in ends (the text's end or the
 * enclosing `}`): zsh takes the whole list as the condition and runs it again and again, the body empty. Written
 * as that loop with an empty body; undefined when a `do` follows (the usual form), a brace zsh does not take for a
 * body stands in it, or the list ends otherwise.
 */
function conditionOnlyLoop(text: string, at: number, keyword: string): string | undefined {
  if (keyword !== 'while' && keyword !== 'until') return undefined;
  let depth = 0;
  let end = text.length;
  for (let i = at + keyword.length; i < text.length;) {
    const c = text[i];
    if (c === '\\' || c === "'" || c === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const close = closingBrace(text, i + 1);
      if (close === -1) return undefined;
      i = close + 1;
      continue;
    }
    // A brace there is no body zsh takes (`while true { … }` is an error): left as written, and asked about.
    if (c === '{' && depth === 0) return undefined;
    if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) {
      if (depth === 0) {
        if (c !== '}') return undefined;
        end = i;
        break;
      }
      depth--;
    } else if (depth === 0 && /^do(?![\w-])/.test(text.slice(i, i + 3)) && atCommandStart(text, i)) return undefined;
    i++;
  }
  // A new line, not `;`: a comment on the last line of the condition then ends before the body.
  return `${text.slice(0, end)}\ndo :; done\n${text.slice(end)}`;
}

/** Several loop variables (`for k v (…)`, `for k v in …`): the first loops over the list, the others are known only at run time. */
function loopVariables(names: string): { first: string; others: string } | undefined {
  const all = names.trim().split(/[ \t]+/);
  if (all.includes('in') || all.includes('do')) return undefined;
  return {
    first: all[0],
    others: all
      .slice(1)
      .map((n) => `${n}=$__zsh_loop_${n}; `)
      .join(''),
  };
}

export function translateZshCompounds(text: string): string {
  if (
    !/\b(?:foreach|repeat|always|function)\b|\(\s*\)\s*\{/.test(text) &&
    !(/\b(?:for|while|until|if)\b/.test(text) && (/[{(]/.test(text) || !/\bdo\b/.test(text))) &&
    !/\bfor(?:[ \t]+[A-Za-z_]\w*){2,}[ \t]+in\b/.test(text)
  )
    return text;
  // A here-document's body is text, not code: a line that has one is read as written.
  if (text.includes('<<')) return text;
  let out = text;
  let rewrites = 0;
  let foreachDepth = 0;
  let scans = 0;
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
    const several = /^for((?:[ \t]+[A-Za-z_]\w*){2,})(?=[ \t]*\(|[ \t]+in(?![\w-]))/.exec(rest);
    const vars = several ? loopVariables(several[1]) : undefined;
    if (several && vars) {
      const head = `${vars.others}for ${vars.first}`;
      out = out.slice(0, i) + head + out.slice(i + several[0].length);
      rewrites++;
      // The loop is read again from its `for`, now with one variable.
      i += vars.others.length;
      continue;
    }
    if ((m = /^for[ \t]+([A-Za-z_]\w*)[ \t]*\(([^()'"\\]*)\)[ \t]*/.exec(rest))) {
      // zsh's `for x (a b)`: then a `{ … }` body, the one command that follows, or the usual `; do … done`.
      const head = `for ${m[1]} in ${m[2].trim()}`;
      const from = i + m[0].length;
      const next = out[from];
      let body: string;
      if (next === '{') {
        const close = closingBrace(out, from);
        if (close === -1) break;
        body = `; do ${out.slice(from, close + 1)}; done${out.slice(close + 1)}`;
      } else if (next === undefined || next === ';' || next === '\n') body = out.slice(from);
      else {
        const end = sublistEnd(out, from);
        body = `; do ${out.slice(from, end)}; done${out.slice(end)}`;
      }
      out = out.slice(0, i) + head + body;
      rewrites++;
      i += head.length;
      continue;
    }
    if ((m = /^(?:for|while|until|if)(?![\w-])/.exec(rest)) && scans < MAX_HEAD_SCANS) {
      scans++;
      const rewritten = m[0] === 'if' ? shortIf(out, i) : (shortLoop(out, i, m[0]) ?? conditionOnlyLoop(out, i, m[0]));
      if (rewritten !== undefined) {
        out = rewritten;
        rewrites++;
      }
      i += m[0].length;
      continue;
    }
    if (foreachDepth > 0 && /^end(?![\w-])/.test(rest)) {
      out = out.slice(0, i) + 'done' + out.slice(i + 3);
      foreachDepth--;
      rewrites++;
      i += 4;
      continue;
    }
    // `repeat N { … }` and `repeat N CMD`: read flat, the body runs.
    if ((m = /^repeat[ \t]+[^\s;&|{}]+[ \t]*/.exec(rest))) {
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
