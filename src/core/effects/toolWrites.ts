// File effects of archivers, downloaders and line editors: the writes that
// are easy to miss because the written file is an option value (`tar -f`,
// `wget -O`, `curl -o`) or a folder (`tar -x -C dir`). Patchers, whose files
// are named only inside the patch, are read in patches.ts.
import { hasFlag, optionValue, positionals } from '../command/args';
import type { EffectSink } from './types';
import { tarCall } from '../command/tarCall';
export { DOWNLOADERS, downloadEffects, urlFileName } from './downloads';

export type { EffectSink } from './types';

/** tar: the archive written (`-c`, `-r`, `-u`), the folder extracted into (`-x`, `-C`), sources removed (`--remove-files`). */
export function tarEffects(argv: readonly string[], sink: EffectSink): void {
  const { mode, file, dir, operands } = tarCall(argv);
  if (file && file !== '-' && /[cr]/.test(mode)) sink.add(mode.includes('c') ? 'truncate' : 'write', file);
  if (mode.includes('x')) sink.add('write', dir ?? '.', true);
  if (hasFlag(argv, ['--remove-files'])) for (const s of operands) sink.add('delete', s, true);
}

/** zip writes its archive; `-m` deletes what it moved in. unzip writes into `-d DIR` (or here). */
export function zipEffects(name: string, argv: readonly string[], sink: EffectSink): void {
  if (name === 'unzip') {
    if (hasFlag(argv, ['-l', '-t', '-v', '-Z', '-p'])) return;
    sink.add('write', optionValue(argv, ['-d']) ?? '.', true);
    return;
  }
  const pos = positionals(argv, ['-b', '-n', '-t', '-tt', '-x', '-i', '-P', '-O', '--out', '-Z']);
  if (pos.length === 0) return;
  sink.add('write', pos[0]);
  if (argv.some((a) => /^-[a-zA-Z0-9]*m/.test(a) && !a.startsWith('--')) || argv.includes('--move')) {
    for (const s of pos.slice(1)) sink.add('delete', s, true);
  }
}

/**
 * git's diff family (`diff`, `log`, `show`, …) writes its output over the file
 * `--output` names, and `git archive -o` its archive: a read-only-looking git
 * command that replaces a file.
 */
export function gitOutputEffects(argv: readonly string[], sink: EffectSink): void {
  const archive = argv.includes('archive');
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const value =
      a === '--output' || (archive && a === '-o')
        ? argv[i + 1]
        : a.startsWith('--output=')
          ? a.slice(9)
          : archive && /^-o./.test(a)
            ? a.slice(2)
            : undefined;
    if (value !== undefined && value !== '-' && value !== '/dev/null') sink.add('truncate', value);
  }
  // `git stash push [-u] -- PATH…`: the changes (with -u, the untracked files) at PATH leave the work tree for the
  // stash, as a move out of their place: a hook settings file stashed away is gone from where the host reads it.
  if (argv[1] === 'stash' && (argv[2] === undefined || argv[2] === 'push' || argv[2].startsWith('-'))) {
    const from = argv[2] === 'push' ? 2 : 1;
    for (const w of positionals(argv, ['-m', '--message', '--pathspec-from-file'], from + 1)) sink.add('move', w);
  }
  // `git bundle create FILE REFS`: FILE is written whole.
  const b = argv.indexOf('bundle');
  if (b > 0 && argv[b + 1] === 'create') {
    const file = positionals(argv.slice(b + 1))[0];
    if (file !== undefined && file !== '-') sink.add('truncate', file);
  }
}

/** `touch FILE`: creates it, or changes its times. */
export function touchEffects(argv: readonly string[], sink: EffectSink): void {
  for (const w of positionals(argv, ['-d', '--date', '-r', '--reference', '-t'])) sink.add('write', w);
}

/** `mkfifo NAME…`, `mknod NAME TYPE …`: a FIFO or device planted at a path (the reader of that path may then block). */
export function specialFileEffects(name: string, argv: readonly string[], sink: EffectSink): void {
  const names = positionals(argv, ['-m', '--mode', '--context']);
  for (const w of name === 'mknod' ? names.slice(0, 1) : names) sink.add('write', w);
}

/**
 * Windows copiers: `robocopy SRC DEST [files] [/MIR|/PURGE] [/MOV|/MOVE]` and
 * `xcopy SRC DEST`. /MIR and /PURGE delete whatever DEST has that SRC lacks
 * (an empty or foreign SRC empties DEST), as rsync --delete does; /MOVE
 * deletes SRC once copied.
 */
export function windowsCopyEffects(name: string, argv: readonly string[], sink: EffectSink): void {
  const words = argv
    .slice(1)
    .filter((a) => !/^\/[A-Za-z]/.test(a))
    .map((a) => a.replace(/\\/g, '/'));
  const has = (s: string) => argv.some((a) => new RegExp(`^/${s}(?::.*)?$`, 'i').test(a));
  if (words.length < 2) return;
  const [src, dest] = words;
  sink.add('write', dest);
  if (name === 'robocopy') {
    if (has('mir') || has('purge')) sink.add('delete', dest, true);
    if (has('move')) sink.add('delete', src, true);
    else if (has('mov')) sink.add('delete', src + '/*', false);
  }
}
