// `agentguard hook HOST`, judged in this process: the door agents knock on
// before every command and edit when no editor judge takes the call (see
// hookClient.ts). Reads the host's payload, runs the call (core/frontdoor/call.ts),
// records it and answers in the host's schema. Every path out of here is an
// explicit decision; anything that goes wrong is a deny, never an allow.
import { callBudget, HOSTS, type HostId } from '../../core/frontdoor/launch';
import {
  decideHookCall,
  failedCall,
  failureAnswer,
  isoTime,
  recordHookCall,
  type AskEditor,
  type HookInput,
} from '../../core/frontdoor/call';
import { pinStateChoice, stateFor, type AuditRecord, type CallState } from '../../core/frontdoor/state';
import { readManagedPolicy } from '../../core/frontdoor/policy';
import { serviceConfig } from '../../core/frontdoor/records';
import { HookResponder } from './answer';
import { MAX_PAYLOAD_BYTES, readBounded } from './stdin';
import { takeHandoff } from './handoff';

export async function runHook(args: string[]): Promise<number> {
  const host = args[0] as HostId;
  if (!HOSTS.includes(host)) {
    // Without a host there is no schema to answer in, and no host is assumed: exit 2 blocks in all of them.
    process.stderr.write(
      `AgentGuard: usage: agentguard hook ${HOSTS.join('|')} < payload (got ${JSON.stringify(args[0] ?? '')}); blocking.\n`,
    );
    return 2;
  }
  try {
    return await hook(host);
  } catch (err) {
    // An answer may already be out; if not, this is it. Exit 0 either way, so the host reads it.
    const problem = `internal error: ${(err as Error)?.message ?? err}`;
    return finishFailed(failSafe(host), stateFor(process.env), problem, {
      time: isoTime(new Date()),
      host,
      decision: 'deny',
      score: 100,
      findings: ['hook.internal-error'],
      error: problem,
    });
  }
}

// One responder per process, so an error after the answer cannot send a second one.
let theResponder: HookResponder | undefined;
const failSafe = (host: HostId): HookResponder => (theResponder ??= new HookResponder(host));

// Whether this process wrote a warning to stderr, which on a POSIX pipe may still be on its way out.
let warned = false;
const warn = (message: string) => {
  warned = true;
  process.stderr.write(`AgentGuard: ${message}\n`);
};

/**
 * Leaves once the answer is out (written synchronously): a read of stdin may still be pending (a payload that
 * never ended), and nothing may keep the agent waiting. At once when nothing else is on its way out: the next turn
 * of the event loop would first run the scavenge V8 has queued by then (1–3 ms of CPU for a heap about to go).
 * After a warning, a turn later, so that a stderr pipe takes it.
 */
function leave(): void {
  if (warned) setImmediate(() => process.exit());
  else process.exit();
}

async function hook(host: HostId): Promise<number> {
  const env = process.env;
  const started = new Date();
  // Every wait fits inside the host's own timeout: a hook the host kills is one it may let through.
  const budget = callBudget(host, env);
  const responder = failSafe(host);
  // The launcher may already have read stdin (and tried the editor's judge) and handed the rest over.
  const handoff = takeHandoff();
  if (handoff?.pinned) pinStateChoice(handoff.pinned.home, handoff.pinned.dir);
  responder.arm(Math.max(1000, budget.deadlineMs - (handoff ? Date.now() - handoff.startedAt : 0)));
  if (handoff?.failure) {
    // The editor's judge took the call and did not answer: it is not judged twice (a human may have seen it).
    const outcome = failedCall({ host, env, started }, handoff.failure, 'hook.judge-failed');
    return answer(responder, outcome.event, recordHookCall(outcome, warn));
  }
  const input: HookInput = handoff?.input ?? (await readBounded(0, MAX_PAYLOAD_BYTES, budget.stdinTimeoutMs));
  // The approval client loads only when a call needs approval, so allowed calls never pay for it.
  const askEditor: AskEditor = async (...a) => (await import('./approval')).askEditor(...a);
  // The organization's AgentGuard service keeps the kill switch, the audit log and the breaker's count (./service).
  // Read once: whether a service keeps this call's state, and the policy the call is judged with.
  const managed = readManagedPolicy();
  const service = serviceConfig(managed);
  if (service) {
    const done = await (
      await import('./service')
    ).servicedHookCall(service, { host, input, env, processCwd: process.cwd(), started }, { askEditor, warn });
    return answer(responder, done.event, done.answer);
  }
  const outcome = await decideHookCall(
    { host, input, env, processCwd: process.cwd(), started, managed },
    { askEditor, warn },
  );
  if (outcome.declined) throw new Error(`the call was declined: ${outcome.reason}`);
  return answer(responder, outcome.event, recordHookCall(outcome, warn));
}

function answer(responder: HookResponder, event: string, decided: ReturnType<typeof recordHookCall>): number {
  responder.setEvent(event);
  const exitCode = responder.respond(decided);
  leave();
  return exitCode;
}

// Record first, then answer, as for any call; an unloggable failure is still a deny.
function finishFailed(responder: HookResponder, state: CallState, problem: string, record: AuditRecord): number {
  const logged = state.record(record);
  if (!logged.ok) warn(`cannot write its audit log: ${logged.error}`);
  const exitCode = responder.respond(failureAnswer(problem));
  leave();
  return exitCode;
}
