// What the organization's managed policy does here, in words: for
// `agentguard env`, `agentguard doctor` and the status-bar badge's tooltip,
// so a developer can see which rules are the organization's (and cannot be
// changed from the workspace) and an administrator can check a deployment.
import { DEFAULT_RATE_LIMIT, DEFAULT_THRESHOLDS } from '../config/defaults';
import { MANAGED_LAYER, type EffectiveConfig } from '../config/effective';
import type { ManagedPolicy } from './managed';

export interface ManagedView {
  file: string;
  state: ManagedPolicy['state'];
  /** Why it cannot be used (state `invalid`). */
  problem?: string;
  /** One line per rule, environment, path and setting the managed policy holds. */
  holds: string[];
  /** Workspace rules the managed policy leaves out (they named a managed production environment). */
  overridden: string[];
}

export function managedView(managed: ManagedPolicy, effective?: EffectiveConfig): ManagedView {
  if (managed.state !== 'ok') {
    return {
      file: managed.file,
      state: managed.state,
      ...(managed.state === 'invalid' ? { problem: managed.problem } : {}),
      holds: [],
      overridden: [],
    };
  }
  const c = managed.config;
  const holds: string[] = [];
  for (const r of c.rules ?? []) {
    holds.push(
      `${r.decision} rule \`${r.match}\`${r.environments?.length ? ` in ${r.environments.join(', ')}` : ''}${r.reason ? `: ${r.reason}` : ''}`,
    );
  }
  for (const [name, e] of Object.entries(c.environments ?? {})) {
    if (e.production === true) holds.push(`production environment "${name}"`);
  }
  for (const p of c.protectedPaths ?? []) holds.push(`protected path "${p}"`);
  if (c.thresholds)
    holds.push(
      `thresholds at most ask ${c.thresholds.ask ?? DEFAULT_THRESHOLDS.ask}, deny ${c.thresholds.deny ?? DEFAULT_THRESHOLDS.deny}`,
    );
  if (c.rateLimit)
    holds.push(
      `rate limit at most ${c.rateLimit.maxGated ?? DEFAULT_RATE_LIMIT.maxGated} gated actions in ${c.rateLimit.windowSeconds ?? DEFAULT_RATE_LIMIT.windowSeconds} s`,
    );
  if (c.mode === 'monitor') holds.push('monitor mode: the organization observes, nothing it sets is blocked');
  if (c.allowMonitorMode === false) holds.push('monitor mode is not allowed');
  for (const [k, v] of Object.entries(c.lockedSettings ?? {}))
    holds.push(`setting ${k} locked to ${JSON.stringify(v)}`);
  if (c.audit?.syslog) holds.push(`audit entries shipped to syslog ${c.audit.syslog}`);
  if (c.audit?.otlp) holds.push(`audit entries shipped to OpenTelemetry ${c.audit.otlp}`);
  return { file: managed.file, state: 'ok', holds, overridden: [...(effective?.[MANAGED_LAYER]?.dropped ?? [])] };
}

/** The lines `agentguard env` prints about the managed policy (nothing when there is none). */
export function managedLines(view: ManagedView): string[] {
  if (view.state === 'none') return [];
  if (view.state === 'invalid')
    return [
      `managed policy: ${view.file} is INVALID, so every call that would ask is denied:`,
      ...indent(view.problem ?? ''),
    ];
  const lines = [`managed policy: ${view.file} (the organization's; no workspace rule or confirmation loosens it)`];
  for (const h of view.holds) lines.push(`  - ${h}`);
  if (!view.holds.length) lines.push('  - nothing yet (the file sets no rule)');
  for (const o of view.overridden) lines.push(`  not applied: ${o}`);
  return lines;
}

function indent(text: string): string[] {
  return text.split('\n').map((l) => `  ${l}`);
}
