// The editor's side of the approval channel, without any editor API: the
// extension passes `decide` (a modal), tests pass a function. Requests are
// shown one at a time; identical requests that arrive while one is pending
// share its answer, so a host that runs two hooks for one tool call does not
// show two modals.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  MAX_APPROVAL_MESSAGE_BYTES,
  parseApprovalRequest,
  type ApprovalAnswerDecision,
  type ApprovalAnswerMessage,
  type ApprovalSubject,
} from '../../shared/protocol';

/** The requests queued behind the one being shown. */
export interface ApprovalQueue {
  waiting(): number;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface ApprovalServerOptions {
  socketPath: string;
  /** Asks the human. Only its result can produce an `allow`. */
  decide(subject: ApprovalSubject, signal: AbortSignal, queue: ApprovalQueue): Promise<ApprovalAnswerDecision>;
  log?(message: string): void;
  /** Requests waiting beyond this are denied at once instead of queueing more modals. */
  maxPending?: number;
  /** A client must send its request within this time after connecting. */
  requestTimeoutMs?: number;
}

export interface ApprovalServer {
  readonly socketPath: string;
  close(): Promise<void>;
}

interface Pending {
  subject: ApprovalSubject;
  /** Open connections waiting for this answer, each with its own request id. */
  clients: Map<net.Socket, string>;
  controller: AbortController;
}

function subjectKey(s: ApprovalSubject): string {
  return JSON.stringify([s.host, s.tool, s.kind, s.command, s.paths, s.summary, s.cwd, s.workspace]);
}

function send(socket: net.Socket, answer: ApprovalAnswerMessage): void {
  if (!socket.destroyed) socket.end(JSON.stringify(answer) + '\n');
}

export async function startApprovalServer(opts: ApprovalServerOptions): Promise<ApprovalServer> {
  const log = opts.log ?? (() => undefined);
  const maxPending = opts.maxPending ?? 20;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 5000;
  const pending = new Map<string, Pending>();
  const sockets = new Set<net.Socket>();
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of [...listeners]) l();
  };
  const waitingQueue: ApprovalQueue = {
    waiting: () => Math.max(0, pending.size - 1),
    onDidChange: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };

  const answerAll = (entry: Pending, decision: ApprovalAnswerDecision, by: ApprovalAnswerMessage['by'], reason?: string) => {
    for (const [socket, id] of entry.clients) send(socket, { type: 'approval.answer', id, decision, by, ...(reason ? { reason } : {}) });
    entry.clients.clear();
  };

  const enqueue = (subject: ApprovalSubject, socket: net.Socket, id: string) => {
    const key = subjectKey(subject);
    const joined = pending.get(key);
    if (joined) {
      joined.clients.set(socket, id);
      return;
    }
    if (pending.size >= maxPending) {
      send(socket, { type: 'approval.answer', id, decision: 'deny', by: 'busy', reason: 'too many approval requests are waiting' });
      return;
    }
    const entry: Pending = { subject, clients: new Map([[socket, id]]), controller: new AbortController() };
    pending.set(key, entry);
    changed();
    queue = queue.then(async () => {
      try {
        // Everyone who asked has gone (timed out): do not bother the human.
        if (entry.clients.size === 0) return;
        const decision = await opts.decide(subject, entry.controller.signal, waitingQueue);
        answerAll(entry, decision === 'allow' ? 'allow' : 'deny', 'user');
      } catch (err) {
        log(`approval failed: ${(err as Error)?.message ?? err}`);
        answerAll(entry, 'deny', 'cancelled', 'the editor could not show the approval');
      } finally {
        pending.delete(key);
        changed();
      }
    });
  };

  const onConnection = (socket: net.Socket) => {
    sockets.add(socket);
    let buffered = '';
    let received = false;
    socket.setEncoding('utf8');
    socket.setTimeout(requestTimeoutMs, () => {
      if (!received) socket.destroy();
    });
    socket.on('data', (chunk: string) => {
      if (received) return; // one request per connection; anything after it is ignored
      buffered += chunk;
      if (Buffer.byteLength(buffered) > MAX_APPROVAL_MESSAGE_BYTES) {
        socket.destroy();
        return;
      }
      const nl = buffered.indexOf('\n');
      if (nl === -1) return;
      received = true;
      socket.setTimeout(0);
      const parsed = parseApprovalRequest(buffered.slice(0, nl));
      if (!parsed.ok) {
        log(`rejected approval request: ${parsed.error}`);
        send(socket, { type: 'approval.answer', id: parsed.id ?? '', decision: 'deny', by: 'invalid', reason: parsed.error });
        return;
      }
      enqueue(parsed.message.subject, socket, parsed.message.id);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      for (const entry of pending.values()) {
        if (entry.clients.delete(socket) && entry.clients.size === 0) entry.controller.abort();
      }
    });
  };

  const server = net.createServer(onConnection);
  const isPipe = process.platform === 'win32';
  if (!isPipe) {
    const dir = path.dirname(opts.socketPath);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700); // mkdir leaves an existing directory's mode alone
  }
  await listen(server, opts.socketPath, isPipe);
  if (!isPipe) fs.chmodSync(opts.socketPath, 0o600);
  const ino = isPipe ? undefined : fs.statSync(opts.socketPath).ino;
  log(`approval channel listening on ${opts.socketPath}`);

  return {
    socketPath: opts.socketPath,
    close: () => new Promise<void>((resolve) => {
      for (const entry of pending.values()) {
        entry.controller.abort();
        answerAll(entry, 'deny', 'cancelled', 'the editor closed');
      }
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
      // Remove the socket only if it is still ours (another window may have taken the folder over).
      if (ino !== undefined) {
        try {
          if (fs.statSync(opts.socketPath).ino === ino) fs.unlinkSync(opts.socketPath);
        } catch {
          // already gone
        }
      }
    }),
  };
}

function listenOnce(server: net.Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(socketPath);
  });
}

// A socket file left by a crashed editor refuses connections: replace it. One
// that answers belongs to another live window, which keeps it.
async function listen(server: net.Server, socketPath: string, isPipe: boolean): Promise<void> {
  try {
    await listenOnce(server, socketPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || isPipe) throw err;
    if (await isAlive(socketPath)) throw new Error(`another editor window already answers approvals on ${socketPath}`);
    fs.unlinkSync(socketPath);
    await listenOnce(server, socketPath);
  }
}

function isAlive(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createConnection(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
