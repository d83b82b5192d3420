// CI, container and make files a copy, sync or extraction lands without
// naming them: `cp -r tpl/.github .`, `rsync -a tpl/ ./` write tpl's
// workflows as surely as `cp tpl/.github/workflows/z.yml .github/workflows/`
// does. Each is judged as that direct write is (pipelines.ts), with the
// source file's text, an archive member's read out of the archive. One whose
// text cannot be read now (a download, an archive member that cannot be read,
// a file moved in from a source made earlier on the line) asks, as does an
// unread archive extracted where such files live. Past the bound, what is
// left unread is asked about.
import * as path from 'node:path';
import { positionals } from '../../command/args';
import { DOWNLOADERS, fileEffects, serverNamedDownload } from '../../effects';
import { landings } from '../../effects/landing';
import { isAncestorOrSelf, touchOf } from '../../effects/pathTouch';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { pipelineKind } from './formats';
import { unreadPipelineWrites, yqPipelineWrites } from './written';
import { pixiTaskWrites } from './pixiTaskAdd';
import { echoOutput } from '../../parse/normalize/output';

const posix = path.posix;

/** Most landed pipeline files read for one command. */
export const MAX_LANDED_FILES = 16;

export interface LandedFile {
  path: string;
  before: string | undefined;
  after: string;
}

/** The pipeline files a command lands with their text, those whose text cannot be read now, and whether more landed than were read. */
export function landedPipelineFiles(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): { files: LandedFile[]; more: boolean; unknown: string[] } {
  const files: LandedFile[] = [];
  const unknown: string[] = [];
  if (cmd.remote) return { files, more: false, unknown };
  // Indexed: run for every command, and until V8 optimizes this (most of a batch) each for…of step allocates.
  const landed = landings(cmd, ctx);
  for (let i = 0; i < landed.length; i++) {
    const l = landed[i];
    const entries = l.entries();
    if (!entries) {
      // A link named as a CI file or folder: its steps are whatever the place it leads to holds, now or later.
      if (l.link) {
        if (linkedPipelineMatters(l.at, ctx)) unknown.push(l.at);
        continue;
      }
      // An archive not read now (missing, made earlier on the line, too large, another format) extracted where
      // CI files and hooks live: what it lands there is unknown. Into a plain folder it is everyday work.
      if (l.archive && unreadArchiveMatters(l.at, ctx) && !failsMissing(l.from, ctx)) unknown.push(l.at);
      // `cp "$F" .github/workflows/`, `rsync host:ci/ .github/workflows/`: a file nobody can read lands among CI files.
      else if (l.unresolved && ciFolder(l.at, ctx)) unknown.push(l.at);
      continue;
    }
    // Where the source is no folder on disk and no archive read (a checkout), its files' text is not read here.
    if (l.from === undefined) continue;
    for (const rel of entries) {
      const p = rel ? posix.join(l.at, rel) : l.at;
      if (!pipelineKind(p)) continue;
      const after = l.read ? l.read(rel) : ctx.readFile(rel ? posix.join(l.from, rel) : l.from, cmd.cwd);
      // An archive's member that cannot be read (a link, compressed another way, too long) lands unjudged.
      if (after === undefined) {
        if (l.archive && unknown.length <= MAX_LANDED_FILES) unknown.push(p);
        continue;
      }
      if (files.length >= MAX_LANDED_FILES) return { files, more: true, unknown };
      files.push({ path: p, before: ctx.readFile(p, cmd.cwd), after });
    }
  }
  return { files, more: false, unknown };
}

/**
 * An archive named on the line, missing now, that no command before it on the
 * line may have made (`tar -xzf release.tgz` alone): the extraction fails and
 * lands nothing. Fetched or built first (`curl -LO …/x.tgz && tar -xzf
 * x.tgz`), piped in, or where the file system cannot be asked, it may land
 * anything.
 */
function failsMissing(archive: string | undefined, ctx: AnalysisContext): boolean {
  return archive !== undefined && ctx.lineMade !== true && ctx.stat !== undefined && ctx.stat(archive) === undefined;
}

/**
 * Where an archive whose members cannot be read now is asked about: the
 * workspace folder or one holding it (CI files, hooks and editor tasks live
 * at its top), or a CI folder itself (`.github`, `.github/workflows`,
 * `.circleci`), as pipelineKind knows them.
 */
function unreadArchiveMatters(at: string, ctx: AnalysisContext): boolean {
  return isAncestorOrSelf(at, ctx.workspace) || ciFolder(at, ctx);
}

/** A CI folder of the workspace (`.github`, `.github/workflows`, `.circleci`), as pipelineKind knows them. */
function ciFolder(at: string, ctx: AnalysisContext): boolean {
  if (!isAncestorOrSelf(ctx.workspace, at)) return false;
  return (
    pipelineKind(posix.join(at, 'ci.yml')) !== undefined ||
    pipelineKind(posix.join(at, 'workflows/ci.yml')) !== undefined
  );
}

/** A link made at a CI, container or make file, or at a folder CI files live in (`.github`, `.github/workflows`). */
function linkedPipelineMatters(at: string, ctx: AnalysisContext): boolean {
  if (pipelineKind(at) !== undefined) return true;
  return isAncestorOrSelf(ctx.workspace, at) && at !== ctx.workspace && unreadArchiveMatters(at, ctx);
}

/** A downloader, or a command a download is piped into (`curl URL | tee FILE`): what it writes is the server's. */
function writesDownload(cmd: SimpleCommand): boolean {
  const fed = (cmd.stdinOrigin ?? cmd.stdinFrom)?.[0];
  return DOWNLOADERS.has(cmd.argv[0] ?? '') || (fed !== undefined && DOWNLOADERS.has(fed));
}

