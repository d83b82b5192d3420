// File effects of converters and encoders whose output file is an option
// value or a second operand, not a redirection: `openssl … -out F`,
// `gpg -o F`, BSD `base64 -o F`, `iconv -o F`, `xxd IN OUT`,
// `zstd -o F`, `brotli -o F`, `exiftool -o F`, `dos2unix FILE` (rewritten in place) and `dos2unix -n IN OUT`, `link A B`
// (a hard link: both names are the same file after it), `csplit -f PREFIX`
// and `split IN PREFIX` (PREFIX00…, PREFIXaa…), `bwrap`'s mount points, `pandoc -o F`, ImageMagick's
// last operand and `-write F`, ffmpeg's output, and `git bundle create F`.
// Each was a write nobody saw: `openssl enc -in x -out ~/.bashrc` passed.
import { optionValue, optionValues, positionals } from '../command/args';
import type { EffectSink } from './types';

/** A name that is not a file: stdout, stdin, the null device. */
function isOutputFile(w: string | undefined): w is string {
  return w !== undefined && w !== '-' && w !== '/dev/null' && w !== '/dev/stdout' && w !== '/dev/stderr';
}

/** openssl's options that name a file it writes (`-out`, `-keyout`, `-signature` of dgst…), every subcommand. */
const OPENSSL_OUTPUTS = new Set(['-out', '-keyout', '-pubout-file', '-signature', '-CAserial', '-sigfile']);

export function opensslEffects(argv: readonly string[], sink: EffectSink): void {
  for (let i = 1; i + 1 < argv.length; i++)
    if (OPENSSL_OUTPUTS.has(argv[i]) && argv[i + 1]) sink.add('truncate', argv[++i]);
}

const XXD_VALUES = ['-c', '-cols', '-g', '-groupsize', '-l', '-len', '-s', '-seek', '-o', '-offset', '-n', '-name'];

/** `dos2unix F…` rewrites each file in place; after `-n`/`--newfile` the operands come in pairs, IN OUT. */
export function dosEffects(argv: readonly string[], sink: EffectSink): void {
  let paired = false;
  let pending: string | undefined;
  for (const a of argv.slice(1)) {
    if (a === '-n' || a === '--newfile') paired = true;
    else if (a === '-o' || a === '--oldfile') paired = false;
    else if (a.startsWith('-')) continue;
    else if (!paired) sink.add('write', a);
    else if (pending === undefined) pending = a;
    else {
      sink.add('truncate', a);
      pending = undefined;
    }
  }
}

const SPLIT_VALUES = [
  '-a',
  '--suffix-length',
  '-b',
  '--bytes',
  '-C',
  '--line-bytes',
  '-l',
  '--lines',
  '-n',
  '--number',
  '-t',
  '--separator',
  '--additional-suffix',
  '--filter',
];

/** `split IN PREFIX`: files PREFIXaa, PREFIXab… (PREFIX00 with -d), each with the --additional-suffix. */
export function splitEffects(argv: readonly string[], sink: EffectSink): void {
  const pos = positionals(argv, SPLIT_VALUES);
  if (pos.length < 2 || argv.some((a) => a === '--filter' || a.startsWith('--filter='))) return;
  const numeric =
    argv.some((a) => /^-[a-zA-Z]*d/.test(a) && !a.startsWith('--')) ||
    argv.some((a) => a.startsWith('--numeric-suffixes'));
  sink.add('truncate', `${pos[1]}${numeric ? '00' : 'aa'}${optionValue(argv, ['--additional-suffix']) ?? ''}`);
}

/**
 * `update-alternatives --install LINK NAME PATH PRIO` makes LINK (`/usr/bin/git`) lead to PATH, and `--set NAME
 * PATH` re-points `/etc/alternatives/NAME`: each is a write of the program's path, as `ln -sf PATH LINK` is.
 */
export function alternativesEffects(argv: readonly string[], sink: EffectSink): void {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--install' && argv[i + 1] !== undefined) sink.add('write', argv[i + 1]);
    const name = argv[i] === '--set' ? argv[i + 1] : argv[i] === '--install' ? argv[i + 2] : undefined;
    if (name) sink.add('write', `/etc/alternatives/${name}`);
  }
}

/** mount's options that take a value (`-t TYPE`, `-o OPTS`…). */
const MOUNT_VALUES = [
  '-t',
  '--types',
  '-o',
  '--options',
  '-O',
  '--test-opts',
  '-L',
  '--label',
  '-U',
  '--uuid',
  '-N',
  '--namespace',
  '-B',
  '--bind',
  '-R',
  '--rbind',
  '-M',
  '--move',
];

/** `mount [-t T] [--bind] SRC DIR`: what was at DIR is hidden behind what is mounted there, as if replaced. */
export function mountEffects(argv: readonly string[], sink: EffectSink): void {
  const pos = positionals(
    argv.filter((a) => !['-B', '--bind', '-R', '--rbind', '-M', '--move'].includes(a)),
    MOUNT_VALUES,
  );
  if (pos.length >= 2) sink.add('write', pos[pos.length - 1], true);
}

