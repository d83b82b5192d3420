// What the launcher's editor-judge client (hookClient.ts) hands to the full
// CLI when it does not get an answer itself: the payload it already read
// from stdin (a pipe cannot be read twice), or, when the judge took the call
// and then failed, the reason to deny it. The two are separate bundles of one
// build in one process; a registered global symbol is how they meet. Only
// code running inside this process can set it.
import type { HookInput } from '../../core/frontdoor/call';

export interface HookHandoff {
  input?: HookInput;
  /** The editor's judge took the call and failed: deny with this reason, do not judge again. */
  failure?: string;
  /** When the launcher started (ms since epoch): the host's time budget counts from there. */
  startedAt: number;
  /** The account's home and the state folder the launcher confirmed in this process (core/state pinStateChoice). */
  pinned?: { home: string; dir: string };
}

const KEY = Symbol.for('agentguard.hook.handoff');

export function giveHandoff(h: HookHandoff): void {
  (globalThis as Record<symbol, unknown>)[KEY] = h;
}

/** The launcher's handoff, once: a second call (an error path) gets nothing. */
export function takeHandoff(): HookHandoff | undefined {
  const g = globalThis as Record<symbol, unknown>;
  const h = g[KEY] as HookHandoff | undefined;
  delete g[KEY];
  return h;
}
