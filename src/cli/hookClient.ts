// The hook's fast path: hand the call to the editor's judge (channels/editorJudge),
// which has the engine loaded already, instead of starting it here. Bundled
// into the launcher (dist/cli.js), so an agent's command pays only for this
// small client when an editor judges, and for the full CLI otherwise.
//
// The judge is trusted exactly like the approval channel: it must hold its
// abstract socket and be the editor's extension host by the /proc checks of
// channels/peer.ts; a process an agent started fails them and is skipped.
// It must also run this same build. Whatever goes wrong before the request is
// sent leaves the call to the full CLI in this process (nothing was decided);
// once the judge has the call, a failure is a deny, never a second judgment.
import { verifyEditorPeer } from '../channels/peer';
import { expectDebuggerCheck } from '../channels/inspectorPorts';
import { openLineClient, type LineClient, type LineClientSpec } from '../channels/lineClient';
import { openRawLineClient } from './hook/rawLineClient';
import { readUnixSockets, type UnixSocketEntry } from '../channels/procfs';
import { callBudget, HOSTS, BUILD_ID } from '../core/frontdoor/launch';
import type { HostId } from '../core/frontdoor/call';
import { managedPolicyNamesService, managedPolicyPresent, stringEnv } from '../core/frontdoor/launch';
import { JUDGE_CHANNELS, JUDGE_NAME_PART, listJudgeChannels } from '../channels/editorJudge/channel';
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

/** What the peer check takes from the call: the state folder, and whether a managed policy was there (one look). */
interface PeerFacts {
  stateDir?: string;
  binaryOutOfReach?: boolean;
}

function connect(socketPath: string, sockets: readonly UnixSocketEntry[], facts: PeerFacts = {}): JudgeConnection {
  let sent = false;
  let deadline = Infinity;
  let onReady: (a: Attempt | undefined) => void = () => undefined;
  let onDone: (a: Attempt) => void = () => undefined;
  const ready = new Promise<Attempt | undefined>((resolve) => {
    onReady = resolve;
  });
  const done = new Promise<Attempt>((resolve) => {
    onDone = resolve;
  });
  const lost = (why: string): Attempt =>
    sent ? { status: 'failed', reason: why } : { status: 'skipped', reason: why };
  /** The one wait, never past the call's deadline. */
  const rearm = (ms: number, why: string) =>
    channel.arm('wait', Math.max(0, Math.min(ms, deadline - Date.now())), () => lost(why));
  let greeted = false;
  let verifying = false;
  const onLine = (text: string, c: LineClient<Attempt>) => {
    if (verifying && !greeted) return c.end({ status: 'skipped', reason: 'the judge spoke out of turn' });
    if (!greeted) {
      const hello = parseJudgeHello(text);
      if (!hello) return c.end({ status: 'skipped', reason: 'the channel did not greet as an AgentGuard judge' });
      if (hello.build !== BUILD_ID)
        return c.end({ status: 'skipped', reason: `the editor runs another AgentGuard build (${hello.build})` });
      verifying = true;
      void verifyEditorPeer(hello.pid, socketPath, {
        sockets,
        ...(facts.stateDir !== undefined ? { stateDir: facts.stateDir } : {}),
        ...(facts.binaryOutOfReach !== undefined ? { binaryOutOfReach: facts.binaryOutOfReach } : {}),
        ...(hello.fd !== undefined ? { fdHint: hello.fd } : {}),
      }).then(
        (check) => {
          if (c.ended) return;
          if (!check.ok)
            return c.end({ status: 'skipped', reason: `not the editor's extension host: ${check.reason}` });
          greeted = true;
          c.disarm('wait');
          onReady(undefined);
        },
        (err: Error) => c.end({ status: 'skipped', reason: `the editor could not be verified (${err.message})` }),
      );
      return;
    }
    if (!sent) return c.end({ status: 'skipped', reason: 'the judge spoke out of turn' });
    const reply = parseJudgeReply(text);
    if (!reply) return c.end({ status: 'failed', reason: "the editor's judge sent an unreadable answer" });
    // A human is being asked: wait as long as the host allows.
    if (reply.type === 'judge.asking') return rearm(deadline - Date.now(), 'nobody answered in the editor in time');
    c.end(
      reply.type === 'judge.answer'
        ? { status: 'answered', answer: reply }
        : { status: 'skipped', reason: reply.reason },
    );
  };
  const spec: LineClientSpec<Attempt> = {
    maxBytes: MAX_JUDGE_MESSAGE_BYTES,
    oversized: () => lost("the editor's judge sent an oversized answer"),
    error: (err) => lost(err.message),
    closed: () => lost('the editor closed the connection'),
    line: onLine,
    ended: (a) => {
      onReady(a);
      onDone(a);
    },
  };
  // A bare pipe handle where Node offers one (hook/rawLineClient); node:net loads only where it does not.
  const channel = openRawLineClient(socketPath, spec) ?? openLineClient(socketPath, spec);
  rearm(HELLO_TIMEOUT_MS, 'the editor did not greet');
  return {
    ready,
    send: (request, until) => {
      if (channel.ended) return done;
      deadline = until;
      sent = true;
      channel.send(request);
      const quick = quickAnswerMs();
      rearm(quick, `the editor's judge did not answer within ${quick / 1000} s`);
      return done;
    },
    close: () => channel.end({ status: 'skipped', reason: 'not needed' }),
  };
}

