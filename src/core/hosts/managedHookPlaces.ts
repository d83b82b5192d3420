// Where each agent host reads hooks an administrator owns. A hook in one of
// these files cannot be removed by the agent's user; the workspace and user
// hook files then only duplicate it (frontdoor/onceOnly.ts judges a call once).
// Each place (the host adapter's `managed`) was checked against the host's
// own documentation (docs/teams.md, "Managed hooks"); hosts that document
// none say so, not guessed. The edits that put AgentGuard's hook there are in
// managedHooks.ts; this part is read on the hook's path, so it loads nothing
// else.
import { adminPath, MANAGED_ROOT } from '../config/adminPaths';
import type { ManagedHooks } from './adapter';
import { isAgentGuardCommand } from './hostFiles';
import { HOST_ADAPTERS } from './index';
import type { HostId } from './types';

export type ManagedFormat = 'json' | 'codex-toml';

/** Hosts with an administrator-owned hook file, and why the others have none here (each adapter's `managed`). */
export const MANAGED_HOOK_HOSTS: Readonly<Record<HostId, ManagedHooks>> = Object.fromEntries(
  HOST_ADAPTERS.map((a) => [a.id, a.managed]),
) as Record<HostId, ManagedHooks>;

export type ManagedHookPlace =
  | { host: HostId; file: string; format: ManagedFormat; managedOnlyKey?: string; docs: string }
  | { host: HostId; unsupported: string };

export function managedHookPlace(
  host: HostId,
  platform: NodeJS.Platform = process.platform,
  root = MANAGED_ROOT,
): ManagedHookPlace {
  const entry = MANAGED_HOOK_HOSTS[host];
  if ('unsupported' in entry) return { host, unsupported: entry.unsupported };
  const file = adminPath(entry.places, platform, root);
  if (!file) return { host, unsupported: `${entry.docs} names no file on ${platform}` };
  return {
    host,
    file,
    format: entry.format,
    ...(entry.managedOnlyKey ? { managedOnlyKey: entry.managedOnlyKey } : {}),
    docs: entry.docs,
  };
}

/** Every quoted string in a JSON or TOML file that is AgentGuard's hook command: enough to tell whether a host is managed. */
export function agentGuardCommandsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"(?:[^"\\\n]|\\.)*"/g)) {
    try {
      const s = JSON.parse(m[0]) as string;
      if (isAgentGuardCommand(s)) out.push(s);
    } catch {
      // not a JSON string literal
    }
  }
  return out;
}
