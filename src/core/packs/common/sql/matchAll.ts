// WHERE conditions that match every row anyway: a DELETE or UPDATE that has
// one still changes the whole table, so it is judged as one without WHERE.
// Narrow on purpose: only conditions that hold for every row whatever the
// data (`1=1`, `id IS NOT NULL` on the key, `id > 0` on a serial key,
// `name LIKE '%'`); `expires_at < now()` or `id > 100` restrict rows.
import type { Token } from './lexer';

const CLAUSE_ENDS = new Set(['RETURNING', 'ORDER', 'LIMIT', 'GROUP', 'OUTPUT', 'OPTION']);
/** Parenthesised groups followed inside a condition (`((1=1))`, `(id > 0 OR x)`). */
const MAX_GROUP_DEPTH = 8;

/** Comparisons on a key column that every key satisfies: keys start at 1 (serial, identity, auto-increment). */
const KEY_BOUNDS: ReadonlyArray<readonly [string, string]> = [
  ['>', '0'],
  ['>=', '0'],
  ['>=', '1'],
  ['>', '-1'],
  ['<>', '-1'],
  ['!=', '-1'],
];
/** The same comparisons written the other way round (`0 < id`). */
const FLIPPED: Readonly<Record<string, string>> = { '>': '<', '>=': '<=', '<>': '<>', '!=': '!=' };

interface Word {
  kind: Token['kind'];
  up: string;
  raw: string;
}

/**
 * The words of a condition with parentheses removed, qualified names kept as one word (`u.id`; `u.id = s.id`
 * compares two tables, not a column with itself) and signs joined to their numbers (`- 1` → `-1`).
 */
function simplify(tokens: readonly Token[]): Word[] {
  const out: Word[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.up === '(' || t.up === ')') continue;
    const last = out[out.length - 1];
    const next = tokens[k + 1];
    if (t.up === '.' && last && last.kind !== 'punct' && next && next.kind !== 'punct') {
      out[out.length - 1] = { kind: next.kind, up: `${last.up}.${next.up}`, raw: `${last.raw}.${next.raw}` };
      k++;
      continue;
    }
    if (t.up === '-' && next?.kind === 'number' && (!last || last.kind === 'punct')) {
      out.push({ kind: 'number', up: `-${next.up}`, raw: `-${next.raw}` });
      k++;
      continue;
    }
    out.push({ kind: t.kind, up: t.up, raw: t.raw });
  }
  return out;
}

/** The table's obvious key columns: `id`, `uuid`, `<table>_id` (and its singular, `user_id` of `users`). */
function isKeyColumn(w: Word, table: string | undefined): boolean {
  if (w.kind !== 'word' && w.kind !== 'ident') return false;
  const col = w.up.split('.').pop()!;
  if (col === 'ID' || col === 'UUID' || col === '_ID') return true;
  if (!table) return false;
  const base = table.split('.').pop()!.toUpperCase();
  return col === `${base}_ID` || (base.endsWith('S') && col === `${base.slice(0, -1)}_ID`);
}

/** Whether one condition with no AND or OR at its own level matches every row. */
function atomMatchesAll(d: readonly Word[], table: string | undefined): boolean {
  if (d.length === 1) return d[0].up === 'TRUE' || (d[0].kind === 'number' && Number(d[0].raw) !== 0);
  if (d.length === 2) return d[0].up === 'NOT' && d[1].up === 'FALSE';
  if (d.length === 3) {
    const [a, op, b] = d;
    const same = a.kind === b.kind && a.kind !== 'punct' && a.raw === b.raw;
    if (same && (op.up === '=' || op.up === '==' || op.up === '<=' || op.up === '>=')) return true;
    if (a.kind === 'number' && b.kind === 'number' && (op.up === '<>' || op.up === '!=') && a.raw !== b.raw)
      return true;
    // `name LIKE '%'`: every value that is there.
    if ((op.up === 'LIKE' || op.up === 'ILIKE') && b.kind === 'string' && /^%+$/.test(b.raw) && a.kind !== 'punct')
      return true;
    if (b.kind === 'number' && isKeyColumn(a, table))
      return KEY_BOUNDS.some(([o, n]) => o === op.up && Number(n) === Number(b.raw));
    if (a.kind === 'number' && isKeyColumn(b, table))
      return KEY_BOUNDS.some(([o, n]) => FLIPPED[o] === op.up && Number(n) === Number(a.raw));
  }
  // A key column is never null.
  if (d.length === 4 && d[1].up === 'IS' && d[2].up === 'NOT' && d[3].up === 'NULL') return isKeyColumn(d[0], table);
  return false;
}

/** Splits [from, to) at `word` on `depth` (OR into disjuncts, AND into conjuncts). */
function splitAt(tokens: readonly Token[], from: number, to: number, depth: number, word: string): Token[][] {
  const parts: Token[][] = [[]];
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.depth === depth && t.up === word) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts;
}

/** Whether tokens are one parenthesised group on `depth`: `( … )`. */
function isGroup(part: readonly Token[], depth: number): boolean {
  if (part.length < 2 || part[0].up !== '(' || part[part.length - 1].up !== ')') return false;
  for (let k = 1; k < part.length - 1; k++) if (part[k].depth <= depth) return false;
  return true;
}

function conditionMatchesAll(part: readonly Token[], depth: number, table: string | undefined, level: number): boolean {
  if (part.length === 0) return false;
  if (isGroup(part, depth) && level < MAX_GROUP_DEPTH)
    return orMatchesAll(part, 1, part.length - 1, depth + 1, table, level + 1);
  // BETWEEN … AND … is one condition, not two.
  if (part.some((t) => t.depth === depth && t.up === 'BETWEEN')) return false;
  const conjuncts = splitAt(part, 0, part.length, depth, 'AND');
  if (conjuncts.length > 1)
    return conjuncts.every((c) => c.length > 0 && conditionMatchesAll(c, depth, table, level + 1));
  return atomMatchesAll(simplify(part), table);
}

function orMatchesAll(
  tokens: readonly Token[],
  from: number,
  to: number,
  depth: number,
  table: string | undefined,
  level: number,
): boolean {
  return splitAt(tokens, from, to, depth, 'OR').some((d) => conditionMatchesAll(d, depth, table, level));
}

/**
 * True when the WHERE condition in [from, to) matches every row anyway: a constant truth (`1=1`, `TRUE`,
 * `'a'='a'`, `x = x`), `… OR <that>`, conjunctions of those, and key-column bounds every key meets.
 */
export function whereMatchesAll(
  tokens: readonly Token[],
  from: number,
  to: number,
  depth: number,
  table?: string,
): boolean {
  // The statement's tokens are bounded by the lexer: this reads at most all of them.
  let end = from;
  while (end < to && !(tokens[end].depth === depth && CLAUSE_ENDS.has(tokens[end].up))) end++;
  return orMatchesAll(tokens, from, end, depth, table, 0);
}
