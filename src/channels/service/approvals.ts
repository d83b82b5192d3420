// The editor's side of approval records: before the editor tells a hook that
// a human answered, it records the answer with the AgentGuard service (when
// the managed policy names one), where no process of the developer can later
// erase or rewrite it; the hook trusts an allow only if the service holds it
// (core/frontdoor/serviceApprovals.ts says what this proves and what not).
import { serviceConfig } from '../../core/frontdoor/records';
import { AUTHENTICATION_TIMEOUT_MS } from '../../core/frontdoor/approvalProof';
import { subjectDigest, type ApprovalAnswerDecision, type ApprovalSubject } from '../../shared/protocol';
import { askService, ownAddress } from './client';

/** What was asked, in one line for the service's log. */
function summaryOf(s: ApprovalSubject): string {
  const what = s.command ?? s.paths?.join(' ') ?? s.summary ?? s.tool;
  return `${s.host} ${s.kind}: ${what}`.slice(0, 2000);
}

/** Records the answer; undefined when recorded or when no service is named, else why it could not be. */
export async function recordWithService(
  subject: ApprovalSubject,
  decision: ApprovalAnswerDecision,
): Promise<string | undefined> {
  const service = serviceConfig();
  if (!service) return undefined;
  // Under approvalPeerProof "authenticated" the service answers once the human typed their password (or gave up).
  const address = ownAddress(service);
  if (service.approvalPeerProof === 'authenticated') address.timeoutMs += AUTHENTICATION_TIMEOUT_MS;
  const r = await askService(address, {
    op: 'approval',
    digest: subjectDigest(subject),
    decision,
    summary: summaryOf(subject),
  });
  return r.ok ? undefined : r.error;
}
