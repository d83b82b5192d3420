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
