// Where a copy, a move, a sync or an extraction lands, and what lands there.
// `cp -a DIR/. ~/.local` writes nothing called `~/.local`: it writes every
// file of DIR below it, and a protected file there is replaced like any
// other. So each such command says, per source, the folder its contents land
// in and — where the source can be read now (a folder listed, an archive's
// members) — the paths that land; where it cannot (a folder made earlier on
// the same line, a download), the contents are unknown and everything below
// the landing folder may be written.
import * as path from 'node:path';
import { hasFlag, optionValue, positionals } from '../command/args';
import type { AnalysisContext, SimpleCommand } from '../types';
import { RecentReadings } from './recent';
import { expandGlob } from '../command/glob';
import { archiveReader, type ArchiveReader } from './archives';
import { landing, REMOTE_RE, where, type Landing, type Where } from './landingParts';
import { linkLandings } from './linkLandings';
import { rewrittenFolders } from './nameRewrites';
import { tarCall } from '../command/tarCall';
import { checkoutLandings } from './checkouts';
import { RSYNC_VALUE_OPTS } from '../command/valueOptions';
import { extraction, memberPaths, OTHER_EXTRACTORS } from './extractors';

export type { Landing } from './landingParts';

const posix = path.posix;

/** Most paths listed under one source; a bigger tree counts as unknown. */
const MAX_TREE = 2048;
const MAX_DEPTH = 24;

const CP_VALUE_OPTS = ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'];

/**
 * A source word as the shell hands it to the command: a glob (`x/*`) is each
 * file it matches on disk, each landing under its own name. Undefined when
 * the engine cannot say (a dynamic word, a glob past its bound).
 */
function sourcesOf(word: string, cmd: SimpleCommand, ctx: AnalysisContext): Where[] | undefined {
  const src = where(word, cmd, ctx);
  if (!src || !src.unknown) return src && [src];
  const x = expandGlob(src.abs, ctx);
  if (!x || 'tooMany' in x) return undefined;
  // Nothing matches in a folder missing now (made earlier on the line, `mkdir t && … && cp -r t/.* ~`): unknown.
  const parent = posix.dirname(src.abs);
  if (!x.matches.length && !/[*?[]/.test(parent) && ctx.stat && !ctx.stat(parent)) return undefined;
  // Nothing matches: the shell hands the word over as written, and the command finds no such file.
  return x.matches.map((m) => ({ abs: m.path, unknown: false }));
}

/** True, false, or undefined when the file system cannot say. */
function isDir(abs: string, ctx: AnalysisContext): boolean | undefined {
  if (!ctx.stat) return undefined;
  const st = ctx.stat(abs);
  if (!st) return false;
  return st.isDir;
}

/** Every path below a folder, relative (`''` for the folder itself); undefined when it cannot all be listed. */
export function treeOf(abs: string, ctx: AnalysisContext): string[] | undefined {
  if (!ctx.readdir) return undefined;
  const out: string[] = [''];
  const queue: Array<[string, number]> = [['', 0]];
  while (queue.length) {
    const [rel, depth] = queue.shift()!;
    const list = ctx.readdir(rel ? posix.join(abs, rel) : abs);
    if (!list || depth > MAX_DEPTH) return undefined;
    for (const e of list) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      out.push(child);
      if (out.length > MAX_TREE) return undefined;
      if (e.dir) queue.push([child, depth + 1]);
    }
  }
  return out;
}

/** What one source puts below its landing place: its tree, one file, or unknown (read when asked). */
function contents(src: Where, recursive: boolean, ctx: AnalysisContext): () => string[] | undefined {
  return () => contentsNow(src, recursive, ctx);
}

function contentsNow(src: Where, recursive: boolean, ctx: AnalysisContext): string[] | undefined {
  if (src.unknown) return undefined;
  const dir = isDir(src.abs, ctx);
  if (dir === true) return recursive ? treeOf(src.abs, ctx) : [];
  if (dir === false && ctx.stat?.(src.abs)) return [''];
  // Missing now: made earlier on the line, perhaps. A single file when nothing copies folders.
  return recursive ? undefined : [''];
}

/**
 * `cp`/`mv`/`install`/`ln`: with `-t DIR`, several sources, a trailing `/` or
 * an existing folder as the destination, each source lands as DIR/NAME;
 * `SRC/.` lands its contents in DIR itself.
 */
