// Case-insensitive comparisons as a regular expression with the `i` flag and
// without `u` makes them: only ASCII letters fold (A–Z with a–z), never a
// character outside ASCII that a Unicode case mapping would turn into one
// (the Kelvin sign, a dotless i). Used where a pre-check written in code
// stands in for such an expression, whose first test in a process costs
// V8 compiling it (0.3–1.3 ms for the long ones, in a hook's short process).

/** Whether `text` holds `lower` (ASCII lower case) at `at`, ASCII letters compared without case. */
export function foldedAt(text: string, at: number, lower: string): boolean {
  if (at < 0 || at + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/** `text` with its ASCII capitals in lower case, every other character as it is. */
export function asciiLower(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      let out = text.slice(0, i);
      for (let j = i; j < text.length; j++) {
        const d = text.charCodeAt(j);
        out += d >= 65 && d <= 90 ? String.fromCharCode(d + 32) : text[j];
      }
      return out;
    }
  }
  return text;
}

/** A word character as `\w` and `\b` read one without the `u` flag: ASCII letters, digits and `_`. */
export function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
