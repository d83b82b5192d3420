// The assignments of a TOML file, each under its whole key path, in every
// spelling that names the same key: a `[table]` or `[[array]]` header then
// `key = value`, dotted keys, quoted keys, and inline tables
// (`env = { PATH = "…" }`, nested too) opened into their keys. An array's
// value is kept as its text, over as many lines as it spans. Read line by
// line and bounded: enough for what a Codex config sets, never a parser a
// config is validated with (a text it reads wrong finds more keys, or the
// same ones).

/** One assignment: its key path, quotes taken off, and its value as written. */
export interface TomlLeaf {
  key: string[];
  value: string;
}

const MAX_LINES = 20_000;
/** Most lines one array's value spans. */
const MAX_ARRAY_LINES = 1000;
const MAX_DEPTH = 16;

const KEY_PART = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*/y;

/** A dotted key as its parts, quotes taken off; undefined when it is not one. */
export function keyParts(key: string): string[] | undefined {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < 64; i++) {
    KEY_PART.lastIndex = at;
    const m = KEY_PART.exec(key);
    if (!m) return undefined;
    out.push(m[1].replace(/^"(.*)"$|^'(.*)'$/s, (_, d?: string, l?: string) => d ?? l ?? ''));
    at = KEY_PART.lastIndex;
    if (at >= key.length) return out;
    if (key[at] !== '.') return undefined;
    at++;
  }
  return undefined;
}

/**
 * Where `text` stops being one value: after its closing bracket, or at a
 * comma or comment outside any (else its end), skipping strings; with the
 * brackets still open at its end.
 */
function valueEnd(text: string): { end: number; open: number } {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const close = ch === '"' ? /"|\\./g : /'/g;
      close.lastIndex = i + 1;
      let m: RegExpExecArray | null;
      while ((m = close.exec(text)) && m[0] !== ch);
      i = m ? m.index : text.length;
    } else if (ch === '[' || ch === '{') open++;
    else if (ch === ']' || ch === '}') {
      open--;
      if (open <= 0) return { end: i + 1, open: 0 };
    } else if ((ch === '#' || ch === ',') && open === 0) return { end: i, open: 0 };
  }
  return { end: text.length, open };
}

/** The `key = value` pairs of an inline table's inside, split at its top-level commas. */
function inlinePairs(inside: string): string[] {
  const out: string[] = [];
  let rest = inside;
  for (let i = 0; i < 1000 && rest.trim(); i++) {
    const eq = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=\s*/.exec(rest);
    if (!eq) return out;
    const after = rest.slice(eq[0].length);
    const { end } = valueEnd(after);
    out.push(rest.slice(0, eq[0].length + end));
    rest = after.slice(end).replace(/^\s*,/, '');
  }
  return out;
}

/** The leaves of `key = value`, an inline table's opened into its own keys. */
function leavesOf(table: readonly string[], pair: string, out: TomlLeaf[], depth: number): void {
  const m = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=\s*([\s\S]*)$/.exec(pair);
  const parts = m && keyParts(m[1]);
  if (!m || !parts) return;
  const key = [...table, ...parts];
  const value = m[2].trim();
  if (value.startsWith('{') && depth < MAX_DEPTH) {
    const inside = value.slice(1, valueEnd(value).end - 1);
    for (const p of inlinePairs(inside)) leavesOf(key, p, out, depth + 1);
    return;
  }
  out.push({ key, value });
}

/** Every assignment of `text`, in the file's order. */
export function tomlLeaves(text: string): TomlLeaf[] {
  const out: TomlLeaf[] = [];
  const lines = text.split(/\r?\n/).slice(0, MAX_LINES);
  let table: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(lines[i]);
    if (header) {
      table = keyParts(header[1]) ?? [header[1]];
      continue;
    }
    if (!/^\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?\s*=/.test(lines[i])) continue;
    // An array (or a table) left open at the line's end goes on over the next lines.
    let pair = lines[i];
    const value = () => pair.slice(pair.indexOf('=') + 1).trimStart();
    for (let n = 0; n < MAX_ARRAY_LINES && i + 1 < lines.length && /^[[{]/.test(value()); n++) {
      if (valueEnd(value()).open <= 0) break;
      pair += `\n${lines[++i]}`;
    }
    leavesOf(table, pair, out, 0);
  }
  return out;
}