/**
 * Tries the editors' judges for `agentguard hook HOST`. Never throws: any
 * problem becomes a handoff to the full CLI.
 */
export async function tryEditorJudge(
  hostArg: string | undefined,
  startedAt: number,
  install: () => string[],
  /** The hook's state folder, pinned by the launcher (where the editor recorded its binary). */
  stateDir?: string,
): Promise<ClientResult> {
  const nothing: ClientResult = { answered: false, handoff: { startedAt } };
  if (!JUDGE_CHANNELS || process.env.AGENTGUARD_JUDGE === 'off' || !HOSTS.includes(hostArg as HostId)) return nothing;
  const host = hostArg as HostId;
  const sockets = readUnixSockets(undefined, JUDGE_NAME_PART);
  const judges = listJudgeChannels(sockets);
  // No editor judges: stdin stays unread for the full CLI, which then costs what it always did.
  if (!judges.length) return nothing;
  // The organization's AgentGuard service keeps the state a judge in the user's editor would write: the full CLI asks it.
  // One look at the managed policy for the call: whether it names a service (read only when it is there), and
  // whether the editor's binary must be out of the user's reach (the peer check).
  const managedPresent = managedPolicyPresent();
  if (managedPresent && managedPolicyNamesService()) return nothing;
  const facts: PeerFacts = { binaryOutOfReach: managedPresent, ...(stateDir !== undefined ? { stateDir } : {}) };
  const budget = callBudget(host, process.env);
  // The judge's check asks whether a debugger port is open: asked now, answered while stdin is read.
  expectDebuggerCheck();
  // The first judge is greeted and verified while stdin is read.
  let connection: JudgeConnection | undefined = connect(judges[0].socketPath, sockets, facts);
  const input = await readBounded(0, MAX_PAYLOAD_BYTES, budget.stdinTimeoutMs);
  // An unreadable payload is judged (denied) and recorded by the full CLI, as always.
  if (!input.ok) {
    connection.close();
    return { answered: false, handoff: { startedAt, input } };
  }
  const request: JudgeRequestMessage = {
    type: 'judge.request',
    version: JUDGE_PROTOCOL_VERSION,
    host,
    input,
    env: stringEnv(),
    cwd: process.cwd(),
    install: install(),
    startedAt,
  };
  const deadline = startedAt + budget.deadlineMs - 1000;
  for (let i = 0; connection; connection = judges[++i] && connect(judges[i].socketPath, sockets, facts)) {
    const attempt = (await connection.ready) ?? (await connection.send(request, deadline));
    if (attempt.status === 'failed')
      return {
        answered: false,
        handoff: { startedAt, input, failure: `the editor took the call and then failed: ${attempt.reason}` },
      };
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