function copyLandings(cmd: SimpleCommand, ctx: AnalysisContext): Landing[] {
  const argv = cmd.argv;
  const name = argv[0];
  if (name === 'install' && hasFlag(argv, ['-d', '--directory'])) return [];
  const recursive = name === 'mv' || (name === 'cp' && hasFlag(argv, ['-r', '-R', '--recursive', '-a', '--archive']));
  const pos = positionals(argv, CP_VALUE_OPTS);
  const target = optionValue(argv, ['-t', '--target-directory']);
  // `ln -s TARGET` alone makes the link in the working folder, under TARGET's name.
  const lnHere = name === 'ln' && target === undefined && pos.length === 1;
  const sources = target !== undefined || lnHere ? pos : pos.slice(0, -1);
  const destWord = lnHere ? '.' : (target ?? pos[pos.length - 1]);
  if (!destWord || sources.length === 0) return [];
  const dest = where(destWord, cmd, ctx);
  if (!dest || dest.unknown) return [];
  const noTarget = hasFlag(argv, ['-T', '--no-target-directory']);
  const destIsDir = isDir(dest.abs, ctx);
  const into =
    !noTarget && (target !== undefined || sources.length > 1 || destWord.endsWith('/') || destIsDir === true);
  const out: Landing[] = [];
  if (name === 'ln' && hasFlag(argv, ['-s', '--symbolic']))
    return linkLandings(argv, sources, dest.abs, into, destIsDir === undefined, cmd, ctx);
  for (const word of sources) {
    const srcs = sourcesOf(word, cmd, ctx);
    if (!srcs) {
      // A source the engine cannot resolve lands somewhere under the destination.
      if (into || destIsDir === undefined) out.push({ ...landing(dest.abs, () => undefined), unresolved: true });
      continue;
    }
    // `DIR/.` and a bare `.` (`cd t && cp -a . ~`) land their contents in the destination itself.
    const merge = /(?:^|\/)\.\/?$/.test(word);
    for (const src of srcs) {
      // A hard link is one file's second name (folders cannot be hard-linked).
      const entries = name === 'ln' ? () => [''] : contents(src, recursive, ctx);
      if (into || srcs.length > 1)
        out.push(landing(merge ? dest.abs : posix.join(dest.abs, posix.basename(src.abs)), entries, src.abs));
      else {
        // A file copied onto a name is that name's write, judged as such (effects/index.ts); only a folder lands a tree.
        // A source missing now may be a folder made earlier on the line (`mkdir t && … > t/.bashrc && cp -rT t ~`).
        if (!recursive || (isDir(src.abs, ctx) === false && ctx.stat?.(src.abs))) continue;
        out.push(landing(dest.abs, entries, src.abs));
        // The file system cannot say whether the destination is a folder: it may be one.
        if (destIsDir === undefined && !merge)
          out.push(landing(posix.join(dest.abs, posix.basename(src.abs)), entries, src.abs));
      }
    }
  }
  return out;
}

/** rsync: `SRC/` syncs its contents into DEST, `SRC` syncs itself as DEST/SRC. */
function rsyncLandings(cmd: SimpleCommand, ctx: AnalysisContext): Landing[] {
  const argv = cmd.argv;
  const pos = positionals(argv, RSYNC_VALUE_OPTS);
  if (pos.length < 2) return [];
  const dest = where(pos[pos.length - 1], cmd, ctx);
  if (!dest || dest.unknown) return [];
  const recursive = hasFlag(argv, ['-r', '--recursive', '-a', '--archive']);
  const out: Landing[] = [];
  for (const word of pos.slice(0, -1)) {
    const srcs = REMOTE_RE.test(word) ? undefined : sourcesOf(word, cmd, ctx);
    if (!srcs) {
      out.push({ ...landing(dest.abs, () => undefined), unresolved: true });
      continue;
    }
    for (const src of srcs) {
      const entries = contents(src, recursive, ctx);
      const dir = isDir(src.abs, ctx);
      // A trailing `/` syncs a folder's contents, even one missing now (made earlier on the line).
      if ((word.endsWith('/') || /(?:^|\/)\.$/.test(word)) && (dir !== false || !ctx.stat?.(src.abs)))
        out.push(landing(dest.abs, entries, src.abs));
      else if (
        dir === false &&
        pos.length === 2 &&
        srcs.length === 1 &&
        !pos[1].endsWith('/') &&
        isDir(dest.abs, ctx) !== true
      )
        out.push(landing(dest.abs, entries, src.abs));
      else out.push(landing(posix.join(dest.abs, posix.basename(src.abs)), entries, src.abs));
    }
  }
  return out;
}

