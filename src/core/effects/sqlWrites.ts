// Files a SQL client writes because its SQL says so: `COPY … TO '/path'`
// (duckdb, postgres), `SELECT … INTO OUTFILE '/path'` (mysql, clickhouse),
// sqlite's `VACUUM INTO`, `ATTACH '/path'` of what is not a database file
// (opened as one, created when missing), `EXPORT DATABASE 'dir'`, and the clients' own output
// commands (`.output f`, `.once f`, `.save f`, `\o f`, `\copy … to 'f'`).
// Each is a write of that path, judged like a redirect to it. A server-side
// write (`COPY TO`, `INTO OUTFILE`) on another host lands on that host's disk,
// not this one: it is left to the database packs.
import { optionValue } from '../command/args';
import type { EffectSink } from './toolWrites';
import type { Finding, SimpleCommand } from '../types';

/** Clients that run SQL against a file or a server, by name. Embedded engines write on this machine whatever the host. */
export const SQL_WRITERS = new Set([
  'duckdb',
  'sqlite3',
  'sqlite',
  'psql',
  'pgcli',
  'mysql',
  'mariadb',
  'mycli',
  'clickhouse',
  'clickhouse-client',
  'clickhouse-local',
  'litecli',
  'usql',
]);
const EMBEDDED = new Set(['duckdb', 'sqlite3', 'sqlite', 'litecli', 'clickhouse-local']);

/** How much SQL is read for paths: its words and what it reads on stdin. */
const MAX_TEXT = 64 * 1024;
const MAX_PATHS = 32;
/** The word SQL past those bounds writes: a dynamic target, asked about (sqlPastBound). */
export const SQL_PAST_BOUND = '$SQL_WRITES_PAST_BOUND';

/** Writes by the server (on its own disk) and by the client (always this machine). */
const SERVER_WRITES = [/\bCOPY\b[^;]*?\bTO\s+'([^']+)'/gi, /\bINTO\s+(?:OUTFILE|DUMPFILE)\s+'([^']+)'/gi];
const CLIENT_WRITES = [
  /\bVACUUM\b[^;]*?\bINTO\s+'([^']+)'/gi,
  // Attaching a database file to read it writes nothing; any other file attached is opened as a database to write.
  /\bATTACH\s+(?:DATABASE\s+)?(?:IF\s+NOT\s+EXISTS\s+)?'((?![^']*\.(?:db|sqlite3?|duckdb|ddb)')[^']+)'(?![^;]*READ_ONLY)/gi,
  /\bEXPORT\s+DATABASE\s+'([^']+)'/gi,
  /(?:^|\n|;)\s*\.(?:output|once|save|backup)\s+(?:main\s+)?(?:'([^']+)'|"([^"]+)"|((?:\$\([^()]*\)|[^\s;'"])+))/gi,
  /(?:^|\n|\s)\\(?:o|out|w|g)\s+(?:'([^']+)'|([^\s;'"|]+))/gi,
  /\\copy\b[^\n]*?\bto\s+'([^']+)'/gi,
];

function serverIsHere(argv: readonly string[]): boolean {
  const host = optionValue(argv, ['-h', '--host']);
  return host === undefined || /^(?:localhost|127(?:\.\d+){3}|::1|\/.*)$/.test(host);
}

/** The files the SQL of a client invocation writes on this machine. */
export function sqlFileEffects(
  name: string,
  argv: readonly string[],
  stdin: string | undefined,
  sink: EffectSink,
): void {
  const all = [...argv.slice(1), stdin ?? ''].join('\n');
  // Every write below needs one of these words: SQL without them writes no file, however long.
  if (!/copy|outfile|dumpfile|vacuum|attach|export|\.output|\.once|\.save|\.backup|\\o|\\w|\\g/i.test(all)) return;
  // SQL past the bound that may write is not read: the call asks (sqlPastBound), never reads only the first part.
  if (all.length > MAX_TEXT) sink.add('write', SQL_PAST_BOUND, false, true);
  const text = all.slice(0, MAX_TEXT);
  const patterns = EMBEDDED.has(name) || serverIsHere(argv) ? [...SERVER_WRITES, ...CLIENT_WRITES] : CLIENT_WRITES;
  // `\copy t to 'f'` is also read as a `COPY … TO 'f'`: each file is written once.
  const found = new Set<string>();
  for (const re of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const file = m.slice(1).find((g) => g !== undefined);
      // `:memory:`, a pipe to a program (`|cmd`), STDOUT spelled as a file: no file on disk.
      if (
        !file ||
        found.has(file) ||
        file === ':memory:' ||
        file.startsWith('|') ||
        /^\/dev\/std(?:out|err)$/.test(file)
      )
        continue;
      if (found.size >= MAX_PATHS) {
        sink.add('write', SQL_PAST_BOUND, false, true);
        return;
      }
      sink.add('write', file);
      found.add(file);
    }
  }
}

/** A client given more SQL that may write files than is read: the files it writes past the bound are not known. */
export function sqlPastBound(cmd: SimpleCommand): Finding {
  return {
    id: 'parse.too-complex',
    summary: `${cmd.argv[0]} runs more SQL that writes files than AgentGuard reads (${MAX_TEXT / 1024} KiB, ${MAX_PATHS} files): the files it writes past that bound would be written unjudged, so a human must look at it`,
    target: cmd.argv[0],
    alternative: 'run the SQL in smaller parts',
    severity: 60,
  };
}
