// Room `ship/`: every audit entry, allowed calls too, delivered to the
// organization's log pipeline (syslog, OpenTelemetry), in order, at least
// once, with its place in the hash chain, so the receiving side sees gaps
// and edits. The local hash-chained log is the spool (spool.ts); a cursor per
// destination records what was delivered; nothing in the hook's path waits
// on the network: shipping runs in the editor and in `agentguard audit ship`.
//
// What one entry is for a SIEM: how severe (a severity it can alert on for
// denials, kill-switch trips, confirmed loosenings, self-protection findings
// and snapshot restores), what kind of event, and its fields under the
// OpenTelemetry semantic conventions where one exists.
import * as os from 'node:os';

/** RFC 5424 severities. */
export const SYSLOG_SEVERITY = {
  emergency: 0,
  alert: 1,
  critical: 2,
  error: 3,
  warning: 4,
  notice: 5,
  info: 6,
  debug: 7,
} as const;
export type SyslogSeverityName = keyof typeof SYSLOG_SEVERITY;

/** OpenTelemetry SeverityNumber for each syslog severity (log data model, appendix B). */
export const OTEL_SEVERITY: Record<SyslogSeverityName, number> = {
  emergency: 21,
  alert: 19,
  critical: 18,
  error: 17,
  warning: 13,
  notice: 10,
  info: 9,
  debug: 5,
};

/** What a SIEM alerts on, named in every shipped entry that is one. */
export type AlertKind =
  'denial' | 'kill-switch' | 'loosening-confirmed' | 'self-protection' | 'snapshot-restore' | 'audit-gap';

export interface Classified {
  severity: SyslogSeverityName;
  alert?: AlertKind;
  /** Short event type: syslog MSGID (≤ 32 printable characters). */
  msgid: string;
  /** OpenTelemetry EventName. */
  eventName: string;
}

/** Finding ids of AgentGuard protecting itself: its files (`path.agentguard`) and code that reaches them (`guard.*`). */
function isSelfProtection(id: string): boolean {
  return id === 'path.agentguard' || id === 'guard' || id.startsWith('guard.');
}

export function classify(entry: Record<string, unknown>): Classified {
  const event = typeof entry.event === 'string' ? entry.event : '';
  const findings = Array.isArray(entry.findings)
    ? entry.findings.filter((f): f is string => typeof f === 'string')
    : [];
  const decision = entry.decision;
  if (entry.synthetic === 'audit-gap')
    return { severity: 'alert', alert: 'audit-gap', msgid: 'audit-gap', eventName: 'agentguard.audit.gap' };
  if (event === 'killswitch.engaged' || findings.includes('ratelimit.tripped'))
    return {
      severity: 'critical',
      alert: 'kill-switch',
      msgid: 'killswitch',
      eventName: 'agentguard.killswitch.engaged',
    };
  if (event === 'killswitch.released')
    return {
      severity: 'warning',
      alert: 'kill-switch',
      msgid: 'killswitch',
      eventName: 'agentguard.killswitch.released',
    };
  if (
    event === 'policy.loosening-confirmed' ||
    event === 'policy.monitor-confirmed' ||
    event === 'policy.answer-harmless-confirmed'
  )
    return { severity: 'warning', alert: 'loosening-confirmed', msgid: 'loosening', eventName: `agentguard.${event}` };
  if (event === 'snapshot.restored')
    return {
      severity: 'warning',
      alert: 'snapshot-restore',
      msgid: 'restore',
      eventName: 'agentguard.snapshot.restored',
    };
  const eventName = 'agentguard.decision';
  if (findings.some(isSelfProtection))
    return { severity: 'alert', alert: 'self-protection', msgid: 'selfprotect', eventName };
  if (decision === 'deny') return { severity: 'warning', alert: 'denial', msgid: 'decision', eventName };
  if (decision === 'ask' || entry.monitored !== undefined) return { severity: 'notice', msgid: 'decision', eventName };
  return { severity: 'info', msgid: 'decision', eventName };
}

/** Who decided: a human in the editor, nobody (unanswered), monitor mode, or the policy itself. */
export function approverOf(entry: Record<string, unknown>): string {
  if (entry.approval === 'allow' || entry.approval === 'deny') return 'human';
  if (entry.approval === 'unanswered') return 'none';
  if (entry.monitored !== undefined) return 'monitor-mode';
  if (typeof entry.event === 'string' && /^(killswitch|policy|snapshot)\./.test(entry.event)) return 'human';
  return 'policy';
}

// OpenTelemetry semantic-convention names. The stable ones come from the
// official package where it has them (otlp.ts); these are still incubating,
// and the package's own advice is to copy incubating names rather than import
// them from a module that may change.
export const SEMCONV = {
  hostName: 'host.name',
  osType: 'os.type',
  userName: 'user.name',
  genAiAgentName: 'gen_ai.agent.name',
  genAiToolName: 'gen_ai.tool.name',
  genAiConversationId: 'gen_ai.conversation.id',
  processWorkingDirectory: 'process.working_directory',
} as const;

export type AttributeValue = string | number | boolean | string[];

/** The entry's fields as log attributes: semantic conventions where one exists, `agentguard.*` for the rest. */
export function attributesOf(
  entry: Record<string, unknown>,
  place: { seq: number; hash: string; prev: string },
  c: Classified,
): Record<string, AttributeValue> {
  const a: Record<string, AttributeValue> = {};
  const str = (k: string, v: unknown) => {
    if (typeof v === 'string' && v !== '') a[k] = v;
  };
  str(SEMCONV.genAiAgentName, entry.host);
  str(SEMCONV.genAiToolName, entry.tool);
  str(SEMCONV.genAiConversationId, entry.sessionId);
  str(SEMCONV.processWorkingDirectory, entry.cwd);
  str(SEMCONV.userName, currentUser());
  str('agentguard.decision', entry.decision);
  str('agentguard.policy', entry.policy);
  str('agentguard.approval', entry.approval);
  str('agentguard.peerProof', entry.peerProof);
  a['agentguard.approver'] = approverOf(entry);
  str('agentguard.monitored', entry.monitored);
  if (typeof entry.score === 'number') a['agentguard.score'] = entry.score;
  if (Array.isArray(entry.findings))
    a['agentguard.findings'] = entry.findings.filter((f): f is string => typeof f === 'string');
  const env = entry.environment as { name?: unknown; production?: unknown } | undefined;
  if (env && typeof env.name === 'string') {
    a['agentguard.environment.name'] = env.name;
    a['agentguard.environment.production'] = env.production === true;
  }
  str('agentguard.event', entry.event);
  str('agentguard.kind', entry.kind);
  str('agentguard.command', entry.command);
  if (Array.isArray(entry.paths)) a['agentguard.paths'] = entry.paths.filter((p): p is string => typeof p === 'string');
  str('agentguard.workspace', entry.workspace);
  str('agentguard.rule', entry.rule);
  str('agentguard.judge', entry.judge);
  const snapshot = entry.snapshot as { id?: unknown } | undefined;
  str('agentguard.snapshot.id', snapshot?.id);
  if (c.alert) a['agentguard.alert'] = c.alert;
  a['agentguard.audit.seq'] = place.seq;
  a['agentguard.audit.hash'] = place.hash;
  a['agentguard.audit.prev'] = place.prev;
  return a;
}

let user: string | undefined;
function currentUser(): string {
  if (user === undefined) {
    try {
      user = os.userInfo().username;
    } catch {
      user = '';
    }
  }
  return user;
}
