// A shell call in each host's own payload, for `agentguard doctor`: it runs
// every installed hook the way its host does, with a harmless and a
// dangerous command, and reports what the host would make of the answers.
import { hostAdapter, type Sample } from './index';
import type { HostId } from './types';

export type { Sample } from './index';

/** Allowed by every policy (unless the kill switch is engaged). */
export const HARMLESS_SAMPLE = 'true';
/** Denied by the built-in policy outright (no approval asked, so no dialog pops up). */
export const DANGEROUS_SAMPLE = 'rm -rf /';
/** Set by doctor in the environment of the hooks it probes. */
export const DOCTOR_PROBE_ENV = 'AGENTGUARD_DOCTOR_PROBE';

/**
 * Whether a call is doctor's dangerous sample: the exact shell command, from
 * a hook doctor started. Such a call is denied like any other and recorded in
 * the audit log, but not counted by the circuit breaker (frontdoor/verdict
 * countGated): doctor probes every wired hook event, and more than the
 * breaker's limit of them (five in ten seconds by default) engaged the kill
 * switch on the machine of anyone who ran it, halting every agent. An agent
 * may set the variable too; what it gains is that its own `rm -rf /`, denied
 * anyway, does not count.
 */
export function isDoctorSample(
  req: { kind: string; command?: string },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return env[DOCTOR_PROBE_ENV] === '1' && req.kind === 'shell' && req.command === DANGEROUS_SAMPLE;
}

/**
 * `command` as the host would send it before running it in `workspace`;
 * `event` picks among a host's events (Cursor, Windsurf). The dangerous
 * sample is always a shell call (every event's hook runs the same command):
 * edits and MCP calls are at worst gated, and a gated sample would pop up an
 * approval dialog in the editor.
 */
export function samplePayload(host: HostId, event: string, workspace: string, command: string): Sample {
  return hostAdapter(host).sample(event, workspace, command, command === DANGEROUS_SAMPLE);
}
