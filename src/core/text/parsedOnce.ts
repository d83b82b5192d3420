// What a file's text parses to, remembered by the text itself. The engine
// reads the same few files for line after line (the repository's git config
// and the user's, the workspace's package.json): each read still goes to the
// disk, so a file rewritten between two lines is read anew, and only the
// parsing of text already parsed is skipped. Keyed by the whole text, never
// by the file's name or time: a remembered result is the one parsing that
// same text gives. The results are shared, so they are read-only.

/** Texts remembered per parser (a batch has one workspace and home, so a few files), and the longest one. */
const MAX_TEXTS = 16;
const MAX_TEXT_LENGTH = 64 * 1024;

/** `parse`, remembering its results for the last texts it was given. */
export function parsedOnce<T>(parse: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    // A read that finds the file unchanged returns the same string as before: its hash is already computed.
    if (known.has(text)) return known.get(text)!;
    const value = parse(text);
    if (text.length > MAX_TEXT_LENGTH) return value;
    if (known.size >= MAX_TEXTS) known.delete(known.keys().next().value!);
    known.set(text, value);
    return value;
  };
}
