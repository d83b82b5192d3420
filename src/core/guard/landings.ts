// What a copy, move, sync or extraction puts below the folder it lands in,
// judged by protectedPaths.ts through the same judge as every other touch.
import * as path from 'node:path';
import type { Touch } from '../effects/pathTouch';
import type { Landing } from '../effects/landing';
import type { AnalysisContext, Finding, SimpleCommand } from '../types';
import { own } from '../text/own';

const posix = path.posix;
const LANDS: Record<string, string> = {
  mv: 'moves',
  ln: 'links',
  tar: 'extracts',
  gtar: 'extracts',
  bsdtar: 'extracts',
  unzip: 'extracts',
  ar: 'extracts',
  'dpkg-deb': 'extracts',
  cabextract: 'extracts',
  unrar: 'extracts',
  unar: 'extracts',
  unsquashfs: 'extracts',
  jar: 'extracts',
  git: 'checks out',
  hg: 'checks out',
  svn: 'checks out',
  gh: 'checks out',
  degit: 'checks out',
  tiged: 'checks out',
};

/** Judges one touch as protectedPaths.ts does (spelled, through symlinks, hard links), and shows a path. */
export interface TouchJudge {
  judge(t: Touch): Finding | undefined;
  display(p: string): string;
  /** Severity an unknown landing is capped at: asked, never denied outright. */
  unknownCap: number;
}

/**
 * Nothing protected below the landing folder: no finding. A protected path
 * among what lands: the finding for it. Unknown contents: every protected
 * path below the folder — except into the workspace folder itself, where an
 * unknown archive or a folder made on the same line is everyday work (the
 * workspace's own protected files are then the sandbox's to keep). A folder
 * inside the workspace that holds protected files (a host's settings folder,
 * `.claude`, `.vscode`) is no such everyday place: it is judged as any other.
 */
export function landingFinding(
  l: Landing,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  j: TouchJudge,
): Finding | undefined {
  const whole = j.judge({ kind: 'write', path: l.at, dir: l.at, tree: true });
  if (!whole) return undefined;
  const verb = own(LANDS, cmd.argv[0]) ?? 'copies';
  const from = l.from ? j.display(l.from) : 'what it is given';
  const entries = l.entries();
  if (entries) {
    for (const rel of entries) {
      const p = rel ? posix.join(l.at, rel) : l.at;
      const f = j.judge({ kind: 'write', path: p, dir: p, tree: false });
      if (f) return { ...f, summary: `${cmd.argv[0]} ${verb} ${from} into ${j.display(l.at)}: it ${f.summary}` };
    }
    return undefined;
  }
  if (l.at === ctx.workspace) return undefined;
  if (l.link)
    return {
      ...whole,
      severity: Math.min(whole.severity, j.unknownCap),
      summary: `ln makes ${j.display(l.at)} a link to ${from}, so every file below it is whatever that place holds, now or later: ${whole.summary}`,
      alternative: `copy the files you need into ${j.display(l.at)} instead of linking it elsewhere`,
    };
  return {
    ...whole,
    severity: Math.min(whole.severity, j.unknownCap),
    summary: `${cmd.argv[0]} ${verb} ${from} into ${j.display(l.at)}, whose contents cannot be known before it runs: ${whole.summary}`,
  };
}
