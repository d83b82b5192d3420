// What earlier commands on a line do to the files they name: a reader leaves
// them as they were, a copy writes its destination and not its sources, and an
// extraction may land a file of any name below its folder. A file a reader
// names (`shellcheck run.sh`, `git diff run.sh`) runs as it is on disk now; one
// below the folder an extraction lands in (`tar -xf a.tar && ./run.sh`) runs as
// the archive leaves it, and what the archive holds is not read here.
import * as path from 'node:path';
import type { SimpleCommand } from '../../types';
import type { Walker } from '../normalize/scope';
import { hasFlag, optionValue, positionals } from '../../command/args';
import { tarCall } from '../../command/tarCall';

/** Programs that read the files they name and write none (`jq .scripts package.json`, `diff a b`). */
const READERS = new Set(['jq', 'diff', 'cmp', 'less', 'more', 'bat', 'file', 'column', 'sort', 'xxd', 'shellcheck']);
/** git verbs that leave the working tree's files as they are. */
const GIT_READS = new Set(['diff', 'log', 'show', 'status', 'blame', 'add', 'commit', 'grep', 'ls-files', 'rm']);

/** Whether a command only reads the files it names: no output file (`sort -o`, `git diff --output`, `xxd -r IN OUT`). */
export function onlyReads(c: SimpleCommand): boolean {
  const argv = c.argv;
  const prog = path.basename(argv[0] ?? '');
  if (argv.some((a) => a === '-o' || a.startsWith('--output'))) return false;
  if (prog === 'git') return GIT_READS.has(argv[1] ?? '');
  if (prog === 'xxd' && hasFlag(argv, ['-r', '-revert'])) return false;
  return READERS.has(prog);
}

/**
 * The folder an archive extraction lands its members below (`tar -xf a -C d`, `unzip a -d d`, `7z x a -od`,
 * `cpio -i`), `/` when they may land anywhere (absolute names kept, a folder known only at run time); undefined for a
 * command that extracts nothing.
 */
export function extractionFolder(c: SimpleCommand): string | undefined {
  const argv = c.argv;
  const prog = path.basename(argv[0] ?? '');
  const dir = extractsInto(prog, argv);
  if (dir === undefined) return undefined;
  return c.dynamic.includes(true) || dir === '/' ? '/' : path.resolve(c.cwd, dir);
}

function extractsInto(prog: string, argv: readonly string[]): string | undefined {
  if (prog === 'tar' || prog === 'gtar' || prog === 'bsdtar') {
    const call = tarCall(argv);
    if (!call.mode.includes('x')) return undefined;
    return call.absolute ? '/' : (call.dir ?? '.');
  }
  if (prog === 'unzip') {
    return hasFlag(argv, ['-l', '-t', '-v', '-Z', '-p', '-z']) ? undefined : (optionValue(argv, ['-d']) ?? '.');
  }
  if (/^7z[arz]?$/.test(prog)) {
    if (argv[1] !== 'x' && argv[1] !== 'e') return undefined;
    return argv.find((a) => a.startsWith('-o'))?.slice(2) || '.';
  }
  if (prog === 'ar') {
    // `ar x a.a`, `ar -xv a.a`, `ar --output=d x a.a`: the first word not a long option holds the operation.
    const key = argv.slice(1).find((a) => !a.startsWith('--'));
    return key !== undefined && /^-?[a-zA-Z]*x/.test(key) ? (optionValue(argv, ['--output']) ?? '.') : undefined;
  }
  if (prog === 'jar') {
    // `jar xf a.jar`, `jar -xvf a.jar`, `jar --extract --file a.jar --dir d`.
    const key = argv[1] ?? '';
    if (!/^-?[a-zA-Z]*x/.test(key) && !hasFlag(argv, ['--extract'])) return undefined;
    return optionValue(argv, ['--dir']) ?? '.';
  }
  if (/^(?:python|pypy)[\d.]*$/.test(prog)) return pythonArchiveInto(argv);
  if (prog === 'cpio') {
    // `cpio -i` extracts stdin's archive into the working folder (or -D DIR); `cpio -p DIR` copies into DIR.
    const dir = optionValue(argv, ['-D', '--directory']);
    if (hasFlag(argv, ['-i', '--extract'])) return dir ?? '.';
    if (hasFlag(argv, ['-p', '--pass-through'])) return positionals(argv, ['-D', '--directory']).pop() ?? '/';
  }
  return undefined;
}

