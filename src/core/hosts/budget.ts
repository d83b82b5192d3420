// The hook's time budget for one call, from its host and environment. Kept
// apart (it needs only the host table) because the hook's small client
// computes it too, before anything else is loaded.
import { hookBudget } from './hostProfiles';
import type { HostId } from './types';

export const DEFAULT_STDIN_TIMEOUT_MS = 5000;
const DEFAULT_APPROVAL_TIMEOUT_MS = 60_000;

function envNumber(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const v = Number(env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The call's deadlines for its host (see hostProfiles): reading stdin, the whole run, and the wait for a human. */
export function callBudget(host: HostId, env: Readonly<Record<string, string | undefined>>): { stdinTimeoutMs: number; deadlineMs: number; approvalMs: number } {
  const stdinTimeoutMs = envNumber(env, 'AGENTGUARD_HOOK_STDIN_TIMEOUT_MS', DEFAULT_STDIN_TIMEOUT_MS);
  const budget = hookBudget(host, stdinTimeoutMs, Math.min(envNumber(env, 'AGENTGUARD_APPROVAL_TIMEOUT_MS', DEFAULT_APPROVAL_TIMEOUT_MS), 10 * 60_000));
  return { stdinTimeoutMs, ...budget };
}
