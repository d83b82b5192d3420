// Whether a shell command may write a file, the pre-check before reading its
// write targets (agentWrites.ts). It was one regular expression:
//
//   /[>]|\b(?:tee|cp|mv|install|curl|wget|dd|sed|ln|tar|unzip|rsync|touch|patch|perl|copy|move|xcopy|robocopy)\b
//    |-(?:Content|Item|File)\b|Invoke-(?:WebRequest|RestMethod)|Out-File|::Write/i
//
// whose first test cost every hook call 0.5–0.8 ms of V8 compiling it, for one
// test. This scan answers exactly what it answered (test/unit/frontdoor/mayWrite.test.ts
// compares the two): `\b…\b` is a whole run of word characters, `-X\b` a run
// right after a hyphen, and `i` without `u` folds ASCII letters only.
import { asciiLower, foldedAt, isWordCode } from '../text/asciiFold';

const WRITERS: ReadonlySet<string> = new Set([
  'tee',
  'cp',
  'mv',
  'install',
  'curl',
  'wget',
  'dd',
  'sed',
  'ln',
  'tar',
  'unzip',
  'rsync',
  'touch',
  'patch',
  'perl',
  'copy',
  'move',
  'xcopy',
  'robocopy',
]);
const AFTER_HYPHEN: ReadonlySet<string> = new Set(['content', 'item', 'file']);
/** The longest word of either set: a longer run is none of them. */
const LONGEST = 8;
/** Phrases matched anywhere, without word boundaries, by their first character (ASCII lower case). */
const PHRASES: Readonly<Record<string, readonly string[]>> = {
  i: ['invoke-webrequest', 'invoke-restmethod'],
  o: ['out-file'],
  ':': ['::write'],
};

export function mayWrite(command: string): boolean {
  if (command.includes('>')) return true;
  const n = command.length;
  for (let i = 0; i < n;) {
    if (!isWordCode(command.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWordCode(command.charCodeAt(j))) j++;
    if (j - i <= LONGEST) {
      const word = asciiLower(command.slice(i, j));
      if (WRITERS.has(word)) return true;
      if (i > 0 && command.charCodeAt(i - 1) === 45 && AFTER_HYPHEN.has(word)) return true;
    }
    i = j;
  }
  // Every phrase holds a hyphen or `::`: most commands skip the scan.
  if (!command.includes('-') && !command.includes('::')) return false;
  for (let i = 0; i < n; i++) {
    let c = command.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    const phrases = c === 105 ? PHRASES.i : c === 111 ? PHRASES.o : c === 58 ? PHRASES[':'] : undefined;
    if (phrases) for (const p of phrases) if (foldedAt(command, i, p)) return true;
  }
  return false;
}
