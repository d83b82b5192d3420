// What the status-bar badge shows: the environment as the hook judges it,
// with the policy that holds (the confirmed one, tightened by the file; see
// index.ts), not the raw `.agentguard.json`, which an agent may have loosened
// (dropping the production mark must not turn the red badge off before a
// human confirms it). What waits for a human is said in the tooltip. Pure but
// for the reads it is given; the extension only renders the result.
import { formatConfigErrors } from '../config/errors';
import { loadConfig } from '../config/load';
import { detectWorkspaceEnvironment } from '../environment';
import { findWorkspace } from '../config/workspace';
import type { AnalysisContext, EnvironmentMatch } from '../types';
import { workspacePolicy, type PolicyChange } from './index';
import { readManagedPolicy } from './managed';
import { managedView, type ManagedView } from './managedView';

export interface EnforcedEnvironment {
  folder: string;
  env?: EnvironmentMatch;
  error?: string;
  /** Loosenings of `.agentguard.json` that wait for a human: the environment above is judged without them. */
  pending: PolicyChange[];
  /** The organization's managed policy, when the machine has one. */
  managed?: ManagedView;
}

export interface EnvironmentReads {
  stateDir: string;
  processEnv: Record<string, string | undefined>;
  home: string;
  readFile: AnalysisContext['readFile'];
}

/** The environment the hook would judge a call in `folder` with: the same workspace, config and confirmed policy. */
export function enforcedEnvironment(folder: string, reads: EnvironmentReads): EnforcedEnvironment {
  const workspace = findWorkspace(folder, [folder], folder).workspace;
  const managed = readManagedPolicy();
  const shown = managed.state === 'none' ? {} : { managed: managedView(managed) };
  const loaded = loadConfig(workspace);
  if (!loaded.ok) return { folder, error: formatConfigErrors(loaded.errors), pending: [], ...shown };
  const policy = workspacePolicy(reads.stateDir, workspace, loaded.config, managed);
  const env = detectWorkspaceEnvironment(workspace, reads.processEnv, policy.config, reads.readFile, reads.home);
  return {
    folder,
    env,
    pending: policy.pending,
    ...(managed.state === 'none' ? {} : { managed: managedView(managed, policy.config) }),
  };
}

