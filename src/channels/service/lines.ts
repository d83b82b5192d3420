// A terminal line's walk where the organization's managed policy names an
// AgentGuard service, for both doors that judge lines (the editor's judge and
// the gate's own process): the kill switch is the service's, a gated line is
// counted by the service (the line that trips its breaker is halted too), and
// the line's record goes to the service's log before the shell hears the
// answer. A service that cannot be reached, is not trusted or answers
// anything but its protocol stops the line: never judged without it.
import { breakerHalted, breakerUncounted } from '../../core/frontdoor/call';
import {
  decideLine,
  failedLine,
  recordLine,
  type LineAnswer,
  type LineCall,
  type LineDeps,
} from '../../core/frontdoor/line';
import { serviceConfig, type ServiceConfig } from '../../core/frontdoor/records';
import { servicedState, stateFor } from '../../core/frontdoor/state';
import { askService, ownAddress } from './client';
import { snapshotKeeper } from './snapshots';

export type JudgedLine =
  { declined: true; reason: string } | { declined: false; answer: LineAnswer; recorded: boolean };

/** Decides and records one line: through the AgentGuard service when one is named, else in the caller's own state folder. */
export async function judgeAndRecordLine(
  call: LineCall,
  deps: LineDeps,
  service: ServiceConfig | undefined = serviceConfig(),
): Promise<JudgedLine> {
  if (!service) {
    let outcome;
    try {
      outcome = await decideLine(call, deps);
    } catch (err) {
      outcome = failedLine(call, `internal error: ${(err as Error)?.message ?? err}`);
    }
    if (outcome.declined) return outcome;
    return { declined: false, answer: recordLine(outcome, deps.warn), recorded: outcome.record !== undefined };
  }
  const address = ownAddress(service);
  const status = await askService(address, { op: 'status' });
  if (!status.ok || !status.reply.killSwitch) {
    const why = status.ok ? 'the AgentGuard service did not say whether its kill switch is engaged' : status.error;
    const failed = failedLine(
      call,
      `${why}. This machine's policy (${service.policyFile}) names an AgentGuard service, and no line runs without it: ask an administrator to start it, or run agentguard doctor`,
    );
    return { declined: false, answer: recordLine(failed, deps.warn), recorded: true };
  }
  const state = servicedState(stateFor(call.env), {
    killSwitch: status.reply.killSwitch,
    keepSnapshot: snapshotKeeper(address),
  });
  const afterCount: LineDeps['afterCount'] = async (verdict) => {
    if (!state.gated()) return verdict;
    const counted = await askService(address, {
      op: 'count',
      ...(state.rateLimit() ? { rateLimit: state.rateLimit() } : {}),
    });
    if (!counted.ok) return breakerUncounted(verdict, counted.error);
    return counted.reply.tripped
      ? breakerHalted(verdict, counted.reply.killSwitch?.reason ?? "the AgentGuard service's circuit breaker tripped")
      : verdict;
  };
  let outcome;
  try {
    outcome = await decideLine(call, { ...deps, state, afterCount });
  } catch (err) {
    outcome = failedLine(call, `internal error: ${(err as Error)?.message ?? err}`);
  }
  if (outcome.declined) return outcome;
  if (!outcome.record) return { declined: false, answer: outcome.answer, recorded: false };
  const sent = await askService(address, { op: 'record', entry: outcome.record as unknown as Record<string, unknown> });
  if (!sent.ok) {
    deps.warn(`the AgentGuard service did not record the line: ${sent.error}`);
    const message = `the AgentGuard service did not record this command (${sent.error}), so it was not run: nothing may run unrecorded`;
    return {
      declined: false,
      answer: outcome.answer.decision === 'deny' ? outcome.answer : { decision: 'deny', message },
      recorded: false,
    };
  }
  // A copy in the user's own log, for the editor's views; the service's is the record.
  const copied = state.record(outcome.record);
  if (!copied.ok) deps.warn(`the service recorded the line; the copy in your own log failed: ${copied.error}`);
  return { declined: false, answer: outcome.answer, recorded: true };
}
