// Package tools that write what they fetch or build into a folder the command names: `pip download -d DIR`,
// `pip wheel -w DIR`, `pip install --target DIR`, `npm pack --pack-destination DIR`. The files' names come from
// the package index, so each is a write of DIR/* (names not known): into ~/.ssh or /etc that is a protected place
// written, into vendor/ it is an ordinary write.
import type { EffectSink } from './types';

/** pip's options that take the next word as their value, so a value is not read as the subcommand. */
const PIP_GLOBAL_VALUE = new Set([
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--python',
]);

/** The folder each pip subcommand writes its packages into, by its long and short option names. */
const PIP_FOLDER_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  download: ['--dest', '-d'],
  wheel: ['--wheel-dir', '-w'],
  install: ['--target', '-t'],
};

/** The value of `--name VALUE`, `--name=VALUE`, `-n VALUE` or `-nVALUE` among `argv` from `from`; the last one given. */
function folderOption(argv: readonly string[], from: number, names: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    for (const n of names) {
      if (a === n) found = argv[++i];
      else if (n.startsWith('--') && a.startsWith(`${n}=`)) found = a.slice(n.length + 1);
      else if (n.length === 2 && !n.startsWith('--') && a.startsWith(n) && a.length > 2 && a[2] !== '-')
        found = a.slice(2);
      else continue;
      break;
    }
  }
  return found;
}

function intoFolder(dir: string | undefined, sink: EffectSink): void {
  if (dir) sink.add('write', `${dir.replace(/\/+$/, '') || '/'}/*`);
}

/** `pip download -d DIR`, `pip wheel -w DIR`, `pip install -t DIR` (also pip3, and `python -m pip` once unwrapped). */
export function pipFolderEffects(argv: readonly string[], sink: EffectSink): void {
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-')) i += PIP_GLOBAL_VALUE.has(argv[i]) ? 2 : 1;
  const names = PIP_FOLDER_OPTIONS[argv[i] ?? ''];
  if (names && Object.hasOwn(PIP_FOLDER_OPTIONS, argv[i])) intoFolder(folderOption(argv, i + 1, names), sink);
}

/** `npm pack --pack-destination DIR`: the package's tarball is written there. */
export function npmPackEffects(argv: readonly string[], sink: EffectSink): void {
  const sub = argv.slice(1).find((a) => !a.startsWith('-'));
  if (sub === 'pack') intoFolder(folderOption(argv, 1, ['--pack-destination']), sink);
}

/** `python3 -m pip download -d DIR …`: pip run as a module writes as pip does. */
export function pythonModuleEffects(argv: readonly string[], sink: EffectSink): void {
  const m = argv.indexOf('-m');
  if (m > 0 && m <= 3 && (argv[m + 1] === 'pip' || argv[m + 1] === 'pip3')) pipFolderEffects(argv.slice(m + 1), sink);
}
