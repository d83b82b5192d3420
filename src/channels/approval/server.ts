// The editor's side of the approval channel, without any editor API: the
// extension passes `decide` (a modal), tests pass a function. Every request
// is its own question: requests are shown one at a time, never merged with
// another client's, and each answer names (by digest) the subject the human
// saw, so the hook can check it was asked about what it sent.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  APPROVAL_PROTOCOL_VERSION,
  MAX_APPROVAL_MESSAGE_BYTES,
  parseApprovalRequest,
  subjectDigest,
  type ApprovalAnswerDecision,
  type ApprovalAnswerMessage,
  type ApprovalHelloMessage,
  type ApprovalSubject,
} from '../../shared/protocol';
import { readOneLine } from '../oneLine';
import { displaySocket, isAbstractSocket } from './paths';
import { findSocketHolder, procAbstractPath, readUnixSockets } from '../procfs';

/** What the modal may show about the line behind it. */
export interface ApprovalQueue {
  /** Requests waiting behind the one being shown. */
  waiting(): number;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface ApprovalServerOptions {
  socketPath: string;
  /**
   * Asks the human. Only its result can produce an `allow`; for a subject in
   * production, 'allow' must mean the human also typed the environment's name.
   * `signal` aborts when the requesting hook stops waiting.
   */
  decide(subject: ApprovalSubject, signal: AbortSignal, queue: ApprovalQueue): Promise<ApprovalAnswerDecision>;
  log?(message: string): void;
  /** Requests waiting beyond this are denied at once instead of queueing more modals. */
  maxPending?: number;
  /** A client must send its request within this time after connecting. */
  requestTimeoutMs?: number;
  /**
   * Records the human's answer where the asker checks it (the AgentGuard
   * service) before the answer is sent; an allow that could not be recorded
   * goes out as a deny saying why. `asker.signal` aborts when the asker stops
   * waiting (the record is then dropped), and `asker.waitMs` is how long it
   * still waits, when it said.
   */
  record?(
    subject: ApprovalSubject,
    decision: ApprovalAnswerDecision,
    asker: { signal: AbortSignal; waitMs?: number },
  ): Promise<string | undefined>;
}

export interface ApprovalServer {
  readonly socketPath: string;
  /**
   * Puts a question from this process (the editor's judge) in the same line
   * as the channel's: one modal at a time, same answer rules. `signal` aborts
   * when the asker stops waiting.
   */
  ask(subject: ApprovalSubject, signal: AbortSignal): Promise<ApprovalAnswerMessage>;
  close(): Promise<void>;
}

/** Another process holds this folder's abstract channel name: never answered around, always shown. */
export class ApprovalChannelTakenError extends Error {
  constructor(
    readonly socketPath: string,
    readonly holder: { pid: number; cmdline: string } | undefined,
  ) {
    super(
      holder
        ? `another process holds AgentGuard's approval channel: pid ${holder.pid} (${holder.cmdline})`
        : `another process holds AgentGuard's approval channel ${displaySocket(socketPath)}`,
    );
  }
}

interface Pending {
  subject: ApprovalSubject;
  id: string;
  controller: AbortController;
  /** Sends the answer: over the request's connection, or to an in-process caller (the editor's judge). */
  reply(answer: ApprovalAnswerMessage): void;
  /** The connection the request came on; none for an in-process request. */
  socket?: net.Socket;
  /** When the asker stops waiting (Date.now() time), when it said. */
  deadline?: number;
}

function send(socket: net.Socket, answer: ApprovalAnswerMessage): void {
  if (!socket.destroyed) socket.end(JSON.stringify(answer) + '\n');
}

export async function startApprovalServer(opts: ApprovalServerOptions): Promise<ApprovalServer> {
  const log = opts.log ?? (() => undefined);
  const maxPending = opts.maxPending ?? 20;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 5000;
  const waitingList: Pending[] = [];
  let current: Pending | undefined;
  const sockets = new Set<net.Socket>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of [...listeners]) {
      try {
        l();
      } catch (err) {
        log(`approval queue listener failed: ${(err as Error)?.message ?? err}`);
      }
    }
  };
  const queue: ApprovalQueue = {
    waiting: () => waitingList.length,
    onDidChange: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };

  const answer = (
    entry: Pending,
    decision: ApprovalAnswerDecision,
    by: ApprovalAnswerMessage['by'],
    reason?: string,
  ) => {
    const production = entry.subject.environment.production;
    entry.reply({
      type: 'approval.answer',
      id: entry.id,
      decision,
      by,
      ...(reason ? { reason } : {}),
      subjectDigest: subjectDigest(entry.subject),
      ...(decision === 'allow' && production ? { confirmedProduction: true } : {}),
    });
  };

  const pump = () => {
    if (current) return;
    const entry = waitingList.shift();
    if (!entry) return;
    current = entry;
    changed();
    void (async () => {
      try {
        const decided = await opts.decide(entry.subject, entry.controller.signal, queue);
        const decision = decided === 'allow' && !entry.controller.signal.aborted ? 'allow' : 'deny';
        // Recorded for a process that will check it (a hook, a gate): an in-process question (the editor's own judge) is
        // answered here and recorded with the call, and an allow held for nobody could be taken by another asker.
        const asker = {
          signal: entry.controller.signal,
          ...(entry.deadline !== undefined ? { waitMs: Math.max(0, entry.deadline - Date.now()) } : {}),
        };
        const unrecorded = opts.record && entry.socket ? await opts.record(entry.subject, decision, asker) : undefined;
        if (unrecorded && decision === 'allow') {
          log(`approval not recorded: ${unrecorded}`);
          answer(entry, 'deny', 'cancelled', `the approval could not be recorded: ${unrecorded}`);
        } else answer(entry, decision, 'user');
      } catch (err) {
        log(`approval failed: ${(err as Error)?.message ?? err}`);
        answer(entry, 'deny', 'cancelled', 'the editor could not show the approval');
      } finally {
        current = undefined;
        changed();
        pump();
      }
    })();
  };

  const enqueue = (entry: Pending) => {
    if (waitingList.length + (current ? 1 : 0) >= maxPending) {
      answer(entry, 'deny', 'busy', 'too many approval requests are waiting');
      return;
    }
    waitingList.push(entry);
    changed();
    pump();
  };

  const onConnection = (socket: net.Socket) => {
    sockets.add(socket);
    const hello: ApprovalHelloMessage = {
      type: 'approval.hello',
      version: APPROVAL_PROTOCOL_VERSION,
      pid: process.pid,
    };
    socket.write(JSON.stringify(hello) + '\n');
    readOneLine(socket, { maxBytes: MAX_APPROVAL_MESSAGE_BYTES, timeoutMs: requestTimeoutMs }, (line) => {
      const parsed = parseApprovalRequest(line);
      if (!parsed.ok) {
        log(`rejected approval request: ${parsed.error}`);
        send(socket, {
          type: 'approval.answer',
          id: parsed.id ?? '',
          decision: 'deny',
          by: 'invalid',
          reason: parsed.error,
        });
        return;
      }
      enqueue({
        subject: parsed.message.subject,
        socket,
        id: parsed.message.id,
        controller: new AbortController(),
        reply: (a) => send(socket, a),
        ...(parsed.message.waitMs !== undefined ? { deadline: Date.now() + parsed.message.waitMs } : {}),
      });
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      withdraw((e) => e.socket === socket);
    });
  };

  // A request whose asker left: out of the line, or, when shown, aborted (the modal then denies).
  const withdraw = (match: (e: Pending) => boolean) => {
    const i = waitingList.findIndex(match);
    if (i !== -1) {
      waitingList.splice(i, 1);
      changed();
    }
    if (current && match(current)) current.controller.abort();
  };

  const ask = (subject: ApprovalSubject, signal: AbortSignal): Promise<ApprovalAnswerMessage> =>
    new Promise((resolve) => {
      const entry: Pending = {
        subject,
        id: `local-${++localRequests}`,
        controller: new AbortController(),
        reply: resolve,
      };
      if (signal.aborted)
        return resolve({
          type: 'approval.answer',
          id: entry.id,
          decision: 'deny',
          by: 'cancelled',
          reason: 'the asker stopped waiting',
        });
      signal.addEventListener(
        'abort',
        () => {
          withdraw((e) => e === entry);
          resolve({
            type: 'approval.answer',
            id: entry.id,
            decision: 'deny',
            by: 'cancelled',
            reason: 'the asker stopped waiting',
          });
        },
        { once: true },
      );
      enqueue(entry);
    });
  let localRequests = 0;

  const server = net.createServer(onConnection);
  const abstract = isAbstractSocket(opts.socketPath);
  const isPipe = process.platform === 'win32';
  const fileSocket = !abstract && !isPipe;
  if (fileSocket) {
    const dir = path.dirname(opts.socketPath);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700); // mkdir leaves an existing directory's mode alone
  }
  await listen(server, opts.socketPath, fileSocket);
  if (fileSocket) fs.chmodSync(opts.socketPath, 0o600);
  const ino = fileSocket ? fs.statSync(opts.socketPath).ino : undefined;
  log(`approval channel listening on ${displaySocket(opts.socketPath)}`);

  return {
    socketPath: opts.socketPath,
    ask,
    close: () =>
      new Promise<void>((resolve) => {
        for (const entry of [...waitingList, ...(current ? [current] : [])]) {
          entry.controller.abort();
          answer(entry, 'deny', 'cancelled', 'the editor closed');
        }
        waitingList.length = 0;
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        // Remove the socket file only if it is still ours (another window may have taken the folder over).
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

async function listen(server: net.Server, socketPath: string, fileSocket: boolean): Promise<void> {
  try {
    await listenOnce(server, socketPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    if (isAbstractSocket(socketPath)) {
      // Abstract names vanish with their process: whoever holds ours is alive now, and is not us.
      const entry = readUnixSockets().find((e) => e.listening && e.path === procAbstractPath(socketPath));
      throw new ApprovalChannelTakenError(socketPath, entry ? findSocketHolder(entry.inode) : undefined);
    }
    if (!fileSocket) throw err;
    // A socket file left by a crashed editor refuses connections: replace it. One
    // that answers belongs to another live window, which keeps it.
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
