// Asking the AgentGuard service for something with bytes after a line — a
// snapshot handed in, the snapshots it keeps, one of them back for a restore.
// The same checks as every request (client.ts: the socket must be the
// service's, the hello and the reply its protocol); the bytes are read as
// bytes, exactly as many as the line declared and no more than the
// protocol's bound, within a deadline that grows with the size. Any other
// outcome is `ok: false` with why.
import type * as Net from 'node:net';
import {
  MAX_SERVICE_LINE_BYTES,
  MAX_SERVICE_PAYLOAD_BYTES,
  parseServiceHello,
  parseServiceReply,
  type ServiceReply,
  type ServiceRequest,
} from '../../shared/serviceProtocol';
import type { ServiceAddress } from './client';
import { trustServiceSocket } from './trust';
import { accountNamed } from './users';

export type BulkResult =
  | { ok: true; reply: ServiceReply & { ok: true }; payload?: Buffer }
  | { ok: false; error: string; refused?: { file: string; why: string }[] };

/** Time allowed per MiB moved, on top of the address's timeout. */
const MS_PER_MIB = 100;

export function exchangeService(
  address: ServiceAddress,
  request: ServiceRequest,
  payload?: Buffer,
): Promise<BulkResult> {
  const trust = trustServiceSocket(address.socket, accountNamed(address.user)?.uid);
  if (!trust.ok)
    return Promise.resolve({ ok: false, error: `the AgentGuard service's socket is not trusted: ${trust.problem}` });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const net = require('node:net') as typeof Net;
  return new Promise((resolve) => {
    const socket = net.createConnection(address.socket);
    let done = false;
    const finish = (r: BulkResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const deadline = (bytes: number) =>
      setTimeout(
        () => finish({ ok: false, error: `the AgentGuard service did not answer within ${address.timeoutMs} ms` }),
        address.timeoutMs + Math.ceil(bytes / (1024 * 1024)) * MS_PER_MIB,
      );
    let timer = deadline(payload?.length ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let greeted = false;
    let reply: (ServiceReply & { ok: true }) | undefined;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      for (;;) {
        if (reply) {
          const want = reply.bytes ?? 0;
          if (size > want) return finish({ ok: false, error: 'the AgentGuard service sent more than it declared' });
          if (size === want) return finish({ ok: true, reply, payload: Buffer.concat(chunks) });
          return;
        }
        const all = Buffer.concat(chunks);
        const nl = all.indexOf(0x0a);
        if (nl === -1) {
          if (size > MAX_SERVICE_LINE_BYTES)
            finish({ ok: false, error: 'the AgentGuard service sent a line past the size limit' });
          return;
        }
        const text = all.subarray(0, nl).toString('utf8');
        chunks.length = 0;
        chunks.push(all.subarray(nl + 1));
        size = all.length - nl - 1;
        if (!greeted) {
          if (!parseServiceHello(text))
            return finish({ ok: false, error: 'the socket did not greet as the AgentGuard service' });
          greeted = true;
          socket.write(
            JSON.stringify({ ...request, pid: process.pid, ...(payload ? { bytes: payload.length } : {}) }) + '\n',
          );
          if (payload) socket.write(payload);
          continue;
        }
        const parsed = parseServiceReply(text);
        if (!parsed)
          return finish({ ok: false, error: 'the AgentGuard service answered something that is not its protocol' });
        if (!parsed.ok)
          return finish({
            ok: false,
            error: `the AgentGuard service refused: ${parsed.error}`,
            ...(parsed.refused ? { refused: parsed.refused } : {}),
          });
        if ((parsed.bytes ?? 0) > MAX_SERVICE_PAYLOAD_BYTES)
          return finish({ ok: false, error: 'the AgentGuard service declared more than the protocol allows' });
        reply = parsed;
        clearTimeout(timer);
        timer = deadline(parsed.bytes ?? 0);
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      finish({ ok: false, error: `the AgentGuard service is unreachable (${err.code ?? err.message})` }),
    );
    socket.on('close', () => {
      if (reply && (reply.bytes ?? 0) === size) return finish({ ok: true, reply, payload: Buffer.concat(chunks) });
      finish({ ok: false, error: 'the AgentGuard service closed the connection without an answer' });
    });
  });
}
