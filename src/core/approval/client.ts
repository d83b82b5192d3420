// The hook's side of the approval channel: send one request, wait (bounded)
// for the human's answer on the same connection. Any failure means "no editor
// answered", which the hook turns into the host's own ask or a deny — never
// into an allow.
import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import {
  APPROVAL_PROTOCOL_VERSION,
  MAX_APPROVAL_MESSAGE_BYTES,
  parseApprovalAnswer,
  type ApprovalAnswerDecision,
  type ApprovalRequestMessage,
  type ApprovalSubject,
} from '../../shared/protocol';
import { insecureSocketReason } from './paths';

export type ApprovalOutcome =
  | { status: 'answered'; decision: ApprovalAnswerDecision; by: string; reason?: string }
  | { status: 'unavailable'; reason: string }
  | { status: 'timeout' };

export interface RequestApprovalOptions {
  timeoutMs: number;
  /** Skip the owner/permission check of the socket (Windows pipes have none). */
  trustSocket?: boolean;
}

export function requestApproval(socketPath: string, subject: ApprovalSubject, opts: RequestApprovalOptions): Promise<ApprovalOutcome> {
  if (!opts.trustSocket) {
    const insecure = insecureSocketReason(socketPath);
    if (insecure) return Promise.resolve({ status: 'unavailable', reason: `approval socket refused: ${insecure}` });
  }
  const request: ApprovalRequestMessage = { type: 'approval.request', version: APPROVAL_PROTOCOL_VERSION, id: randomUUID(), subject };

  return new Promise((resolve) => {
    let settled = false;
    let buffered = '';
    const socket = net.createConnection(socketPath);
    const finish = (outcome: ApprovalOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ status: 'timeout' }), opts.timeoutMs);

    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (Buffer.byteLength(buffered) > MAX_APPROVAL_MESSAGE_BYTES) {
        finish({ status: 'answered', decision: 'deny', by: 'invalid', reason: 'the editor sent an oversized answer' });
        return;
      }
      const nl = buffered.indexOf('\n');
      if (nl === -1) return;
      const answer = parseApprovalAnswer(buffered.slice(0, nl), request.id);
      finish(answer
        ? { status: 'answered', decision: answer.decision, by: answer.by, ...(answer.reason ? { reason: answer.reason } : {}) }
        : { status: 'answered', decision: 'deny', by: 'invalid', reason: 'the editor sent an unreadable answer' });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ status: 'unavailable', reason: err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? 'no editor is listening' : err.message }));
    socket.on('close', () => finish({ status: 'unavailable', reason: 'the editor closed the connection without answering' }));
  });
}