/** Archive modules whose command line extracts (`python3 -m zipfile -e a.zip d`, `python3 -m tarfile -e a.tar`). */
const PYTHON_ARCHIVERS = new Set(['zipfile', 'tarfile']);

/** The folder `python -m zipfile|tarfile -e ARCHIVE [DIR]` extracts into; undefined for any other call. */
function pythonArchiveInto(argv: readonly string[]): string | undefined {
  const m = argv.findIndex((a) => a === '-m' || /^-m\w/.test(a));
  if (m < 0) return undefined;
  const mod = argv[m] === '-m' ? argv[m + 1] : argv[m].slice(2);
  if (!PYTHON_ARCHIVERS.has(mod ?? '')) return undefined;
  const rest = argv.slice(argv[m] === '-m' ? m + 2 : m + 1);
  const e = rest.findIndex((a) => a === '-e' || a === '--extract');
  if (e < 0) return undefined;
  const dir = rest.slice(e + 2).find((a) => !a.startsWith('-'));
  return dir ?? '.';
}

/** Whether `file` is `folder` or below it. */
export function within(folder: string, file: string): boolean {
  return file === folder || file.startsWith(folder.endsWith('/') ? folder : folder + '/');
}

/** Commands that copy or move files into a destination (the last operand, or `-t DIR`): their sources are only read. */
export const COPIERS = new Set(['cp', 'mv', 'install', 'ln', 'rsync', 'scp', 'ditto', 'gcp', 'gmv']);
const COPY_VALUED = ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'];

/** A file an earlier command may write: `anyName` when a folder (or glob) copied there may land a file of any name. */
export interface Written {
  abs: string;
  anyName: boolean;
  /** A copy's source file, whose text the written file then holds. */
  from?: string;
}

/** What a copy lands: each source's name in a destination folder, or the destination file itself. */
export function copied(c: SimpleCommand, stat: Walker['ctx']['stat']): Written[] {
  const argv = c.argv;
  const t = argv.findIndex((a) => a === '-t' || a === '--target-directory');
  const into = t > 0 ? argv[t + 1] : argv.find((a) => a.startsWith('--target-directory='))?.slice(19);
  const words = positionals(argv, COPY_VALUED);
  const sources = into !== undefined ? words : words.slice(0, -1);
  const dest = into ?? words[words.length - 1];
  // One word: `cp -r ../template` copies nowhere this line names.
  if (dest === undefined || !sources.length) return [];
  const destAbs = path.resolve(c.cwd, dest);
  const folder =
    into !== undefined || sources.length > 1 || dest.endsWith('/') || dest === '.' || stat?.(destAbs)?.isDir === true;
  if (!folder) return [{ abs: destAbs, anyName: false, from: path.resolve(c.cwd, sources[0]) }];
  return sources.slice(0, 64).map((s) => {
    const name = path.basename(s);
    // `cp -r ../template/. .`, `cp ../x/* .`: a folder's files, or a glob's, land under names not known here.
    const anyName =
      /[*?[]/.test(s) || name === '.' || s.endsWith('/') || stat?.(path.resolve(c.cwd, s))?.isDir !== false;
    // A file copied into a folder holds the file's text, as one copied to a name does.
    return anyName
      ? { abs: destAbs, anyName }
      : { abs: path.join(destAbs, name), anyName, from: path.resolve(c.cwd, s) };
  });
}