/**
 * `curl -o .github/workflows/x.yml URL`, `wget -O Makefile URL`, `curl URL >
 * Dockerfile`, `curl URL | tee .gitlab-ci.yml`: a download's text is
 * whatever the server sends when the command runs, so the steps of the CI
 * file it writes cannot be judged now. `curl -OJ` takes the file's name from
 * the server too: into a CI folder, what it writes there is unknown.
 */
export function downloadedPipelineFiles(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  if (cmd.remote) return [];
  if (!writesDownload(cmd)) return [];
  const out: string[] = [];
  const effects = fileEffects(cmd, ctx);
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i];
    if (e.kind !== 'write' && e.kind !== 'truncate') continue;
    const t = touchOf(e, cmd.cwd);
    if (!t || t.glob || !pipelineKind(t.path) || out.includes(t.path)) continue;
    // A temporary folder is where a download is read before it is put in place: nothing runs it from there.
    if (!isAncestorOrSelf(ctx.workspace, t.path) && ctx.tempDirs.some((d) => isAncestorOrSelf(d, t.path))) continue;
    out.push(t.path);
    if (out.length > MAX_LANDED_FILES) break;
  }
  // `curl -OJ`, `http --download URL`: the server may name the file.
  const serverDir = serverNamedDownload(cmd.argv);
  if (serverDir !== undefined) {
    const dir = posix.resolve(cmd.cwd, serverDir);
    const named = posix.join(dir, '<name the server sends>.yml');
    if (pipelineKind(named)) out.push(named);
  }
  return out;
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

/**
 * A pipeline file put in place with text that cannot be read now (moved in,
 * downloaded, extracted from an archive), or an unread archive extracted
 * where such files live: the steps would run later unjudged.
 */
export function movedUnknownFinding(cmd: SimpleCommand, at: string, ctx: AnalysisContext): Finding {
  const rel = path.relative(ctx.workspace, at);
  const shown = rel === '' ? 'the workspace folder' : rel.startsWith('..') ? at : rel;
  // A compound command's own redirection (`{ …; } > F`) is a command of no words.
  const name = cmd.argv[0] ?? 'a redirection';
  if (name === 'ln')
    return finding(
      'autorun.ci-step',
      50,
      `ln makes ${shown} a link to another place: the CI, container or make files read through it hold whatever that place holds, now or later, so their steps would run unjudged`,
      shown,
      'copy the file into place instead of linking it, so its steps can be judged',
    );
  if (!pipelineKind(at))
    return finding(
      'autorun.landed-unread',
      50,
      `${name} extracts an archive AgentGuard cannot read now into ${shown}: CI workflows, git hooks, editor tasks or Makefiles in it would run later unjudged`,
      shown,
      'extract it into a separate folder first (tar -C, unzip -d) and review what it holds, or list it before extracting',
    );
  if (writesDownload(cmd))
    return finding(
      'autorun.ci-step',
      50,
      `${name} writes a download to ${shown}, a CI, container or make file: its text is whatever the server sends when the command runs, so the steps it holds would run later unjudged`,
      shown,
      'download it somewhere else (a temporary folder), read it, then copy it into place',
    );
  return finding(
    'autorun.ci-step',
    50,
    `${name} puts a file whose text AgentGuard cannot read now at ${shown}, a CI, container or make file: the steps it holds would run later unjudged`,
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

const SETTLED_NONE: ReadonlySet<string> = new Set();

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
  // concat, not spreads, and no loop over the lists: run for every command, and until V8 optimizes this (most of a
  // batch) a spread or for…of walks an iterator and allocates each step's result.
  const said = known((p) => pipelineKind(p) !== undefined).concat(
    yqPipelineWrites(cmd, ctx),
    cmd.argv[0] === 'pixi' ? pixiTaskWrites(cmd, ctx) : [],
  );
  said.push(...echoEscapedReadings(cmd, said));
  const downloaded = downloadedPipelineFiles(cmd, ctx);
  const files = said.concat(landed.files, moved.files);
  const unknownNow = moved.unknown.concat(landed.unknown, downloaded);
  // Most commands land nothing: one empty set for them all, not a list mapped and a set built each time.
  const settled =
    files.length || unknownNow.length ? new Set(files.map((f) => f.path).concat(unknownNow)) : SETTLED_NONE;
  // A write whose text the line does not say (`cat /tmp/x >> ci.yml`, `sed -i "s/x/$Y/" ci.yml`) would run unjudged.
  const unread = cmd.argv[0] === 'mv' || writesDownload(cmd) ? [] : unreadPipelineWrites(cmd, ctx, settled);
  return {
    files,
    more: landed.more,
    unknown: unknownNow.concat(unread).slice(0, MAX_LANDED_FILES),
  };
}

/**
 * zsh's echo, and sh's where it is dash, read `\n`, `\t`, … as the characters they stand for; bash's prints them as
 * they are. A file an echo writes is judged both ways: `echo '[build]\ncommand = "…"' > netlify.toml` plants a
 * build command from a zsh prompt.
 */
function echoEscapedReadings(cmd: SimpleCommand, said: readonly LandedFile[]): LandedFile[] {
  if (cmd.argv[0] !== 'echo' || !cmd.argv.some((a) => a.includes('\\'))) return [];
  const plain = echoOutput(cmd.argv.slice(1));
  const escaped = echoOutput(['-e', ...cmd.argv.slice(1)]);
  if (plain === escaped) return [];
  return said
    .filter((f) => f.after.endsWith(plain))
    .map((f) => ({ ...f, after: f.after.slice(0, f.after.length - plain.length) + escaped }));
}
