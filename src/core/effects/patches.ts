// What a patcher (`patch`, `git apply`, `git am`) writes: the files its diff
// names, read from the patch file, from stdin, or from a file written earlier
// on the same line (a heredoc, printf). A patch that cannot be read (past the
// read bound, made by a command on the line, a pipe of unknown output)
// writes files nobody can name before it runs: it is marked so
// (UNREAD_PATCH), never read as writing nothing. One missing now, that
// nothing earlier on the line may make, fails to open and writes nothing.
// The hunks are read too, so
// a file the patch changes can be judged by its text after the patch.
import * as path from 'node:path';
import { hasFlag, optionValue, positionals } from '../command/args';
import { readGlobalOptions } from '../command/globalOptions';
import { commandsAround, filesWrittenBefore } from '../parse/normalize/emit';
import type { AnalysisContext, Finding, SimpleCommand } from '../types';
import type { FileEffectKind } from './types';

export interface EffectSink {
  add(kind: FileEffectKind, word: string, recursive?: boolean, dynamicHint?: boolean): void;
}

/** The word a patch whose files cannot be read writes: a dynamic target judged as unknown. */
export const UNREAD_PATCH = '$PATCH_TARGETS';
/** The word a patch larger than is read writes besides the files named within the bound: the rest are unknown. */
export const PATCH_PAST_BOUND = '$PATCH_TARGETS_PAST_BOUND';

/** Most of a diff read, and most files and hunk lines taken from it; past any of them the call asks. */
const MAX_DIFF = 512 * 1024;
const MAX_FILES = 256;
const MAX_LINES = 65_536;

const PATCH_TARGET = /^(?:\+\+\+ (?:b\/)?([^\t\n]+)|rename to (.+)|copy to (.+))$/gm;
const PATCH_DELETED = /^diff --git a\/(\S+) b\/\S+\ndeleted file mode/gm;

/**
 * Files a unified or git diff writes (`+++ b/x`, `rename to x`) and deletes. `pastBound`: the diff holds more
 * bytes, lines or files than are read, so what it changes past them is not known (and its hunks not all read).
 */
export function patchTargets(diff: string): { writes: string[]; deletes: string[]; pastBound: boolean } {
  const writes: string[] = [];
  const deletes: string[] = [];
  let pastBound = diff.length > MAX_DIFF;
  const text = pastBound ? diff.slice(0, MAX_DIFF) : diff;
  // filePatches reads the first MAX_LINES lines for the hunks: a longer diff changes files past what is read.
  let newlines = 0;
  for (let at = text.indexOf('\n'); at !== -1 && newlines <= MAX_LINES; at = text.indexOf('\n', at + 1)) newlines++;
  if (newlines + (text.endsWith('\n') ? 0 : 1) > MAX_LINES) pastBound = true;
  let m: RegExpExecArray | null;
  PATCH_TARGET.lastIndex = 0;
  while ((m = PATCH_TARGET.exec(text))) {
    const p = (m[1] ?? m[2] ?? m[3]).trim();
    if (p === '/dev/null') continue;
    if (writes.length >= MAX_FILES) {
      pastBound = true;
      break;
    }
    writes.push(p);
  }
  PATCH_DELETED.lastIndex = 0;
  while ((m = PATCH_DELETED.exec(text))) {
    if (deletes.length >= MAX_FILES) {
      pastBound = true;
      break;
    }
    deletes.push(m[1]);
  }
  return { writes, deletes, pastBound };
}

export interface PatchCall {
  git: boolean;
  /** The diff applied; undefined when it cannot be read before the command runs. */
  diff: string | undefined;
  /** `patch FILE`: the one file written, whatever the diff names. */
  file?: string;
  /** `patch -o OUT`: where the result goes. */
  output?: string;
  /** The folder the diff's paths are read from: `git -C sub apply` moves it; else the command's own. */
  cwd: string;
  /** Set when `cwd` is not the command's own folder: the diff's paths are written as absolute ones. */
  moved?: boolean;
  /** Every patch file it reads is missing now and nothing earlier on the line may make one: it fails, writing nothing. */
  missing?: true;
}

const GIT_VALUE_OPTS = ['-p', '--directory', '--exclude', '--include', '-C', '--patch-format', '--resolvemsg'];
const PATCH_VALUE_OPTS = ['-p', '-i', '--input', '-o', '--output', '-d', '--directory', '-r', '-B', '-z', '-F', '-D'];
/** `git am` steps that go on with a patch already being applied (judged when it started): nothing new is read. */
const AM_RESUME = ['--continue', '--skip', '--abort', '--quit', '--resolved', '-r', '--show-current-patch', '--retry'];

