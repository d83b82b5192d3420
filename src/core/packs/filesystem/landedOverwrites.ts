// A copy, sync or extraction into a folder outside the workspace replaces the files of the same name there:
// `tar -xf x.tar -C ~/notes`, `unzip -o x.zip -d ~/notes`, `rsync -a src/ ~/notes/`, `cp -r tpl/. ~/notes` lose what
// those files held, as `cp x ~/notes/a.txt` does (writes.ts asks for that one). Each path that lands
// (effects/landing.ts: the source folder listed, the archive's members read) is looked up on disk, and one that is
// an existing file asks as the direct write would. What lands unknown (an archive made on the line, a download) is
// left to the readers that ask for it: into a folder of files already there, nothing is known to be replaced.
import * as path from 'node:path';
import { landings } from '../../effects/landing';
import { classifyPath, displayPath } from '../../command/paths';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { KEEP_COPY_ALT, OUTSIDE_OWN } from './writes';

/** Landed paths looked up for one command: a tree larger than this was listed as unknown already (landing.ts). */
const MAX_LOOKUPS = 2048;

/** The first existing file outside the workspace that a copy, sync or extraction replaces, as a finding. */
export function landedOverwrite(cmd: SimpleCommand, ctx: AnalysisContext, home: string): Finding | undefined {
  if (cmd.remote || !ctx.stat) return undefined;
  let lookups = 0;
  for (const l of landings(cmd, ctx)) {
    if (l.link) continue;
    const at = classifyPath(l.at, cmd.cwd, cmd.env, ctx);
    if (at.dynamic || at.regenerable || !OUTSIDE_OWN.has(at.location)) continue;
    for (const rel of l.entries() ?? []) {
      if (++lookups > MAX_LOOKUPS) return undefined;
      const abs = rel ? path.posix.join(l.at, rel) : l.at;
      const s = ctx.stat(abs);
      if (!s?.isFile || s.isDir) continue;
      const what = displayPath(abs, ctx, home);
      const from = l.from === undefined ? '' : ` from ${displayPath(l.from, ctx, home)}`;
      return finding(
        'fs.overwrite-outside-workspace',
        45,
        `replaces ${what}, an existing file outside the workspace, with what lands there${from}: what it held is lost`,
        what,
        KEEP_COPY_ALT,
      );
    }
  }
  return undefined;
}
