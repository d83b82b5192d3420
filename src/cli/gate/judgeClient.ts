// A shell gate's connection to an editor's judge: verified once like the
// hook's (the judge holds its abstract socket and is the editor's extension
// host, by the /proc checks of channels/peer.ts; it runs this same build),
// then kept open for the shell's lines, one at a time.
import { verifyEditorPeer } from '../../channels/peer';
import { debuggersClosed } from '../../channels/debuggers';
import type { UnixSocketEntry } from '../../channels/procfs';
import { openLineClient, type LineClient } from '../../channels/lineClient';
import { BUILD_ID } from '../../core/frontdoor/launch';
import {
  MAX_JUDGE_MESSAGE_BYTES,
  parseJudgeHello,
  parseJudgeLineReply,
  type JudgeDeclineMessage,
  type JudgeLineAnswerMessage,
  type JudgeLineMessage,
} from '../../shared/judgeProtocol';

const HELLO_TIMEOUT_MS = 1000;
/** Judging takes milliseconds; past this without an answer or "asking", the judge is stuck. */
const QUICK_ANSWER_MS = 15_000;

export type LineReply =
  | { status: 'answered'; answer: JudgeLineAnswerMessage }
  /** The judge does not take this line: judge it here. */
  | { status: 'declined'; reason: string; as?: Pick<JudgeDeclineMessage, 'origin' | 'humanGating' | 'label'> }
  /** Sent and then lost: the line does not run (a human may have seen it). */
  | { status: 'lost'; reason: string };

export interface JudgeSession {
  /** Settles once the judge greeted and was verified: undefined, or why it is not used. */
  readonly ready: Promise<string | undefined>;
  readonly open: boolean;
  /** Sends one line; `maxWaitMs` bounds the wait once a human is being asked. */
  judge(message: JudgeLineMessage, maxWaitMs: number): Promise<LineReply>;
  close(): void;
}

export function openJudgeSession(socketPath: string, sockets: readonly UnixSocketEntry[]): JudgeSession {
  let greeted = false;
  let verifying = false;
  let trusted: number[] = [];
  let waiting: ((r: LineReply) => void) | undefined;
  let onReady: (problem: string | undefined) => void = () => undefined;
  const ready = new Promise<string | undefined>((resolve) => {
    onReady = resolve;
  });

  const settle = (r: LineReply) => {
    channel.disarm('wait');
    const w = waiting;
    waiting = undefined;
    w?.(r);
  };

  const onLine = (text: string, c: LineClient<string>) => {
    if (verifying && !greeted) return c.end('the judge spoke out of turn');
    if (!greeted) {
      const hello = parseJudgeHello(text);
      if (!hello) return c.end('the channel did not greet as an AgentGuard judge');
      if (hello.build !== BUILD_ID) return c.end(`the editor runs another AgentGuard build (${hello.build})`);
      verifying = true;
      void verifyEditorPeer(hello.pid, socketPath, {
        sockets,
        ...(hello.fd !== undefined ? { fdHint: hello.fd } : {}),
      }).then(
        (check) => {
          if (c.ended) return;
          if (!check.ok) return c.end(`not the editor's extension host: ${check.reason}`);
          trusted = check.pids ?? [hello.pid];
          greeted = true;
          c.disarm('wait');
          onReady(undefined);
        },
        (err: Error) => c.end(`the editor could not be verified (${err.message})`),
      );
      return;
    }
    if (!waiting) return c.end('the judge spoke out of turn');
    const reply = parseJudgeLineReply(text);
    if (!reply) return c.end("the editor's judge sent an unreadable answer");
    if (reply.type === 'judge.asking') return;
    if (reply.type === 'judge.decline') {
      const as = reply.origin
        ? {
            origin: reply.origin,
            ...(reply.humanGating ? { humanGating: reply.humanGating } : {}),
            ...(reply.label ? { label: reply.label } : {}),
          }
        : undefined;
      return settle({ status: 'declined', reason: reply.reason, ...(as ? { as } : {}) });
    }
    settle({ status: 'answered', answer: reply });
  };
  const channel = openLineClient<string>(socketPath, {
    maxBytes: MAX_JUDGE_MESSAGE_BYTES,
    oversized: () => "the editor's judge sent an oversized answer",
    error: (err) => err.message,
    closed: () => 'the editor closed the connection',
    line: onLine,
    // Closed, for whatever reason: not ready (if it was not), and a line in flight is lost.
    ended: (why) => {
      onReady(why);
      settle({ status: 'lost', reason: why });
    },
  });
  channel.arm('wait', HELLO_TIMEOUT_MS, () => 'the editor did not greet');

  return {
    ready,
    get open() {
      return greeted && !channel.ended;
    },
    judge: async (message, maxWaitMs) => {
      // A session lives as long as its shell: a debugger opened in the editor since it was verified ends it.
      if (greeted && !channel.ended && !waiting) {
        const debuggers = await debuggersClosed(trusted);
        if (!debuggers.ok) channel.end(`not the editor's extension host: ${debuggers.reason}`);
      }
      return new Promise<LineReply>((resolve) => {
        if (!greeted || channel.ended || waiting)
          return resolve({ status: 'declined', reason: 'no open connection to the editor' });
        waiting = resolve;
        channel.send(message);
        // An answer comes in milliseconds unless a human is asked; either way the wait is bounded.
        channel.arm('wait', Math.max(QUICK_ANSWER_MS, maxWaitMs), () => "the editor's judge did not answer in time");
      });
    },
    close: () => channel.end('closed'),
  };
}
