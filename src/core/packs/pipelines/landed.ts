// CI, container and make files a copy, sync or extraction lands without
// naming them: `cp -r tpl/.github .`, `rsync -a tpl/ ./` write tpl's
// workflows as surely as `cp tpl/.github/workflows/z.yml .github/workflows/`
// does. Each is judged as that direct write is (pipelines.ts), with the
// source file's text; one whose text cannot be read now (an archive member
// not read, a folder made earlier on the line) is left as its direct write
// of unknown text is. Past the bound, what is left unread is asked about.
import * as path from 'node:path';
import { landings } from '../../effects/landing';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { pipelineKind } from './formats';

const posix = path.posix;

/** Most landed pipeline files read for one command. */
export const MAX_LANDED_FILES = 16;

export interface LandedFile {
  path: string;
  before: string | undefined;
  after: string;
}

/** The pipeline files a command lands with their text, and whether more landed than were read. */
export function landedPipelineFiles(cmd: SimpleCommand, ctx: AnalysisContext): { files: LandedFile[]; more: boolean } {
  const files: LandedFile[] = [];
  if (cmd.remote) return { files, more: false };
  for (const l of landings(cmd, ctx)) {
    // Where the source is no folder on disk (an archive, a checkout), its files' text is not read here.
    if (l.from === undefined) continue;
    const entries = l.entries();
    if (!entries) continue;
    for (const rel of entries) {
      const p = rel ? posix.join(l.at, rel) : l.at;
      if (!pipelineKind(p)) continue;
      const after = ctx.readFile(rel ? posix.join(l.from, rel) : l.from, cmd.cwd);
      if (after === undefined) continue;
      if (files.length >= MAX_LANDED_FILES) return { files, more: true };
      files.push({ path: p, before: ctx.readFile(p, cmd.cwd), after });
    }
  }
  return { files, more: false };
}

/** More pipeline files land than are read: the rest would run later unjudged, so the command is asked about. */
export function landedPastBound(cmd: SimpleCommand): Finding {
  return finding(
    'autorun.ci-step',
    50,
    `${cmd.argv[0]} lands more than ${MAX_LANDED_FILES} CI, container or make files; AgentGuard reads ${MAX_LANDED_FILES} per command, so the steps of the rest would run later unjudged`,
    cmd.argv[0],
    `copy at most ${MAX_LANDED_FILES} such files per command, so each can be judged`,
  );
}

/**
 * The pipeline files a command writes with text the line says (`known`: the
 * autorun pack's reading of echo, tee, copies, in-place editors, patches) or
 * a copy reads, and whether more landed than were read.
 */
export function plantedPipelineFiles(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  known: (only: (abs: string) => boolean) => LandedFile[],
): { files: LandedFile[]; more: boolean } {
  const landed = landedPipelineFiles(cmd, ctx);
  return { files: [...known((p) => pipelineKind(p) !== undefined), ...landed.files], more: landed.more };
}
