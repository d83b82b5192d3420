// Configuration written as a literal value: a JavaScript object literal
// (`module.exports = {…}`, `export default {…}`, or a bare `{…}` as pm2 reads
// its JSON files); a block-style YAML document is read in yamlData.ts. Only what is plainly
// written is read: a value computed at load time (a call, a variable, a
// template with `${}`), a YAML anchor, alias or tag, or anything else these
// readers do not know gives undefined, so the caller can ask rather than
// guess. Bounded in depth and in the values read.

export const MAX_DEPTH = 32;
export const MAX_VALUES = 20_000;

export type LiteralValue = string | number | boolean | null | LiteralValue[] | { [key: string]: LiteralValue };

/** Sets `key` as an own property, `__proto__` too (an assignment would set the object's prototype). */
export function setOwn(out: { [key: string]: LiteralValue }, key: string, value: LiteralValue): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A rejection inside a reader: the text is not a plain literal. */
export class NotLiteral extends Error {}

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
