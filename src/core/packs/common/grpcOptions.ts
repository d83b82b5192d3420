// `grpc_cli call`'s options that take a value: the http pack skips them to find the method called, the secrets pack
// to find the request text (without one, the request is read from `--infile` or stdin). gflags spells each with
// one dash or two.
export const GRPC_CLI_VALUES: readonly string[] = [
  '--metadata',
  '--protofiles',
  '--proto_path',
  '--channel_creds_type',
  '--ssl_target',
  '--timeout',
  '--infile',
  '-infile',
];
