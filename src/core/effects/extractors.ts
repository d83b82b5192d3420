// Extractors besides tar, unzip, 7z, cpio and pax: ar, dpkg-deb, cabextract,
// unrar, unar, unsquashfs and jar. Each lands an archive's members below a
// folder (the working folder when none is named) whose contents are not read
// here, so they are judged as an unknown archive landing there is.
import { hasFlag, optionValue, positionals } from '../command/args';

/** Programs read here. */
export const OTHER_EXTRACTORS: ReadonlySet<string> = new Set([
  'ar',
  'dpkg-deb',
  'cabextract',
  'unrar',
  'rar',
  'unar',
  'unsquashfs',
  'jar',
]);

/** The folder word an extraction lands its members in and the archive word, or undefined when the call extracts nothing. */
export function extraction(argv: readonly string[]): { dir: string; archive?: string } | undefined {
  const dir = extractionFolder(argv);
  if (dir === undefined) return undefined;
  const pos = positionals(argv, [
    '--output',
    '-d',
    '--directory',
    '-o',
    '-output-directory',
    '--output-directory',
    '-dest',
    '--dir',
    '-C',
  ]);
  // The archive: dpkg-deb's and jar's first word after the mode, the others' first word after their key.
  const archive =
    argv[0] === 'dpkg-deb' || argv[0] === 'cabextract' || argv[0] === 'unar' || argv[0] === 'unsquashfs'
      ? pos[0]
      : pos[1];
  return { dir, archive };
}

function extractionFolder(argv: readonly string[]): string | undefined {
  switch (argv[0]) {
    case 'ar':
      // `ar x LIB.a`, `ar -xv LIB.a`, `ar xo LIB.a --output DIR` (binutils 2.34 and later).
      if (!/^-?[a-zA-Z]*x/.test(argv[1] ?? '')) return undefined;
      return optionValue(argv, ['--output']) ?? '.';
    case 'dpkg-deb': {
      // `dpkg-deb -x|-X|-R DEB DIR`: the package's files (and for -R its control files) below DIR.
      const i = argv.findIndex((a) => /^(?:-[xXR]|--(?:extract|vextract|raw-extract))$/.test(a));
      if (i < 0) return undefined;
      return positionals(argv, [], i + 1)[1];
    }
    case 'cabextract':
      if (hasFlag(argv, ['-l', '--list', '-t', '--test', '-p', '--pipe'])) return undefined;
      return optionValue(argv, ['-d', '--directory']) ?? '.';
    case 'unrar':
    case 'rar': {
      // `unrar x ARCHIVE [FILES…] [DIR/]`: a last word ending in a slash is the folder; `-opDIR` names it too.
      if (argv[1] !== 'x' && argv[1] !== 'e') return undefined;
      const op = argv.find((a) => a.startsWith('-op') && a.length > 3);
      if (op) return op.slice(3);
      const pos = positionals(argv, [], 2);
      const last = pos.length > 1 ? pos[pos.length - 1] : undefined;
      return last !== undefined && /[/\\]$/.test(last) ? last : '.';
    }
    case 'unar':
      if (hasFlag(argv, ['-h', '--help', '-v', '--version'])) return undefined;
      return optionValue(argv, ['-o', '-output-directory', '--output-directory']) ?? '.';
    case 'unsquashfs':
      if (hasFlag(argv, ['-l', '-ls', '-ll', '-lls', '-s', '-stat'])) return undefined;
      return optionValue(argv, ['-d', '-dest']) ?? 'squashfs-root';
    case 'jar':
      // `jar xf X.jar`, `jar -xf X.jar`, `jar --extract --file X.jar [--dir DIR]`.
      if (!/^-?[a-zA-Z]*x/.test(argv[1] ?? '') && !argv.includes('--extract')) return undefined;
      return optionValue(argv, ['--dir', '-C']) ?? '.';
  }
  return undefined;
}

/**
 * Members as they land: `--strip-components` applied, `./` dropped, absolute
 * names kept relative (tar strips the leading `/`). `origin` gets, per landed
 * path, the member that lands there last (the one left on disk).
 */
export function memberPaths(
  members: readonly string[],
  strip: number,
  junk = false,
  origin?: Map<string, string>,
): string[] {
  const out = new Set<string>(['']);
  for (const m of members) {
    let parts = m.split('/').filter((x) => x && x !== '.');
    if (junk) parts = parts.slice(-1);
    parts = parts.slice(strip);
    if (!parts.length) continue;
    out.add(parts.join('/'));
    origin?.set(parts.join('/'), m);
  }
  return [...out];
}