function archiveLanding(
  archive: string | undefined,
  dirWord: string | undefined,
  strip: number,
  junk: boolean,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  how: { renames?: boolean; absolute?: boolean } = {},
): Landing[] {
  const dir = where(dirWord ?? '.', cmd, ctx);
  if (!dir || dir.unknown) return [];
  const file = archive && archive !== '-' ? where(archive, cmd, ctx) : undefined;
  // Read once per landing, however many judges ask for its members or their text.
  let opened: { reader: ArchiveReader | undefined } | undefined;
  const reader = (): ArchiveReader | undefined =>
    (opened ??= { reader: file && !file.unknown && !how.renames ? archiveReader(file.abs) : undefined }).reader;
  const origin = new Map<string, string>();
  const read = (rel: string): string | undefined => {
    const member = origin.get(rel);
    return member === undefined ? undefined : reader()?.text(member);
  };
  const archived = { archive: true as const, read };
  // Absolute names kept: each member lands at its own path (a relative one below the folder), so all land below `/`.
  if (how.absolute) {
    return [
      {
        ...landing(
          '/',
          () => {
            const m = reader()?.members;
            if (!m) return undefined;
            const placed = new Map(m.map((x) => [x.startsWith('/') ? x : posix.join(dir.abs, x), x]));
            const found = new Map<string, string>();
            const out = memberPaths([...placed.keys()], strip, junk, found);
            for (const [rel, p] of found) origin.set(rel, placed.get(p) ?? p);
            return out;
          },
          file?.abs,
        ),
        ...archived,
      },
    ];
  }
  return [
    {
      ...landing(
        dir.abs,
        () => {
          const m = reader()?.members;
          return m ? memberPaths(m, strip, junk, origin) : undefined;
        },
        file?.abs,
      ),
      ...archived,
    },
  ];
}

/** The folders contents land in, per source, for copies, moves, syncs and extractions; none for any other command. */
const LANDING_PROGRAMS = new Set([
  'cp',
  'mv',
  'install',
  'ln',
  'rsync',
  'tar',
  'gtar',
  'bsdtar',
  'unzip',
  'ditto',
  '7z',
  '7za',
  '7zz',
  '7zr',
  'cpio',
  'pax',
]);
const PYTHON = /^python(?:[23](?:\.\d+)?)?$/;

// Several judges ask for the same command's landings (protected paths, autorun places): read once per command.
const recent = new RecentReadings<Landing[]>((cmd, ctx) => readLandings(cmd, ctx));

export function landings(cmd: SimpleCommand, ctx: AnalysisContext): Landing[] {
  return recent.of(cmd, ctx);
}