/** What a patcher reads and writes, or undefined for any other command (and a patcher that only checks). */
export function patchCall(cmd: SimpleCommand, ctx: AnalysisContext): PatchCall | undefined {
  const git = cmd.argv[0] === 'git';
  // `git -C sub apply x.diff`, `git -c k=v apply …`: git's own options come first, and `-C` moves where it applies.
  const globals = git ? readGlobalOptions(cmd.argv, cmd.cwd) : {};
  const argv = globals.bare ?? cmd.argv;
  if (git && argv[1] !== 'apply' && argv[1] !== 'am') return undefined;
  if (!git && argv[0] !== 'patch') return undefined;
  // `patch -d DIR` changes to DIR before anything else, as `git -C` does.
  const dir = git ? globals.dir : optionValue(argv, ['-d', '--directory']);
  const cwd = dir === undefined ? cmd.cwd : path.resolve(cmd.cwd, dir);
  const at = cwd === cmd.cwd ? { cwd } : { cwd, moved: true };
  if (git && argv[1] === 'apply' && hasFlag(argv, ['--check', '--stat', '--numstat', '--summary'], 2))
    if (!hasFlag(argv, ['--apply'], 2)) return undefined;
  if (git && argv[1] === 'am' && hasFlag(argv, AM_RESUME, 2)) return undefined;
  if (!git && hasFlag(argv, ['--dry-run', '-C'])) return undefined;
  const written = filesWrittenBefore(cmd);
  // A file written earlier on the line is read as the line wrote it; one a command wrote is unknown.
  const read = (p: string): string | undefined => {
    const abs = path.resolve(cwd, p);
    return written?.has(abs) ? written.get(abs) : ctx.readFile(p, cwd);
  };
  if (git) {
    const pos = positionals(argv, GIT_VALUE_OPTS, 2);
    // The repository's own diff applied back (`git diff > p && git stash && git apply p`) writes what it held.
    if (argv[1] === 'apply' && pos.length && pos.every((p) => ownDiff(path.resolve(cwd, p), cwd, cmd)))
      return undefined;
    const texts = pos.map(read);
    const diff = !pos.length ? cmd.stdin : texts.some((t) => t === undefined) ? undefined : texts.join('\n');
    // `--directory=ROOT` puts ROOT before every path the diff names.
    const root = optionValue(argv, ['--directory']);
    const call: PatchCall = { git, diff, ...(root ? { cwd: path.resolve(cwd, root), moved: true } : at) };
    if (
      diff === undefined &&
      (pos.length ? missingPatches(pos, cwd, cmd, ctx) : missingPatches(stdinFile(cmd), cmd.cwd, cmd, ctx))
    )
      call.missing = true;
    return call;
  }
  const pos = positionals(argv, PATCH_VALUE_OPTS);
  const input = optionValue(argv, ['-i', '--input']) ?? pos[1];
  const call: PatchCall = { git, diff: input !== undefined ? read(input) : cmd.stdin, ...at };
  const from = input !== undefined ? { words: [input], at: cwd } : { words: stdinFile(cmd), at: cmd.cwd };
  if (call.diff === undefined && missingPatches(from.words, from.at, cmd, ctx)) call.missing = true;
  if (pos[0] !== undefined) call.file = pos[0];
  const output = optionValue(argv, ['-o', '--output']);
  if (output) call.output = output;
  return call;
}

/** `patch < FILE`: the file the shell opens as stdin (none for a pipe, a heredoc or a here-string). */
function stdinFile(cmd: SimpleCommand): string[] {
  if (cmd.stdinFrom || cmd.stdin !== undefined) return [];
  const r = cmd.redirects.filter((x) => x.op === '<' && x.fd === 0);
  return r.length === 1 ? [r[0].target] : [];
}

/**
 * `patch -p1 < /tmp/fix.diff`, `git apply fix.diff` with no such file now, and no command before it on the line
 * that may have made one: the shell or the patcher fails to open it, and nothing is applied. A word with an
 * expansion left in it, or a file system that cannot be asked, may name a file that is there.
 */
