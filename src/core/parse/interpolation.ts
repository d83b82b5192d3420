// Strings a program fills in before it runs them: JavaScript's template
// literals (`${expr}`), Ruby's double-quoted strings (`#{expr}`) and Python's
// f-strings (`{expr}`). The shell gets the filled-in text, so each
// interpolation is replaced by what it holds, as far as that is known.

export type Interpolation = 'template' | 'ruby' | 'fstring';

/** Interpolations read in one string; past this the rest of it is left as written. */
const MAX_INTERPOLATIONS = 64;

/** The index just past the `}` closing the `{` at `open` (braces nest), or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** An f-string field's expression, without its `!r` conversion, `:spec` format or `=` echo. */
function fieldExpression(field: string): string {
  let depth = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && (c === ':' || (c === '!' && field[i + 1] !== '=') || (c === '=' && field[i + 1] !== '=')))
      return field.slice(0, i);
  }
  return field;
}

/** `text` with each of its interpolations replaced by `value(expression)`. */
export function interpolate(text: string, style: Interpolation, value: (expr: string) => string): string {
  const opener = style === 'template' ? '${' : style === 'ruby' ? '#{' : '{';
  const literal = (part: string): string => (style === 'fstring' ? part.replace(/\}\}/g, '}') : part);
  let out = '';
  let from = 0;
  for (let n = 0; n < MAX_INTERPOLATIONS; n++) {
    const at = text.indexOf(opener, from);
    if (at === -1) break;
    const brace = at + opener.length - 1;
    if (style === 'fstring' && text[at + 1] === '{') {
      // `{{` is a literal brace in an f-string.
      out += literal(text.slice(from, at)) + '{';
      from = at + 2;
      continue;
    }
    const end = closingBrace(text, brace);
    if (end === -1) break;
    const inner = text.slice(brace + 1, end - 1);
    out += literal(text.slice(from, at)) + value((style === 'fstring' ? fieldExpression(inner) : inner).trim());
    from = end;
  }
  return out + literal(text.slice(from));
}

/**
 * Which interpolation a shell call's string literal has: `m` matched it with its single-quoted, double-quoted and
 * backtick bodies at `base`, `base + 1` and `base + 2`, an f-string's prefix before the quote.
 */
export function interpolationOf(language: string, m: RegExpExecArray, base: number): Interpolation | undefined {
  if (language === 'node' && m[base + 2] !== undefined) return 'template';
  if (language === 'ruby' && m[base + 1] !== undefined) return 'ruby';
  if (language === 'python' && /\(\s*[rRbB]?[fF][rRbB]?['"]/.test(m[0])) return 'fstring';
  return undefined;
}
