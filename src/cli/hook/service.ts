// A hook call when the organization's managed policy names an AgentGuard
// service: the kill switch is the service's (asked before the walk), the
// call's audit record is appended by the service to a log no process of this
// user can write (and copied to the user's own, which the editor shows and
// shipping reads), and a call the walk counted toward the circuit breaker is
// counted there too. When the service cannot be reached, its socket is not
// one only root or the service user could have made, it is slow or answers
// anything but its protocol, the call is blocked: never judged without it.
import {
  breakerHalted,
  breakerUncounted,
  decideHookCall,
  failedCall,
  recordHookCall,
  servicedState,
  stateFor,
  type HookAnswer,
  type HookCall,
  type HookCallDeps,
} from '../../core/frontdoor/call';
import type { ServiceConfig } from '../../core/frontdoor/records';
import { askService, ownAddress } from '../../channels/service/client';
import { snapshotKeeper } from '../../channels/service/snapshots';

export async function servicedHookCall(
  service: ServiceConfig,
  call: HookCall,
  deps: HookCallDeps,
): Promise<{ event: string; answer: HookAnswer }> {
  const address = ownAddress(service);
  const status = await askService(address, { op: 'status' });
  if (!status.ok || !status.reply.killSwitch) {
    const why = status.ok ? 'the AgentGuard service did not say whether its kill switch is engaged' : status.error;
    const problem = `${why}. This machine's policy (${service.policyFile}) names an AgentGuard service, and no call runs without it: ask an administrator to start it (systemctl start agentguard), or run agentguard doctor`;
    const outcome = failedCall(call, problem, 'service.unavailable');
    return { event: outcome.event, answer: recordHookCall(outcome, deps.warn) };
  }
  const state = servicedState(stateFor(call.env), {
    killSwitch: status.reply.killSwitch,
    keepSnapshot: snapshotKeeper(address),
  });
  // A call the walk counted is counted by the service before anyone is asked: the call that trips its breaker is halted itself.
  const afterCount: HookCallDeps['afterCount'] = async (verdict) => {
    if (!state.gated()) return verdict;
    const counted = await askService(address, {
      op: 'count',
      ...(state.rateLimit() ? { rateLimit: state.rateLimit() } : {}),
    });
    if (!counted.ok) return breakerUncounted(verdict, counted.error);
    if (!counted.reply.tripped) return verdict;
    return breakerHalted(
      verdict,
      counted.reply.killSwitch?.reason ?? "the AgentGuard service's circuit breaker tripped",
    );
  };
  const outcome = await decideHookCall({ ...call, state }, { ...deps, afterCount });
  if (outcome.declined) throw new Error(`the call was declined: ${outcome.reason}`);
  let recorded: { ok: true } | { ok: false; error: string } | undefined;
  if (!outcome.repeated && !outcome.duplicate) {
    // Counted already (afterCount): the record is only appended.
    const sent = await askService(address, {
      op: 'record',
      entry: outcome.record as unknown as Record<string, unknown>,
    });
    recorded = sent.ok ? { ok: true } : { ok: false, error: sent.error };
    // A copy in the user's own log, for the editor's views and for shipping (which reads that log): the service's is the one to verify.
    if (sent.ok) {
      const copied = state.record(outcome.record);
      if (!copied.ok) deps.warn(`the service recorded the call; the copy in your own log failed: ${copied.error}`);
    }
  }
  return { event: outcome.event, answer: recordHookCall(outcome, deps.warn, recorded) };
}
