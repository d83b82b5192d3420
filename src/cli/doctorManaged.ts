// `agentguard doctor`, the organization's part: the managed policy, where
// audit entries are shipped and how many wait, which hosts are managed
// (AgentGuard's hook in their administrator-owned file, probed like any other
// hook) and which cannot be. doctor.ts passes its probe in.
import { readManagedPolicy, managedPolicyWarnings, managedView } from '../core/frontdoor/policy';
import { managedHookPlace } from '../core/frontdoor/setup';
import { readRegularFile, HOSTS, accountHome, confirmedStateDir } from '../core/frontdoor/launch';
import type { HostId } from '../core/frontdoor/call';
import { type AuditSinksConfig, serviceConfig, shipModule } from '../core/frontdoor/records';

/** Where audit entries go, and how many wait (the editor or `agentguard audit ship` delivers them). */
function shippingLines(audit: AuditSinksConfig): string[] {
  try {
    const ship = shipModule();
    const targets = ship.shipTargets(audit);
    if (typeof targets === 'string') return [`shipping   CANNOT SHIP: ${targets}`];
    // The service ships the log it keeps, from its own cursors: the service line says how far.
    if (serviceConfig())
      return targets.map(
        (t) => `shipping   ${t.sink.url}: by the AgentGuard service, from the log it keeps (see the service line)`,
      );
    return targets.map((t) => {
      const pending = ship.pendingCount(confirmedStateDir(process.env, accountHome()).dir, t.sink);
      return `shipping   ${t.sink.url}: ${pending === 0 ? 'every entry delivered' : `${pending} entries wait (delivered while an editor window is open, or by \`agentguard audit ship\`)`}`;
    });
  } catch (err) {
    return [`shipping   CANNOT SHIP: ${(err as Error).message}`];
  }
}

export interface ManagedHookProbe {
  /** Probes each AgentGuard hook in the file; a string when the file cannot be read. */
  probe(host: HostId, file: string, text: string): { lines: string[]; failed: number } | string;
}

export interface ManagedReport {
  lines: string[];
  failed: number;
  /** Hosts whose administrator-owned file runs AgentGuard. */
  managedHosts: Set<HostId>;
}

export function managedReport(p: ManagedHookProbe): ManagedReport {
  const lines: string[] = [];
  let failed = 0;
  const managed = readManagedPolicy();
  const view = managedView(managed);
  if (managed.state === 'none') lines.push(`policy     no managed policy (${managed.file} does not exist)`);
  else if (managed.state === 'invalid') {
    failed++;
    lines.push(
      `policy     managed policy ${managed.file} INVALID, every call that would ask is denied: ${managed.problem.split('\n').join(' ')}`,
    );
  } else {
    lines.push(
      `policy     managed policy ${managed.file}: ${view.holds.length ? view.holds.join('; ') : 'sets nothing yet'}`,
    );
    for (const w of managedPolicyWarnings(managed.file)) lines.push(`           warning: ${w}`);
  }

  if (managed.state === 'ok' && (managed.config.audit?.syslog || managed.config.audit?.otlp))
    lines.push(...shippingLines(managed.config.audit));

  const managedHosts = new Set<HostId>();
  for (const host of HOSTS) {
    const place = managedHookPlace(host);
    const shown = `${host.padEnd(11)} managed`;
    if ('unsupported' in place) {
      lines.push(`${shown} -  cannot be managed: ${place.unsupported}`);
      continue;
    }
    const read = readRegularFile(place.file, 1024 * 1024, { followSymlinks: true });
    if (!read.ok) {
      if (!read.missing) {
        failed++;
        lines.push(`${shown} ${place.file}  UNREADABLE: ${read.error}`);
      } else lines.push(`${shown} ${place.file}  not managed`);
      continue;
    }
    const probed = p.probe(host, place.file, read.text);
    if (typeof probed === 'string') {
      failed++;
      lines.push(`${shown} ${place.file}  UNREADABLE: ${probed}`);
      continue;
    }
    if (!probed.lines.length) {
      lines.push(`${shown} ${place.file}  not managed (the file has no AgentGuard hook)`);
      continue;
    }
    managedHosts.add(host);
    failed += probed.failed;
    for (const l of probed.lines) lines.push(`${shown} ${place.file}  ${l}`);
  }
  return { lines, failed, managedHosts };
}
