// The words of fish's `abbr`, read once for both places that judge it: the
// translation (definitions.ts) and the walk (laterNames.ts). fish reads them
// with argparse, so an option's value may follow it (`-f FN`), be joined to it
// (`-fFN`, `--function=FN`), short options may be grouped (`-af FN`), and a long
// option may be cut short (`--func FN`: longOptions.ts).
import { ABBR_LONG, spelledInFull } from './longOptions';

/** What one `abbr` call asks for. */
export interface AbbrArgs {
  /** `add` unless a mode that only looks or erases, or `--rename`, comes first. */
  mode: 'add' | 'rename' | 'other';
  positional: string[];
  /** `--function FN`: the expansion is what FN prints. */
  fn?: string;
  /** `--regex PATTERN`: every word the pattern matches expands. */
  regex?: string;
  /** `--position anywhere`: the expansion may land inside a line. */
  anywhere: boolean;
}

/** Short options that take a value, and the long names they stand for. */
const SHORT_VALUE: Readonly<Record<string, string>> = { p: 'position', r: 'regex', f: 'function', c: 'command' };
const LONG_VALUE = new Set(['position', 'regex', 'function', 'command']);
/** Modes that only look or erase: nothing new runs. */
const SHORT_OTHER = new Set(['e', 'l', 's', 'q']);
const LONG_OTHER = new Set(['erase', 'list', 'show', 'query']);

/** The words after `abbr` (bounded by their count: one pass). */
export function readAbbrArgs(words: readonly string[]): AbbrArgs {
  const args = spelledInFull(words, ABBR_LONG);
  const out: AbbrArgs = { mode: 'add', positional: [], anywhere: false };
  const mode = (m: AbbrArgs['mode']) => {
    if (out.mode === 'add') out.mode = m;
  };
  const option = (long: string, value: string) => {
    if (long === 'function') out.fn = value;
    else if (long === 'regex') out.regex = value;
    else if (long === 'position' && value === 'anywhere') out.anywhere = true;
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '--') {
      out.positional.push(...args.slice(k + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const long = a.slice(2, eq === -1 ? undefined : eq);
      if (long === 'rename') mode('rename');
      else if (LONG_OTHER.has(long)) mode('other');
      else if (LONG_VALUE.has(long)) option(long, eq === -1 ? (args[++k] ?? '') : a.slice(eq + 1));
    } else if (a.startsWith('-') && a.length > 1) {
      for (let i = 1; i < a.length; i++) {
        const long = SHORT_VALUE[a[i]];
        if (long !== undefined) {
          // The rest of the group is the value, or the next word when nothing is left.
          option(long, i + 1 < a.length ? a.slice(i + 1) : (args[++k] ?? ''));
          break;
        }
        if (SHORT_OTHER.has(a[i])) mode('other');
      }
    } else out.positional.push(a);
  }
  return out;
}