function readLandings(cmd: SimpleCommand, ctx: AnalysisContext): Landing[] {
  const argv = cmd.argv;
  if (cmd.remote || ctx.windows) return [];
  // `python3 -m zipfile -e ARCHIVE DIR` (and tarfile): the standard library's own extractors.
  if (
    PYTHON.test(argv[0] ?? '') &&
    argv[1] === '-m' &&
    (argv[2] === 'zipfile' || argv[2] === 'tarfile') &&
    (argv[3] === '-e' || argv[3] === '--extract')
  ) {
    return archiveLanding(argv[4], argv[5], 0, false, cmd, ctx);
  }
  const checkouts = checkoutLandings(cmd, ctx);
  if (checkouts.length) return checkouts.map((c) => landing(c.at, () => undefined, c.from));
  if (argv.length < 2 || argv.includes('--help') || argv.includes('--version')) return [];
  if (OTHER_EXTRACTORS.has(argv[0])) {
    const x = extraction(argv);
    const dir = x && where(x.dir, cmd, ctx);
    const from = x?.archive !== undefined ? where(x.archive, cmd, ctx)?.abs : undefined;
    return dir && !dir.unknown ? [{ ...landing(dir.abs, () => undefined, from), archive: true }] : [];
  }
  if (!LANDING_PROGRAMS.has(argv[0] ?? '')) return [];
  switch (argv[0]) {
    case 'cp':
    case 'mv':
    case 'install':
    case 'ln':
      return copyLandings(cmd, ctx);
    case 'rsync':
      return rsyncLandings(cmd, ctx);
    case 'tar':
    case 'gtar':
    case 'bsdtar': {
      const call = tarCall(argv);
      if (!call.mode.includes('x')) return [];
      const into = where(call.dir ?? '.', cmd, ctx);
      const renamed = into && !into.unknown ? renamedLandings(argv, into.abs) : [];
      return [...archiveLanding(call.file, call.dir, call.strip, false, cmd, ctx, call), ...renamed];
    }
    case 'unzip': {
      if (hasFlag(argv, ['-l', '-t', '-v', '-Z', '-p', '-z'])) return [];
      const archive = positionals(argv, ['-d', '-x', '-P', '-O', '-I'])[0];
      return archiveLanding(archive, optionValue(argv, ['-d']), 0, hasFlag(argv, ['-j']), cmd, ctx);
    }
    case '7z':
    case '7za':
    case '7zz':
    case '7zr': {
      // `7z x ARCHIVE -oDIR` keeps the members' paths, `7z e` drops them; without -o, the working folder.
      if (argv[1] !== 'x' && argv[1] !== 'e') return [];
      const out = argv.find((a) => a.startsWith('-o'));
      return archiveLanding(
        argv.slice(2).find((a) => !a.startsWith('-')),
        out?.slice(2),
        0,
        argv[1] === 'e',
        cmd,
        ctx,
      );
    }
    case 'cpio':
    case 'pax': {
      // `cpio -i` extracts the archive on stdin into the working folder (or -D DIR); `pax -r` too, and
      // `pax -rw SRC… DIR` copies into DIR. What they write is not read here: unknown below that folder.
      // `cpio -p DIR` copies the files named on stdin into DIR, as `pax -rw` does.
      const pass = argv[0] === 'cpio' && argv.some((a) => a === '--pass-through' || /^-[a-zA-Z]*p/.test(a));
      const extract =
        argv[0] === 'cpio'
          ? pass || argv.some((a) => a === '--extract' || /^-[a-zA-Z]*i/.test(a))
          : argv.some((a) => /^-[a-zA-Z]*r/.test(a));
      if (!extract) return [];
      const copy = pass || (argv[0] === 'pax' && argv.some((a) => /^-[a-zA-Z]*w/.test(a)));
      const dirWord =
        argv[0] === 'cpio'
          ? pass
            ? positionals(argv, ['-D', '--directory', '-R', '--owner', '-E', '-F', '-H', '-M', '-O', '-I']).at(-1)
            : optionValue(argv, ['-D', '--directory'])
          : copy
            ? positionals(argv, ['-f', '-s', '-o', '-p', '-x', '-b']).at(-1)
            : undefined;
      const dir = where(dirWord ?? '.', cmd, ctx);
      if (!dir || dir.unknown) return [];
      if (copy) return [landing(dir.abs, () => undefined)];
      // The archive it reads, named so one missing now is known to land nothing: `-F`/`-I FILE`, or the `<` file.
      const named = argv[0] === 'cpio' ? optionValue(argv, ['-F', '--file', '-I']) : optionValue(argv, ['-f']);
      const fed = cmd.redirects.filter((r) => r.op === '<' && r.fd === 0);
      const archiveWord = named ?? (fed.length === 1 && !cmd.stdinFrom ? fed[0].target : undefined);
      const file = archiveWord === undefined ? undefined : where(archiveWord, cmd, ctx);
      const at = {
        ...landing(dir.abs, () => undefined, file && !file.unknown ? file.abs : undefined),
        archive: true as const,
      };
      return [at, ...renamedLandings(argv, dir.abs)];
    }
    case 'ditto': {
      // macOS: copies SRC's contents into DEST (`-x` extracts an archive there).
      const pos = positionals(argv, ['--arch', '--bom', '--rsrcFork']);
      if (pos.length < 2) return [];
      const dest = where(pos[pos.length - 1], cmd, ctx);
      if (!dest || dest.unknown) return [];
      if (hasFlag(argv, ['-x'])) return [{ ...landing(dest.abs, () => undefined), archive: true }];
      return pos.slice(0, -1).map((w) => {
        const src = where(w, cmd, ctx);
        return landing(dest.abs, src ? contents(src, true, ctx) : () => undefined, src?.abs);
      });
    }
  }
  return [];
}

/** Members renamed into a folder (`pax -s ',^,.git/hooks/,'`, `tar --transform`) land there, unread: a missing archive proves nothing. */
function renamedLandings(argv: readonly string[], dir: string): Landing[] {
  return rewrittenFolders(argv).map((f) => ({
    ...landing(posix.resolve(dir, f), () => undefined),
    archive: true as const,
  }));
}
