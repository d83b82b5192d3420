// Where administrator-owned files are: the organization's managed policy and
// the agent hosts' managed hook files. From the operating system alone, never
// from the environment: a hook's environment is the agent host's, which
// anything the agent can write may shape. Tests use a build of the CLI whose
// root is a folder of their own (esbuild.js); no variable, flag or file moves
// where the real CLI looks.
import * as path from 'node:path';

declare const __AGENTGUARD_MANAGED_ROOT__: string | undefined;

/** Prefix of every administrator-owned path: empty (the real file system) except in the test build. */
export const MANAGED_ROOT: string = typeof __AGENTGUARD_MANAGED_ROOT__ === 'string' ? __AGENTGUARD_MANAGED_ROOT__ : '';

export interface AdminPlaces {
  /** Linux (and macOS, when `mac` is not given). */
  unix?: string;
  mac?: string;
  windows?: string;
}

/** Where the organization's managed policy is (fixed, not %ProgramData%: that comes from the environment). */
export const MANAGED_POLICY_PLACES: AdminPlaces = {
  unix: '/etc/agentguard/policy.json',
  mac: '/Library/Application Support/AgentGuard/policy.json',
  windows: 'C:\\ProgramData\\AgentGuard\\policy.json',
};

/** An administrator-owned path on this platform, or undefined where the owner documents none. */
export function adminPath(
  places: AdminPlaces,
  platform: NodeJS.Platform = process.platform,
  root = MANAGED_ROOT,
): string | undefined {
  const p = platform === 'win32' ? places.windows : platform === 'darwin' ? (places.mac ?? places.unix) : places.unix;
  if (p === undefined) return undefined;
  if (!root) return p;
  // In the test build every place lives under the test's root, spelled as on the real system.
  return path.join(root, p.replace(/^[A-Za-z]:\\/, '').replace(/\\/g, '/'));
}
