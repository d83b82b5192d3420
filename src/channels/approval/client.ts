// The hook's side of the approval channel: read the editor's hello, verify
// who holds the channel (Linux), send one request, wait (bounded) for the
// human's answer on the same connection and check it answers what was sent.
// Any failure means "no verified editor answered", which the hook turns into
// the host's own ask or a deny — never into an allow.
import {
  APPROVAL_PROTOCOL_VERSION,
  MAX_APPROVAL_MESSAGE_BYTES,
  parseApprovalAnswer,
  parseApprovalHello,
  subjectDigest,
  type ApprovalAnswerDecision,
  type ApprovalRequestMessage,
  type ApprovalSubject,
} from '../../shared/protocol';
import { displaySocket, insecureSocketReason, isAbstractSocket } from './paths';
import { verifyEditorPeer, type PeerCheck } from '../peer';
import { openLineClient, type LineClient } from '../lineClient';

export type ApprovalOutcome =
  | { status: 'answered'; decision: ApprovalAnswerDecision; by: string; reason?: string }
  /** `unverified`: something answers on the channel, but not the editor's extension host. */
  | { status: 'unavailable'; reason: string; unverified?: boolean }
  | { status: 'timeout' };

export interface RequestApprovalOptions {
  timeoutMs: number;
  /** Skip the owner/permission check of a socket file (Windows pipes have none). */
  trustSocket?: boolean;
  /** Decides whether the process named in the hello may answer; the default verifies abstract sockets on Linux. */
  verifyPeer?: (pid: number, socketPath: string) => PeerCheck | Promise<PeerCheck>;
  /** Told how long the peer verification took (for the benchmark). */
  onVerified?: (ms: number, check: PeerCheck) => void;
}

function defaultVerify(pid: number, socketPath: string): Promise<PeerCheck> {
  return isAbstractSocket(socketPath) ? verifyEditorPeer(pid, socketPath) : Promise.resolve({ ok: true });
}

const HELLO_TIMEOUT_MS = 2000;

const invalid = (reason: string): ApprovalOutcome => ({ status: 'answered', decision: 'deny', by: 'invalid', reason });

export function requestApproval(
  socketPath: string,
  subject: ApprovalSubject,
  opts: RequestApprovalOptions,
): Promise<ApprovalOutcome> {
  if (!opts.trustSocket) {
    const insecure = insecureSocketReason(socketPath);
    if (insecure) return Promise.resolve({ status: 'unavailable', reason: `approval socket refused: ${insecure}` });
  }
  const request: ApprovalRequestMessage = {
    type: 'approval.request',
    version: APPROVAL_PROTOCOL_VERSION,
    id: globalThis.crypto.randomUUID(),
    subject,
  };
  const deadline = Date.now() + opts.timeoutMs;
  const digest = subjectDigest(subject);
  const verify = opts.verifyPeer ?? defaultVerify;

  const noEditor = (): ApprovalOutcome => ({
    status: 'unavailable',
    reason: `${displaySocket(socketPath)} did not greet as an AgentGuard editor (protocol ${APPROVAL_PROTOCOL_VERSION})`,
  });
  return new Promise((resolve) => {
    let greeted = false;
    let helloSeen = false;
    const onHello = async (line: string, channel: LineClient<ApprovalOutcome>) => {
      // A second line before the first is verified is out of turn.
      if (helloSeen) return channel.end(invalid('the editor spoke before it was asked'));
      helloSeen = true;
      const hello = parseApprovalHello(line);
      if (!hello) return channel.end(noEditor());
      const t0 = process.hrtime.bigint();
      let check: PeerCheck;
      try {
        check = await verify(hello.pid, socketPath);
      } catch (err) {
        check = { ok: false, reason: `the editor could not be verified (${(err as Error).message})` };
      }
      opts.onVerified?.(Number(process.hrtime.bigint() - t0) / 1e6, check);
      if (channel.ended) return;
      if (!check.ok) {
        const reason = `no verified editor: the approval channel is held by a process that is not the editor's extension host (${check.reason})`;
        process.stderr.write(`AgentGuard: ${reason}\n`);
        return channel.end({ status: 'unavailable', reason, unverified: true });
      }
      greeted = true;
      channel.disarm('hello');
      // What is left of the wait, so the editor's record of the answer (a password question) ends before it does.
      channel.send({ ...request, waitMs: Math.min(10 * 60_000, Math.max(0, Math.round(deadline - Date.now()))) });
    };

    const onAnswer = (line: string, channel: LineClient<ApprovalOutcome>) => {
      const answer = parseApprovalAnswer(line, request.id);
      if (!answer) return channel.end(invalid('the editor sent an unreadable answer'));
      if (answer.subjectDigest !== undefined && answer.subjectDigest !== digest)
        return channel.end(invalid('the editor answered about another request than the one sent'));
      if (answer.decision === 'allow') {
        if (answer.subjectDigest !== digest)
          return channel.end(invalid("the editor's allow does not name the request it approves"));
        if (subject.environment.production && answer.confirmedProduction !== true)
          return channel.end(invalid('a production allow came without the environment name typed'));
      }
      channel.end({
        status: 'answered',
        decision: answer.decision,
        by: answer.by,
        ...(answer.reason ? { reason: answer.reason } : {}),
      });
    };

    const channel = openLineClient<ApprovalOutcome>(socketPath, {
      maxBytes: MAX_APPROVAL_MESSAGE_BYTES,
      oversized: () => invalid('the editor sent an oversized answer'),
      error: (err) => ({
        status: 'unavailable',
        reason: err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? 'no editor is listening' : err.message,
      }),
      closed: () => ({ status: 'unavailable', reason: 'the editor closed the connection without answering' }),
      line: (line, c) => (greeted ? onAnswer(line, c) : void onHello(line, c)),
      ended: resolve,
    });
    channel.arm('answer', opts.timeoutMs, () => ({ status: 'timeout' }));
    // The editor greets at once; a listener that stays silent (or an editor from before protocol 2) is no editor.
    channel.arm('hello', Math.min(HELLO_TIMEOUT_MS, opts.timeoutMs), noEditor);
  });
}

/**
 * Asks the editor of the nearest folder whose channel verifies: a channel
 * held by anything else (a look-alike bound for a subfolder) is skipped, so
 * it can neither answer nor hide the real editor. The time budget is shared.
 */
export async function requestNearestApproval(
  sockets: readonly string[],
  subject: ApprovalSubject,
  opts: RequestApprovalOptions,
): Promise<ApprovalOutcome> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: ApprovalOutcome = {
    status: 'unavailable',
    reason: 'the AgentGuard editor extension is not running for this folder',
  };
  for (const socket of sockets.slice(0, 16)) {
    const left = deadline - Date.now();
    if (left <= 0) return { status: 'timeout' };
    last = await requestApproval(socket, subject, { ...opts, timeoutMs: left });
    if (last.status !== 'unavailable' || !last.unverified) return last;
  }
  return last;
}
