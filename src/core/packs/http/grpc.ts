// gRPC calls from the shell: `grpcurl -d '{…}' HOST pkg.Service/DeleteInstance`,
// `grpc_cli call HOST Service.Method`,
// `ghz --call pkg.Service.Method` (which calls it thousands of times). The
// method's name is the request's verb, as a GraphQL field's is: a Delete,
// Drop or Purge method on anything but this machine asks.
import { finding } from '../common/finding';
import { isLocalHost } from '../common/urls';
import { GRPC_CLI_VALUES } from '../common/grpcOptions';
import type { Finding, SimpleCommand } from '../../types';
import { destructiveName, hasWeightyPart } from './words';

export const GRPC_CLIENTS = ['grpcurl', 'grpc_cli', 'ghz'] as const;

const GRPCURL_VALUES = [
  '-d',
  '-H',
  '-rpc-header',
  '-reflect-header',
  '-import-path',
  '-proto',
  '-protoset',
  '-protoset-out',
  '-cacert',
  '-cert',
  '-key',
  '-servername',
  '-authority',
  '-connect-timeout',
  '-keepalive-time',
  '-max-time',
  '-max-msg-sz',
  '-format',
  '-user-agent',
  '-unix',
  '-use-reflection',
];
const GHZ_VALUES = [
  '-c',
  '--concurrency',
  '-n',
  '--total',
  '-d',
  '--data',
  '-D',
  '--data-file',
  '-m',
  '--metadata',
  '-z',
  '--duration',
  '-r',
  '--rps',
  '--proto',
  '--protoset',
  '-i',
  '--import-paths',
  '-o',
  '--output',
  '-O',
  '--format',
  '--cacert',
  '--cert',
  '--key',
  '--cname',
  '-t',
  '--timeout',
  '-x',
  '--max-duration',
  '--connections',
  '--call',
];

interface GrpcCall {
  host?: string;
  method: string;
}

function positionalsAfter(argv: readonly string[], from: number, values: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
      if (!a.includes('=') && values.includes(name)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The method a call names, and the host it goes to, as each client spells them. */
function readCall(argv: readonly string[]): GrpcCall | undefined {
  switch (argv[0]) {
    case 'grpcurl': {
      const pos = positionalsAfter(argv, 1, GRPCURL_VALUES);
      if (pos.length < 2 || pos.includes('list') || pos.includes('describe')) return undefined;
      return { host: pos[0], method: pos[pos.length - 1] };
    }
    case 'grpc_cli': {
      if (argv[1] !== 'call') return undefined;
      const pos = positionalsAfter(argv, 2, GRPC_CLI_VALUES);
      return pos.length >= 2 ? { host: pos[0], method: pos[1] } : undefined;
    }
    case 'ghz': {
      const call =
        argv.find((_a, i) => argv[i - 1] === '--call') ?? argv.find((a) => a.startsWith('--call='))?.slice(7);
      const host = positionalsAfter(argv, 1, GHZ_VALUES)[0];
      return call ? { host, method: call } : undefined;
    }
  }
  return undefined;
}

export function grpcFindings(cmd: SimpleCommand): Finding[] {
  const call = readCall(cmd.argv);
  if (!call) return [];
  const host = call.host
    ?.replace(/^[a-z]+:\/\//, '')
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '');
  // This machine's own services, when the command runs here.
  if (host && isLocalHost(host) && !cmd.remote) return [];
  const name = call.method.split(/[/.]/).pop() ?? call.method;
  const hit = destructiveName(name);
  if (!hit || (hit.tier !== 'delete' && hit.tier !== 'overwrite')) return [];
  const weighty =
    hasWeightyPart(hit.parts) || hasWeightyPart(call.method.split(/[/.]/).flatMap((s) => s.toLowerCase()));
  const many = cmd.argv[0] === 'ghz' ? ', many times over (a load test)' : '';
  return [
    finding(
      'http.grpc-destructive-method',
      weighty ? 85 : 75,
      `calls the gRPC method ${call.method} on ${call.host ?? 'a server'}${many}: it ${hit.tier === 'delete' ? 'deletes' : 'overwrites'} what it names`,
      call.host ?? call.method,
      'call a List or Get method first to confirm the target, take a backup, and make the change where it is confirmed',
    ),
  ];
}
