// The hook's time budget for one call, from its host's timeout and the
// environment. The hook's small client (the launcher bundle) computes it
// too, before anything else is loaded.
import { HOST_TIMEOUT_SECONDS, type HostId } from './types';

/** Margin between the hook's own deadline and the host's timeout: start-up, judging, writing the answer. */
const MARGIN_MS = 5000;

/**
 * The hook's deadlines for one host: the whole run (`deadlineMs`, after
 * which it blocks on its own) and the longest wait for a human in the
 * editor. `requestedApprovalMs` is the configured wait; it only ever
 * shrinks to fit the host.
 */
export function hookBudget(
  host: HostId,
  stdinTimeoutMs: number,
  requestedApprovalMs: number,
): { deadlineMs: number; approvalMs: number } {
  const hostMs = HOST_TIMEOUT_SECONDS[host] * 1000;
  const deadlineMs = Math.max(1000, Math.min(stdinTimeoutMs + requestedApprovalMs + 10_000, hostMs - MARGIN_MS));
  const approvalMs = Math.max(1000, Math.min(requestedApprovalMs, deadlineMs - stdinTimeoutMs - MARGIN_MS));
  return { deadlineMs, approvalMs };
}

export const DEFAULT_STDIN_TIMEOUT_MS = 5000;
/** How long a hook waits for a human's answer by default; the password question is bounded by it too (launcher/polkit.ts). */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 60_000;

function envNumber(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const v = Number(env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The call's deadlines for its host (hookBudget): reading stdin, the whole run, and the wait for a human. */
export function callBudget(
  host: HostId,
  env: Readonly<Record<string, string | undefined>>,
): { stdinTimeoutMs: number; deadlineMs: number; approvalMs: number } {
  const stdinTimeoutMs = envNumber(env, 'AGENTGUARD_HOOK_STDIN_TIMEOUT_MS', DEFAULT_STDIN_TIMEOUT_MS);
  const budget = hookBudget(
    host,
    stdinTimeoutMs,
    Math.min(envNumber(env, 'AGENTGUARD_APPROVAL_TIMEOUT_MS', DEFAULT_APPROVAL_TIMEOUT_MS), 10 * 60_000),
  );
  return { stdinTimeoutMs, ...budget };
}
