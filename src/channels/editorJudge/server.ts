// The editor's judge: a long-running process (the extension host) that takes
// whole hook calls from the hook's small client, so an agent's command does
// not pay for starting the engine in a fresh process each time. It runs the
// same call pipeline as the CLI (core/frontdoor/call.ts): the same verdict, the
// same audit record before the answer, the same answer in the host's form.
//
// It takes a call only when it is the right place to judge it:
// - an `ask` goes to the window that shows the call's folder, so a call whose
//   nearest listening approval channel is another window's is declined;
// - a call that needs a snapshot taken by another program (git, pg_dump) or
//   a large copy is declined too: those run in the hook's own process, never
//   blocking the editor.
// A declined call is judged by the hook itself. Anyone of this user can
// connect; a request can only get a verdict about the text it sent, as the
// CLI would give it.
import * as crypto from 'node:crypto';
import * as net from 'node:net';
import * as path from 'node:path';
import type { ApprovalServer } from '../approval/server';
import { readOneLine } from '../oneLine';
import { ownSocketFd, procAbstractPath, readUnixSockets } from '../procfs';
import {
  decideHookCall,
  failedCall,
  recordHookCall,
  shapeAnswer,
  type HookCall,
  type HookCallDeps,
} from '../../core/frontdoor/call';
import { stringEnv } from '../../core/frontdoor/state';
import { judgedState } from './stateChoice';
import { accountHome, confirmedStateDir, useNodeCrypto } from '../../core/frontdoor/launch';
import { declineReason, editorAsker } from './asking';
import { serveLineSession, type TerminalDirectory } from './lines';
import {
  JUDGE_PROTOCOL_VERSION,
  MAX_JUDGE_MESSAGE_BYTES,
  parseJudgeLine,
  parseJudgeRequest,
  parseReleaseQuery,
  type JudgeAnswerMessage,
  type JudgeAskingMessage,
  type JudgeDeclineMessage,
  type JudgeHelloMessage,
  type JudgeReleaseAnswer,
  type JudgeRequestMessage,
} from '../../shared/judgeProtocol';
import { judgeSocketPath } from './channel';

export interface JudgeServerOptions {
  build: string;
  /**
   * AgentGuard's state folder as this editor uses it (default: from its
   * environment). Calls whose hook keeps its state elsewhere are declined:
   * the judge only ever reads and writes the state folder the guard protects,
   * never one a request names.
   */
  stateDir?: string;
  /** This window's approval channels that are listening; an ask goes through the one of the call's folder. */
  channels(): readonly ApprovalServer[];
  log?(message: string): void;
  /** Calls judged at once; more are declined (the hook judges them itself). */
  maxInFlight?: number;
  socketPath?: string;
  /** A client must send its request within this time after connecting. */
  requestTimeoutMs?: number;
  /** This window's terminals: with it, the judge also takes terminal lines from shells' gates (lines.ts). */
  terminals?: TerminalDirectory;
  /**
   * Whether this window's own last write to the kill switch was a release
   * at `since`: what another window asks before it believes a release that
   * names this window (see release.ts). Without it, never.
   */
  ownRelease?(since: string): boolean;
}

/** Open gate connections at once (one per shell); more shells judge in their own process. */
const MAX_LINE_SESSIONS = 256;

export interface JudgeServer {
  readonly socketPath: string;
  close(): Promise<void>;
}

function line(
  socket: net.Socket,
  message: JudgeAnswerMessage | JudgeDeclineMessage | JudgeHelloMessage | JudgeAskingMessage | JudgeReleaseAnswer,
  end = true,
): void {
  if (socket.destroyed) return;
  const text = JSON.stringify(message) + '\n';
  if (end) socket.end(text);
  else socket.write(text);
}

/** The `type` a message says it is, or undefined when it is not a JSON object. */
function messageType(text: string): unknown {
  try {
    return (JSON.parse(text) as { type?: unknown } | null)?.type;
  } catch {
    return undefined;
  }
}

