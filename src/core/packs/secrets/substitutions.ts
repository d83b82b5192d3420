// What a command substitution in a network command's words hands over:
// `curl -d "$(env)"`, `curl -d "$(<.env)"`, `curl -d "$(gzip -c .env | base64)"`,
// `curl -d "$(openssl base64 -in .env)"`. However the file is read (cat,
// base64, xxd, a `<` redirect, `$(<file)`) and whatever the pipeline does to
// it afterwards, what leaves is the credential's content.
import type { AnalysisContext, SimpleCommand } from '../../types';
import { credentialIn } from '../common/credentials';
import { isEnvDump } from './printed';
import { FILTERS, PRINTERS } from './common';
import { printsMatches } from './files';

/** Bodies looked at per word, and words per body: past them the rest of the word is not read. */
const MAX_BODIES = 16;
const MAX_WORDS = 64;

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
function shellWords(text: string): string[] {
  return text
    .replace(/(\d*<+)/g, ' $1 ')
    .split(/\s+/)
    .map((w) => w.replace(/["']/g, ''))
    .filter(Boolean)
    .slice(0, MAX_WORDS + 1);
}

/** What is shown when a substitution holds more than is read: a secret there would leave unseen. */
const UNREAD = 'more of its $(…) than AgentGuard reads (a secret read there would go unseen)';

/** What one command of a substitution reads that may be a credential: its operands and what it reads on `<`. */
function readWords(words: readonly string[]): string[] {
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

/** What an environment dump hands over: the named secrets (`printenv GITHUB_TOKEN`), or every variable. */
export function dumpedWhat(from: readonly string[]): string {
  const names = from.slice(1).filter((w) => !w.startsWith('-') && !w.includes('='));
  return names.length ? names.map((n) => '$' + n).join(', ') : 'the whole environment';
}

/**
 * What a substitution in the command's unresolved words sends, for a
 * human (`the whole environment`, `.env`), if it reads the environment or a
 * credential file anywhere in its pipelines.
 */
export function substitutedSecret(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  for (let i = 1; i < cmd.argv.length; i++) {
    if (!cmd.dynamic[i]) continue;
    const w = cmd.argv[i];
    if (!w.includes('$(') && !w.includes('`')) continue;
    const bodies = substitutionBodies(w, MAX_BODIES + 1);
    if (bodies.length > MAX_BODIES) return UNREAD;
    for (const body of bodies) {
      // `$(<file)`: bash reads the file without a program.
      const direct = /^\s*<\s*(\S+)\s*$/.exec(body);
      if (direct) {
        const hit = credentialIn([direct[1].replace(/["']/g, '')], cmd, ctx);
        if (hit) return hit.shown;
        continue;
      }
      const parts = body.split(/\|\|?|&&|;|\n/, MAX_BODIES + 1);
      if (parts.length > MAX_BODIES) return UNREAD;
      for (const part of parts) {
        const words = shellWords(part);
        if (words.length > MAX_WORDS) return UNREAD;
        if (words.length === 0 || words[0].includes('$(')) continue;
        if (isEnvDump(words)) return dumpedWhat(words);
        const hit = credentialIn(readWords(words), cmd, ctx);
        if (hit) return hit.shown;
      }
    }
  }
  return undefined;
}

/**
 * A credential file of the project whose content a substitution hands to the
 * printing command around it: `echo "$(cat .env)"`, `printf '%s' "$(<.env)"`,
 * `echo "$(grep KEY .env)"`. The substitution's one command must pass the
 * content on (a printer or a filter that prints what it matches):
 * `echo "$(wc -l < .env)"` prints a count. A credential outside the project is
 * already gated where it is read, inside the substitution (secrets/files.ts),
 * and so is one piped on to a printer there (`$(cat .env | base64)`): that
 * reader's output is shown, and reported once, by its own command.
 */
export function printedSubstitution(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  // The source, not the words: a substitution the reader could resolve (`$(cat .env)`) is already its output there.
  // Single quotes keep `$(…)` as text.
  const text = cmd.source.includes("'") ? cmd.source.replace(/'[^']*'/g, "''") : cmd.source;
  if (!text.includes('$(') && !text.includes('`')) return undefined;
  for (const body of substitutionBodies(text)) {
    const direct = /^\s*<\s*(\S+)\s*$/.exec(body);
    if (!direct && (body.includes('|') || /[;&\n]/.test(body))) continue;
    const words = direct ? [] : shellWords(body);
    const passes =
      words.length > 0 && (PRINTERS.has(words[0]) || FILTERS.has(words[0])) && printsMatches(words[0], words);
    const read = direct ? [direct[1].replace(/["']/g, '')] : passes ? readWords(words) : [];
    const hit = read.length ? credentialIn(read, cmd, ctx) : undefined;
    if (hit?.project) return hit.shown;
  }
  return undefined;
}
