// `ln -s TARGET NAME`: where a symbolic link lands, for the readers of
// landings (effects/landing.ts).
import * as path from 'node:path';
import { hasFlag } from '../command/args';
import type { AnalysisContext, SimpleCommand } from '../types';
import { landing, where, type Landing } from './landingParts';

const posix = path.posix;

/**
 * `ln -s TARGET NAME`: NAME stands for TARGET's whole tree from then on, so a
 * link named as a protected folder (`.claude`, `.github/workflows`, `~/.ssh`)
 * hands every file below it to wherever the link leads: a place that is not
 * protected and may be rewritten later. What TARGET holds now says nothing
 * about later, so the tree below the link is unknown. Into an existing folder
 * the link lands as FOLDER/NAME; with `-n` (`-T`) an existing link to a folder
 * is replaced, not entered; both are judged where either may be meant or
 * the file system cannot say which.
 */
export function linkLandings(
  argv: readonly string[],
  sources: readonly string[],
  dest: string,
  into: boolean,
  unsure: boolean,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): Landing[] {
  const replaces = hasFlag(argv, ['-n', '--no-dereference', '-T', '--no-target-directory']);
  const out: Landing[] = [];
  for (const word of sources) {
    const from = where(word, cmd, ctx)?.abs;
    const named = word.replace(/\/+$/, '');
    const base = named && !/[*?[$`]/.test(named) ? posix.basename(named) : undefined;
    const at: string[] = [];
    if ((into || unsure) && base !== undefined) at.push(posix.join(dest, base));
    // A glob or an expansion names links the engine cannot list: each lands somewhere under the folder.
    else if (into) at.push(dest);
    if (!into || replaces || unsure) at.push(dest);
    for (const a of at) out.push({ ...landing(a, () => undefined, from), link: true });
  }
  return out;
}
