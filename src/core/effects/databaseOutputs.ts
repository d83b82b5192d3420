// Files a database client writes because an option names them: psql's
// `-o FILE` / `--output=FILE` (query results) and `-L FILE` / `--log-file=FILE`
// (a session log), mysql's and mariadb's `--tee=FILE`. Each is a write of that
// file, judged like a redirect to it: `-o ~/.bashrc` asks, `-o out.txt` in the
// project stays quiet. The SQL's own output commands (`\o f`, `.output f`) are
// read in sqlWrites.ts.
import { optionValues } from '../command/args';
import { own } from '../text/own';
import type { EffectSink } from './types';

/** The options of each client that name a file it writes, by every spelling the client takes. */
const OUTPUT_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  psql: ['-o', '--output', '-L', '--log-file'],
  mysql: ['--tee'],
  mariadb: ['--tee'],
};

export function databaseOutputEffects(name: string, argv: readonly string[], sink: EffectSink): void {
  const names = own(OUTPUT_OPTIONS, name);
  if (!names) return;
  for (const file of optionValues(argv, names)) {
    // `-o '|cmd'` hands the output to a program: no file on disk.
    if (file && !file.startsWith('|') && !/^\/dev\/std(?:out|err)$/.test(file)) sink.add('write', file);
  }
}

/**
 * The indexes of the words that give the output options above (an option and its value), none when there are none.
 * Like a local redirect, the file they name is written on this machine whatever database the client talks to: it
 * does not make the call a write there.
 */
export function outputOptionWords(argv: readonly string[]): Set<number> {
  const drop = new Set<number>();
  const names = own(OUTPUT_OPTIONS, argv[0] ?? '');
  if (!names) return drop;
  for (let i = 1; i < argv.length && argv[i] !== '--'; i++) {
    const a = argv[i];
    if (names.includes(a)) {
      drop.add(i);
      drop.add(++i);
    } else if (names.some((n) => (n.startsWith('--') ? a.startsWith(`${n}=`) : a.length > 2 && a.startsWith(n))))
      drop.add(i);
  }
  return drop;
}
