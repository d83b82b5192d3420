// How a tar call reads, in every spelling it is written: the operation, the
// archive, the folder it works in and its operands. Writes (effects/) and
// what a line makes before a runner reads its file (parse/wrappers/) read
// the same call.

const TAR_VALUE_LETTERS = new Set(['f', 'C', 'b', 'T', 'X', 'K', 'N', 'g', 'L', 'V', 'H', 'I']);
const TAR_LONG_VALUES = [
  '--file',
  '--directory',
  '--exclude',
  '--files-from',
  '--exclude-from',
  '--blocking-factor',
  '--format',
  '-H',
  '--listed-incremental',
  '--newer',
  '--label',
  '--use-compress-program',
  '-I',
  '--transform',
  '--xform',
  '--owner',
  '--group',
  '--mode',
  '--mtime',
];

export interface TarCall {
  /** The operation letters given (`c`, `x`, `t`, `r`, `u`). */
  mode: string;
  /** The archive (`-f`); undefined: stdin or stdout. */
  file?: string;
  /** The folder it works in (`-C`). */
  dir?: string;
  /** Leading path parts dropped from each member on extraction (`--strip-components`). */
  strip: number;
  operands: string[];
  /** Members are renamed as they land (`--transform`, bsdtar's `-s`): where they land is not their stored name. */
  renames?: boolean;
  /** Absolute member names are kept (`-P`, `--absolute-names`): they land at their own path, not below the folder. */
  absolute?: boolean;
}

/** How a tar call reads: its operation, archive, folder and operands, in every spelling (`-xzf a -C d`, `xzf a`, `--extract --file=a`). */
export function tarCall(argv: readonly string[]): TarCall {
  const call: TarCall = { mode: '', strip: 0, operands: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      const value =
        eq === -1 && (TAR_LONG_VALUES.includes(name) || name === '--strip-components')
          ? argv[++i]
          : eq === -1
            ? undefined
            : a.slice(eq + 1);
      if (name === '--file') call.file = value;
      else if (name === '--directory') call.dir = value;
      else if (name === '--create') call.mode += 'c';
      else if (name === '--list') call.mode += 't';
      else if (name === '--extract' || name === '--get') call.mode += 'x';
      else if (name === '--append' || name === '--update' || name === '--concatenate') call.mode += 'r';
      else if (name === '--strip-components' || name === '--strip')
        call.strip = Math.max(0, Math.min(64, Number(value) || 0));
      else if (name === '--transform' || name === '--xform') call.renames = true;
      else if (name === '--absolute-names') call.absolute = true;
      continue;
    }
    // `tar czf out.tgz dist`: the first word may be a cluster without a dash.
    // bsdtar's `-s /old/new/` renames members (GNU tar's `-s` is an option without a value).
    if (a === '-s' && argv[0] === 'bsdtar') {
      call.renames = true;
      i++;
      continue;
    }
    const cluster = a.startsWith('-') && a.length > 1 ? a.slice(1) : i === 1 && /^[A-Za-z]+$/.test(a) ? a : undefined;
    if (cluster === undefined) {
      call.operands.push(a);
      continue;
    }
    for (let k = 0; k < cluster.length; k++) {
      const letter = cluster[k];
      if ('cxtruA'.includes(letter)) call.mode += letter === 'A' ? 'r' : letter;
      if (letter === 'P') call.absolute = true;
      if (!TAR_VALUE_LETTERS.has(letter)) continue;
      // `-fout.tgz` carries its value; otherwise it is the next word.
      const rest = a.startsWith('-') && k < cluster.length - 1 ? cluster.slice(k + 1) : undefined;
      const value = rest ?? argv[++i];
      if (letter === 'f') call.file = value;
      if (letter === 'C') call.dir = value;
      if (rest !== undefined) break;
    }
  }
  return call;
}