/** bubblewrap's mounts and the number of words each takes; the last is where it lands inside the sandbox. */
const BWRAP_MOUNTS: ReadonlyMap<string, number> = new Map([
  ...['--bind', '--bind-try', '--dev-bind', '--dev-bind-try', '--ro-bind', '--ro-bind-try', '--symlink'].map(
    (o) => [o, 2] as const,
  ),
  ...['--file', '--bind-data', '--ro-bind-data'].map((o) => [o, 2] as const),
  ...['--tmpfs', '--dev', '--proc', '--mqueue', '--tmp-overlay', '--ro-overlay'].map((o) => [o, 1] as const),
  ['--overlay', 3],
]);

/**
 * `bwrap --tmpfs DIR …`, `--bind SRC DIR`: inside the sandbox DIR is replaced by what is mounted there, as `mount`
 * replaces it, so a hook settings file or AgentGuard's state hidden or swapped there is what the program run inside
 * (a nested agent and its hooks) reads, and what it writes there is lost. Options before the program only.
 */
export function bwrapEffects(argv: readonly string[], sink: EffectSink): void {
  for (let i = 1; i < argv.length && argv[i].startsWith('--'); i++) {
    const words = BWRAP_MOUNTS.get(argv[i]);
    if (words !== undefined) {
      const dest = argv[i + words];
      if (dest !== undefined) sink.add('write', dest, true);
      i += words;
    } else if (BWRAP_VALUES.has(argv[i])) i += BWRAP_VALUES.get(argv[i])!;
  }
}

/** bubblewrap's other options that take words, skipped to find the next option. */
const BWRAP_VALUES: ReadonlyMap<string, number> = new Map([
  ...[
    '--args',
    '--userns',
    '--userns2',
    '--pidns',
    '--uid',
    '--gid',
    '--hostname',
    '--chdir',
    '--unsetenv',
    '--lock-file',
    '--sync-fd',
    '--remount-ro',
    '--exec-label',
    '--file-label',
    '--seccomp',
    '--add-seccomp-fd',
    '--block-fd',
    '--userns-block-fd',
    '--info-fd',
    '--json-status-fd',
    '--cap-add',
    '--cap-drop',
    '--perms',
    '--size',
    '--overlay-src',
    '--dir',
  ].map((o) => [o, 1] as const),
  ...['--setenv', '--chmod'].map((o) => [o, 2] as const),
]);

/** `gpg -o F`, BSD `base64 -o F`, `iconv -o F`, `pandoc -o F`: the output option names the file written. */
export function outputOptionEffects(argv: readonly string[], sink: EffectSink): void {
  for (const f of optionValues(argv, ['-o', '--output'])) if (isOutputFile(f)) sink.add('truncate', f);
}

/** `xxd IN OUT`: the second operand is written. */
export function xxdEffects(argv: readonly string[], sink: EffectSink): void {
  const out = positionals(argv, XXD_VALUES)[1];
  if (isOutputFile(out)) sink.add('truncate', out);
}

/** `link A B`: a hard link, so both names are the same file after it. */
export function linkEffects(argv: readonly string[], sink: EffectSink): void {
  const [from, to] = positionals(argv);
  if (to !== undefined) sink.add('write', to);
  if (from !== undefined && to !== undefined) sink.add('write', from);
}

/** `csplit -f PREFIX`: the pieces are PREFIX00, PREFIX01… */
export function csplitEffects(argv: readonly string[], sink: EffectSink): void {
  const prefix = optionValue(argv, ['-f', '--prefix']);
  if (prefix !== undefined) sink.add('truncate', `${prefix}00`);
}

/** ImageMagick (`convert`, `magick`) writes its last operand, and each `-write FILE` on the way. */
export function imageMagickEffects(name: string, argv: readonly string[], sink: EffectSink): void {
  if (name === 'magick' && ['identify', 'display', 'animate'].includes(argv[1] ?? '')) return;
  for (let i = 1; i + 1 < argv.length; i++)
    if (argv[i] === '-write' || argv[i] === '+write') sink.add('truncate', argv[++i]);
  const last = argv[argv.length - 1];
  if (argv.length > 2 && !last.startsWith('-') && isOutputFile(last) && !/^[a-z0-9]+:-?$/i.test(last))
    sink.add('truncate', last.replace(/^[a-z0-9]+:(?=[/~.])/i, ''));
}

/** ffmpeg's output is the word after its last option's value: the last word, unless an input (`-i`) is. */
export function ffmpegEffects(argv: readonly string[], sink: EffectSink): void {
  const last = argv[argv.length - 1];
  if (
    argv.length > 2 &&
    argv[argv.length - 2] !== '-i' &&
    !last.startsWith('-') &&
    isOutputFile(last) &&
    !/^pipe:/.test(last)
  )
    sink.add('truncate', last);
}
