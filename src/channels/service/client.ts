// A developer's side of the AgentGuard service: checks the socket is the
// service's (trust.ts), then one request and one reply over the repository's
// newline-JSON client. Every way this can go wrong — no socket, a socket the
// developer could have planted, a refusal, silence past the deadline, a line
// too long or not the protocol — comes back as `ok: false` with why; a hook
// then blocks the call, never allows it.
import { openLineClient } from '../lineClient';
import {
  MAX_SERVICE_LINE_BYTES,
  parseServiceHello,
  parseServiceReply,
  userSocketPath,
  type ServiceReply,
  type ServiceRequest,
} from '../../shared/serviceProtocol';
import { trustServiceSocket } from './trust';
import { accountNamed } from './users';
import { requestEnrolment } from './enrol';

export type ServiceResult = { ok: true; reply: ServiceReply & { ok: true } } | { ok: false; error: string };

export interface ServiceAddress {
  socket: string;
  /** The service's OS user: the socket and its folders must be root's or this user's. */
  user: string;
  timeoutMs: number;
}

/** This process's own socket, from the managed policy's `service` settings. */
export function ownAddress(
  s: { socketDir: string; user: string; timeoutMs: number },
  uid = process.getuid?.() ?? -1,
): ServiceAddress {
  return { socket: userSocketPath(s.socketDir, uid), user: s.user, timeoutMs: s.timeoutMs };
}

/** `signal`: the asker's own asker left; the connection ends at once (the service then drops what it was doing for it). */
export function askService(
  address: ServiceAddress,
  request: ServiceRequest,
  signal?: AbortSignal,
): Promise<ServiceResult> {
  const left = (): ServiceResult => ({ ok: false, error: 'nobody waits for the answer any more' });
  if (signal?.aborted) return Promise.resolve(left());
  const serviceUid = accountNamed(address.user)?.uid;
  const trust = trustServiceSocket(address.socket, serviceUid);
  if (!trust.ok) {
    const enrol = requestEnrolment(address.socket);
    return Promise.resolve({
      ok: false,
      error: `the AgentGuard service's socket is not trusted: ${trust.problem}${enrol ? `; ${enrol}` : ''}`,
    });
  }
  return new Promise((resolve) => {
    let greeted = false;
    const client = openLineClient<ServiceResult>(address.socket, {
      maxBytes: MAX_SERVICE_LINE_BYTES,
      oversized: () => ({ ok: false, error: 'the AgentGuard service sent a line past the size limit' }),
      error: (err) => ({ ok: false, error: `the AgentGuard service is unreachable (${err.code ?? err.message})` }),
      closed: () => ({ ok: false, error: 'the AgentGuard service closed the connection without an answer' }),
      line: (text, c) => {
        if (!greeted) {
          if (!parseServiceHello(text))
            return c.end({ ok: false, error: 'the socket did not greet as the AgentGuard service' });
          greeted = true;
          return c.send({ ...request, pid: process.pid });
        }
        const reply = parseServiceReply(text);
        if (!reply)
          return c.end({ ok: false, error: 'the AgentGuard service answered something that is not its protocol' });
        c.end(reply.ok ? { ok: true, reply } : { ok: false, error: `the AgentGuard service refused: ${reply.error}` });
      },
      ended: resolve,
    });
    client.arm('deadline', address.timeoutMs, () => ({
      ok: false,
      error: `the AgentGuard service did not answer within ${address.timeoutMs} ms`,
    }));
    signal?.addEventListener('abort', () => client.end(left()), { once: true });
  });
}
