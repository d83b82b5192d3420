// Configuration written as a literal value: a JavaScript object literal
// (`module.exports = {…}`, `export default {…}`, or a bare `{…}` as pm2 reads
// its JSON files) and a block-style YAML document. Only what is plainly
// written is read: a value computed at load time (a call, a variable, a
// template with `${}`), a YAML anchor, alias or tag, or anything else these
// readers do not know gives undefined, so the caller can ask rather than
// guess. Bounded in depth and in the values read.
import { withoutTrailingComment } from '../text/trailingComment';

const MAX_DEPTH = 32;
const MAX_VALUES = 20_000;

export type LiteralValue = string | number | boolean | null | LiteralValue[] | { [key: string]: LiteralValue };

/** Sets `key` as an own property, `__proto__` too (an assignment would set the object's prototype). */
function setOwn(out: { [key: string]: LiteralValue }, key: string, value: LiteralValue): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A rejection inside a reader: the text is not a plain literal. */
class NotLiteral extends Error {}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

class JsLiteralReader {
  pos = 0;
  values = 0;
  constructor(readonly s: string) {}

  fail(): never {
    throw new NotLiteral();
  }

  /** Skips blanks and comments. */
  blanks(): void {
    const s = this.s;
    for (;;) {
      while (this.pos < s.length && /\s/.test(s[this.pos])) this.pos++;
      if (s.startsWith('//', this.pos)) {
        const end = s.indexOf('\n', this.pos);
        this.pos = end < 0 ? s.length : end;
      } else if (s.startsWith('/*', this.pos)) {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail();
        this.pos = end + 2;
      } else return;
    }
  }

  /** Takes `word` (after blanks) when it is next; identifiers must end there. */
  take(word: string): boolean {
    this.blanks();
    if (!this.s.startsWith(word, this.pos)) return false;
    if (/\w$/.test(word) && /[\w$]/.test(this.s[this.pos + word.length] ?? '')) return false;
    this.pos += word.length;
    return true;
  }

  string(): string {
    const s = this.s;
    const q = s[this.pos++];
    let out = '';
    while (this.pos < s.length) {
      const c = s[this.pos++];
      if (c === q) return out;
      // A template's `${…}` is computed.
      if (q === '`' && c === '$' && s[this.pos] === '{') this.fail();
      if (c === '\n' && q !== '`') this.fail();
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = s[this.pos++] ?? this.fail();
      if (e === '\n') continue;
      if (e === 'x' || e === 'u') {
        const m = e === 'x' ? /[0-9a-fA-F]{2}/y : /[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\}/y;
        m.lastIndex = this.pos;
        const hex = m.exec(s)?.[0] ?? this.fail();
        this.pos += hex.length;
        const code = parseInt(hex.replace(/[{}]/g, ''), 16);
        if (code > 0x10ffff) this.fail();
        out += String.fromCodePoint(code);
        continue;
      }
      out += ESCAPES[e] ?? e;
    }
    return this.fail();
  }

  key(): string {
    this.blanks();
    const c = this.s[this.pos];
    if (c === '"' || c === "'") return this.string();
    const m = /[A-Za-z_$][\w$]*|\d+/y;
    m.lastIndex = this.pos;
    const got = m.exec(this.s) ?? this.fail();
    this.pos = m.lastIndex;
    return got[0];
  }

  value(depth: number): LiteralValue {
    if (depth > MAX_DEPTH || ++this.values > MAX_VALUES) this.fail();
    this.blanks();
    const c = this.s[this.pos];
    if (c === '"' || c === "'" || c === '`') return this.string();
    if (c === '[') return this.array(depth);
    if (c === '{') return this.object(depth);
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const)
      if (this.take(word)) return v;
    const m = /-?(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)(?![\w$.])/y;
    m.lastIndex = this.pos;
    const got = m.exec(this.s) ?? this.fail();
    this.pos = m.lastIndex;
    return Number(got[0].replace(/_/g, ''));
  }

  array(depth: number): LiteralValue[] {
    this.pos++;
    const out: LiteralValue[] = [];
    for (;;) {
      if (this.take(']')) return out;
      out.push(this.value(depth + 1));
      if (this.take(']')) return out;
      if (!this.take(',')) this.fail();
    }
  }

  object(depth: number): { [key: string]: LiteralValue } {
    this.pos++;
    const out: { [key: string]: LiteralValue } = {};
    for (;;) {
      if (this.take('}')) return out;
      const k = this.key();
      // Shorthand properties, methods and computed keys name values not written here.
      if (!this.take(':')) this.fail();
      setOwn(out, k, this.value(depth + 1));
      if (this.take('}')) return out;
      if (!this.take(',')) this.fail();
    }
  }

  /** The whole text: `'use strict';` at most, then the exported (or bare) literal, then nothing but `;`. */
  document(bare: boolean): LiteralValue {
    if (!this.take("'use strict'")) this.take('"use strict"');
    this.take(';');
    if (!bare && !(this.take('export') && this.take('default'))) {
      if (!(this.take('module') && this.take('.') && this.take('exports') && this.take('='))) this.fail();
    }
    if (bare) this.take('(');
    const v = this.value(0);
    if (bare) this.take(')');
    this.take(';');
    this.blanks();
    if (this.pos < this.s.length) this.fail();
    return v;
  }
}

