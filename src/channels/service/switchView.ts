// The kill switch the AgentGuard service keeps, as the editor's status bar
// shows it and as a click there changes it: engaged by whom and why, and
// whether a release needs root. A service that does not answer is shown as
// what it means for agents, halted: every hook blocks until it answers.
import * as os from 'node:os';
import { askService, type ServiceAddress } from './client';

export interface ServiceSwitchView {
  state: 'engaged' | 'released' | 'unreachable';
  /** Whether agents are halted (engaged, or the service is unreachable). */
  halted: boolean;
  text: string;
  tooltip: string;
}

export interface ServiceSwitchPolicy {
  /** The service's OS user, for the tooltip. */
  user: string;
  usersMayRelease: boolean;
}

const WHO: Record<string, string> = { user: 'you', admin: 'an administrator', 'rate-limit': 'the circuit breaker' };

export async function serviceSwitchView(
  address: ServiceAddress,
  policy: ServiceSwitchPolicy,
): Promise<ServiceSwitchView> {
  const status = await askService(address, { op: 'status' });
  if (!status.ok || !status.reply.killSwitch) {
    const why = status.ok ? 'it did not say whether its kill switch is engaged' : status.error;
    return {
      state: 'unreachable',
      halted: true,
      text: '$(circle-slash) AgentGuard service unreachable',
      tooltip: `AgentGuard: the AgentGuard service does not answer (${why}). Every agent command and edit is blocked until it does: ask an administrator (systemctl status agentguard), or run agentguard doctor.`,
    };
  }
  const k = status.reply.killSwitch;
  if (!k.engaged) {
    return {
      state: 'released',
      halted: false,
      text: '$(shield) AgentGuard',
      tooltip: `AgentGuard is guarding agent commands. The kill switch is kept by the AgentGuard service (user ${policy.user}). Click to halt every agent at once.`,
    };
  }
  const release = policy.usersMayRelease
    ? 'Click to release (the policy lets you).'
    : `Releasing needs an administrator: sudo agentguard service release --user ${accountName()}.`;
  return {
    state: 'engaged',
    halted: true,
    text: '$(circle-slash) Agents halted',
    tooltip: `AgentGuard: every agent command and edit is denied. The kill switch kept by the AgentGuard service was engaged by ${WHO[k.by ?? ''] ?? k.by ?? 'someone'}${k.since ? ` at ${k.since}` : ''}${k.reason ? `: ${k.reason}` : ''}. ${release}`,
  };
}

/** The account the editor runs as, for the administrator's command (its name, or a placeholder if it has none). */
function accountName(): string {
  try {
    const name = os.userInfo().username;
    return /^[A-Za-z0-9._@-]+$/.test(name) ? name : 'NAME';
  } catch {
    return 'NAME';
  }
}

/** A click on the status bar: engages, or asks the service to release; what to tell the human when it refuses. */
export async function toggleServiceSwitch(
  address: ServiceAddress,
  engage: boolean,
): Promise<{ ok: boolean; message?: string }> {
  const r = await askService(address, engage ? { op: 'engage', reason: 'engaged from the editor' } : { op: 'release' });
  return r.ok ? { ok: true } : { ok: false, message: r.error };
}
