// The two glob dialects of `.agentguard.json` besides protectedPaths (which
// are minimatch path globs). Both compile once per loaded config to a RegExp.

import { foldedAt } from '../text/asciiFold';

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

function escapeLiteral(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/** `*` any run of characters, `?` one; `\*`, `\?`, `\\` are literal. */
function globBody(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) out += escapeLiteral(pattern[++i]);
    else if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += escapeLiteral(ch);
  }
  return out;
}

/**
 * Hosts, variable values, kube contexts, profiles, projects, databases:
 * `*` spans dots and slashes (a DATABASE_URL is full of them), and case is
 * ignored because DNS ignores it and a missed production match is the
 * expensive mistake.
 */
export function identityGlob(pattern: string): RegExp {
  return new RegExp(`^${globBody(pattern)}$`, 'is');
}

/** The literal text of a glob's part without wildcards, its escapes undone. */
function literal(part: string): string {
  let out = '';
  for (let i = 0; i < part.length; i++) out += part[i] === '\\' && i + 1 < part.length ? part[++i] : part[i];
  return out;
}

const isAscii = (text: string) => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
};

/**
 * identityGlob's test, with the glob's literal start and end compared first. Compiling the expression cost a
 * hook call about 0.2 ms at its first test, and most values a configured workspace's command carries are not
 * the environment's (`backboard.railway.app` against `*.prod.acme.internal`). A value must start and end as
 * the glob's ASCII literal ends do, ASCII letters compared without case as `/i` without `u` compares them (a
 * character outside ASCII never matches one inside); an end outside ASCII is left to the expression.
 */
export function identityTest(pattern: string): (text: string) => boolean {
  const re = identityGlob(pattern);
  let first = pattern.length;
  let last = -1;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?') {
      first = Math.min(first, i);
      last = i;
    }
  }
  // ASCII is asked of the literal as written: the Kelvin sign lower-cases to an ASCII `k`, which `/i` does not
  // take for it.
  const head = literal(pattern.slice(0, first));
  const tail = last === -1 ? head : literal(pattern.slice(last + 1));
  const start = isAscii(head) ? head.toLowerCase() : '';
  const end = isAscii(tail) ? tail.toLowerCase() : '';
  return (text) => foldedAt(text, 0, start) && foldedAt(text, text.length - end.length, end) && re.test(text);
}

/** Does the glob have a wildcard (`*` or `?` not escaped)? */
export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?') return true;
  }
  return false;
}

/**
 * A rule's `match`, over one command's words joined by single spaces.
 * Whitespace in the pattern is one separator. `*` inside a word spans any
 * characters, spaces included; a `*` standing as a word also matches no
 * words at all, so `git push *` meets a bare `git push` and
 * `git push * --force` meets `git push --force`. Case-sensitive, like the
 * commands themselves.
 */
export function commandGlob(pattern: string): RegExp {
  // Consecutive `*` words mean the same as one.
  const words = pattern
    .trim()
    .split(/\s+/)
    .filter((w, i, all) => !(w === '*' && all[i - 1] === '*'));
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const first = i === 0;
    const last = i === words.length - 1;
    if (word === '*') {
      if (words.length === 1) out += '.*';
      else if (last) out += '(?: .*)?';
      else if (first) out += '(?:.* )?';
      else out += '(?: .*)?';
      continue;
    }
    const leadingStar = i === 1 && words[0] === '*';
    out += (first || leadingStar ? '' : ' ') + globBody(word);
  }
  return new RegExp(`^${out}$`, 's');
}
