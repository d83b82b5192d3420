// What a command substitution in a command's words reads: `"$(cat .env)"`,
// `"$(<.env)"`, `"$(gzip -c .env | base64)"`. However the file is read and
// whatever the pipeline does to it afterwards, its content is the word's value.
// Shared by the packs that judge where such a value goes (a request body, a
// CI variable).
import type { AnalysisContext, SimpleCommand } from '../../types';
import { credentialIn } from './credentials';

/** Bodies looked at per word, and words per body: past them the rest of the word is not read. */
export const MAX_BODIES = 16;
export const MAX_WORDS = 64;

/** Programs whose words are not files they read: their output says nothing of a file's content. */
const NOT_READERS = new Set([
  'echo',
  'printf',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'ls',
  'stat',
  'test',
  '[',
  'file',
  'date',
]);

/** The bodies of `$(…)` and `` `…` `` in a word, outermost first, nested ones too (bounded). */
export function substitutionBodies(word: string, max = MAX_BODIES): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length && out.length < max; i++) {
    if (word[i] === '`') {
      const end = word.indexOf('`', i + 1);
      if (end === -1) break;
      out.push(word.slice(i + 1, end));
      i = end;
    } else if (word[i] === '$' && word[i + 1] === '(' && word[i + 2] !== '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < word.length; j++) {
        if (word[j] === '(') depth++;
        else if (word[j] === ')' && --depth === 0) break;
      }
      out.push(word.slice(i + 2, j));
      // Nested substitutions are read on the next turns of the loop.
      i += 1;
    }
  }
  return out;
}

/** Rough words of a shell snippet: split on blanks, quotes dropped, redirection operators kept apart. */
export function shellWords(text: string): string[] {
  return text
    .replace(/(\d*<+)/g, ' $1 ')
    .split(/\s+/)
    .map((w) => w.replace(/["']/g, ''))
    .filter(Boolean)
    .slice(0, MAX_WORDS + 1);
}

/** What is shown when a substitution holds more than is read: a secret there would leave unseen. */
export const UNREAD = 'more of its $(…) than AgentGuard reads (a secret read there would go unseen)';

/** What one command of a substitution reads that may be a credential: its operands and what it reads on `<`. */
export function readWords(words: readonly string[]): string[] {
  const out: string[] = [];
  const reads = !NOT_READERS.has(words[0] ?? '');
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (/^\d*<+$/.test(w)) {
      if (words[i + 1] !== undefined) out.push(words[++i]);
    } else if (!reads || w.startsWith('>')) continue;
    // `dd if=.env`, `base64 --input=.env`: the value after `=` names the file.
    else if (w.includes('=')) out.push(w.slice(w.indexOf('=') + 1));
    else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

/**
 * The credential file a substitution in one of these words reads, for a human
 * (`.env`); UNREAD past the bounds on what is read.
 */
export function substitutedCredentialFile(
  words: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): string | undefined {
  for (const w of words) {
    if (!w.includes('$(') && !w.includes('`')) continue;
    const bodies = substitutionBodies(w, MAX_BODIES + 1);
    if (bodies.length > MAX_BODIES) return UNREAD;
    for (const body of bodies) {
      const direct = /^\s*<\s*(\S+)\s*$/.exec(body);
      const parts = direct ? ['cat ' + direct[1]] : body.split(/\|\|?|&&|;|\n/, MAX_BODIES + 1);
      if (parts.length > MAX_BODIES) return UNREAD;
      for (const part of parts) {
        const read = shellWords(part);
        if (read.length > MAX_WORDS) return UNREAD;
        if (read.length === 0 || read[0].includes('$(')) continue;
        const hit = credentialIn(readWords(read), cmd, ctx);
        if (hit) return hit.shown;
      }
    }
  }
  return undefined;
}
