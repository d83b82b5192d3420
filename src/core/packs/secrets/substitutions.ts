// What a command substitution in a network command's words hands over:
// `curl -d "$(env)"`, `curl -d "$(<.env)"`, `curl -d "$(gzip -c .env | base64)"`,
// `curl -d "$(openssl base64 -in .env)"`. However the file is read (cat,
// base64, xxd, a `<` redirect, `$(<file)`) and whatever the pipeline does to
// it afterwards, what leaves is the credential's content.
import type { AnalysisContext, SimpleCommand } from '../../types';
import { credentialIn } from '../common/credentials';
import { MAX_BODIES, MAX_WORDS, readWords, shellWords, substitutionBodies, UNREAD } from '../common/substitutedFiles';
export { substitutionBodies } from '../common/substitutedFiles';
import { isEnvDump } from './printed';
import { FILTERS, PRINTERS } from './common';
import { printsMatches } from './files';

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
export function substitutedSecret(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  opts: { outsideProject?: boolean } = {},
): string | undefined {
  // A project's own credential file, when only what is not the project's counts (a secret store's own job).
  const counts = (hit: { project: boolean } | undefined) => hit !== undefined && !(opts.outsideProject && hit.project);
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
        if (hit && counts(hit)) return hit.shown;
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
        if (hit && counts(hit)) return hit.shown;
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