export async function startJudgeServer(opts: JudgeServerOptions): Promise<JudgeServer> {
  const log = opts.log ?? (() => undefined);
  // The extension host has node:crypto loaded: every hash of a call (the audit chain, the approval channels' names,
  // the same-call note's) is OpenSSL's from now on, the same digest many times faster.
  useNodeCrypto(crypto);
  const socketPath = opts.socketPath ?? judgeSocketPath();
  const maxInFlight = opts.maxInFlight ?? 32;
  // Longer than the hook waits for its own stdin (5 s by default): it connects first, then reads the payload.
  const requestTimeoutMs = opts.requestTimeoutMs ?? 15_000;
  const sockets = new Set<net.Socket>();
  let inFlight = 0;
  let lineSessions = 0;
  // Its descriptor of the listening socket, found once listening.
  const listening: { fd?: number } = {};

  const ownState = path.resolve(opts.stateDir ?? confirmedStateDir(process.env, accountHome()).dir);

  const serve = async (socket: net.Socket, request: JudgeRequestMessage, gone: () => AbortSignal) => {
    const env = stringEnv(request.env);
    // No folder to trust, or another: declined, the hook judges it in its own process (denied there, saying why).
    const judged = judgedState(env, ownState, 'the hook keeps its state in another folder than this editor');
    if ('decline' in judged) {
      line(socket, { type: 'judge.decline', reason: judged.decline });
      return;
    }
    // The audit time and the rate limiter's stamp are the judge's own clock: a client's start time is only what it says.
    const call: HookCall = {
      host: request.host,
      input: request.input,
      env,
      processCwd: request.cwd,
      started: new Date(),
      install: request.install,
      state: judged.state,
    };
    const warnings: string[] = [];
    const channels = () => opts.channels();
    const deps: HookCallDeps = {
      askEditor: editorAsker(channels, env, () => line(socket, { type: 'judge.asking' }, false), gone),
      warn: (m) => warnings.push(`AgentGuard: ${m}\n`),
      declineFor: (req, loc, dir, readings) => declineReason(channels, env, req, loc, dir, 'the hook', readings),
    };
    let outcome;
    try {
      outcome = await decideHookCall(call, deps);
    } catch (err) {
      outcome = failedCall(call, `internal error: ${(err as Error)?.message ?? err}`);
    }
    if (outcome.declined) {
      line(socket, { type: 'judge.decline', reason: outcome.reason });
      return;
    }
    outcome.record.judge = 'editor';
    // The answer waits for the record (an unrecorded call is denied), not for the note that tells this call's later
    // arrivals how it ended (core/frontdoor/sameCall: one line appended to a file): that line is written once the
    // answer is out, with what the record said. A later arrival polls for it; one that finds none in time judges the
    // call on its own.
    const settle = outcome.settle;
    let settleAfterAnswer: (() => void) | undefined;
    const recorded = settle
      ? { ...outcome, settle: (ok: boolean) => void (settleAfterAnswer = () => settle(ok)) }
      : outcome;
    const shaped = shapeAnswer(request.host, outcome.event, recordHookCall(recorded, deps.warn));
    const stderr = warnings.join('') + (shaped.stderr ?? '');
    try {
      line(socket, {
        type: 'judge.answer',
        stdout: shaped.stdout,
        ...(stderr ? { stderr } : {}),
        exitCode: shaped.exitCode,
      });
    } finally {
      settleAfterAnswer?.();
    }
    log(`judged ${request.host} call: ${outcome.record.decision} [${outcome.record.findings.join(', ')}]`);
  };

  const onConnection = (socket: net.Socket) => {
    sockets.add(socket);
    // Made only when a question is put: aborting it on close makes an error with its stack, about 20 µs a call.
    let gone: AbortController | undefined;
    let closed = false;
    const goneSignal = () => {
      if (!gone) {
        gone = new AbortController();
        if (closed) gone.abort();
      }
      return gone.signal;
    };
    line(
      socket,
      {
        type: 'judge.hello',
        version: JUDGE_PROTOCOL_VERSION,
        pid: process.pid,
        build: opts.build,
        ...(listening.fd !== undefined ? { fd: listening.fd } : {}),
      },
      false,
    );
    readOneLine(socket, { maxBytes: MAX_JUDGE_MESSAGE_BYTES, timeoutMs: requestTimeoutMs }, (text) => {
      // Each reader parses the whole message (a hook's request carries its environment, often kilobytes): only the
      // one of its type is asked, and each of the others would refuse a message of another type.
      const type = messageType(text);
      // A shell's gate: its connection stays open for the shell's lines.
      const asLine = opts.terminals && type === 'judge.line' ? parseJudgeLine(text) : undefined;
      if (asLine?.ok && opts.terminals) {
        if (lineSessions >= MAX_LINE_SESSIONS) {
          line(socket, { type: 'judge.decline', reason: 'the editor serves too many terminals at once' });
          return;
        }
        lineSessions++;
        socket.once('close', () => lineSessions--);
        serveLineSession(socket, asLine.message, {
          stateDir: ownState,
          channels: () => opts.channels(),
          terminals: opts.terminals,
          log,
        });
        return;
      }
      const query = type === 'judge.release-query' ? parseReleaseQuery(text) : undefined;
      if (query) {
        line(socket, {
          type: 'judge.release-answer',
          since: query.since,
          released: opts.ownRelease?.(query.since) === true,
        });
        return;
      }
      const parsed = parseJudgeRequest(text);
      if (!parsed.ok) {
        log(`rejected judge request: ${parsed.error}`);
        line(socket, { type: 'judge.decline', reason: parsed.error });
        return;
      }
      if (inFlight >= maxInFlight) {
        line(socket, { type: 'judge.decline', reason: 'the editor is judging too many calls at once' });
        return;
      }
      inFlight++;
      serve(socket, parsed.message, goneSignal)
        .catch((err: Error) => {
          // Nothing was recorded for this call: the hook then denies it (it was handed over) and says why.
          log(`judge failed: ${err?.message ?? err}`);
          socket.destroy();
        })
        .finally(() => inFlight--);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      closed = true;
      gone?.abort();
    });
  };

  const server = net.createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Found once: the hello names it so each hook verifies with one readlink.
  const inode = readUnixSockets(undefined, procAbstractPath(socketPath)).find(
    (e) => e.listening && e.path === procAbstractPath(socketPath),
  )?.inode;
  if (inode !== undefined) listening.fd = ownSocketFd(inode);
  log(`judge listening for hook calls`);
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
