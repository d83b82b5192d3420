// A command found inside a document, as the shell (or SQL client) will read
// it, with the way back from each of its characters to the document: make
// unescapes `$$`, YAML strips block indentation, JSON decodes `\"`, so the
// judged text and the document differ, and a diagnostic must land on the
// document's own characters.

export interface Snippet {
  /** The command text to judge. */
  text: string;
  /** Document offset of text[0] when text is a verbatim slice of the document. */
  base: number;
  /** Otherwise: document offset of each character of text, and one more for the end. */
  offsets?: number[];
  /** Exec form (`["sh", "-c", "…"]`): the words were joined for judging, so only whole-list spans are exact. */
  execForm?: boolean;
}

/** Document offset of text position `i` (0 ≤ i ≤ text.length). */
export function docOffset(s: Snippet, i: number): number {
  if (!s.offsets) return s.base + i;
  const k = Math.max(0, Math.min(i, s.offsets.length - 1));
  return s.offsets[k];
}

/** Document span [start, end) of the text span [from, to). */
export function docSpan(s: Snippet, from: number, to: number): { start: number; end: number } {
  if (!s.offsets) return { start: s.base + from, end: s.base + to };
  const start = docOffset(s, from);
  if (to <= from) return { start, end: start };
  // The last character ends where the next one begins: an escape (`\"`, `$$`) or an expanded `$(VAR)` is covered whole.
  const last = docOffset(s, to - 1);
  const next = docOffset(s, to);
  return { start, end: next > last ? next : last + 1 };
}

/** Whether text span [from, to) is the same characters in the document (so a text edit there is safe). */
export function isVerbatim(s: Snippet, from: number, to: number): boolean {
  if (!s.offsets) return true;
  for (let i = from + 1; i < to; i++) if (s.offsets[i] !== s.offsets[i - 1] + 1) return false;
  return true;
}

/** Builds a mapped snippet character by character or run by run. */
export class SnippetBuilder {
  private text = '';
  private readonly offsets: number[] = [];

  /** Characters copied from the document starting at `docStart`. */
  verbatim(chunk: string, docStart: number): this {
    this.text += chunk;
    for (let i = 0; i < chunk.length; i++) this.offsets.push(docStart + i);
    return this;
  }

  /** Characters that stand for the document text at `docStart` (an escape, a separator, an expansion). */
  mapped(chunk: string, docStart: number): this {
    this.text += chunk;
    for (let i = 0; i < chunk.length; i++) this.offsets.push(docStart);
    return this;
  }

  get length(): number {
    return this.text.length;
  }

  finish(docEnd: number, execForm = false): Snippet {
    return {
      text: this.text,
      base: this.offsets[0] ?? docEnd,
      offsets: [...this.offsets, docEnd],
      ...(execForm ? { execForm } : {}),
    };
  }
}

export interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character, before `\r\n` or `\n`. */
  end: number;
  text: string;
}

export function splitLines(text: string, maxLines = 200_000): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length && out.length < maxLines) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push({ start, end, text: text.slice(start, end) });
    start = nl + 1;
  }
  return out;
}

/** Decodes the inside of a JSON string (between the quotes) starting at document offset `docStart`. */
export function jsonStringSnippet(raw: string, docStart: number): Snippet {
  if (!raw.includes('\\')) return { text: raw, base: docStart };
  const b = new SnippetBuilder();
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      b.verbatim(c, docStart + i);
      continue;
    }
    const e = raw[i + 1];
    const simple: Record<string, string> = {
      '"': '"',
      '\\': '\\',
      '/': '/',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
    };
    if (e in simple) {
      b.mapped(simple[e], docStart + i);
      i++;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      b.mapped(String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)), docStart + i);
      i += 5;
    } else {
      b.verbatim(c, docStart + i);
    }
  }
  return b.finish(docStart + raw.length);
}

/** `sh`, `-c`, `rm -rf /data` → `sh -c 'rm -rf /data'`, each word mapped to its item in the list. */
export function execFormSnippet(
  items: readonly { value: string; start: number; end: number }[],
  docEnd: number,
): Snippet {
  const b = new SnippetBuilder();
  items.forEach((item, i) => {
    if (i > 0) b.mapped(' ', items[i - 1].end);
    const quoted = /^[\w@%+=:,./-]+$/.test(item.value) ? item.value : `'${item.value.replace(/'/g, `'\\''`)}'`;
    // Every character of the word points into the item; its last one at the item's last character.
    for (let k = 0; k < quoted.length; k++) b.mapped(quoted[k], Math.min(item.start + k, item.end - 1));
  });
  return b.finish(docEnd, true);
}
