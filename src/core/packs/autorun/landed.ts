// Autorun places a copy, sync or extraction writes without naming them:
// `cp -a tpl/. .` writes tpl's `.vscode/tasks.json`, `unzip x.zip -d .husky`
// writes hooks (where husky is set up or declared). Each path that lands
// (effects/landing.ts: the source folder listed, the archive's members read)
// is judged as the direct write of that file, with the source file's or the
// archive member's text when it can be read. When what lands cannot be known
// before the command runs, every listed autorun place below the landing
// folder may be written — except into the workspace folder or one holding
// it: there a folder made on the line is everyday work, an unread archive
// asks (pipelines/landed.ts), and the protected paths below ask already
// (guard/landings.ts).
import * as path from 'node:path';
import { landings } from '../../effects/landing';
import { isAncestorOrSelf } from '../../effects/pathTouch';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { autorunPlace, autorunPlaceList, listedPlace, type AutorunPlace, type PlaceContext } from './places';

const posix = path.posix;

/** Most landed places judged for one command: the first that plants asks; past it, the command asks (more). */
export const MAX_LANDED = 16;

export interface LandedPlace {
  /** Absolute path the file lands at. */
  path: string;
  place: AutorunPlace;
  /** The file it is copied from, when it is a file on disk now (a folder's file; not an archive member). */
  source?: string;
  /** An archive member's text, read out of the archive (undefined when it cannot be). */
  read?: () => string | undefined;
}

export function landedPlaces(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  placesOf: () => PlaceContext,
): { places: LandedPlace[]; more: boolean } {
  const out: LandedPlace[] = [];
  if (cmd.remote) return { places: out, more: false };
  const found = landings(cmd, ctx);
  // The place context reads git's config files: a command that lands nothing must not read them (a judgment
  // that reads nothing is one `check --batch` may answer again without judging).
  if (!found.length) return { places: out, more: false };
  const places = placesOf();
  for (const l of found) {
    const entries = l.entries();
    if (!entries) {
      // A folder holding the workspace (the workspace itself, the home) holds its config and .git too:
      // protected paths ask for the whole already, and into the workspace folder it is everyday work.
      if (isAncestorOrSelf(l.at, ctx.workspace)) continue;
      const hooks = (places.hookDirs ?? []).map((d) => ({ path: d, kind: 'git-hook' as const }));
      const listed = [...autorunPlaceList(ctx.workspace, ctx.home), ...hooks].find((p) =>
        isAncestorOrSelf(l.at, p.path),
      );
      if (!listed) continue;
      if (out.length >= MAX_LANDED) return { places: out, more: true };
      out.push({ path: listed.path, place: listedPlace(listed.path, listed.kind, places) });
      continue;
    }
    for (const rel of entries) {
      const p = rel ? posix.join(l.at, rel) : l.at;
      const place = autorunPlace(p, places);
      if (!place) continue;
      // An archive's member is no file on disk: its text is read out of the archive.
      const read = l.read;
      const source = l.from === undefined || read ? undefined : rel ? posix.join(l.from, rel) : l.from;
      // A folder lands as its files, each listed and judged on its own (`.git/hooks` by `.git/hooks/pre-commit`).
      if (source !== undefined && ctx.stat?.(source)?.isDir) continue;
      // Places past the bound are not judged: what they would run is unread, so the command is asked about.
      if (out.length >= MAX_LANDED) return { places: out, more: true };
      if (read) out.push({ path: p, place, read: () => read(rel) });
      else out.push(source === undefined ? { path: p, place } : { path: p, place, source });
    }
  }
  return { places: out, more: false };
}
