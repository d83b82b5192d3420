// `value   # a note` → `value`: a `#` after white space starts a comment in YAML, .env and INI values. The text before
// it is found in one pass: the regular expression `/\s+#.*$/` this replaces goes back over every run of white space
// it tries, and a line of 160,000 spaces took 20 s to read (a file the agent writes can hold one).

const LINE_END = /[\n\r\u2028\u2029]/g;

/** The text without a trailing comment: what `text.replace(/\s+#.*$/, '')` gives, in time linear in the text. */
export function withoutTrailingComment(text: string): string {
  if (!text.includes('#')) return text;
  // `.*$` cannot cross a line end: the comment's `#` comes after the last one.
  let last = -1;
  LINE_END.lastIndex = 0;
  for (let m = LINE_END.exec(text); m; m = LINE_END.exec(text)) last = m.index;
  const start = /\s#/g;
  start.lastIndex = Math.max(0, last);
  const hit = start.exec(text);
  if (!hit) return text;
  let from = hit.index;
  while (from > 0 && /\s/.test(text[from - 1])) from--;
  return text.slice(0, from);
}
