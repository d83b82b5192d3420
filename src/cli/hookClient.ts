// The hook's fast path: hand the call to the editor's judge (core/judge),
// which has the engine loaded already, instead of starting it here. Bundled
// into the launcher (dist/cli.js), so an agent's command pays only for this
// small client when an editor judges, and for the full CLI otherwise.
//
// The judge is trusted exactly like the approval channel: it must hold its
// abstract socket and be the editor's extension host by the /proc checks of
// approval/peer.ts; a process an agent started fails them and is skipped.
// It must also run this same build. Whatever goes wrong before the request is
// sent leaves the call to the full CLI in this process (nothing was decided);
// once the judge has the call, a failure is a deny, never a second judgment.
import type * as Net from 'node:net';
import { verifyApprovalPeer } from '../core/approval/peer';
import { readUnixSockets, type UnixSocketEntry } from '../core/approval/procfs';
import { callBudget } from '../core/hosts/budget';
import { HOSTS, type HostId } from '../core/hosts/types';
import { stringEnv } from '../shared/stringEnv';
import { JUDGE_CHANNELS, JUDGE_NAME_PART, listJudgeChannels } from '../core/judge/channel';
import { BUILD_ID } from '../shared/build';
import {
  JUDGE_PROTOCOL_VERSION,
  MAX_JUDGE_MESSAGE_BYTES,
  parseJudgeHello,
  parseJudgeReply,
  type JudgeAnswerMessage,
  type JudgeRequestMessage,
} from '../shared/judgeProtocol';
import type { HookHandoff } from './hook/handoff';
import { MAX_PAYLOAD_BYTES, readBounded } from './hook/stdin';
import { writeAll } from './hook/write';
import { answerHead, confirmAnswered } from './hook/confirm';

/** A live extension host greets at once; one that does not is left alone (nothing was sent). */
const HELLO_TIMEOUT_MS = 1000;
/** Judging takes milliseconds; past this without an answer or "asking", the judge is stuck (AGENTGUARD_JUDGE_ANSWER_MS). */
function quickAnswerMs(): number {
  const v = Number(process.env.AGENTGUARD_JUDGE_ANSWER_MS);
  return Number.isFinite(v) && v > 0 ? v : 15_000;
}

export type ClientResult = { answered: true; exitCode: number } | { answered: false; handoff: HookHandoff };

type Attempt =
  | { status: 'answered'; answer: JudgeAnswerMessage }
  /** Not sent, or declined: the next judge, or this process, may judge it. */
  | { status: 'skipped'; reason: string }
  /** Sent and then lost: the call is denied, not judged again. */
  | { status: 'failed'; reason: string };

/**
 * One judge's connection: `ready` settles once its hello is read and its
 * holder verified (nothing sent yet); `send` then hands it the call.
 */
interface JudgeConnection {
  ready: Promise<Attempt | undefined>;
  send(request: JudgeRequestMessage, deadline: number): Promise<Attempt>;
  close(): void;
}

/** node:net (and the streams under it) loads only when an editor judge is listening: a call judged here never needs it. */
function net(): typeof Net {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:net') as typeof Net;
}

function connect(socketPath: string, sockets: readonly UnixSocketEntry[]): JudgeConnection {
  let sent = false;
  let buffered = '';
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  let deadline = Infinity;
  let onReady: (a: Attempt | undefined) => void = () => undefined;
  let onDone: (a: Attempt) => void = () => undefined;
  const ready = new Promise<Attempt | undefined>((resolve) => { onReady = resolve; });
  const done = new Promise<Attempt>((resolve) => { onDone = resolve; });
  const socket = net().createConnection(socketPath);
  const finish = (a: Attempt) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.destroy();
    onReady(a);
    onDone(a);
  };
  const lost = (why: string): Attempt => (sent ? { status: 'failed', reason: why } : { status: 'skipped', reason: why });
  const rearm = (ms: number, why: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => finish(lost(why)), Math.max(0, Math.min(ms, deadline - Date.now())));
  };
  rearm(HELLO_TIMEOUT_MS, 'the editor did not greet');
  let greeted = false;
  const onLine = (text: string) => {
    if (!greeted) {
      const hello = parseJudgeHello(text);
      if (!hello) return finish({ status: 'skipped', reason: 'the channel did not greet as an AgentGuard judge' });
      if (hello.build !== BUILD_ID) return finish({ status: 'skipped', reason: `the editor runs another AgentGuard build (${hello.build})` });
      const check = verifyApprovalPeer(hello.pid, socketPath, { sockets, ...(hello.fd !== undefined ? { fdHint: hello.fd } : {}) });
      if (!check.ok) return finish({ status: 'skipped', reason: `not the editor's extension host: ${check.reason}` });
      greeted = true;
      clearTimeout(timer);
      return onReady(undefined);
    }
    if (!sent) return finish({ status: 'skipped', reason: 'the judge spoke out of turn' });
    const reply = parseJudgeReply(text);
    if (!reply) return finish({ status: 'failed', reason: 'the editor\'s judge sent an unreadable answer' });
    // A human is being asked: wait as long as the host allows.
    if (reply.type === 'judge.asking') return rearm(deadline - Date.now(), 'nobody answered in the editor in time');
    finish(reply.type === 'judge.answer' ? { status: 'answered', answer: reply } : { status: 'skipped', reason: reply.reason });
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_JUDGE_MESSAGE_BYTES) return finish(lost('the editor\'s judge sent an oversized answer'));
    for (let nl = buffered.indexOf('\n'); nl !== -1 && !settled; nl = buffered.indexOf('\n')) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      onLine(text);
    }
  });
  socket.on('error', (err) => finish(lost(err.message)));
  socket.on('close', () => finish(lost('the editor closed the connection')));
  return {
    ready,
    send: (request, until) => {
      if (settled) return done;
      deadline = until;
      sent = true;
      socket.write(JSON.stringify(request) + '\n');
      const quick = quickAnswerMs();
      rearm(quick, `the editor's judge did not answer within ${quick / 1000} s`);
      return done;
    },
    close: () => finish({ status: 'skipped', reason: 'not needed' }),
  };
}

