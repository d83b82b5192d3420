// MongoDB filters that match every document although they are not `{}`:
// `{_id: {$exists: true}}` (every document has an _id), `{_id: {$ne: null}}`,
// `{$where: "true"}`, `{$expr: true}`, `{$or: [{}, …]}`. A deleteMany or
// updateMany given one changes the whole collection, as with `{}`. Narrow on
// purpose: `{email: {$exists: true}}` matches only the documents with an email.

/** Characters of a first argument read; a longer filter is no plain match-all form. */
const MAX_FILTER = 4096;

/** The filter forms, once whitespace and quotes are dropped. */
const MATCH_ALL_FILTERS = [
  /^\{_id:\{\$exists:(?:true|1)\}\}$/,
  /^\{_id:\{\$ne:null\}\}$/,
  /^\{\$where:(?:true|1|function\(\)\{returntrue;?\}|\(\)=>true)\}$/,
  /^\{\$expr:true\}$/,
];

/** End (exclusive, in `masked`) of the call argument starting at `from`: the `,` or `)` that closes it at its level. */
function argumentEnd(masked: string, from: number): number {
  let depth = 0;
  const stop = Math.min(masked.length, from + MAX_FILTER);
  for (let i = from; i < stop; i++) {
    const c = masked[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return -1;
}

/** `{$or:[…]}` with `{}` among its top-level elements. */
function orWithEmpty(filter: string): boolean {
  if (!filter.startsWith('{$or:[') || !filter.endsWith(']}')) return false;
  const list = filter.slice('{$or:['.length, -2);
  let depth = 0;
  let element = '';
  for (const c of list) {
    if (depth === 0 && c === ',') {
      if (element === '{}') return true;
      element = '';
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (depth < 0) return false;
    element += c;
  }
  return depth === 0 && element === '{}';
}

/**
 * Whether the first argument of the call whose `(` ends at `open` (an offset of `masked`, the code with strings and
 * comments blanked) is a filter that matches every document. `{}` itself is judged by the caller.
 */
export function filterMatchesAll(code: string, masked: string, open: number): boolean {
  const end = argumentEnd(masked, open);
  if (end === -1) return false;
  const filter = code
    .slice(open, end)
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')
    .replace(/[\s"'`]+/g, '');
  if (filter === '{}') return false;
  return MATCH_ALL_FILTERS.some((re) => re.test(filter)) || orWithEmpty(filter);
}
