// Files a database client writes because an option names them: psql's
// `-o FILE` / `--output=FILE` (query results) and `-L FILE` / `--log-file=FILE`
// (a session log), mysql's and mariadb's `--tee=FILE`. Each is a write of that
// file, judged like a redirect to it: `-o ~/.bashrc` asks, `-o out.txt` in the
// project stays quiet. The SQL's own output commands (`\o f`, `.output f`) are
// read in sqlWrites.ts.
//
// The options are read with each client's whole table of the options that take
// a value, as its getopt reads them (command/databaseClients.ts): `psql -Ao
// FILE`, `-qAtoFILE` and `-AtL FILE` name their file too, and `psql -A -t -c
// SQL` gives none.
import { MYSQL_OPTIONS, PSQL_OPTIONS } from '../command/databaseClients';
import { readPlacedOptions, type GetoptStyle, type PlacedOption } from '../command/options';
import { own } from '../text/own';
import type { EffectSink } from './types';

/** Each client's option table, and the options of it that name a file the client writes. */
const CLIENTS: Readonly<Record<string, { style: GetoptStyle; writes: readonly string[] }>> = {
  psql: { style: PSQL_OPTIONS, writes: ['-o', '--output', '-L', '--log-file'] },
  // `--te`, `--loose-tee` and `--loose_tee` are read as `--tee` (command/databaseClients.ts).
  mysql: { style: MYSQL_OPTIONS, writes: ['--tee'] },
  mariadb: { style: MYSQL_OPTIONS, writes: ['--tee'] },
};

/** The options of a database client's line that name a file it writes (`-o FILE`, `--tee=FILE`), in order. */
export function databaseOutputOptions(argv: readonly string[]): PlacedOption[] {
  const client = own(CLIENTS, argv[0] ?? '');
  if (!client) return [];
  return readPlacedOptions(argv, 1, client.style).options.filter((o) => client.writes.includes(o.name));
}

/** psql's output handed to a program (`-o '|CMD'`): the shell lines, as `\o |CMD` in the SQL gives them. */
export function psqlOutputPipes(argv: readonly string[]): string[] {
  if (argv[0] !== 'psql') return [];
  return databaseOutputOptions(argv)
    .filter((o) => (o.name === '-o' || o.name === '--output') && o.value?.startsWith('|'))
    .map((o) => o.value ?? '');
}

export function databaseOutputEffects(name: string, argv: readonly string[], sink: EffectSink): void {
  if (!own(CLIENTS, name)) return;
  for (const { value: file } of databaseOutputOptions(argv)) {
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
  for (const o of databaseOutputOptions(argv)) for (let i = o.word; i <= o.last; i++) drop.add(i);
  return drop;
}
