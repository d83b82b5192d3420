// Audit entries as RFC 5424 syslog messages, over TCP (RFC 6587 octet
// counting) or TLS (RFC 5425). The message carries the entry's exact line, so
// the receiving side can recompute its hash, and its place in the chain as
// structured data: `[agentguard@32473 seq="…" hash="…" prev="…" …]` (32473 is
// RFC 5612's example enterprise number: AgentGuard has none of its own).
//
// Plain syslog has no acknowledgement. A batch counts as delivered when the
// receiver, having read to the end of what was sent (our half-close), closes
// its side cleanly; a reset, a timeout or a refused connection means it was
// not, and the batch is sent again: at least once, in order.
import * as net from 'node:net';
import * as os from 'node:os';
import * as tls from 'node:tls';
import type { SyslogSink } from '../config/auditSinks';
import { sha256 } from '../state/audit';
import { SYSLOG_SEVERITY, type Classified } from './classify';

/** LOG_AUDIT (RFC 5424 facility 13): where a SIEM expects audit trails. */
export const FACILITY = 13;
export const APP_NAME = 'agentguard';
export const SD_ID = 'agentguard@32473';
/** Longest entry line shipped whole; a longer one goes clipped, its hash still in the structured data. */
export const MAX_MESSAGE_LINE = 60 * 1024;
const BOM = '\uFEFF';

function printable(s: string, max: number): string {
  const clean = s.replace(/[^\x21-\x7e]/g, '');
  return clean ? clean.slice(0, max) : '-';
}

function sdValue(v: string): string {
  return v.replace(/[\\"\]]/g, '\\$&');
}

export interface SyslogEntry {
  line: string;
  seq: number;
  hash: string;
  prev: string;
  time: string | undefined;
  classified: Classified;
  decision?: string;
  /** Not an entry of the log (a gap notice): never part of the chain. */
  synthetic?: boolean;
}

/** A line too long for a syslog receiver, as a smaller JSON object that says so. */
function clipLine(line: string): string {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    // keep nothing but the marker
  }
  const keep: Record<string, unknown> = {};
  for (const k of [
    'time',
    'host',
    'event',
    'tool',
    'kind',
    'decision',
    'policy',
    'approval',
    'peerProof',
    'score',
    'findings',
    'environment',
    'workspace',
    'prev',
    'hash',
  ])
    if (k in parsed) keep[k] = parsed[k];
  if (typeof parsed.command === 'string') keep.command = parsed.command.slice(0, 4096);
  return JSON.stringify({ ...keep, clipped: true, lineBytes: Buffer.byteLength(line), lineSha256: sha256(line) });
}

export function formatSyslog(e: SyslogEntry, hostname = os.hostname()): string {
  const pri = FACILITY * 8 + SYSLOG_SEVERITY[e.classified.severity];
  const time = e.time && !Number.isNaN(Date.parse(e.time)) ? new Date(e.time).toISOString() : new Date().toISOString();
  const params: [string, string][] = [
    ['seq', String(e.seq)],
    ['hash', e.hash],
    ['prev', e.prev],
    ['severity', e.classified.severity],
  ];
  if (e.decision) params.push(['decision', e.decision]);
  if (e.classified.alert) params.push(['alert', e.classified.alert]);
  const clipped = Buffer.byteLength(e.line) > MAX_MESSAGE_LINE;
  if (clipped) params.push(['clipped', 'true']);
  if (e.synthetic) params.push(['synthetic', 'true']);
  const sd = `[${SD_ID} ${params.map(([k, v]) => `${k}="${sdValue(v)}"`).join(' ')}]`;
  return `<${pri}>1 ${time} ${printable(hostname, 255)} ${APP_NAME} - ${printable(e.classified.msgid, 32)} ${sd} ${BOM}${clipped ? clipLine(e.line) : e.line}`;
}

/** RFC 6587 octet counting: `LEN SP MSG`, so a message may hold anything. */
export function frame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

export interface SyslogTransportOptions {
  /** PEM certificate authorities for `tls://` (default: the system's). */
  ca?: string | Buffer;
  timeoutMs?: number;
}

/**
 * Sends one batch on its own connection and resolves once the receiver read
 * all of it and closed cleanly; rejects otherwise (nothing is known to have
 * arrived, so the caller sends it again). A receiver that goes away with
 * part of the batch unread resets the connection, which fails it; one that
 * has read it all and closes, even while shutting down, has taken it. What
 * TCP cannot tell is a receiver (or a proxy before it) that reads a batch and
 * throws it away: plain syslog has no acknowledgement for that (docs/teams.md, "Audit shipping").
 */
export function sendSyslogBatch(
  sink: SyslogSink,
  frames: readonly Buffer[],
  opts: SyslogTransportOptions = {},
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    let done = false;
    let ended = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const socket: net.Socket = sink.tls
      ? tls.connect({
          host: sink.host,
          port: sink.port,
          ...(opts.ca ? { ca: opts.ca } : {}),
          ...(net.isIP(sink.host) ? {} : { servername: sink.host }),
        })
      : net.connect({ host: sink.host, port: sink.port });
    const timer = setTimeout(
      () => finish(new Error(`${sink.url} did not take the batch within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    socket.on(sink.tls ? 'secureConnect' : 'connect', () => {
      socket.write(Buffer.concat(frames as Buffer[]));
      // Half-close: the receiver reads to this end, then closes its side.
      socket.end();
    });
    // A receiver that talks back is read and ignored; its end is what counts.
    socket.on('data', () => undefined);
    socket.on('end', () => {
      ended = true;
    });
    socket.on('error', (err) => finish(new Error(`${sink.url}: ${err.message}`)));
    socket.on('close', (hadError) => {
      if (hadError || !ended) finish(new Error(`${sink.url} closed the connection before reading the whole batch`));
      else finish();
    });
  });
}
