// CI, container and make files a copy, sync or extraction lands without
// naming them: `cp -r tpl/.github .`, `rsync -a tpl/ ./` write tpl's
// workflows as surely as `cp tpl/.github/workflows/z.yml .github/workflows/`
// does. Each is judged as that direct write is (pipelines.ts), with the
// source file's text; one whose text cannot be read now (an archive member
// not read, a folder made earlier on the line) is left as its direct write
// of unknown text is. Past the bound, what is left unread is asked about.
import * as path from 'node:path';
import { positionals } from '../../command/args';
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

/**
 * `mv SRC .github/workflows/z.yml`: a rename carries the source's text into
 * the pipeline file. Read from the source when it is there now; a source that
 * is not (written earlier on the same line, a download's) has text nobody
 * can read before the command runs, so the file's steps are not known.
 */
export function movedPipelineFiles(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): { files: LandedFile[]; unknown: string[] } {
  const files: LandedFile[] = [];
  const unknown: string[] = [];
  if (cmd.remote || cmd.argv[0] !== 'mv') return { files, unknown };
  const argv = cmd.argv;
  const t = argv.findIndex((a) => a === '-t' || a === '--target-directory');
  const intoOption = t > 0 ? argv[t + 1] : argv.find((a) => a.startsWith('--target-directory='))?.slice(19);
  const words = positionals(argv, ['-t', '--target-directory', '-S', '--suffix']);
  const dest = intoOption ?? words[words.length - 1];
  const sources = intoOption ? words : words.slice(0, -1);
  if (dest === undefined || !sources.length) return { files, unknown };
  const destAbs = posix.resolve(cmd.cwd, dest);
  const intoFolder =
    intoOption !== undefined || sources.length > 1 || dest.endsWith('/') || ctx.stat?.(destAbs)?.isDir === true;
  for (const src of sources.slice(0, MAX_LANDED_FILES + 1)) {
    const at = intoFolder ? posix.join(destAbs, posix.basename(src)) : destAbs;
    if (!pipelineKind(at)) continue;
    const after = ctx.readFile(src, cmd.cwd);
    // A CI file renamed among CI files plants nothing new: what it holds was already there to run.
    if (after === undefined && !pipelineKind(posix.resolve(cmd.cwd, src))) unknown.push(at);
    else if (after !== undefined) files.push({ path: at, before: ctx.readFile(at, cmd.cwd), after });
  }
  return { files, unknown };
}

/** A pipeline file moved in with text that cannot be read now: its steps would run later unjudged. */
export function movedUnknownFinding(cmd: SimpleCommand, at: string, ctx: AnalysisContext): Finding {
  const shown = path.relative(ctx.workspace, at).startsWith('..') ? at : path.relative(ctx.workspace, at);
  return finding(
    'autorun.ci-step',
    50,
    `${cmd.argv[0]} puts a file whose text AgentGuard cannot read now at ${shown}, a CI, container or make file: the steps it holds would run later unjudged`,
    shown,
    'write the file in place with its text on the line, or copy it from a file that exists, so its steps can be judged',
  );
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
): { files: LandedFile[]; more: boolean; unknown: string[] } {
  const landed = landedPipelineFiles(cmd, ctx);
  const moved = movedPipelineFiles(cmd, ctx);
  return {
    files: [...known((p) => pipelineKind(p) !== undefined), ...landed.files, ...moved.files],
    more: landed.more,
    unknown: moved.unknown,
  };
}
