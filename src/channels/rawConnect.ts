// Whether anything accepts TCP connections at a loopback address, asked on a
// bare libuv handle (./handleBinding) rather than through node:net: the
// debugger check (./debuggers) asks this of the editor's inspector port at
// every call the editor's judge takes, and the usual answer, a refused
// connection, should not cost the load of node:net. Nothing is sent: the
// connection is closed as soon as it is made. Undefined when the binding is
// not used here; the caller then asks through node:net.
import { getSystemErrorName } from 'node:util';
import { handleBinding } from './handleBinding';

export type Listening = 'refused' | 'open' | 'unknown';

interface ConnectReq {
  oncomplete: (status: number) => void;
}

interface TcpHandle {
  connect(req: ConnectReq, address: string, port: number): number;
  connect6(req: ConnectReq, address: string, port: number): number;
  close(): void;
}

interface TcpBinding {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectReq;
  constants: { SOCKET: number };
}

const outcome = (status: number): Listening => {
  if (status === 0) return 'open';
  try {
    return getSystemErrorName(status) === 'ECONNREFUSED' ? 'refused' : 'unknown';
  } catch {
    return 'unknown';
  }
};

/** `host` is an IP address (a dotted IPv4 one, or an IPv6 one): no name is looked up here. */
export function rawListening(host: string, port: number, timeoutMs: number): Promise<Listening> | undefined {
  const tcp = handleBinding<TcpBinding>('tcp_wrap');
  if (
    typeof tcp?.TCP !== 'function' ||
    typeof tcp.TCPConnectWrap !== 'function' ||
    typeof tcp.constants?.SOCKET !== 'number'
  )
    return undefined;
  const ipv6 = host.includes(':');
  if (!ipv6 && !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return undefined;
  let handle: TcpHandle;
  try {
    handle = new tcp.TCP(tcp.constants.SOCKET);
  } catch {
    return undefined;
  }
  return new Promise((resolve) => {
    let settled = false;
    const req = new tcp.TCPConnectWrap!();
    const done = (r: Listening) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Held until here, so that nothing collects the request before libuv answers it.
      req.oncomplete = () => undefined;
      handle.close();
      resolve(r);
    };
    const timer = setTimeout(() => done('unknown'), timeoutMs);
    req.oncomplete = (status) => done(outcome(status));
    let status: number;
    try {
      status = ipv6 ? handle.connect6(req, host, port) : handle.connect(req, host, port);
    } catch {
      status = -1;
    }
    // A connection that could not even be started says nothing about the port.
    if (status !== 0) queueMicrotask(() => done('unknown'));
  });
}
