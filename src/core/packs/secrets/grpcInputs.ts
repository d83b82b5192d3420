// What a gRPC client sends besides the words of its command: grpcurl's and ghz's `-d @` read the request from
// stdin, ghz's `-D`/`--data-file`, `-B`/`--binary-file` and `-M`/`--metadata-file` read it from a file, and
// grpc_cli's `call` reads it from `--infile` or, with no request text, from stdin. `grpcurl -d @ HOST M < .env`
// sends the file to HOST as curl's `-d @- URL < .env` does, and is judged by the same rule (sendFindings).
import { optionValues, positionals } from '../../command/args';

export const GRPC_SENDERS: ReadonlySet<string> = new Set(['grpcurl', 'ghz', 'grpc_cli']);

/** Go's flag package also spells a value `-d=@` and `--d @`. */
const value = (v: string) => (v.startsWith('=') ? v.slice(1) : v);

const GRPC_CLI_VALUES = [
  '--metadata',
  '--protofiles',
  '--proto_path',
  '--channel_creds_type',
  '--ssl_target',
  '--timeout',
];

/** Whether the client reads its request on stdin, and the files it sends. */
export function grpcInputs(argv: readonly string[]): { stdin: boolean; files: string[] } {
  const name = argv[0];
  if (name === 'grpc_cli') {
    if (argv[1] !== 'call') return { stdin: false, files: [] };
    const infile = optionValues(argv, ['--infile', '-infile']).map(value);
    const request = positionals(argv, [...GRPC_CLI_VALUES, '--infile', '-infile'], 2)[2];
    return { stdin: infile.length === 0 && request === undefined, files: infile };
  }
  const data = optionValues(argv, name === 'ghz' ? ['-d', '--data'] : ['-d', '--d']).map(value);
  const files =
    name === 'ghz'
      ? optionValues(argv, ['-D', '--data-file', '-B', '--binary-file', '-M', '--metadata-file']).map(value)
      : [];
  return { stdin: data.includes('@'), files };
}
