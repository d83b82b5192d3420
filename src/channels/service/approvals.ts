// The editor's side of approval records: before the editor tells a hook that
// a human answered, it records the answer with the AgentGuard service (when
// the managed policy names one), where no process of the developer can later
// erase or rewrite it; the hook trusts an allow only if the service holds it
// (core/frontdoor/serviceApprovals.ts says what this proves and what not).
import { serviceConfig } from '../../core/frontdoor/records';
import { MIN_AUTHENTICATION_MS, authenticationWindow } from '../../core/frontdoor/approvalProof';
import { subjectDigest, type ApprovalAnswerDecision, type ApprovalSubject } from '../../shared/protocol';
import type { ServiceRequest } from '../../shared/serviceProtocol';
import { askService, ownAddress } from './client';

/** What was asked, in one line for the service's log. */
function summaryOf(s: ApprovalSubject): string {
  const what = s.command ?? s.paths?.join(' ') ?? s.summary ?? s.tool;
  return `${s.host} ${s.kind}: ${what}`.slice(0, 2000);
}

/** The same, in the parts the password prompt shows apart: AgentGuard's words, and the agent's text. */
function askedOf(s: ApprovalSubject): NonNullable<ServiceRequest['asked']> {
  const finding = s.findings[0];
  return {
    host: s.host.slice(0, 64),
    kind: s.kind,
    ...(finding?.summary ? { reason: finding.summary.slice(0, 1000) } : {}),
    ...(finding?.target ? { target: finding.target.slice(0, 1000) } : {}),
    text: (s.command ?? s.paths?.join(' ') ?? s.summary ?? s.tool).slice(0, 2000),
  };
}

/**
 * Records the answer; undefined when recorded or when no service is named,
 * else why it could not be. `asker`: the hook that asked — when it stops
 * waiting the record is dropped, and a password question ends the margin
 * before it would (launcher/polkit.ts authenticationWindow).
 */
export async function recordWithService(
  subject: ApprovalSubject,
  decision: ApprovalAnswerDecision,
  asker: { signal?: AbortSignal; waitMs?: number } = {},
): Promise<string | undefined> {
  const service = serviceConfig();
  if (!service) return undefined;
  const address = ownAddress(service);
  // Under approvalPeerProof "authenticated" the service answers once the human typed their password (or gave up).
  const window = authenticationWindow(asker.waitMs);
  if (service.approvalPeerProof === 'authenticated' && decision === 'allow') {
    if (window < MIN_AUTHENTICATION_MS)
      return `too little of the agent's wait for the answer is left to ask for your password (${Math.floor(window / 1000)} s)`;
    address.timeoutMs += window;
  }
  const r = await askService(
    address,
    {
      op: 'approval',
      digest: subjectDigest(subject),
      decision,
      summary: summaryOf(subject),
      asked: askedOf(subject),
      ...(asker.waitMs !== undefined ? { waitMs: window } : {}),
    },
    asker.signal,
  );
  return r.ok ? undefined : r.error;
}
