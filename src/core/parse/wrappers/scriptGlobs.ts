// A script named by a pattern: `bash scripts/*.sh`, `python3 tools/*.py`, `for f in scripts/*.sh; do bash "$f";
// done` (the loop's word is the pattern), `find scripts -name '*.sh' -exec bash {} \;` (read as `scripts/**/*.sh`).
// Each file the pattern matches on disk is read as `bash FILE` reads one, whether the shell runs it (a loop, find) or
// hands it to the first as an argument: a superset, never less than what runs. More matches than are read is asked.
import * as path from 'node:path';
import { expandGlob, isGlob } from '../../command/glob';
import { shellWord } from '../../text/shellWord';
import { UNKNOWN } from '../dynamic';
import { parseFinding, type Scope, type Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';

/** Scripts read for one pattern, at most. */
export const MAX_GLOB_SCRIPTS = 16;

/** The files `word` matches, each run by `program` as its own line; undefined when `word` is no pattern or matches nothing. */
export function globScripts(word: string, program: string, scope: Scope, w: Walker): UnwrapStep | undefined {
  if (!isGlob(word) || word.includes(UNKNOWN) || word.includes('$')) return undefined;
  const abs = path.resolve(scope.cwd, word.replace(/^~(?=\/)/, scope.vars.HOME ?? w.ctx.home));
  const found = expandGlob(abs, w.ctx, word.includes('**'));
  if (!found) return undefined;
  if ('tooMany' in found || found.matches.length > MAX_GLOB_SCRIPTS) {
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        50,
        `\`${program} ${word}\` runs scripts matching a pattern that names more files than AgentGuard reads (${MAX_GLOB_SCRIPTS}): what they do was not judged, so a human must look at it`,
        word,
      ),
    );
    return { kind: 'done' };
  }
  if (found.matches.length === 0) return undefined;
  const text = found.matches.map((m) => `${shellWord(program)} ${shellWord(m.path)}`).join('\n');
  return { kind: 'script', text, via: `${program} ${word}` };
}