function missingPatches(words: string[], dir: string, cmd: SimpleCommand, ctx: AnalysisContext): boolean {
  if (!words.length || ctx.lineMade === true || !ctx.stat || cmd.remote || ctx.windows) return false;
  return words.every((w) => !/[$`*?[{~]/.test(w) && w !== '-' && ctx.stat!(path.resolve(dir, w)) === undefined);
}

/**
 * Whether `file` is the output of `git diff` run earlier on the line in the repository folder `dir`, and no command
 * after it names the file: a diff of the repository's own files (its work tree, index or commits, never `--no-index`),
 * so applying it writes back text the repository already held.
 */
function ownDiff(file: string, dir: string, cmd: SimpleCommand): boolean {
  const before = commandsAround(cmd)?.before;
  const base = path.basename(file);
  for (let i = (before?.length ?? 0) - 1; i >= 0; i--) {
    const c = before![i];
    const writes = c.redirects.filter((r) => r.op !== '<' && path.resolve(c.cwd, r.target) === file);
    if (!writes.length && !c.argv.some((a) => a.includes(base))) continue;
    // The last command to name the file must be the diff that wrote it, alone (`>`) and from its output.
    if (c.remote || c.argv[0] !== 'git' || writes.length !== 1 || writes[0].op !== '>' || writes[0].fd !== 1)
      return false;
    const bare = readGlobalOptions(c.argv, c.cwd);
    const argv = bare.bare ?? c.argv;
    const at = bare.dir === undefined ? c.cwd : path.resolve(c.cwd, bare.dir);
    return argv[1] === 'diff' && at === dir && !argv.some((a) => a === '--no-index' || a.startsWith('--output'));
  }
  return false;
}

/** `patch [FILE] [-i PATCH] < PATCH`, `git apply PATCH`, `git am MBOX`: the files named in the patch (or the one given) are written. */
export function patchEffects(call: PatchCall, sink: EffectSink): void {
  // `patch FILE < x.diff` names the file it writes.
  const word = (w: string) => (call.moved ? path.resolve(call.cwd, w) : w);
  if (call.file !== undefined) sink.add('write', word(call.file));
  if (call.output) sink.add('truncate', word(call.output));
  if (call.diff === undefined) {
    if (call.file === undefined && !call.missing) sink.add('write', UNREAD_PATCH, false, true);
    // Missing now, into a folder named on the line (`patch -d ~`, `git apply --directory=.git/hooks`): a file made
    // before it runs writes unknown files below that folder. Judged as such, so a protected folder is asked about;
    // an ordinary one stays quiet, as the working folder does.
    else if (call.file === undefined && call.moved) sink.add('write', path.join(call.cwd, UNREAD_PATCH), false, true);
    return;
  }
  if (call.file !== undefined) return;
  const { writes, deletes, pastBound } = patchTargets(call.diff);
  for (const w of writes) sink.add('write', word(w));
  for (const d of deletes) sink.add('delete', word(d));
  if (pastBound) sink.add('write', PATCH_PAST_BOUND, false, true);
}

interface Hunk {
  /** First line the hunk replaces (1-based; 0 for an empty file). */
  at: number;
  old: string[];
  new: string[];
}

/** One file's part of a diff: the path it writes (as `+++` names it), and its hunks. */
export interface FilePatch {
  target: string;
  created: boolean;
  deleted: boolean;
  hunks: Hunk[];
}

/** Each file a diff changes, with its hunks (bounded: the first MAX_FILES files and MAX_LINES lines). */
export function filePatches(diff: string): FilePatch[] {
  const out: FilePatch[] = [];
  let created = false;
  let hunk: Hunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  const lines = (diff.length > MAX_DIFF ? diff.slice(0, MAX_DIFF) : diff).split('\n');
  for (const line of lines.slice(0, MAX_LINES)) {
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const body = line.slice(1);
      if (line[0] === ' ' || line === '') {
        hunk.old.push(body);
        hunk.new.push(body);
        oldLeft--;
        newLeft--;
        continue;
      }
      if (line[0] === '-' || line[0] === '+') {
        (line[0] === '-' ? hunk.old : hunk.new).push(body);
        if (line[0] === '-') oldLeft--;
        else newLeft--;
        continue;
      }
      if (line[0] === '\\') continue;
      hunk = undefined;
    }
    let m: RegExpExecArray | null;
    if ((m = /^--- ([^\t]+)/.exec(line))) created = m[1].trim() === '/dev/null';
    else if ((m = /^\+\+\+ (?:b\/)?([^\t]+)/.exec(line))) {
      if (out.length >= MAX_FILES) break;
      const target = m[1].trim();
      out.push({ target, created, deleted: target === '/dev/null', hunks: [] });
    } else if ((m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line)) && out.length) {
      hunk = { at: Number(m[1]), old: [], new: [] };
      oldLeft = m[2] === undefined ? 1 : Number(m[2]);
      newLeft = m[3] === undefined ? 1 : Number(m[3]);
      out[out.length - 1].hunks.push(hunk);
    }
  }
  return out;
}

/** A file's text once the patch applies to it; undefined when its hunks do not fit the text as it is. */
export function patchedText(before: string | undefined, fp: FilePatch): string | undefined {
  if (fp.deleted) return undefined;
  if (fp.created || before === undefined)
    return fp.created ? fp.hunks.flatMap((h) => h.new).join('\n') + '\n' : undefined;
  const lines = before.split('\n');
  let cursor = 0;
  for (const h of fp.hunks) {
    let i = h.old.length ? -1 : Math.min(h.at, lines.length);
    for (let k = cursor; i === -1 && k + h.old.length <= lines.length; k++) {
      if (h.old.every((l, j) => lines[k + j] === l)) i = k;
    }
    if (i === -1) return undefined;
    lines.splice(i, h.old.length, ...h.new);
    cursor = i + h.new.length;
  }
  return lines.join('\n');
}

/** A patch larger than is read: the files it changes past the bound would be written unjudged. */
export function patchPastBound(cmd: SimpleCommand): Finding {
  const what = cmd.argv[0] === 'git' ? `git ${cmd.argv[1]}` : cmd.argv[0];
  return {
    id: 'parse.too-complex',
    summary: `${what} applies a patch larger than AgentGuard reads (${MAX_FILES} files, ${MAX_LINES} lines, ${MAX_DIFF / 1024} KiB): the files it changes past that bound would be written unjudged, so a human must look at it`,
    target: what,
    alternative: 'apply the patch in smaller parts',
    severity: 60,
  };
}
