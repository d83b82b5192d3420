// One word written so that a POSIX shell reads it back unchanged: bare when
// it holds only characters no shell treats specially, else single-quoted.
// Every place that turns an argv back into a line uses this one spelling,
// so the line a human is shown, the one a sandbox runs and the one a
// wrapper reads again agree word for word.

/** `word` as a shell reads it back: bare if plain, else single-quoted with `'` closed, escaped and reopened. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
