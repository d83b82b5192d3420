// Reading a call's arguments out of interpreter code (JavaScript, Python,
// Ruby, Perl, PHP) without a parser for each: strings and bracketed groups
// are stepped over, so a comma or bracket inside them never ends an argument.

/**
 * The first index from `from` (at most `limit` characters on) where `stop`
 * holds for a character outside every quoted string and bracketed group; a
 * closing bracket with no group open is outside too. The end of what was
 * read when none is: `code.length` or `from + limit`.
 */
export function topLevelIndex(
  code: string,
  from: number,
  limit: number,
  stop: (c: string, i: number) => boolean,
): number {
  const end = Math.min(code.length, from + limit);
  let depth = 0;
  let quote = '';
  for (let i = from; i < end; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (depth === 0 && stop(c, i)) return i;
  }
  return end;
}
