// Puts an `ask` to the editor that shows this folder and waits for the human.
// Loaded only when a call needs approval, so allowed calls never pay for it.
import { requestNearestApproval } from '../../channels/approval/client';
import { findApprovalSockets } from '../../channels/approval/paths';
import type { AskEditor } from '../../core/frontdoor/call';
import { stringEnv } from '../../core/frontdoor/state';
import { approvalFolders, approvalQuestion } from '../../core/frontdoor/question';
import { serviceConfig } from '../../core/frontdoor/records';
import { refusedUnanswered } from '../../core/frontdoor/approvalProof';
import { subjectDigest } from '../../shared/protocol';

export const askEditor: AskEditor = async (...args) => {
  const asked = await askTheEditor(...args);
  // Under approvalPeerProof "authenticated" the host's own prompt, which asks for no password, is no way round.
  return (asked.via === 'unanswered' && refusedUnanswered(asked.why)) || asked;
};

const askTheEditor: AskEditor = async (host, req, v, loc, stateDir, timeoutMs, snapshot) => {
  const sockets = findApprovalSockets(stateDir, approvalFolders(req, loc));
  if (!sockets.length)
    return { via: 'unanswered', why: 'the AgentGuard editor extension is not running for this folder' };
  const subject = approvalQuestion(host, req, v, loc, stringEnv(), snapshot);
  const outcome = await requestNearestApproval(sockets, subject, { timeoutMs });
  switch (outcome.status) {
    case 'timeout':
      return { via: 'unanswered', why: `nobody answered in the editor within ${Math.round(timeoutMs / 1000)} s` };
    case 'unavailable':
      return { via: 'unanswered', why: outcome.reason };
    case 'answered':
      if (outcome.by === 'user') {
        if (outcome.decision === 'allow') {
          const unrecorded = await serviceDidNotRecord(subjectDigest(subject));
          if (unrecorded) return { via: 'editor', decision: 'deny', note: unrecorded };
        }
        return { via: 'editor', decision: outcome.decision };
      }
      if (outcome.by === 'invalid')
        return { via: 'editor', decision: 'deny', note: outcome.reason ?? 'the request was refused' };
      return { via: 'unanswered', why: outcome.reason ?? `the editor could not ask (${outcome.by})` };
  }
};

/**
 * Where the organization runs an AgentGuard service, an allow counts only if
 * the editor recorded it there first (the service holds it for this request,
 * once): why it does not count, or undefined when it does.
 */
async function serviceDidNotRecord(digest: string): Promise<string | undefined> {
  const service = serviceConfig();
  if (!service) return undefined;
  const { askService, ownAddress } = await import('../../channels/service/client');
  const used = await askService(ownAddress(service), { op: 'approved', digest });
  if (!used.ok)
    return `the approval could not be checked with the AgentGuard service (${used.error}), so it is not trusted`;
  return used.reply.approved
    ? undefined
    : 'the AgentGuard service has no record of this approval (an editor records every approval there first), so it is not trusted';
}
