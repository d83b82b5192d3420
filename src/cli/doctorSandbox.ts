// `agentguard doctor`'s lines about the hosts' own sandboxes: for each wired
// host, one line with its status as the audit record and the editor's
// tooltip say it (`hostSandboxStatus`), then each of its settings files:
// whether its sandbox is on there, whether AgentGuard's deny-write list is on
// it, and what runs unconfined when it is not.
import { spawnSync } from 'node:child_process';
import {
  denyWriteList,
  HOST_ADAPTERS,
  hostSandboxReport,
  hostSandboxStatus,
  UNCONFINED,
  wiredHosts,
  type HostSandboxReport,
  type Scope,
} from '../core/frontdoor/setup';
import { stateDir } from '../core/frontdoor/launch';

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;
}

/**
 * The status line of each wired host, then one line per settings file of a
 * host with a sandbox AgentGuard can turn on; `failed`: hosts whose own
 * setting turns their hooks off (AgentGuard is never called there).
 */
export function sandboxLines(workspace: string, home: string): { lines: string[]; failed: number } {
  const deny = denyWriteList({ home, workspace, stateDir: stateDir(process.env, home) });
  const wired = new Set(wiredHosts(workspace, home));
  const out: string[] = [];
  let failed = 0;
  for (const a of HOST_ADAPTERS) {
    if (!wired.has(a.id)) continue;
    const status = hostSandboxStatus(a.id, workspace, home, deny, process.env);
    if (status.unjudged) failed++;
    out.push(`sandbox    ${a.id.padEnd(11)} ${status.unjudged ? 'FAIL ' : ''}${status.status}: ${status.says}`);
    if (!a.sandbox) {
      if (a.sandboxLeftAlone) out.push(`           ${' '.repeat(11)} ${a.sandboxLeftAlone}`);
      continue;
    }
    const missing = (a.sandbox.needs ?? []).filter((p) => !onPath(p));
    const reports = (['project', 'user'] as Scope[])
      .map((scope) => hostSandboxReport(a.id, scope, workspace, home, deny))
      .filter((r): r is HostSandboxReport => r !== undefined);
    for (const r of reports) out.push(`sandbox    ${a.id.padEnd(11)} ${r.file}  ${describe(r)}`);
    if (status.status === 'off')
      out.push(`           ${' '.repeat(11)} off: ${UNCONFINED} (\`agentguard install --${a.id}\` turns it on)`);
    if (status.status !== 'off' && missing.length)
      out.push(
        `           ${' '.repeat(11)} cannot start here: ${missing.join(' and ')} not found; ${a.label} then runs commands unsandboxed`,
      );
  }
  return { lines: out, failed };
}

function describe(r: HostSandboxReport): string {
  const on = r.state.on === 'default' ? "on (the host's default)" : r.state.on ? 'on' : 'off';
  const list =
    r.missing === undefined
      ? "AgentGuard's list: the host takes none"
      : r.missing === 0
        ? `AgentGuard's list present (${r.total} paths)`
        : `AgentGuard's list ${r.missing === r.total ? 'absent' : `lacks ${r.missing} of ${r.total} paths`}`;
  return [on, list, ...r.state.notes.map((n) => `note: ${n}`)].join('; ');
}
