// `agentguard doctor`, the service's line: whether the managed policy names
// an AgentGuard service, whether it answers, and which guarantees then hold
// by the operating system and which still rest on judgment.
import { serviceConfig, type ServiceConfig } from '../core/frontdoor/records';
import { RAISE_PTRACE_SCOPE, peerProofOf, readPtraceScope, type PtraceScope } from '../core/frontdoor/launch';
import type { ServiceRecorders } from '../shared/serviceProtocol';
import { askService, ownAddress } from '../channels/service/client';

export async function serviceLine(): Promise<{ line: string; failed: boolean }> {
  const service = serviceConfig();
  if (!service) {
    return {
      line: "service    none: the kill switch, the audit log and the circuit breaker's count are in your own state folder; a process running as you can reach them, and judgment (guard.* findings) and confinement are what keep an agent from rewriting them",
      failed: false,
    };
  }
  const address = ownAddress(service);
  const status = await askService(address, { op: 'status' });
  if (!status.ok)
    return {
      line: `service    UNREACHABLE at ${address.socket}: ${status.error}: every hook blocks until it answers`,
      failed: true,
    };
  const verify = await askService(address, { op: 'verify' });
  const v = verify.ok ? verify.reply.verify : undefined;
  const shipped = v?.shipped?.length
    ? `, shipped up to entry ${v.shipped.map((s) => `${s.seq} to ${s.sink}`).join(', ')}`
    : '';
  const log = !verify.ok
    ? `audit log unknown (${verify.error})`
    : v?.ok
      ? `audit log intact (${v.entries} entries${shipped})`
      : `audit log BROKEN: ${v?.problem ?? 'unknown'}`;
  const k = status.reply.killSwitch;
  const recorders = `. ${approvalsProof(status.reply.recorders, service)}`;
  return {
    line: `service    ${address.socket} (user ${service.user}): kill switch ${k?.engaged ? `ENGAGED${k.reason ? `: ${k.reason}` : ''}` : 'released'}, ${log}. Kept under its own OS user: no process of yours can release the switch${service.usersMayRelease ? ' except through the service (the policy lets you)' : ''}, rewrite the log, move its shipping cursor, reset the breaker, erase an approval it recorded (an allow it did not record is not trusted) damage a snapshot it kept (a restore writes only what its hashes name) or confirm a policy loosening it did not record. Terminal lines go through it like hook calls, and the editor's status bar shows its kill switch${recorders}`,
    failed: verify.ok && verify.reply.verify?.ok === false,
  };
}

/**
 * What an approval the service records proves, in words (doctor's service
 * line, `service status`): who may record one, and what the check of that
 * process is worth on this kernel (core/launcher/yama.ts).
 */
export function approvalsProof(
  recorders: ServiceRecorders | undefined,
  service: Pick<ServiceConfig, 'approvalPeerProof'>,
  scope: PtraceScope = process.platform === 'linux' ? readPtraceScope() : 'absent',
): string {
  if (service.approvalPeerProof === 'authenticated')
    return recorders === 'editor'
      ? `Only the editor records an approval, and the service records one only after you type your password into the system's prompt for it (polkit, approvalPeerProof "authenticated"; its entry says "peerProof":"authenticated"): no process of yours can type it for you. The prompt comes at every approval; where none can ask (no polkit, no authentication agent: SSH, code-server) every ask is denied`
      : `The managed policy takes an approval only with your password (approvalPeerProof "authenticated"), and this service cannot see which process of yours sends one to ask on its screen (it needs CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH on Linux, as the systemd unit grants), so here every ask is denied`;
  const refused =
    service.approvalPeerProof === 'kernel'
      ? `; the managed policy takes an approval only where the kernel backs that check (approvalPeerProof "kernel"), so here every ask is denied instead: ${RAISE_PTRACE_SCOPE}`
      : '';
  if (recorders !== 'editor')
    return `Approvals prove only that one was recorded: this service cannot see which process of yours sent one (it needs CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH on Linux, as the systemd unit grants; launchd and Windows services have no such check), so a process an agent runs could record one too — it stays in the service's log${refused}`;
  if (peerProofOf(scope) === 'kernel')
    return `Only the editor records an approval or a policy confirmation: the service checks which process of yours sends one, and the kernel keeps your other processes from tracing the editor (kernel.yama.ptrace_scope ${scope}), so an approval is the running editor's ("peerProof":"kernel"); an editor an agent starts itself with hidden options still passes that check`;
  const setting =
    scope === 'absent' ? 'this kernel has no Yama ptrace setting' : `kernel.yama.ptrace_scope is ${scope}`;
  return `Only the editor records an approval or a policy confirmation, but an approval proves only that it was recorded: any process of yours can drive the editor (${setting}; each approval's entry says "peerProof":"recorded")${refused || `; ${RAISE_PTRACE_SCOPE} makes the service's check count`}`;
}