/**
 * Tries the editors' judges for `agentguard hook HOST`. Never throws: any
 * problem becomes a handoff to the full CLI.
 */
export async function tryEditorJudge(hostArg: string | undefined, startedAt: number, install: () => string[]): Promise<ClientResult> {
  const nothing: ClientResult = { answered: false, handoff: { startedAt } };
  if (!JUDGE_CHANNELS || process.env.AGENTGUARD_JUDGE === 'off' || !HOSTS.includes(hostArg as HostId)) return nothing;
  const host = hostArg as HostId;
  const sockets = readUnixSockets(undefined, JUDGE_NAME_PART);
  const judges = listJudgeChannels(sockets);
  // No editor judges: stdin stays unread for the full CLI, which then costs what it always did.
  if (!judges.length) return nothing;
  const budget = callBudget(host, process.env);
  // The first judge is greeted and verified while stdin is read.
  let connection: JudgeConnection | undefined = connect(judges[0].socketPath, sockets);
  const input = await readBounded(0, MAX_PAYLOAD_BYTES, budget.stdinTimeoutMs);
  // An unreadable payload is judged (denied) and recorded by the full CLI, as always.
  if (!input.ok) {
    connection.close();
    return { answered: false, handoff: { startedAt, input } };
  }
  const request: JudgeRequestMessage = {
    type: 'judge.request', version: JUDGE_PROTOCOL_VERSION, host, input, env: stringEnv(), cwd: process.cwd(), install: install(), startedAt,
  };
  const deadline = startedAt + budget.deadlineMs - 1000;
  for (let i = 0; connection; connection = judges[++i] && connect(judges[i].socketPath, sockets)) {
    const attempt = (await connection.ready) ?? await connection.send(request, deadline);
    if (attempt.status === 'failed') return { answered: false, handoff: { startedAt, input, failure: `the editor took the call and then failed: ${attempt.reason}` } };
    if (attempt.status === 'answered') {
      try {
        // The judge's answer is a judgment: confirmed to the launcher as the full CLI's is (hook/confirm.ts).
        const out = answerHead(attempt.answer.exitCode) + attempt.answer.stdout;
        if (out) writeAll(1, out);
        if (attempt.answer.stderr) writeAll(2, attempt.answer.stderr);
        confirmAnswered(attempt.answer.exitCode);
        return { answered: true, exitCode: attempt.answer.exitCode };
      } catch {
        // stdout is gone: exit 2 is the one signal every host reads as "blocked".
        return { answered: true, exitCode: 2 };
      }
    }
  }
  return { answered: false, handoff: { startedAt, input } };
}

export interface JudgeProbe {
  pid: number;
  /** Why hooks from here would not use it; undefined when they would. */
  problem?: string;
}

/** Each listening judge as a hook started from here would find it (for doctor): greeted and verified, nothing sent. */
export async function probeJudges(): Promise<JudgeProbe[]> {
  if (!JUDGE_CHANNELS) return [];
  const sockets = readUnixSockets(undefined, JUDGE_NAME_PART);
  const out: JudgeProbe[] = [];
  for (const judge of listJudgeChannels(sockets)) {
    const connection = connect(judge.socketPath, sockets);
    const early = await connection.ready;
    connection.close();
    out.push({ pid: judge.pid, ...(early && early.status !== 'answered' ? { problem: early.reason } : {}) });
  }
  return out;
}
