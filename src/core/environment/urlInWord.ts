// The URLs a word holds (`DATABASE_URL=postgres://…`, `"https://…"`), as URL_IN_WORD finds them. That expression
// is a long case-insensitive alternation of schemes whose first test cost a hook call 0.45–0.6 ms, V8 compiling
// it: a process's first short texts are read by a scan in code that finds the same URLs, and the expression
// takes over once the process has used it enough for compiling to pay (text/compiledLater.ts gives the reason).
// test/unit/environment/urlInWord.test.ts compares the two on every scheme and on characters `/i` folds.
import { asciiLower } from '../text/asciiFold';
import { SCANNED_LENGTH, SCANNED_TESTS } from '../text/compiledLater';
import { DB_SCHEMES, URL_IN_WORD } from './programs';

const SCHEMES: ReadonlySet<string> = new Set([...DB_SCHEMES, 'http', 'https', 'ws', 'wss', 'ssh', 'ssh+git']);

/** What may stand right before a scheme: the start of the word or one of `=:@"'(,`. */
const isLead = (c: number) => c === 61 || c === 58 || c === 64 || c === 34 || c === 39 || c === 40 || c === 44;

/** `\s` without the `u` flag: ASCII whitespace and Unicode's spaces, line ends and the byte-order mark. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Where a URL's text stops: `[\s"'<>]`. */
const ends = (c: number) => c === 34 || c === 39 || c === 60 || c === 62 || isSpaceCode(c);

/**
 * URL_IN_WORD's matches (group 1), by scanning. A scheme holds neither `:` nor a lead character, so each `://`
 * has at most one place a scheme may start, and matches come in the order of their `://`.
 */
export function scanUrlsInWord(text: string): string[] {
  const out: string[] = [];
  let from = 0; // where the expression's next search would start (its lastIndex)
  for (let j = text.indexOf('://'); j !== -1; j = text.indexOf('://', j + 1)) {
    // A scheme holds no lead character (`:` is one), so it can only start right after the last lead before `://`.
    let lead = j - 1;
    while (lead >= 0 && !isLead(text.charCodeAt(lead))) lead--;
    if (lead < 0 ? from !== 0 : lead < from) continue;
    const start = lead + 1;
    const scheme = asciiLower(text.slice(start, j));
    if (!SCHEMES.has(scheme)) continue;
    let k = j + 3;
    while (k < text.length && !ends(text.charCodeAt(k))) k++;
    if (k === j + 3) continue;
    out.push(text.slice(start, k));
    from = k;
    j = k - 1;
  }
  return out;
}

/** URL_IN_WORD's matches (group 1), by the expression. */
export function matchUrlsInWord(text: string): string[] {
  const out: string[] = [];
  URL_IN_WORD.lastIndex = 0;
  for (let m = URL_IN_WORD.exec(text); m; m = URL_IN_WORD.exec(text)) out.push(m[1]);
  return out;
}

let scans = SCANNED_TESTS;

/** The URLs in `text`: scanned for a process's first short texts, then found by the expression. */
export function urlsInWord(text: string): string[] {
  if (scans > 0 && text.length <= SCANNED_LENGTH) {
    scans--;
    return scanUrlsInWord(text);
  }
  return matchUrlsInWord(text);
}
