// Which characters end a word or change how it is read: the shell's metacharacters,
// and a table the word reader scans plain runs with.
export const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** Characters a word can run over without a second look; everything else ends or changes the word. */
export const PLAIN = 0;
const SPECIAL = 1;
export const CLASS = new Uint8Array(128);
for (const c of ' \t\n\r;&|()<>"\'\\$`#') CLASS[c.charCodeAt(0)] = SPECIAL;

/** `$(cat FILE)`, `$(< FILE)`: a substitution whose value is a file's text. */
const FILE_TEXT_SUBSTITUTION = /\$\(\s*(?:cat\s+(?:--\s+)?|<\s*)([^\s()`;|&<>$]+)\s*\)/g;

/**
 * `$(( $(cat n.txt) ))`: bash evaluates the file's text as arithmetic, so a
 * subscript's `$(…)` in it (`a[$(rm -rf ~)]`) runs. Each such file is read as
 * `read < FILE` reads it (parse/bash/evaluated.ts): these lines, at most 8.
 */
export function fileTextReads(arithmetic: string): string[] {
  return [...arithmetic.matchAll(FILE_TEXT_SUBSTITUTION)].slice(0, 8).map((m) => `read -r REPLY < ${m[1]}`);
}
