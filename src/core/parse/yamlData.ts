// A block-style YAML document read as a value: mappings, sequences, plain and
// quoted scalars, literal (`|`) and folded (`>`) block scalars, flow lists and
// mappings of those, anchors with their aliases, and merge keys (`<<: *base`).
// Only what is plainly written is read: a tag, a plain scalar folded over lines, a
// second document or anything else this reader does not know gives undefined,
// so the caller can ask rather than guess. Bounded in depth and in the values
// read, aliases' copies included.
import { withoutTrailingComment } from '../text/trailingComment';
import { jsLiteral, MAX_DEPTH, MAX_VALUES, NotLiteral, setOwn, type LiteralValue } from './literalData';

interface YamlLine {
  indent: number;
  text: string;
  /** The line's index in the document, where a block scalar's own lines are read from. */
  row: number;
}

/** What follows a plain key's first character: a `:` only before a non-blank (`lint:fix:`), a `#` only after one. */
const PLAIN_KEY_REST = '(?:[^:#\\s]|:(?=\\S)|(?<=\\S)#|[ \\t](?!#))*?';
/** A mapping's line: its key (quoted, or plain and not starting with a YAML indicator), `:`, and any value. */
const MAPPING_KEY = new RegExp(
  `^("(?:[^"\\\\]|\\\\.)*"|'(?:[^']|'')*'|[^\\s"'#[{?&*!|>-]${PLAIN_KEY_REST}|-[^\\s:#]${PLAIN_KEY_REST})\\s*:(?:\\s+(.*))?$`,
);

