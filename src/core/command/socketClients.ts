// Raw socket clients (nc, ncat, socat, telnet, openssl s_client) and where
// each connects: read by the packs that judge what is typed into them (HTTP
// requests in packs/http/rawRequest.ts, Redis commands in
// packs/databaseCli/redisSocket.ts) and by the environment, for which the
// host is the command's target like `redis-cli -h`'s.
import { hasFlag, optionValue, positionals } from './args';

export const SOCKET_CLIENTS = ['nc', 'ncat', 'netcat', 'socat', 'telnet', 'openssl'] as const;

const NC_VALUE_OPTIONS = [
  '-e',
  '-c',
  '-g',
  '-G',
  '-i',
  '-I',
  '-M',
  '-m',
  '-O',
  '-P',
  '-p',
  '-q',
  '-s',
  '-T',
  '-V',
  '-w',
  '-x',
  '-X',
  '--proxy',
  '--proxy-type',
  '--proxy-auth',
  '--source-port',
  '--source',
  '--wait',
  '--ssl-cert',
  '--ssl-key',
  '--ssl-trustfile',
  '--ssl-ciphers',
  '--ssl-servername',
  '--ssl-alpn',
  '--exec',
  '--sh-exec',
  '--lua-exec',
];
const TELNET_VALUE_OPTIONS = ['-b', '-e', '-l', '-n', '-k', '-X'];
/** A socat address that connects out: `TCP:host:port`, `OPENSSL:host:port,verify=0`, `TCP4:[::1]:80`. */
const SOCAT_CONNECT = /^(TCP[46]?|TCP[46]?-CONNECT|SSL|OPENSSL|SSL-CONNECT|OPENSSL-CONNECT):\[?([^\]:,\s]+)\]?:(\d+)/i;

export interface Connection {
  host?: string;
  port?: string;
  tls: boolean;
}

export function connectionOf(argv: readonly string[]): Connection | undefined {
  switch (argv[0]) {
    case 'nc':
    case 'ncat':
    case 'netcat': {
      if (hasFlag(argv, ['-l', '--listen'])) return undefined; // a listener answers, it does not ask
      const [host, port] = positionals(argv, NC_VALUE_OPTIONS);
      return { host, port, tls: hasFlag(argv, ['--ssl']) || port === '443' };
    }
    case 'telnet': {
      const [host, port] = positionals(argv, TELNET_VALUE_OPTIONS);
      return { host, port, tls: false };
    }
    case 'socat':
      for (const a of argv.slice(1, 16)) {
        const m = SOCAT_CONNECT.exec(a);
        if (m) return { host: m[2], port: m[3], tls: /SSL/i.test(m[1]) };
      }
      return { tls: false };
    case 'openssl': {
      if (argv[1] !== 's_client') return undefined;
      const connect = optionValue(argv, ['-connect']);
      if (connect) {
        const m = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(connect);
        return { host: m?.[1] || undefined, port: m?.[2] ?? '443', tls: true };
      }
      return { host: optionValue(argv, ['-host']), port: optionValue(argv, ['-port']) ?? '443', tls: true };
    }
    default:
      return undefined;
  }
}