/** The tooltip's part about the organization's managed policy: which rules are the organization's, or why it cannot be used. */
function managedTooltip(view: ManagedView | undefined): string[] {
  if (!view || view.state === 'none') return [];
  if (view.state === 'invalid') {
    return [
      '',
      `$(error) **The organization's managed policy cannot be used** (\`${view.file}\`): every call that would ask is denied until an administrator fixes it.`,
      '',
      '```text',
      (view.problem ?? '').replace(/```/g, "'''"),
      '```',
    ];
  }
  const lines = [
    '',
    `$(organization) **Managed by your organization** (\`${view.file}\`); no workspace rule or confirmation loosens it:`,
    '',
  ];
  for (const h of view.holds.slice(0, 12)) lines.push(`- ${md(h)}`);
  if (view.holds.length > 12) lines.push(`- and ${view.holds.length - 12} more (agentguard env)`);
  for (const o of view.overridden) lines.push(`- not applied from this workspace: ${md(o)}`);
  return lines;
}

export type BadgeKind = 'production' | 'error' | 'named' | 'pending' | 'hidden';

export interface BadgeView {
  kind: BadgeKind;
  /** Status-bar text with theme icons; empty when hidden. */
  text: string;
  /** For screen readers. */
  label: string;
  /** Markdown (theme icons on). */
  tooltip: string;
  /** One line for the log. */
  summary: string;
}

const md = (s: string) => s.replace(/[\\`*_[\]<>#|]/g, '\\$&');
const MAX_PENDING_SHOWN = 5;

/**
 * The badge for the open folders. `pendingMode` maps a folder to where an
 * unconfirmed request for monitor mode came from (the hook keeps enforcing);
 * `pendingHarmless` likewise for `agentguard.answerHarmless: "allow"` (the
 * hook keeps leaving harmless calls to the host).
 */
export function badgeView(
  folders: readonly EnforcedEnvironment[],
  pendingMode: ReadonlyMap<string, string> = new Map(),
  pendingHarmless: ReadonlyMap<string, string> = new Map(),
): BadgeView {
  const prod = folders.find((c) => c.env?.production);
  const named = folders.find((c) => c.env && c.env.name !== 'unknown' && c.env.name !== 'local');
  const broken = folders.find((c) => c.error);
  const brokenManaged = folders.some((c) => c.managed?.state === 'invalid');
  const waiting = folders.some((c) => c.pending.length || pendingMode.has(c.folder) || pendingHarmless.has(c.folder));
  const lines: string[] = ['**AgentGuard: workspace environment, as the hook judges it**', ''];
  for (const c of folders) {
    if (c.error) lines.push(`\`${c.folder}\`: config error`, '', '```text', c.error.replace(/```/g, "'''"), '```', '');
    else if (c.env) {
      lines.push(`\`${c.folder}\`: **${md(c.env.name)}**${c.env.production ? ' (PRODUCTION)' : ''}`, '');
      for (const e of c.env.evidence) lines.push(`- ${md(e)}`);
      if (!c.env.evidence.length) lines.push('- no evidence of any environment found');
      lines.push('');
    }
    if (c.pending.length) {
      lines.push(
        `$(warning) **Waiting for your review, not applied:** ${c.pending.length === 1 ? 'a loosening' : `${c.pending.length} loosenings`} of \`.agentguard.json\` — the hook judges with the policy you last confirmed:`,
        '',
      );
      for (const p of c.pending.slice(0, MAX_PENDING_SHOWN)) lines.push(`- ${md(p.summary)}`);
      if (c.pending.length > MAX_PENDING_SHOWN) lines.push(`- and ${c.pending.length - MAX_PENDING_SHOWN} more`);
      lines.push('', 'Review it with **AgentGuard: Review Policy Loosening**.', '');
    }
    const mode = pendingMode.get(c.folder);
    if (mode)
      lines.push(
        `$(warning) **Waiting for your review, not applied:** monitor mode, requested by ${md(mode)} — the hook keeps enforcing. Review it with **AgentGuard: Review Loosened Editor Setting**.`,
        '',
      );
    const harmless = pendingHarmless.get(c.folder);
    if (harmless)
      lines.push(
        `$(warning) **Waiting for your review, not applied:** AgentGuard approving harmless calls itself, requested by ${md(harmless)} — the agent hosts keep deciding them. Review it with **AgentGuard: Review Loosened Editor Setting**.`,
        '',
      );
  }
  lines.push(...managedTooltip(folders.find((c) => c.managed)?.managed));
  lines.push('', 'Same as `agentguard env`, with the confirmed policy. Click for details.');
  const tooltip = lines.join('\n');
  const summary =
    folders
      .map(
        (c) =>
          `${c.folder}: ${c.error ? 'config error' : `${c.env?.name}${c.env?.production ? ' (production)' : ''}`}${c.pending.length ? ` (${c.pending.length} loosening${c.pending.length === 1 ? '' : 's'} pending)` : ''}${pendingMode.has(c.folder) ? ' (monitor mode pending)' : ''}${pendingHarmless.has(c.folder) ? ' (approving harmless calls pending)' : ''}`,
      )
      .join('; ') || 'no folder';
  const suffix = waiting ? ' $(warning)' : '';
  const labelSuffix = waiting ? '; a loosening waits for your review' : '';
  if (prod?.env) {
    const name = prod.env.name === 'production' ? 'PRODUCTION' : `${prod.env.name.toUpperCase()} (production)`;
    return {
      kind: 'production',
      text: `$(flame) ${name}${suffix}`,
      label: `AgentGuard: this workspace is in production (${prod.env.name})${labelSuffix}`,
      tooltip,
      summary,
    };
  }
  if (brokenManaged)
    return {
      kind: 'error',
      text: '$(warning) AgentGuard managed policy',
      label: 'AgentGuard: the managed policy is invalid, so every call that would ask is denied',
      tooltip,
      summary: `${summary}; managed policy invalid`,
    };
  if (broken)
    return {
      kind: 'error',
      text: `$(warning) AgentGuard config`,
      label: 'AgentGuard: .agentguard.json has errors',
      tooltip,
      summary,
    };
  if (named?.env)
    return {
      kind: 'named',
      text: `$(server-environment) ${named.env.name}${suffix}`,
      label: `AgentGuard: workspace environment ${named.env.name}${labelSuffix}`,
      tooltip,
      summary,
    };
  if (waiting)
    return {
      kind: 'pending',
      text: '$(warning) AgentGuard: review pending',
      label: `AgentGuard: a loosening waits for your review`,
      tooltip,
      summary,
    };
  return { kind: 'hidden', text: '', label: '', tooltip, summary };
}
