// HTTP written by hand into a socket: `printf 'DELETE /v1/db HTTP/1.1\r\n…'
// | nc api.example.com 80`, or the same through `openssl s_client`, socat,
// ncat or telnet. No HTTP client is named, but the server reads the same
// request curl would send, so the request lines in what is piped in are
// read back into requests and judged as curl's would be. A stdin that is
// not known before the command runs, or holds no request line, is left to
// the packs that judge raw connections.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { overriddenMethod, type HttpRequest } from '../common/requestParts';

export const SOCKET_CLIENTS = ['nc', 'ncat', 'netcat', 'socat', 'telnet', 'openssl'] as const;

/** Bounds of what is read from stdin: requests in one stream, lines, characters. */
const MAX_REQUESTS = 8;
const MAX_LINES = 4096;
const MAX_TEXT = 256 * 1024;

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
const REQUEST_LINE = /^([A-Z][A-Z-]{1,15}) +(\S+) +HTTP\/\d(?:\.\d)?\s*$/;

interface Connection {
  host?: string;
  port?: string;
  tls: boolean;
}

function connectionOf(argv: readonly string[]): Connection | undefined {
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

interface RawRequest {
  method: string;
  target: string;
  headers: string[];
  body: string[];
}

/**
 * The requests written in a stream, in order; each body runs to the next request line. `unread` when the
 * stream runs past what is read (a request past the eighth, a line past the bound): what lies beyond would
 * be sent unjudged, so the call is asked about.
 */
function requestsIn(text: string): { raws: RawRequest[]; unread: boolean } {
  const all = text.slice(0, MAX_TEXT).split(/\r?\n|\r/, MAX_LINES + 1);
  const lines = all.slice(0, MAX_LINES);
  let unread = text.length > MAX_TEXT || all.length > MAX_LINES;
  const out: RawRequest[] = [];
  let current: RawRequest | undefined;
  let inHeaders = false;
  for (const line of lines) {
    const m = REQUEST_LINE.exec(line);
    if (m) {
      if (out.length >= MAX_REQUESTS) {
        unread = true;
        break;
      }
      current = { method: m[1], target: m[2], headers: [], body: [] };
      out.push(current);
      inHeaders = true;
    } else if (!current) {
      continue;
    } else if (inHeaders) {
      if (line.trim() === '') inHeaders = false;
      else current.headers.push(line);
    } else {
      current.body.push(line);
    }
  }
  return { raws: out, unread };
}

function urlOf(raw: RawRequest, conn: Connection): string | undefined {
  if (/^https?:\/\//i.test(raw.target)) return raw.target;
  const path = raw.target.startsWith('/') ? raw.target : `/${raw.target}`;
  const scheme = conn.tls ? 'https' : 'http';
  if (conn.host) {
    const port = conn.port && conn.port !== (conn.tls ? '443' : '80') ? `:${conn.port}` : '';
    return `${scheme}://${conn.host.includes(':') ? `[${conn.host}]` : conn.host}${port}${path}`;
  }
  // No host on the command line (an unresolved socat address): the Host header says where it is meant to go.
  const header = raw.headers.find((h) => /^host\s*:/i.test(h));
  const host = header?.replace(/^host\s*:\s*/i, '').trim();
  return host ? `${scheme}://${host}${path}` : undefined;
}

/**
 * The HTTP requests a socket tool sends, when what is piped into it is known and holds request lines
 * (undefined otherwise), and the finding that asks when the stream holds more than is read.
 */
export function rawRequests(cmd: SimpleCommand): { requests: HttpRequest[]; unread?: Finding } | undefined {
  if (cmd.stdin === undefined) return undefined;
  const conn = connectionOf(cmd.argv);
  if (!conn) return undefined;
  const { raws, unread } = requestsIn(cmd.stdin);
  if (!raws.length && !unread) return undefined;
  const client = cmd.argv[0] === 'openssl' ? 'openssl s_client' : cmd.argv[0];
  const requests = raws.map((raw) => {
    const url = urlOf(raw, conn);
    const body = raw.body.join('\n').trim();
    return {
      client,
      method: overriddenMethod(raw.headers) ?? raw.method,
      urls: url ? [url] : [],
      bodies: body ? [{ text: body, source: 'stdin' }] : [],
    };
  });
  if (!unread) return { requests };
  return {
    requests,
    unread: finding(
      'parse.too-complex',
      60,
      `${client} is sent more than AgentGuard reads of it (${MAX_REQUESTS} requests, ${MAX_LINES} lines, ${MAX_TEXT / 1024} KiB): what lies past that would reach the server unjudged`,
      conn.host,
      'send each request with curl, where it is judged',
    ),
  };
}
