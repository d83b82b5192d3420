// Where a call's state lives: everything the walk reads from or writes to
// AgentGuard's state goes through one CallState — the kill switch, the audit
// log, the circuit breaker's count, the files agents wrote. Today that is a
// folder of this user's (core/state), chosen from the calling process's
// environment; a state kept where no process of the user can write (a
// service under another OS user, reached over a socket) is another
// CallState, and the walk does not change. The parts still read by path
// (snapshots, confirmed policy, editor settings, same-call claims) take
// `dir`.
import { appendAudit, type AuditRecord } from '../state/audit';
import {
  accountHome,
  ignoredRelocationNote,
  readKillSwitch,
  writableStateDir,
  type KillSwitchState,
  type StateDirChoice,
} from '../state';
import { ledgerLookup, recordWritten } from '../state/ledger';
import { recordGatedDecision, type RateLimitOutcome } from '../policy/rateLimit';
import type { Config } from '../config/schema';
import { DEFAULT_RATE_LIMIT } from '../config/defaults';
import type { SnapshotBundle } from '../snapshot/bundle';

export { stringEnv } from './launch';
export { accountHome, defaultStateDir, pinStateChoice, relocationFile, stateDir, type StateDirChoice } from '../state';
export type { AuditRecord } from '../state/audit';

export interface CallState {
  /** The state folder this call's state is in. */
  readonly dir: string;
  /** Why no state folder can be trusted for this call (callStateDir): every agent call is denied, saying so. */
  readonly unusable?: string;
  /** The kill switch, as a human (or the circuit breaker) left it. */
  killSwitch(): KillSwitchState;
  /** Appends one entry to the hash-chained audit log; says why when it cannot (the call is then denied). */
  record(entry: AuditRecord): { ok: true } | { ok: false; error: string };
  /** Counts a gated call toward the circuit breaker, which may engage the kill switch on the spot. */
  countGated(config: Config | undefined, at: Date): RateLimitOutcome;
  /** Whether an agent wrote this file (a background launch of it asks): read when first asked. */
  agentWritten(): (absPath: string) => boolean;
  /** Remembers files an agent may now write. Never throws. */
  recordWrites(paths: readonly string[]): void;
  /** Where each snapshot goes too, out of the user's reach (the AgentGuard service): why it was not kept, or undefined. */
  keepSnapshot?(bundle: SnapshotBundle): Promise<string | undefined>;
}

/** The state folder of this user's, at `dir`. */
export function localState(dir: string): CallState {
  return {
    dir,
    killSwitch: () => readKillSwitch(dir),
    record: (entry) => appendAudit(dir, entry),
    countGated: (config, at) => recordGatedDecision(dir, config, at),
    agentWritten: () => ledgerLookup(dir),
    recordWrites: (paths) => recordWritten(dir, paths),
  };
}

/** What the AgentGuard service said before the walk (channels/service): its kill switch. */
export interface ServiceView {
  killSwitch: KillSwitchState;
  /** Hands a snapshot to the service, which keeps it where no process of the user can write. */
  keepSnapshot?(bundle: SnapshotBundle): Promise<string | undefined>;
}

/**
 * A call's state when the organization runs an AgentGuard service: the
 * service's kill switch is the only one (this user's `killswitch.json`,
 * which any process of the user can write, garble or chmod, is not read: it
 * can neither halt nor release a call, and is never the reason one is
 * denied), and the circuit breaker is the service's alone: a gated call is
 * only noted here, with the rate limit it was judged under, for the service
 * to count where no process of the user can empty the count (this user's
 * `gated.log` is not written). The call's audit record goes to the service
 * too, by the door (recordHookCall's `logged`); the local folder keeps the
 * rest.
 */
export function servicedState(
  local: CallState,
  view: ServiceView,
): CallState & { gated(): boolean; rateLimit(): { maxGated: number; windowSeconds: number } | undefined } {
  let gated = false;
  let rateLimit: { maxGated: number; windowSeconds: number } | undefined;
  return {
    ...local,
    killSwitch: () => view.killSwitch,
    countGated: (config) => {
      gated = true;
      rateLimit = config?.rateLimit ? { ...DEFAULT_RATE_LIMIT, ...config.rateLimit } : undefined;
      // Counted by the service (the door's afterCount), which says whether it tripped.
      return { tripped: false, count: 0, recorded: true };
    },
    gated: () => gated,
    rateLimit: () => rateLimit,
    ...(view.keepSnapshot ? { keepSnapshot: view.keepSnapshot } : {}),
  };
}

/**
 * The state folder the calling process would use: the account's (never its
 * HOME's: state/accountHome), relocated by its environment only where a human
 * confirmed it (state/writableStateDir: a call writes its audit record there,
 * so an ignored relocation's default folder is made where missing). Where
 * that folder cannot be made the choice is `unusable`, and no folder stands
 * in for it: stateFor's state denies every agent call (fail closed).
 */
export function callStateDir(env: Readonly<Record<string, string | undefined>>): StateDirChoice {
  return writableStateDir(env, accountHome());
}

/** Why a call cannot be judged with this choice of folder, for its deny: undefined when the folder is usable. */
export function unusableReason(choice: StateDirChoice): string | undefined {
  if (choice.unusable === undefined) return undefined;
  return `AgentGuard has no state folder to trust: ${ignoredRelocationNote(choice)}; no kill switch or audit log can be read or written, so nothing an agent asks may run`;
}

/** A call's state where no folder can be trusted: the kill switch reads engaged and nothing is recorded, saying why. */
function unusableState(dir: string, reason: string): CallState {
  return {
    dir,
    unusable: reason,
    killSwitch: () => ({ engaged: true, reason }),
    record: () => ({ ok: false, error: reason }),
    countGated: () => ({ tripped: true, count: 0, recorded: false, error: reason }),
    // Every file counts as an agent's: a launch of it asks.
    agentWritten: () => () => true,
    recordWrites: () => undefined,
  };
}

/** The state a call from a process with this environment is judged with. */
export function stateFor(env: Readonly<Record<string, string | undefined>>): CallState {
  const choice = callStateDir(env);
  const reason = unusableReason(choice);
  return reason === undefined ? localState(choice.dir) : unusableState(choice.dir, reason);
}
