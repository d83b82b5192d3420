// The client side of every local channel (approval, the editor's judge, a
// shell gate's session, a kill switch release check): one connection that
// speaks newline-terminated JSON. The server greets first; what the caller
// makes of each line (the greeting, then the answers) is its own, and so is
// what each way of ending means to it. What is the same for all of them is
// here: a message past `maxBytes` ends the connection, every wait has a
// timer, lines are not read once it has ended, and it ends exactly once.
import type * as Net from 'node:net';

export interface LineClient<T> {
  /** Writes one message as a line. */
  send(message: unknown): void;
  /** Arms the timer `name` (arming it again replaces it): when it fires, the connection ends with `outcome()`. */
  arm(name: string, ms: number, outcome: () => T): void;
  disarm(name: string): void;
  /** Ends the connection, once: the first outcome is the one `ended` hears. */
  end(outcome: T): void;
  readonly ended: boolean;
}

export interface LineClientSpec<T> {
  /** Largest unread text (in bytes) the peer may send: past it the connection ends with `oversized()`. */
  maxBytes: number;
  oversized(): T;
  /** The socket failed (no listener, a reset). */
  error(err: NodeJS.ErrnoException): T;
  /** The peer closed the connection. */
  closed(): T;
  /** Each complete line, in order, until the connection ends. */
  line(text: string, client: LineClient<T>): void;
  /** Once, with whatever ended the connection. */
  ended(outcome: T): void;
}

export function openLineClient<T>(socketPath: string, spec: LineClientSpec<T>): LineClient<T> {
  // node:net (and the streams under it) loads only once there is a channel to connect to: a hook judged in its own process never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const net = require('node:net') as typeof Net;
  const timers = new Map<string, NodeJS.Timeout>();
  let buffered = '';
  let ended = false;
  const socket = net.createConnection(socketPath);
  const client: LineClient<T> = {
    get ended() {
      return ended;
    },
    send(message) {
      if (!ended) socket.write(JSON.stringify(message) + '\n');
    },
    arm(name, ms, outcome) {
      clearTimeout(timers.get(name));
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
      socket.destroy();
      spec.ended(outcome);
    },
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (Buffer.byteLength(buffered) > spec.maxBytes) return client.end(spec.oversized());
    for (let nl = buffered.indexOf('\n'); nl !== -1 && !ended; nl = buffered.indexOf('\n')) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      spec.line(text, client);
    }
  });
  socket.on('error', (err: NodeJS.ErrnoException) => client.end(spec.error(err)));
  socket.on('close', () => client.end(spec.closed()));
  return client;
}
