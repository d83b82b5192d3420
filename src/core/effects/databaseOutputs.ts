// Files a database client writes because an option names them: psql's
// `-o FILE` / `--output=FILE` (query results) and `-L FILE` / `--log-file=FILE`
// (a session log), mysql's and mariadb's `--tee=FILE`. Each is a write of that
// file, judged like a redirect to it: `-o ~/.bashrc` asks, `-o out.txt` in the
// project stays quiet. The SQL's own output commands (`\o f`, `.output f`) are
// read in sqlWrites.ts.
//
// The options are read with each client's whole table of the options that take
// a value, as its getopt reads them: `psql -Ao FILE`, `-qAtoFILE` and
// `-AtL FILE` name their file too, and `psql -A -t -c SQL` gives none.
import { readPlacedOptions, type GetoptStyle, type PlacedOption } from '../command/options';
import { own } from '../text/own';
import type { EffectSink } from './types';

/** psql's getopt_long table (startup.c): `aAbc:d:eEf:F:h:HlL:no:p:P:qR:sStT:U:v:VwWxXz?01`, its long names. */
const PSQL_VALUED = [
  '--command',
  '--dbname',
  '--file',
  '--field-separator',
  '--host',
  '--log-file',
  '--output',
  '--port',
  '--pset',
  '--record-separator',
  '--set',
  '--table-attr',
  '--username',
  '--variable',
];
const PSQL_FLAGS = [
  '--echo-all',
  '--no-align',
  '--csv',
  '--echo-errors',
  '--echo-queries',
  '--echo-hidden',
  '--field-separator-zero',
  '--html',
  '--list',
  '--no-readline',
  '--single-transaction',
  '--quiet',
  '--record-separator-zero',
  '--single-step',
  '--single-line',
  '--tuples-only',
  '--version',
  '--no-password',
  '--password',
  '--expanded',
  '--no-psqlrc',
  // `--help[=topic]`: its value only ever attached.
  '--help',
];
const PSQL: GetoptStyle = {
  short: 'cdfFhLoPpRTUv',
  long: PSQL_VALUED,
  // GNU getopt_long: options after the database name, and any unique beginning of a long name (`--out FILE`).
  permute: true,
  abbreviations: [...PSQL_VALUED, ...PSQL_FLAGS],
};

/**
 * mysql's `--tee`, as its option reader (my_getopt) takes it: with `--loose-` before it, and shortened to `--te`
 * (my_getopt takes a unique beginning; its whole table is not listed here, so only this one is spelled out).
 */
const TEE = ['tee', 'te'].flatMap((n) => [`--${n}`, `--loose-${n}`, `--loose_${n}`]);
/** The mysql and mariadb options that take a value: `-p` and `-#` take one only in their own word. */
const MYSQL: GetoptStyle = {
  short: 'DehPSu',
  optional: 'p#',
  long: [
    ...TEE,
    '--bind-address',
    '--character-sets-dir',
    '--connect-timeout',
    '--database',
    '--default-auth',
    '--default-character-set',
    '--delimiter',
    '--execute',
    '--host',
    '--init-command',
    '--login-path',
    '--max-allowed-packet',
    '--max-join-size',
    '--net-buffer-length',
    '--plugin-dir',
    '--port',
    '--prompt',
    '--protocol',
    '--select-limit',
    '--socket',
    '--ssl-ca',
    '--ssl-capath',
    '--ssl-cert',
    '--ssl-cipher',
    '--ssl-crl',
    '--ssl-crlpath',
    '--ssl-key',
    '--ssl-mode',
    '--tls-version',
    '--user',
  ],
  permute: true,
};

/** Each client's option table, and the options of it that name a file the client writes. */
const CLIENTS: Readonly<Record<string, { style: GetoptStyle; writes: readonly string[] }>> = {
  psql: { style: PSQL, writes: ['-o', '--output', '-L', '--log-file'] },
  mysql: { style: MYSQL, writes: TEE },
  mariadb: { style: MYSQL, writes: TEE },
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
