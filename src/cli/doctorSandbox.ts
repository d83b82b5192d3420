// `agentguard doctor`'s lines about the hosts' own sandboxes: for each host
// AgentGuard can confine that is wired here, whether its sandbox is on in
// the settings install writes, whether AgentGuard's deny-write list is on
// it, and what runs unconfined when it is not.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import {
  denyWriteList, HOST_ADAPTERS, hookFile, hostSandboxReport, type HostSandboxReport, type Scope,
} from '../core/frontdoor/setup';
import { stateDir, type HostId } from '../core/frontdoor/launch';

const UNCONFINED = "routine calls run unconfined unless answerHarmless hands them to AgentGuard's own sandbox";

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;
}

function wiredIn(host: HostId, workspace: string, home: string): Scope[] {
  return (['project', 'user'] as Scope[]).filter((scope) => fs.existsSync(hookFile(host, scope, workspace, home)));
}

/** One line per wired host's sandbox settings file. */
export function sandboxLines(workspace: string, home: string): string[] {
  const deny = denyWriteList({ home, workspace, stateDir: stateDir(process.env, home) });
  const out: string[] = [];
  for (const a of HOST_ADAPTERS) {
    const scopes = wiredIn(a.id, workspace, home);
    if (!scopes.length) continue;
    if (!a.sandbox) {
      out.push(`sandbox    ${a.id.padEnd(11)} no sandbox AgentGuard can turn on: ${UNCONFINED}`);
      continue;
    }
    const missing = (a.sandbox.needs ?? []).filter((p) => !onPath(p));
    const reports = (['project', 'user'] as Scope[]).map((scope) => hostSandboxReport(a.id, scope, workspace, home, deny)).filter((r): r is HostSandboxReport => r !== undefined);
    for (const r of reports) out.push(`sandbox    ${a.id.padEnd(11)} ${r.file}  ${describe(r)}`);
    const on = reports.some((r) => r.state.on !== false);
    if (!on) out.push(`           ${' '.repeat(11)} off: ${UNCONFINED} (\`agentguard install --${a.id}\` turns it on)`);
    if (on && missing.length) out.push(`           ${' '.repeat(11)} cannot start here: ${missing.join(' and ')} not found; ${a.label} then runs commands unsandboxed`);
  }
  return out;
}

function describe(r: HostSandboxReport): string {
  const on = r.state.on === 'default' ? 'on (the host\'s default)' : r.state.on ? 'on' : 'off';
  const list = r.missing === undefined ? "AgentGuard's list: the host takes none" : r.missing === 0 ? `AgentGuard's list present (${r.total} paths)` : `AgentGuard's list ${r.missing === r.total ? 'absent' : `lacks ${r.missing} of ${r.total} paths`}`;
  return [on, list, ...r.state.notes.map((n) => `note: ${n}`)].join('; ');
}
