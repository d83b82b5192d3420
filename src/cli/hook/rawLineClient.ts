// The editor's judge's channel (channels/lineClient's contract) on a bare
// libuv pipe handle, without node:net. Loading node:net, and the streams
// under it, is about 3 ms of a 2-CPU machine's time at every call an editor
// judges; the handle net.Socket would wrap (pipe_wrap's Pipe) connects,
// reads and writes the same socket with the same libuv calls. Only what a
// line client needs is here: connect, read into lines under the same byte
// bound, write whole lines, and end exactly once. Every error, an end of
// file, and a bound hit end the connection with the caller's outcome for
// it, as the net.Socket client does; deciding what that outcome means
// (skip the judge, or deny) stays the caller's.
//
// Where the bindings are not there or not as expected (another platform, a
// Node that warns about process.binding, a binding without these members),
// nothing is opened and the caller uses the net.Socket client.
import { getSystemErrorName } from 'node:util';
import type { LineClient, LineClientSpec } from '../../channels/lineClient';
import { handleBinding } from '../../channels/handleBinding';

interface Req {
  oncomplete: (status: number) => void;
}

interface SocketHandle {
  connect(req: Req, address: string, oncomplete?: (status: number) => void): number;
  readStart(): number;
  readStop(): number;
  writeUtf8String(req: Req & { handle: SocketHandle; async: boolean }, text: string): number;
  close(): void;
  onread: (data: ArrayBuffer | undefined) => void;
}

interface PipeBinding {
  Pipe: new (type: number) => SocketHandle;
  PipeConnectWrap: new () => Req;
  constants: { SOCKET: number };
}

interface StreamBinding {
  WriteWrap: new () => Req & { handle: SocketHandle; async: boolean };
  streamBaseState: Int32Array;
  kReadBytesOrError: number;
  kArrayBufferOffset: number;
}

const NEWLINE = 0x0a;

function failure(status: number, syscall: string): NodeJS.ErrnoException {
  let code: string;
  try {
    code = getSystemErrorName(status);
  } catch {
    code = `error ${status}`;
  }
  return Object.assign(new Error(`${syscall} ${code}`), { code, errno: status, syscall });
}

/** A line client on `socketPath` over a bare pipe handle; undefined when that cannot be done here (use openLineClient). */
export function openRawLineClient<T>(socketPath: string, spec: LineClientSpec<T>): LineClient<T> | undefined {
  const pipe = handleBinding<PipeBinding>('pipe_wrap');
  const stream = handleBinding<StreamBinding>('stream_wrap');
  if (
    typeof pipe?.Pipe !== 'function' ||
    typeof pipe.PipeConnectWrap !== 'function' ||
    typeof pipe.constants?.SOCKET !== 'number' ||
    typeof stream?.WriteWrap !== 'function' ||
    !(stream.streamBaseState instanceof Int32Array) ||
    typeof stream.kReadBytesOrError !== 'number' ||
    typeof stream.kArrayBufferOffset !== 'number'
  )
    return undefined;
  const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset } = stream as StreamBinding;
  let handle: SocketHandle;
  try {
    handle = new pipe.Pipe(pipe.constants.SOCKET);
  } catch {
    return undefined;
  }
  const timers = new Map<string, NodeJS.Timeout>();
  /** Requests in flight, held so that nothing collects them before libuv answers. */
  const inFlight = new Set<Req>();
  /** Lines written before the connection is up, sent once it is. */
  let queued: string[] | undefined = [];
  let unread: Buffer = Buffer.alloc(0);
  let ended = false;
  // A failure found while the caller is still in a call of ours is reported after it returns, as a socket's event is.
  const later = (outcome: () => T) => queueMicrotask(() => client.end(outcome()));

  const write = (text: string) => {
    const req = new WriteWrap();
    req.handle = handle;
    req.async = false;
    req.oncomplete = (status) => {
      inFlight.delete(req);
      if (status < 0) client.end(spec.error(failure(status, 'write')));
    };
    inFlight.add(req);
    let status: number;
    try {
      status = handle.writeUtf8String(req, text);
    } catch (err) {
      inFlight.delete(req);
      return later(() => spec.error(err as NodeJS.ErrnoException));
    }
    if (status < 0) {
      inFlight.delete(req);
      return later(() => spec.error(failure(status, 'write')));
    }
  };

  const onRead = (data: ArrayBuffer | undefined) => {
    const n = streamBaseState[kReadBytesOrError];
    if (ended || n === 0) return;
    if (n < 0) return client.end(getSystemErrorName(n) === 'EOF' ? spec.closed() : spec.error(failure(n, 'read')));
    if (!data) return client.end(spec.error(failure(n, 'read')));
    const chunk = Buffer.from(data, streamBaseState[kArrayBufferOffset], n);
    unread = unread.length ? Buffer.concat([unread, chunk]) : chunk;
    if (unread.length > spec.maxBytes) return client.end(spec.oversized());
    for (let nl = unread.indexOf(NEWLINE); nl !== -1 && !ended; nl = unread.indexOf(NEWLINE)) {
      const text = unread.toString('utf8', 0, nl);
      unread = unread.subarray(nl + 1);
      spec.line(text, client);
    }
  };

  const connected = (status: number) => {
    inFlight.delete(connectReq);
    if (ended) return;
    if (status < 0) return client.end(spec.error(failure(status, 'connect')));
    handle.onread = onRead;
    const reading = handle.readStart();
    if (reading < 0) return client.end(spec.error(failure(reading, 'read')));
    const lines = queued ?? [];
    queued = undefined;
    for (const line of lines) if (!ended) write(line);
  };

  const client: LineClient<T> = {
    get ended() {
      return ended;
    },
    send(message) {
      if (ended) return;
      const line = JSON.stringify(message) + '\n';
      if (queued) queued.push(line);
      else write(line);
    },
    arm(name, ms, outcome) {
      clearTimeout(timers.get(name));
      if (ended) return;
      timers.set(
        name,
        setTimeout(() => client.end(outcome()), ms),
      );
    },
    disarm(name) {
      clearTimeout(timers.get(name));
      timers.delete(name);
    },
    end(outcome) {
      if (ended) return;
      ended = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      // onread stays (Node's setter takes only a function); it reads nothing once ended.
      try {
        handle.readStop();
      } catch {
        // Not reading (never connected): closing is all there is to do.
      }
      handle.close();
      spec.ended(outcome);
    },
  };

  const connectReq = new pipe.PipeConnectWrap();
  connectReq.oncomplete = connected;
  inFlight.add(connectReq);
  let status: number;
  try {
    // libuv's completion calls the request's oncomplete; the callback argument is the one Node 18's net.js also passed.
    status = handle.connect(connectReq, socketPath, connected);
  } catch (err) {
    inFlight.delete(connectReq);
    later(() => spec.error(err as NodeJS.ErrnoException));
    return client;
  }
  if (status < 0) {
    inFlight.delete(connectReq);
    later(() => spec.error(failure(status, 'connect')));
  }
  return client;
}
