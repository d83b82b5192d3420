// Audit shipping from the editor: while a window is open, every audit entry
// goes to the organization's pipeline as soon as it is written (core/ship),
// here in the extension host, never in the hook. The destinations are the
// managed policy's `audit` key; without one, the user's own settings
// (`agentguard.auditShipping.*`, machine scope: no workspace can set them).
// Several windows may follow the same log: a lock per destination lets one
// deliver at a time.
import * as vscode from 'vscode';
import { type AuditSinksConfig, serviceConfig, shipModule, type Follower } from '../core/frontdoor/records';
import { readManagedPolicy } from '../core/frontdoor/policy';

/** Where entries go now, and who said so; undefined: nowhere. */
function configured(): { config: AuditSinksConfig; from: string } | undefined {
  const managed = readManagedPolicy();
  // An AgentGuard service ships the log it keeps, from cursors no process of this user can move: the editor ships nothing then.
  if (serviceConfig(managed)) return undefined;
  if (managed.state === 'ok' && (managed.config.audit?.syslog || managed.config.audit?.otlp))
    return { config: managed.config.audit, from: `the managed policy (${managed.file})` };
  const s = vscode.workspace.getConfiguration('agentguard.auditShipping');
  const syslog = s.get<string>('syslog', '').trim();
  const otlp = s.get<string>('otlp', '').trim();
  const ca = s.get<string>('ca', '').trim();
  if (!syslog && !otlp) return undefined;
  return {
    config: { ...(syslog ? { syslog } : {}), ...(otlp ? { otlp } : {}), ...(ca ? { ca } : {}) },
    from: 'your settings (agentguard.auditShipping)',
  };
}

export function startShipping(stateDir: string, log: vscode.LogOutputChannel): vscode.Disposable {
  let follower: Follower | undefined;
  let current = 'null';
  const apply = () => {
    const now = configured();
    const key = JSON.stringify(now?.config ?? null);
    if (key === current) return;
    current = key;
    void follower?.stop();
    follower = undefined;
    if (!now) return;
    try {
      const ship = shipModule();
      const targets = ship.shipTargets(now.config);
      if (typeof targets === 'string') {
        log.error(`audit shipping from ${now.from} is not possible: ${targets}`);
        return;
      }
      follower = ship.followShipping(stateDir, targets, {
        onRound: (r) => {
          if (r.error)
            log.warn(`audit shipping to ${r.sink}: ${r.error}; ${r.pending} entries wait and go out when it is back`);
          else if (r.gap) log.error(`audit shipping to ${r.sink}: ${r.gap}`);
          else log.debug(`audit shipping to ${r.sink}: ${r.delivered} delivered`);
        },
      });
      log.info(`shipping every audit entry to ${targets.map((t) => t.sink.url).join(', ')}, as ${now.from} says`);
    } catch (err) {
      log.error(`audit shipping could not start: ${(err as Error).message}`);
    }
  };
  apply();
  // The managed policy lives outside every workspace: looked at again now and then.
  const timer = setInterval(apply, 30_000);
  const watch = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('agentguard.auditShipping')) apply();
  });
  return new vscode.Disposable(() => {
    clearInterval(timer);
    watch.dispose();
    void follower?.stop();
  });
}
