// The text of a string literal matched in code: its escapes read as the language reads them.

// `\x63`, `\u0063`, `\143` spell a character as surely as `c` does: `exec("\x63types…")` is read decoded.
const ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|([0-7]{1,3})|(.))/gs;
/** The literal's text from the first of three alternative groups at `base` (single, double, backtick quotes). */
export function unescapeString(m: RegExpExecArray, base: number): string {
  const s = m[base] ?? m[base + 1] ?? m[base + 2] ?? '';
  return s.replace(ESCAPE, (_x, hex?: string, uni?: string, oct?: string, c = '') =>
    hex || uni
      ? String.fromCharCode(parseInt(hex ?? uni ?? '', 16))
      : oct
        ? String.fromCharCode(parseInt(oct, 8))
        : c === 'n'
          ? '\n'
          : c === 't'
            ? '\t'
            : c,
  );
}
