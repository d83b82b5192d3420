// HTTP written by hand into a socket: `printf 'DELETE /v1/db HTTP/1.1\r\n…'
// | nc api.example.com 80`, or the same through `openssl s_client`, socat,
// ncat or telnet. No HTTP client is named, but the server reads the same
// request curl would send, so the request lines in what is piped in are
// read back into requests and judged as curl's would be. A stdin that is
// not known before the command runs, or holds no request line, is left to
// the packs that judge raw connections.
import type { Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { overriddenMethod, type HttpRequest } from '../common/requestParts';
import { connectionOf, type Connection } from '../../command/socketClients';
export { SOCKET_CLIENTS } from '../../command/socketClients';

/** Bounds of what is read from stdin: requests in one stream, lines, characters. */
const MAX_REQUESTS = 8;
const MAX_LINES = 4096;
const MAX_TEXT = 256 * 1024;

const REQUEST_LINE = /^([A-Z][A-Z-]{1,15}) +(\S+) +HTTP\/\d(?:\.\d)?\s*$/;

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
