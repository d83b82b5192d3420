// Puts an `ask` to the editor that shows this folder and waits for the human.
// Loaded only when a call needs approval, so allowed calls never pay for it.
import { requestNearestApproval } from '../../channels/approval/client';
import { findApprovalSockets } from '../../channels/approval/paths';
import type { AskEditor } from '../../core/frontdoor/call';
import { stringEnv } from '../../core/frontdoor/state';
import { approvalFolders, approvalQuestion } from '../../core/frontdoor/question';

export const askEditor: AskEditor = async (host, req, v, loc, stateDir, timeoutMs, snapshot) => {
  const sockets = findApprovalSockets(stateDir, approvalFolders(req, loc));
  if (!sockets.length) return { via: 'unanswered', why: 'the AgentGuard editor extension is not running for this folder' };
  const outcome = await requestNearestApproval(sockets, approvalQuestion(host, req, v, loc, stringEnv(), snapshot), { timeoutMs });
  switch (outcome.status) {
    case 'timeout':
      return { via: 'unanswered', why: `nobody answered in the editor within ${Math.round(timeoutMs / 1000)} s` };
    case 'unavailable':
      return { via: 'unanswered', why: outcome.reason };
    case 'answered':
      if (outcome.by === 'user') return { via: 'editor', decision: outcome.decision };
      if (outcome.by === 'invalid') return { via: 'editor', decision: 'deny', note: outcome.reason ?? 'the request was refused' };
      return { via: 'unanswered', why: outcome.reason ?? `the editor could not ask (${outcome.by})` };
  }
};
