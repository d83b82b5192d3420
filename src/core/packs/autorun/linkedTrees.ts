// A tree of links to a folder that holds places that run code later (`cp -al
// ~/.config/git c`, `cp -rs ~/.config/nvim n`, `lndir ~/.config/systemd/user
// u`): every file below gets a second name, and a write through it (on the
// same line, before the links are on disk to follow) rewrites the place. One
// file linked is judged as `ln` of it is (its effects: a write of the source).
import * as path from 'node:path';
import { linkSources } from '../../effects/linkSources';
import { isAncestorOrSelf } from '../../effects/pathTouch';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { ID } from './ids';
import { autorunPlaceList, KIND_WHAT, listedPlace } from './places';
import { plantFinding } from './plantFinding';

/** Findings for listed autorun places below (or at) a folder a command links as a whole tree. */
export function linkedTreeFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (cmd.remote) return [];
  const linked = linkSources(cmd);
  if (!linked.tree) return [];
  const out: Finding[] = [];
  let list: ReturnType<typeof autorunPlaceList> | undefined;
  for (const word of linked.words) {
    // A word known only at run time was not resolved; its static part is judged by the guard's own rules.
    if (/^[$`~]/.test(word)) continue;
    const abs = path.posix.resolve(linked.dir, word);
    list ??= autorunPlaceList(ctx.workspace, ctx.home);
    const hit = list.find((p) => isAncestorOrSelf(abs, p.path));
    if (!hit) continue;
    const place = listedPlace(hit.path, hit.kind, { workspace: ctx.workspace, home: ctx.home });
    out.push(
      plantFinding(
        ID[hit.kind],
        `${cmd.argv[0]} links ${word} as a whole tree: ${place.shown} below it gets a second name through which it can be rewritten, and ${KIND_WHAT[hit.kind]}`,
        undefined,
        place.shown,
        `copy the files (cp -r without -l or -s), so the copies are not the originals`,
      ),
    );
  }
  return out;
}
