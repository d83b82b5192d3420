// Just enough YAML to find the commands of GitHub Actions `run:` steps and
// docker-compose `command:` entries: a bounded line scanner, not a YAML
// parser. It reads plain, quoted, literal (`|`) and folded (`>`) scalars,
// flow lists (`[sh, -c, "…"]`) and block lists, which is every way those
// keys are written in practice; anything else is left alone.
import { execFormSnippet, SnippetBuilder, splitLines, type Line, type Snippet } from './snippet';

const MAX_BLOCK_LINES = 2_000;
const MAX_FLOW_CHARS = 64 * 1024;

export interface ListItem {
  value: string;
  /** Document span of the item as written (quotes included). */
  start: number;
  end: number;
}

/** Items of a flow list (`["a", 'b', c]`) that starts at `offset` (the `[`); undefined when it is not one. */
export function flowList(doc: string, offset: number): ListItem[] | undefined {
  if (doc[offset] !== '[') return undefined;
  const items: ListItem[] = [];
  const limit = Math.min(doc.length, offset + MAX_FLOW_CHARS);
  let i = offset + 1;
  while (i < limit) {
    while (i < limit && /\s/.test(doc[i])) i++;
    const c = doc[i];
    if (c === ']') return items;
    if (c === ',') {
      i++;
      continue;
    }
    const start = i;
    let value = '';
    if (c === '"' || c === "'") {
      i++;
      while (i < limit && doc[i] !== c) {
        if (c === '"' && doc[i] === '\\' && i + 1 < limit) {
          const e = doc[i + 1];
          value += ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/' } as Record<string, string>)[e] ?? e;
          i += 2;
          continue;
        }
        if (c === "'" && doc[i] === "'" && doc[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        value += doc[i++];
      }
      if (i >= limit) return undefined;
      i++;
    } else {
      while (i < limit && doc[i] !== ',' && doc[i] !== ']' && doc[i] !== '\n') value += doc[i++];
      value = value.trimEnd();
    }
    items.push({ value, start, end: start + Math.max(1, i - start) });
  }
  return undefined;
}

function indentOf(text: string): number {
  const m = /^[ \t]*/.exec(text);
  return m ? m[0].length : 0;
}

function isBlank(text: string): boolean {
  return /^\s*(?:#.*)?$/.test(text);
}

/** Length of a plain scalar without its trailing ` # comment` and spaces. */
function plainEnd(text: string): number {
  const m = /(?:^|\s)#/.exec(text);
  return text.slice(0, m ? m.index : text.length).trimEnd().length;
}

function doubleQuoted(doc: string, open: number, lineEnd: number): Snippet | undefined {
  const b = new SnippetBuilder();
  for (let i = open + 1; i < lineEnd; i++) {
    const c = doc[i];
    if (c === '"') return b.finish(i);
    if (c === '\\' && i + 1 < lineEnd) {
      const e = doc[i + 1];
      b.mapped(({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/' } as Record<string, string>)[e] ?? e, i);
      i++;
      continue;
    }
    b.verbatim(c, i);
  }
  return undefined;
}

function singleQuoted(doc: string, open: number, lineEnd: number): Snippet | undefined {
  const b = new SnippetBuilder();
  for (let i = open + 1; i < lineEnd; i++) {
    if (doc[i] === "'") {
      if (doc[i + 1] === "'") {
        b.mapped("'", i);
        i++;
        continue;
      }
      return b.finish(i);
    }
    b.verbatim(doc[i], i);
  }
  return undefined;
}

/** Lines after `key` that belong to its value: more indented than the key (blank lines included, trailing ones not). */
function blockLines(lines: readonly Line[], from: number, keyIndent: number): number {
  let last = from - 1;
  for (let k = from; k < lines.length && k - from < MAX_BLOCK_LINES; k++) {
    const t = lines[k].text;
    if (t.trim() === '') continue;
    if (indentOf(t) <= keyIndent) break;
    last = k;
  }
  return last;
}

/** Literal (`|`) or folded (`>`) block scalar, or a plain scalar continued on more-indented lines. */
function blockScalar(
  lines: readonly Line[],
  first: number,
  last: number,
  folded: boolean,
  firstPiece?: { text: string; start: number },
): Snippet | undefined {
  const b = new SnippetBuilder();
  let indent = -1;
  if (firstPiece) b.verbatim(firstPiece.text, firstPiece.start);
  for (let k = first; k <= last; k++) {
    const t = lines[k].text;
    if (t.trim() === '') {
      if (b.length) b.mapped('\n', lines[k].start);
      continue;
    }
    if (indent < 0) indent = indentOf(t);
    const from = Math.min(indentOf(t), indent);
    if (b.length) b.mapped(folded && from === indent && indentOf(t) === indent ? ' ' : '\n', lines[k - 1].end);
    const piece = firstPiece ? t.slice(from, from + plainEnd(t.slice(from))) : t.slice(from);
    b.verbatim(piece, lines[k].start + from);
  }
  return b.length ? b.finish(lines[last].end) : undefined;
}

const KEY_LINE = /^(\s*)(-\s+)?(["']?)([A-Za-z_][\w-]*)\3\s*:(?=\s|$)[ \t]*/;

/** Command snippets of every `key:` (e.g. `run`, `command`) in a YAML document. */
export function yamlCommands(doc: string, keys: ReadonlySet<string>): Snippet[] {
  const lines = splitLines(doc);
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = KEY_LINE.exec(line.text);
    if (!m || !keys.has(m[4])) continue;
    const keyIndent = m[1].length + (m[2]?.length ?? 0);
    const valueAt = m[0].length;
    const rest = line.text.slice(valueAt);
    const restStart = line.start + valueAt;
    const lastBlock = blockLines(lines, i + 1, keyIndent);
    const header = /^([|>])([+-]?\d?|\d?[+-]?)\s*(?:#.*)?$/.exec(rest);
    let snippet: Snippet | undefined;
    if (header) {
      snippet = lastBlock > i ? blockScalar(lines, i + 1, lastBlock, header[1] === '>') : undefined;
    } else if (rest.startsWith('[')) {
      const items = flowList(doc, restStart);
      if (items?.length) snippet = execFormSnippet(items, items[items.length - 1].end);
    } else if (rest.startsWith('"')) {
      snippet = doubleQuoted(doc, restStart, line.end);
    } else if (rest.startsWith("'")) {
      snippet = singleQuoted(doc, restStart, line.end);
    } else if (isBlank(rest)) {
      // A block list (`command:` then `- sh` lines, at the key's indent or deeper) or a plain scalar on the next lines.
      const items = blockList(lines, i + 1, keyIndent);
      if (items.length) snippet = execFormSnippet(items, items[items.length - 1].end);
      else if (lastBlock > i) snippet = blockScalar(lines, i + 1, lastBlock, true, undefined);
    } else {
      const end = plainEnd(rest);
      snippet =
        lastBlock > i
          ? blockScalar(lines, i + 1, lastBlock, true, { text: rest.slice(0, end), start: restStart })
          : { text: rest.slice(0, end), base: restStart };
    }
    if (snippet && snippet.text.trim()) out.push(snippet);
    if (lastBlock > i) i = lastBlock;
  }
  return out;
}

function blockList(lines: readonly Line[], from: number, keyIndent: number): ListItem[] {
  const items: ListItem[] = [];
  let itemIndent = -1;
  for (let k = from; k < lines.length && k - from < MAX_BLOCK_LINES; k++) {
    const t = lines[k].text;
    if (isBlank(t)) continue;
    const m = /^(\s*)-\s+(.*)$/.exec(t);
    if (!m || m[1].length < keyIndent || (itemIndent >= 0 && m[1].length !== itemIndent)) break;
    itemIndent = m[1].length;
    const at = lines[k].start + t.length - m[2].length;
    const raw = m[2];
    let value: string;
    let end: number;
    if (raw.startsWith('"') || raw.startsWith("'")) {
      const s = raw.startsWith('"')
        ? doubleQuoted(lines[k].text, t.length - raw.length, t.length)
        : singleQuoted(lines[k].text, t.length - raw.length, t.length);
      if (!s) break;
      value = s.text;
      end = lines[k].start + (s.offsets?.[s.offsets.length - 1] ?? t.length) + 1;
    } else {
      value = raw.slice(0, plainEnd(raw));
      end = at + value.length;
    }
    items.push({ value, start: at, end });
  }
  return items;
}
