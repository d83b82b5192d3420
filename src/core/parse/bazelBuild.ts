// Bazel's BUILD files are Starlark: a package is a list of rule calls at the top
// level (`sh_binary(name = "x", srcs = ["x.sh"])`). Only what is written out is
// read: each call's kind, and for each keyword argument the strings it spells
// (a string, strings joined by `+`, a list of strings). A value built at load
// time (a variable, `select(...)`, `"%s" % x`) keeps only the strings it holds,
// marked as not spelled out whole; macros from `.bzl` files are not followed.

/** A rule call of a BUILD file: its kind, by keyword the strings of each argument, and the strings passed by position. */
export interface BazelRule {
  kind: string;
  attrs: Map<string, { strings: string[]; literal: boolean }>;
  /** `load("//:defs.bzl", "x")` names its file and symbols by position. */
  args: string[];
}

type Token = { t: 'str'; v: string } | { t: 'id'; v: string } | { t: 'p'; v: string };

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };

/** The string literal at `i` (after its prefix), as Starlark reads it, and where it ends. */
function stringAt(text: string, i: number, raw: boolean): { v: string; end: number } {
  const q = text[i];
  const triple = text.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  let v = '';
  let k = i + close.length;
  while (k < text.length && !text.startsWith(close, k)) {
    const c = text[k];
    if (c === '\\' && k + 1 < text.length) {
      const n = text[k + 1];
      // A backslash before a line break joins the lines; raw strings keep every other escape as written.
      if (n === '\n') v += raw ? '\\\n' : '';
      else v += raw ? c + n : (ESCAPES[n] ?? c + n);
      k += 2;
      continue;
    }
    if (c === '\n' && !triple) break;
    v += c;
    k++;
  }
  return { v, end: Math.min(text.length, k + close.length) };
}

/** The tokens of a BUILD file: strings, names and punctuation; comments and numbers are dropped. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === '"' || c === "'") {
      const s = stringAt(text, i, false);
      out.push({ t: 'str', v: s.v });
      i = s.end;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w.]*/.exec(text.slice(i, i + 256))![0];
      const q = text[i + m.length];
      // `r"…"`, `b'…'`, `rb"…"`: a string with a prefix.
      if ((q === '"' || q === "'") && /^(?:[rR][bB]?|[bB][rR]?)$/.test(m)) {
        const s = stringAt(text, i + m.length, /r/i.test(m));
        out.push({ t: 'str', v: s.v });
        i = s.end;
      } else {
        out.push({ t: 'id', v: m });
        i += m.length;
      }
    } else if (/\s|\d/.test(c)) i++;
    else {
      out.push({ t: 'p', v: c });
      i++;
    }
  }
  return out;
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** The rule calls of a BUILD file, in order: `KIND(key = value, …)` at the top level. */
export function bazelRules(text: string): BazelRule[] {
  const toks = tokens(text);
  const rules: BazelRule[] = [];
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.t === 'p' && OPEN.has(tok.v)) depth++;
    else if (tok.t === 'p' && CLOSE.has(tok.v)) depth = Math.max(0, depth - 1);
    if (depth !== 0 || tok.t !== 'id' || toks[i + 1]?.t !== 'p' || toks[i + 1].v !== '(') continue;
    const rule: BazelRule = { kind: tok.v.replace(/^native\./, ''), attrs: new Map(), args: [] };
    // Inside the call: `key = value` at its own depth, values up to the next comma there.
    let k = i + 2;
    let inner = 0;
    let key: string | undefined;
    let value: Token[] = [];
    const settle = (): void => {
      if (key !== undefined) rule.attrs.set(key, valueStrings(value));
      key = undefined;
      value = [];
    };
    for (; k < toks.length; k++) {
      const v = toks[k];
      if (v.t === 'p' && OPEN.has(v.v)) inner++;
      else if (v.t === 'p' && CLOSE.has(v.v) && inner-- === 0) break;
      if (inner === 0 && v.t === 'p' && v.v === ',') settle();
      else if (inner === 0 && key === undefined && value.length === 0 && v.t === 'id' && toks[k + 1]?.v === '=')
        key = v.v;
      else if (inner === 0 && key === undefined && v.t === 'str') rule.args.push(v.v);
      else if (key !== undefined && !(value.length === 0 && v.t === 'p' && v.v === '=')) value.push(v);
    }
    settle();
    rules.push(rule);
    i = k;
  }
  return rules;
}

/** The strings of a value, and whether it is only strings (joined, or listed) that Bazel reads as written. */
function valueStrings(value: readonly Token[]): { strings: string[]; literal: boolean } {
  const strings: string[] = [];
  let literal = value.length > 0;
  let joined: string | undefined;
  const list = value[0]?.t === 'p' && value[0].v === '[';
  for (const v of value) {
    if (v.t === 'str') joined = (joined ?? '') + v.v;
    else if (v.t === 'p' && v.v === '+') continue;
    else {
      if (joined !== undefined) strings.push(joined);
      joined = undefined;
      // A list of strings or strings joined by `+`; any other word or sign is computed when the file loads.
      if (v.t === 'id' || !(list && /^[[\],]$/.test(v.v))) literal = false;
    }
  }
  if (joined !== undefined) strings.push(joined);
  return { strings, literal };
}
