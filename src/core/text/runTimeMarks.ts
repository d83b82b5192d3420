// The marks the shell reader writes into words and scopes for what is known only at run time: shared by the reader
// (parse/dynamic.ts) and by the rooms below it that read its words, such as where a path leads (command/paths.ts).

/** Marks the start and end of an unresolved expansion inside a value (a word, a variable in scope). */
export const UNKNOWN = '\u0001';

/** Whether a word the shell expands names its file only at run time: the last part of its path is not known before. */
export function fileNamedAtRunTime(word: string): boolean {
  // A word with nothing filled in when the line runs is its own name, a folder's (`dist/`) too.
  if (!/[$`\u0001]/.test(word)) return false;
  const last = word.slice(word.lastIndexOf('/') + 1);
  return last === '' || last.includes('$') || last.includes('`') || last.includes(UNKNOWN);
}

/** One expansion or more, end to end (`$A$B`, `${P}$(cat f)`): each part is known only at run time. */
const WHOLE_EXPANSION = /^(?:\$(?:\w+|[@*#?!$-])|\$\{[^}]*\}|\$\([\s\S]*\)|`[\s\S]*`|\u0001[\s\S]*\u0001)+$/;

/**
 * Whether a word is nothing but values known only at run time (`"$CODE"`, `"$(cat "$F")"`, `"$A$B"`), with no text
 * of its own: a script or a pattern that cannot be read before it runs.
 */
export function wholeRunTimeValue(word: string): boolean {
  return WHOLE_EXPANSION.test(word.trim());
}

/** Past this much source the spelling is not looked for: the word is read as the value it seems. */
const MAX_SOURCE = 8192;

/**
 * wholeRunTimeValue, read against the line as written: the reader keeps no braces in its words, so `"${N}p"` (a
 * sed address, line N) reaches it as `$Np`, which alone would read as one variable. Each variable of the word must
 * be spelled in the source as that whole name (`$Np`, `${Np}`).
 */
export function wholeRunTimeAsWritten(word: string, source: string): boolean {
  if (!wholeRunTimeValue(word)) return false;
  if (source.length > MAX_SOURCE) return true;
  for (const m of word.matchAll(/\$(\w+)/g)) {
    const name = m[1];
    if (!new RegExp(`\\$(?:${name}(?!\\w)|\\{${name}\\})`).test(source)) return false;
  }
  return true;
}

/** Separator of array elements stored in a scope (never part of a shell word). */
export const ARRAY_SEP = '\u0003';

/** Scope key holding an array's elements (`@` for the positional parameters): not a valid variable name. */
export function arrayKey(name: string): string {
  return ARRAY_SEP + name;
}

/**
 * The last `cd` whose folder is known only at run time (`cd "$d"`): the folder it was read from and the word, as
 * `folder ARRAY_SEP word`. Paths in that folder are read as below the word (command/paths.ts), since `$d` may hold an absolute path.
 */
export const RUN_TIME_CD = arrayKey('run-time-cd');
