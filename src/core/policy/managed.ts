// The organization's managed policy: a file only an administrator can write
// (deployed by MDM, Ansible, Intune, Jamf), read by every hook, judge and
// CLI on the machine and merged under every workspace and user policy
// (managedMerge.ts). Where it is comes from the operating system alone
// (config/adminPaths.ts).
//
// An unreadable or invalid policy fails closed (managedMerge.ts): every call
// that would ask is denied with the reason, and monitor mode is off.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { adminPath, MANAGED_ROOT } from '../config/adminPaths';
import { formatConfigErrors } from '../config/errors';
import { validateManagedPolicyText } from '../config/load';
import type { ManagedConfig } from '../config/managedSchema';
import { readRegularFile } from '../state/regularFile';

export { MANAGED_ROOT } from '../config/adminPaths';

/** A managed policy is hand-written and small; anything larger is refused (and fails closed). */
export const MAX_MANAGED_POLICY_BYTES = 1024 * 1024;

export type ManagedPolicy =
  /** No managed policy on this machine. */
  | { state: 'none'; file: string }
  | { state: 'ok'; file: string; config: ManagedConfig }
  /** There is one, and it cannot be read or is not valid: calls that would ask are denied. */
  | { state: 'invalid'; file: string; problem: string };

export function managedPolicyFile(platform: NodeJS.Platform = process.platform, root = MANAGED_ROOT): string {
  return adminPath(
    {
      unix: '/etc/agentguard/policy.json',
      mac: '/Library/Application Support/AgentGuard/policy.json',
      // Fixed, not %ProgramData%: that comes from the environment.
      windows: 'C:\\ProgramData\\AgentGuard\\policy.json',
    },
    platform,
    root,
  )!;
}

/**
 * Reads and validates the managed policy, never blocking (a FIFO at its path
 * is refused at once). `file` is for tests and `agentguard env`; the hook
 * always reads managedPolicyFile().
 */
export function readManagedPolicy(file = managedPolicyFile()): ManagedPolicy {
  const read = readRegularFile(file, MAX_MANAGED_POLICY_BYTES, { followSymlinks: true });
  if (!read.ok) {
    if (read.missing) return { state: 'none', file };
    return { state: 'invalid', file, problem: read.error };
  }
  let loaded;
  try {
    loaded = validateManagedPolicyText(read.text, file);
  } catch (err) {
    return { state: 'invalid', file, problem: `${file} cannot be validated: ${(err as Error).message}` };
  }
  if (!loaded.ok)
    return {
      state: 'invalid',
      file,
      problem: formatConfigErrors(loaded.errors).replace(/^invalid AgentGuard config/, 'invalid managed policy'),
    };
  if (!loaded.config) return { state: 'invalid', file, problem: `${file} holds no policy` };
  return { state: 'ok', file, config: loaded.config as ManagedConfig };
}

/**
 * A managed policy only tightens, so one that users could write is still
 * enforced; but it no longer holds against an agent, and that is said aloud
 * (by `agentguard env` and `doctor`; the hook does not pay for the stats).
 */
export function managedPolicyWarnings(file: string): string[] {
  if (process.platform === 'win32') return [];
  const out: string[] = [];
  for (let p = file, i = 0; i < 16; i++, p = path.dirname(p)) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      break;
    }
    if (st.uid !== 0)
      out.push(`${p} is owned by uid ${st.uid}, not root: whoever that is can loosen the managed policy`);
    else if ((st.mode & 0o022) !== 0 && !(st.isDirectory() && (st.mode & 0o1000) !== 0))
      out.push(
        `${p} is writable by ${st.mode & 0o002 ? 'every user' : 'its group'}: they can loosen the managed policy`,
      );
    if (path.dirname(p) === p) break;
  }
  return out;
}

/** One line for `agentguard env`, `doctor` and the badge: what the managed policy is doing. */
export function describeManagedState(m: ManagedPolicy): string {
  if (m.state === 'none') return `none (${m.file} does not exist)`;
  if (m.state === 'invalid') return `INVALID, so every call that would ask is denied: ${m.problem}`;
  return m.file;
}