/** A block scalar's header: `|` or `>`, a chomping sign, an indentation digit, either order. */
const BLOCK_HEADER = /^([|>])([+-]?)([1-9]?)([+-]?)\s*(?:#.*)?$/;

/** One value of a flow collection (`[…]`, `{…}`) or a quoted scalar, read from `s` at `at`. */
class FlowReader {
  at = 0;
  constructor(
    readonly s: string,
    readonly count: () => void,
    readonly alias: (name: string) => LiteralValue | undefined,
  ) {}

  fail(): never {
    throw new NotLiteral();
  }

  blanks(): void {
    while (this.at < this.s.length && /\s/.test(this.s[this.at])) this.at++;
  }

  value(depth: number): LiteralValue {
    if (depth > MAX_DEPTH) this.fail();
    this.count();
    this.blanks();
    const c = this.s[this.at];
    if (c === '[' || c === '{') return this.collection(depth);
    if (c === '*') {
      const name = /^\*([^\s,[\]{}]+)/.exec(this.s.slice(this.at));
      const v = name ? this.alias(name[1]) : undefined;
      if (!name || v === undefined) this.fail();
      this.at += name[0].length;
      return v;
    }
    if (c === '"' || c === "'") {
      const m = (c === '"' ? /^"(?:[^"\\]|\\.)*"/ : /^'(?:[^']|'')*'/).exec(this.s.slice(this.at));
      if (!m) this.fail();
      this.at += m[0].length;
      if (c === "'") return m[0].slice(1, -1).replace(/''/g, "'");
      const v = jsLiteral(m[0], true);
      return typeof v === 'string' ? v : this.fail();
    }
    // A plain scalar in a flow collection ends at `,`, `]`, `}` or a key's `: `.
    const m = /^[^,[\]{}#&*!|>%@`"'\s](?:[^,[\]{}:]|:(?=[^\s,[\]{}]))*/.exec(this.s.slice(this.at));
    if (!m) this.fail();
    this.at += m[0].length;
    const plain = m[0].trim();
    return plain === '~' || plain === 'null' ? null : plain;
  }

  collection(depth: number): LiteralValue {
    const open = this.s[this.at++];
    const close = open === '[' ? ']' : '}';
    const list: LiteralValue[] = [];
    const map: { [key: string]: LiteralValue } = {};
    for (let first = true; ; first = false) {
      this.blanks();
      if (this.s[this.at] === close) {
        this.at++;
        return open === '[' ? list : map;
      }
      if (!first) {
        if (this.s[this.at] !== ',') this.fail();
        this.at++;
        this.blanks();
        // A trailing comma before the close.
        if (this.s[this.at] === close) continue;
      }
      const item = this.value(depth + 1);
      this.blanks();
      if (open === '[') {
        list.push(item);
        continue;
      }
      if (typeof item !== 'string' || this.s[this.at] !== ':') this.fail();
      this.at++;
      this.blanks();
      const next = this.s[this.at];
      setOwn(map, item, next === ',' || next === '}' ? null : this.value(depth + 1));
    }
  }
}

/** A YAML scalar written on one line: plain, or quoted; flow lists and mappings of such; undefined for anything else. */
function yamlScalar(
  raw: string,
  count: () => void = () => {},
  alias: (name: string) => LiteralValue | undefined = () => undefined,
): LiteralValue | undefined {
  const t = raw.trim();
  if (/^["'[{]/.test(t)) {
    const reader = new FlowReader(t, count, alias);
    try {
      const v = reader.value(0);
      return /^\s*(?:#.*)?$/.test(t.slice(reader.at)) ? v : undefined;
    } catch (e) {
      if (e instanceof NotLiteral) return undefined;
      throw e;
    }
  }
  // Anchors, aliases, tags, block scalars and directives are not read here.
  if (/^[&*!|>%@`]/.test(t)) return undefined;
  const plain = withoutTrailingComment(t);
  return plain === '~' || plain === 'null' ? null : plain;
}

/** How many values a value holds, itself included: what an alias of it copies. */
function sizeOf(v: LiteralValue): number {
  if (v === null || typeof v !== 'object') return 1;
  let n = 1;
  for (const item of Array.isArray(v) ? v : Object.values(v)) n += sizeOf(item);
  return n;
}

/** Lines a flow collection may go on over. */
const MAX_FLOW_LINES = 64;

class YamlReader {
  at = 0;
  values = 0;
  readonly anchors = new Map<string, { value: LiteralValue; size: number }>();
  constructor(
    readonly lines: YamlLine[],
    readonly rows: readonly string[],
  ) {}

  fail(): never {
    throw new NotLiteral();
  }

  readonly count = (): void => {
    if (++this.values > MAX_VALUES) this.fail();
  };

  /** An anchored value, counted as the values it copies; undefined for a name no anchor has set. */
  readonly alias = (name: string): LiteralValue | undefined => {
    const named = this.anchors.get(name);
    if (named === undefined) return undefined;
    this.values += named.size;
    if (this.values > MAX_VALUES) this.fail();
    return named.value;
  };

  /** The block whose lines are indented `indent` (a mapping or a sequence). */
  block(indent: number, depth: number): LiteralValue {
    if (depth > MAX_DEPTH) this.fail();
    const first = this.lines[this.at];
    if (!first || first.indent !== indent) this.fail();
    return first.text.startsWith('- ') || first.text === '-'
      ? this.sequence(indent, depth)
      : this.mapping(indent, depth);
  }

  sequence(indent: number, depth: number): LiteralValue[] {
    const out: LiteralValue[] = [];
    for (let line = this.lines[this.at]; line && line.indent === indent; line = this.lines[this.at]) {
      // A key at the same indent ends a list written under its parent's key (`apps:` then `- …`).
      if (!(line.text.startsWith('- ') || line.text === '-')) break;
      const rest = line.text.slice(1).trimStart();
      const inner = indent + (line.text.length - rest.length);
      if (!rest) {
        this.at++;
        out.push(this.nested(indent, depth));
      } else if (new RegExp(`^(?:"[^"]*"|'[^']*'|[^\\s"'#[{&*!|>]${PLAIN_KEY_REST})\\s*:(?:\\s|$)`).test(rest)) {
        // `- key: value`: a mapping whose first key sits after the dash.
        this.lines[this.at] = { indent: inner, text: rest, row: line.row };
        out.push(this.mapping(inner, depth + 1));
      } else {
        this.at++;
        out.push(this.value(rest, indent, depth));
      }
    }
    return out;
  }

  mapping(indent: number, depth: number): { [key: string]: LiteralValue } {
    const out: { [key: string]: LiteralValue } = {};
    let merged: LiteralValue | undefined;
    for (let line = this.lines[this.at]; line && line.indent === indent; line = this.lines[this.at]) {
      const m = MAPPING_KEY.exec(line.text);
      if (!m) this.fail();
      const key = yamlScalar(m[1]);
      if (typeof key !== 'string') this.fail();
      this.at++;
      const rest = m[2]?.trim() ?? '';
      const v = this.value(rest, indent, depth, true);
      // A merge key (`<<: *base`, compose's and CI files' shared settings): one a mapping, read after its own keys.
      if (key !== '<<' || m[1] !== '<<') setOwn(out, key, v);
      else if (merged === undefined) merged = v;
      else this.fail();
    }
    if (merged !== undefined) mergeInto(out, merged, this.fail);
    return out;
  }

  /**
   * The value after a key or dash: on its line, on the lines below, or an alias of an anchored one (`&env` … `*env`).
   * An alias counts as many values as it copies, so aliases of aliases cannot grow past the bound.
   */
  value(rest: string, indent: number, depth: number, sameIndentList = false): LiteralValue {
    const anchor = /^&([^\s,[\]{}]+)(?:\s+|$)/.exec(rest);
    const text = anchor ? rest.slice(anchor[0].length) : rest;
    const alias = /^\*([^\s,[\]{}]+)\s*(?:#.*)?$/.exec(text);
    let v: LiteralValue;
    if (alias) v = this.alias(alias[1]) ?? this.fail();
    else v = text && !text.startsWith('#') ? this.scalar(text, indent) : this.nested(indent, depth, sameIndentList);
    if (anchor) this.anchors.set(anchor[1], { value: v, size: sizeOf(v) });
    return v;
  }

  /** The value on the lines after a key or dash with none on its own line; null when there is none. */
  nested(indent: number, depth: number, sameIndentList = false): LiteralValue {
    const next = this.lines[this.at];
    // A quoted or flow scalar may start on the line below its key.
    if (next && next.indent > indent && /^["'[{]/.test(next.text) && !MAPPING_KEY.test(next.text)) {
      this.at++;
      return this.flow(next.text);
    }
    if (next && (next.indent > indent || (sameIndentList && next.indent === indent && /^-(?:\s|$)/.test(next.text))))
      return this.block(next.indent, depth + 1);
    return null;
  }

  scalar(text: string, indent: number): LiteralValue {
    this.count();
    const header = BLOCK_HEADER.exec(text);
    if (header) return this.blockScalar(header, indent);
    if (/^[[{"']/.test(text)) return this.flow(text);
    // A plain scalar folded over more lines is not read.
    if ((this.lines[this.at]?.indent ?? -1) > indent) this.fail();
    const v = yamlScalar(text, this.count);
    return v === undefined ? this.fail() : v;
  }

  /** A flow list or mapping, or a quoted scalar, which may go on over the lines below until it closes. */
  flow(text: string): LiteralValue {
    let row = this.lines[this.at - 1].row;
    let joined = text;
    let v = yamlScalar(joined, this.count, this.alias);
    for (let k = 0; v === undefined && k < MAX_FLOW_LINES && row + 1 < this.rows.length; k++) {
      const next = this.rows[++row].trim();
      if (!next || next.startsWith('#')) continue;
      joined += ' ' + next;
      v = yamlScalar(joined, this.count, this.alias);
    }
    if (v === undefined) this.fail();
    while (this.lines[this.at] && this.lines[this.at].row <= row) this.at++;
    return v;
  }

  /** A literal or folded block scalar: the document's own lines after its header, indented past `indent`. */
  blockScalar(header: RegExpExecArray, indent: number): string {
    const [, style, chomp1, digit, chomp2] = header;
    const chomp = chomp1 || chomp2;
    const from = this.lines[this.at - 1].row + 1;
    let to = from;
    let own = digit ? indent + Number(digit) : -1;
    for (; to < this.rows.length; to++) {
      const row = this.rows[to];
      if (!row.trim()) continue;
      const at = row.length - row.trimStart().length;
      if (own < 0) own = at;
      if (at < own || at <= indent) break;
    }
    // Blank lines after the block belong to what follows.
    while (to > from && !this.rows[to - 1].trim()) to--;
    while (this.lines[this.at] && this.lines[this.at].row < to) this.at++;
    const body = this.rows.slice(from, to).map((r) => r.slice(Math.max(own, 0)));
    let text = style === '|' ? body.join('\n') : folded(body);
    if (chomp !== '-' && body.length) text += '\n';
    return text;
  }
}

/**
 * YAML's merge key: the keys of the merged mapping (or of each mapping of a list, the earlier first) that the mapping
 * does not set itself, wherever it sets them. A merged value that is not a mapping is not read.
 */
function mergeInto(out: { [key: string]: LiteralValue }, merged: LiteralValue, fail: () => never): void {
  const sources = Array.isArray(merged) ? merged : [merged];
  for (const from of sources) {
    if (from === null || typeof from !== 'object' || Array.isArray(from)) fail();
    for (const [k, v] of Object.entries(from)) if (!Object.hasOwn(out, k)) setOwn(out, k, v);
  }
}

/** A folded block's lines: lines of text joined by a space, a blank line a line break, more-indented lines kept. */
function folded(body: readonly string[]): string {
  let out = '';
  let previous: 'none' | 'text' | 'more' = 'none';
  let blanks = 0;
  for (const line of body) {
    if (!line.trim()) {
      blanks++;
      continue;
    }
    const kind = /^\s/.test(line) ? 'more' : 'text';
    const between = kind === 'text' && previous === 'text';
    if (previous === 'none') out += '\n'.repeat(blanks);
    else out += blanks ? '\n'.repeat(between ? blanks : blanks + 1) : between ? ' ' : '\n';
    out += line;
    previous = kind;
    blanks = 0;
  }
  return out;
}

/** A block-style YAML document as a value; undefined for what this reader does not know (see yamlScalar). */
export function yamlData(text: string): LiteralValue | undefined {
  const rows = text.split('\n').map((r) => r.replace(/\r$/, ''));
  const lines: YamlLine[] = [];
  let started = false;
  for (let row = 0; row < rows.length; row++) {
    const line = rows[row];
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    // Tabs may not indent YAML; a second document is not read.
    if (/^\t/.test(line) || line === '...') return undefined;
    if (/^---(?:\s|$)/.test(line)) {
      if (started || line.trim() !== '---') return undefined;
      started = true;
      continue;
    }
    started = true;
    const indent = line.length - line.trimStart().length;
    lines.push({ indent, text: line.trim(), row });
  }
  if (!lines.length || lines[0].indent !== 0) return undefined;
  try {
    const reader = new YamlReader(lines, rows);
    const v = reader.block(0, 0);
    return reader.at === reader.lines.length ? v : undefined;
  } catch (e) {
    if (e instanceof NotLiteral) return undefined;
    throw e;
  }
}
