// Room `policy/`: what applies to a call. Workspace rules and the precedence
// that makes one decision (rules.ts), the rate limit that trips the kill
// switch (rateLimit.ts), the editor's mode (editorMode.ts), and the policy a
// human confirmed against the file as written (here, with compare.ts and
// baseline.ts).
//
// The policy the hook judges with: the workspace's `.agentguard.json` held
// against the last version a human confirmed (see compare.ts, baseline.ts).
import type { Config } from '../config/schema';
import type { Finding } from '../types';
import * as path from 'node:path';
import { hasConfirmedPolicies, MAX_BASELINE_BYTES, readBaseline, writeBaseline } from './baseline';
import { CONFIG_FILE_NAME } from '../config/load';
import { readRegularText } from '../state/regularFile';
import { KEEP_PRODUCTION_GUESS } from '../config/effective';
import type { EffectiveConfig } from '../config/effective';
import { comparePolicies, effectiveConfig, type PolicyChange } from './compare';
import { readManagedPolicy, type ManagedPolicy } from './managed';
import { underManagedPolicy } from './managedMerge';

export { comparePolicies, effectiveConfig, withHumanRules, type PolicyChange, type PolicyComparison } from './compare';
export { KEEP_PRODUCTION_GUESS, type EffectiveConfig } from '../config/effective';
export {
  baselineFile,
  confirmedPolicyFile,
  keptBaselineRoot,
  readBaseline,
  readBaselineIn,
  storeBaseline,
  writeBaseline,
  type PolicyBaseline,
} from './baseline';
export { readManagedPolicy, managedPolicyFile, type ManagedPolicy } from './managed';

export const PENDING_LOOSENING_ID = 'policy.pending-loosening';

export interface GuardedPolicy {
  /** What to judge with. */
  config: EffectiveConfig | undefined;
  /** Loosenings of the file that wait for a human in the editor (not applied). */
  pending: PolicyChange[];
}

/** The effective policy for one workspace: one stat of the baseline when there is neither file nor baseline. */
export function guardedPolicy(stateDir: string, workspace: string, current: Config | undefined): GuardedPolicy {
  // Without a file, a baseline matters only if a human ever confirmed one on this machine: one stat, no hashing.
  if (!current && !hasBaselines(stateDir)) return { config: undefined, pending: [] };
  const baseline = readBaseline(stateDir, workspace)?.config ?? undefined;
  if (!current && !baseline) return { config: undefined, pending: [] };
  const cmp = comparePolicies(baseline, current);
  const config = effectiveConfig(baseline, current, cmp);
  if (current && config && cmp.tightenings.length)
    raiseFloor(stateDir, workspace, baseline, config, !cmp.loosenings.length);
  return { config, pending: cmp.loosenings };
}

/**
 * What `.agentguard.json` tightens becomes the floor at once, as the editor
 * records it: the policy enforced now (the confirmed one plus the file's
 * tightenings, never a loosening waiting for review). So a file that later
 * vanishes — removed, moved, a symlink whose target is gone — is a loosening
 * a human confirms, not "no config", with or without an editor running.
 * Only ever stricter than the floor it replaces; a failed write changes no
 * decision (the file still holds what it tightens).
 */
function raiseFloor(
  stateDir: string,
  workspace: string,
  before: Config | undefined,
  enforced: EffectiveConfig,
  wholeFile: boolean,
): void {
  // The production guess a confirmed policy keeps is no JSON: a floor that would drop it is not written.
  if (enforced[KEEP_PRODUCTION_GUESS]) return;
  const config = JSON.parse(JSON.stringify(enforced)) as Config;
  if (before && JSON.stringify(before) === JSON.stringify(config)) return;
  // Only stricter: the file as written is the floor, as the editor records it; else what is enforced, said so.
  const fileText = wholeFile ? readRegularText(path.join(workspace, CONFIG_FILE_NAME), MAX_BASELINE_BYTES) : undefined;
  const text =
    fileText ??
    `// The policy AgentGuard enforced for this folder: what a human confirmed, tightened by .agentguard.json.\n// Removing or loosening the file is a change a human confirms.\n${JSON.stringify(config, null, 2)}\n`;
  try {
    writeBaseline(stateDir, workspace, text, config);
  } catch {
    // The floor is raised at the next call; until then the file itself holds.
  }
}

export interface WorkspacePolicy extends GuardedPolicy {
  /** The organization's managed policy, laid under the workspace's (managedMerge.ts). */
  managed: ManagedPolicy;
}

/**
 * The policy every door judges a workspace with: the confirmed workspace
 * policy (guardedPolicy) over the organization's managed policy. With a
 * managed policy that cannot be used, the workspace's stands, never in monitor
 * mode; the caller denies what would ask (failClosedOnInvalid).
 */
export function workspacePolicy(
  stateDir: string,
  workspace: string,
  current: Config | undefined,
  managed: ManagedPolicy = readManagedPolicy(),
): WorkspacePolicy {
  const guarded = guardedPolicy(stateDir, workspace, current);
  return { ...guarded, config: underManagedPolicy(guarded.config, managed), managed };
}

function hasBaselines(stateDir: string): boolean {
  try {
    return hasConfirmedPolicies(stateDir);
  } catch {
    // Unreadable: look for the baseline itself, which fails closed.
    return true;
  }
}

/** Information for the answer: why a loosening in the file did not apply. Severity 0: it gates nothing. */
export function pendingLooseningFinding(pending: readonly PolicyChange[]): Finding {
  const shown = pending
    .slice(0, 5)
    .map((p) => p.summary)
    .join('; ');
  const more = pending.length > 5 ? `; and ${pending.length - 5} more` : '';
  return {
    id: PENDING_LOOSENING_ID,
    summary: `.agentguard.json loosens the policy a human confirmed, so these changes are not applied until a human confirms them in the editor: ${shown}${more}`,
    alternative: 'a human reviews the change from the AgentGuard notification in the editor',
    severity: 0,
  };
}