/**
 * The value a JavaScript module exports as one plain literal (`bare`: the text is the literal itself, as pm2 reads a
 * JSON file). Undefined when anything in it is computed or not read here.
 */
export function jsLiteral(text: string, bare = false): LiteralValue | undefined {
  try {
    return new JsLiteralReader(text).document(bare);
  } catch (e) {
    if (e instanceof NotLiteral) return undefined;
    throw e;
  }
}

interface YamlLine {
  indent: number;
  text: string;
}

/** A YAML scalar written on one line: plain, or quoted; flow lists of such; undefined for anything else. */
function yamlScalar(raw: string): LiteralValue | undefined {
  const t = raw.trim();
  if (t.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*")\s*(?:#.*)?$/.exec(t);
    const v = m ? jsLiteral(m[1], true) : undefined;
    return typeof v === 'string' ? v : undefined;
  }
  if (t.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(t);
    return m ? m[1].replace(/''/g, "'") : undefined;
  }
  if (t.startsWith('[')) {
    const end = t.lastIndexOf(']');
    if (end < 0 || !/^\s*(?:#.*)?$/.test(t.slice(end + 1))) return undefined;
    const inner = t.slice(1, end).trim();
    if (!inner) return [];
    const items: LiteralValue[] = [];
    for (const part of inner.match(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]+/g) ?? []) {
      if (part.trim() === '' || /^\s*,\s*$/.test(part)) continue;
      const v = yamlScalar(part);
      if (v === undefined || typeof v === 'object') return undefined;
      items.push(v);
    }
    // The split dropped commas only; what is left must be the items and their separators.
    return /^(?:\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,"'[\]{}]+)\s*(?:,|$))+$/.test(inner) ? items : undefined;
  }
  // Anchors, aliases, tags, block scalars, flow mappings and directives are not read.
  if (/^[&*!|>{%@`]/.test(t)) return undefined;
  const plain = withoutTrailingComment(t);
  return plain === '~' || plain === 'null' ? null : plain;
}

class YamlReader {
  at = 0;
  values = 0;
  constructor(readonly lines: YamlLine[]) {}

  fail(): never {
    throw new NotLiteral();
  }

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
      } else if (/^(?:"[^"]*"|'[^']*'|[^\s"'#[{][^:#]*?)\s*:(?:\s|$)/.test(rest)) {
        // `- key: value`: a mapping whose first key sits after the dash.
        this.lines[this.at] = { indent: inner, text: rest };
        out.push(this.mapping(inner, depth + 1));
      } else {
        this.at++;
        out.push(this.scalar(rest, indent));
      }
    }
    return out;
  }

  mapping(indent: number, depth: number): { [key: string]: LiteralValue } {
    const out: { [key: string]: LiteralValue } = {};
    for (let line = this.lines[this.at]; line && line.indent === indent; line = this.lines[this.at]) {
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#[{?-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/.exec(
        line.text,
      );
      if (!m) this.fail();
      const key = yamlScalar(m[1]);
      if (typeof key !== 'string' || key === '<<') this.fail();
      this.at++;
      const rest = m[2]?.trim() ?? '';
      setOwn(out, key, rest && !rest.startsWith('#') ? this.scalar(rest, indent) : this.nested(indent, depth, true));
    }
    return out;
  }

  /** The value on the lines after a key or dash with none on its own line; null when there is none. */
  nested(indent: number, depth: number, sameIndentList = false): LiteralValue {
    const next = this.lines[this.at];
    if (next && (next.indent > indent || (sameIndentList && next.indent === indent && /^-(?:\s|$)/.test(next.text))))
      return this.block(next.indent, depth + 1);
    return null;
  }

  scalar(text: string, indent: number): LiteralValue {
    if (++this.values > MAX_VALUES) this.fail();
    // A plain scalar folded over more lines is not read.
    if ((this.lines[this.at]?.indent ?? -1) > indent) this.fail();
    const v = yamlScalar(text);
    return v === undefined ? this.fail() : v;
  }
}

/** A block-style YAML document as a value; undefined for what this reader does not know (see yamlScalar). */
export function yamlData(text: string): LiteralValue | undefined {
  const lines: YamlLine[] = [];
  let started = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
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
    lines.push({ indent, text: line.trim() });
  }
  if (!lines.length || lines[0].indent !== 0) return undefined;
  try {
    const reader = new YamlReader(lines);
    const v = reader.block(0, 0);
    return reader.at === reader.lines.length ? v : undefined;
  } catch (e) {
    if (e instanceof NotLiteral) return undefined;
    throw e;
  }
}
