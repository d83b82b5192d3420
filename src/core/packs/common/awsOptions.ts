// Which options of the aws CLI take a value, so that its operands (an
// `aws s3 cp` source and destination, the service and operation words) can
// be told apart from option values. Read by the cloud and secrets packs.

/** Options every aws command takes before or after the service, each with a value. */
export const AWS_GLOBAL_VALUE_OPTIONS = [
  '--profile',
  '--region',
  '--output',
  '--endpoint-url',
  '--query',
  '--color',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--cli-binary-format',
];

/** `aws s3` options that take a value, so sync's SRC and DEST can be told apart. */
export const AWS_S3_VALUE_OPTIONS = [
  '--exclude',
  '--include',
  '--acl',
  '--storage-class',
  '--sse',
  '--sse-kms-key-id',
  '--sse-c',
  '--sse-c-key',
  '--cache-control',
  '--content-type',
  '--content-disposition',
  '--content-encoding',
  '--content-language',
  '--expires',
  '--metadata',
  '--metadata-directive',
  '--grants',
  '--website-redirect',
  '--source-region',
  '--page-size',
  '--expected-size',
  '--copy-props',
  '--checksum-algorithm',
  '--request-payer',
  ...AWS_GLOBAL_VALUE_OPTIONS,
];
