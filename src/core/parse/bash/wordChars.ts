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

/** `{name}` right before a redirection operator: a variable receives the descriptor number (bash 4.1+, zsh). */
const FD_VARIABLE = /^\{([A-Za-z_][A-Za-z0-9_]{0,63})\}(?=[<>])/;

/**
 * Where a redirection's operator would start at `pos`, with the descriptor written before it (`2>`, `{fd}<`);
 * undefined when none can start here.
 */
export function redirectPrefix(s: string, pos: number): { at: number; fd?: number; fdVar?: string } | undefined {
  const first = s.charCodeAt(pos);
  if (first === 123) {
    const fdVar = FD_VARIABLE.exec(s.slice(pos, pos + 80))?.[1];
    return fdVar ? { at: pos + fdVar.length + 2, fdVar } : undefined;
  }
  // Otherwise only a digit, `<`, `>` or `&` can start one.
  if (!((first >= 48 && first <= 57) || first === 60 || first === 62 || first === 38)) return undefined;
  let i = pos;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i === pos) return { at: pos };
  return s[i] === '<' || s[i] === '>' ? { at: i, fd: Number(s.slice(pos, i)) } : undefined;
}
