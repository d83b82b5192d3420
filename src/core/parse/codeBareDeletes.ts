// Deletes written without parentheses, where the rest of the statement is the
// path: Perl's `unlink F`, Ruby's `FileUtils.rm_r F`, and FileUtils' names
// bare, as a Rakefile (or code that includes FileUtils) calls them. Rake's
// CLEAN and CLOBBER lists are deleted by `rake clean` / `rake clobber`: a path
// put on them is read as a delete of that path.

import { topLevelIndex } from './codeScan';

/** The parts of a code reading a delete adds to (interpreters.ts's CodeReading). */
interface DeleteReading {
  deletes: { path: string; recursive: boolean }[];
}

interface Readers {
  path: (expr: string) => string;
  /** The argument expression starting at `from`, up to the next `,` or closing bracket at its level. */
  argumentAt: (code: string, from: number) => string;
  args: (text: string) => string[];
}

/** A bare `rm` only where a statement starts, so `rm` in a string's prose is no call. */
const BARE_DELETE: ReadonlyMap<string, RegExp> = new Map([
  ['perl', /\bunlink\s+(?!\()/g],
  [
    'ruby',
    /(?:\b(?:FileUtils|File|Dir)\.(?:rm_rf|rm_r|rm_f|rm|rmtree|remove_dir|remove_entry(?:_secure)?|delete|unlink|rmdir)|(?<![\w.:$@]|\bdef\s+)(?:rm_rf|rm_r|rm_f|rmtree|remove_dir|remove_entry(?:_secure)?|safe_unlink)|(?<=(?:^|[;{|]|\b(?:do|then|else))[ \t]*)rm)[ \t]+(?![\s(=-])/gm,
  ],
]);
/** `CLEAN.include("a", "b")`, `CLOBBER.include ["a"]`, `CLEAN << "a"`. */
const RAKE_CLEAN = /\b(?:CLEAN|CLOBBER)\s*(?:\.\s*include\b[ \t]*(\(?)|<<)[ \t]*/g;
const MAX_DELETES = 256;

/** Records the bare deletes of `code`; true when there were more than the bound (the code is then not read whole). */
export function readBareDeletes(reading: DeleteReading, language: string, code: string, read: Readers): boolean {
  const bare = BARE_DELETE.get(language);
  if (!bare) return false;
  let count = 0;
  let m: RegExpExecArray | null;
  bare.lastIndex = 0;
  while ((m = bare.exec(code))) {
    if (++count > MAX_DELETES) return true;
    const arg = statement(read.argumentAt(code, m.index + m[0].length));
    if (arg) reading.deletes.push({ path: read.path(arg), recursive: /r(?:m_r|mtree|emove_dir)/.test(m[0]) });
  }
  if (language !== 'ruby' || !/\b(?:CLEAN|CLOBBER)\b/.test(code)) return false;
  RAKE_CLEAN.lastIndex = 0;
  while ((m = RAKE_CLEAN.exec(code))) {
    const start = m.index + m[0].length;
    // Without parentheses the list is the rest of the statement; `["a", "b"]` and `%w[a b]` are lists of paths.
    const text = m[1]
      ? code.slice(
          start,
          topLevelIndex(code, start, 2048, (c) => c === ')'),
        )
      : statement(code.slice(start, start + 2048));
    const words = /^%w[[(]([^\])]*)/.exec(text.trim())?.[1];
    const list =
      words !== undefined
        ? words
            .split(/\s+/)
            .filter(Boolean)
            .map((w) => `"${w}"`)
        : read.args(text.replace(/^\s*\[\s*/, ''));
    for (const arg of list) {
      if (!arg) continue;
      if (++count > MAX_DELETES) return true;
      reading.deletes.push({ path: read.path(arg), recursive: true });
    }
  }
  return false;
}

/** A call's argument without parentheses ends with its line, or before a `;` or a trailing `if` / `unless`. */
function statement(arg: string): string {
  return arg
    .replace(/;.*$/s, '')
    .replace(/\n.*$/s, '')
    .replace(/\s+(?:if|unless)\s.*$/s, '');
}
