// `agentguard doctor`'s lines about the hosts' own sandboxes: for each wired
// host, one line with its status as the audit record and the editor's
// tooltip say it (`hostSandboxStatus`), then each of its settings files:
// whether its sandbox is on there, whether AgentGuard's deny-write list is on
// it, and what runs unconfined when it is not.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import {
  denyWriteList,
  HOST_ADAPTERS,
  hostSandboxReport,
  hostSandboxStatus,
  runWrapperPath,
  runWrapperReady,
  sandboxAvailability,
  UNCONFINED,
  wiredHosts,
  type HostSandboxReport,
  type Scope,
} from '../core/frontdoor/setup';
import { accountHome, confirmedStateDir } from '../core/frontdoor/launch';
import { scratchState } from './doctorProbeState';

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;
}

/**
 * The status line of each wired host, then one line per settings file of a
 * host with a sandbox AgentGuard can turn on; `failed`: hosts whose own
 * setting turns their hooks off (AgentGuard is never called there).
 */
export function sandboxLines(workspace: string, home: string): { lines: string[]; failed: number } {
  const deny = denyWriteList({ home, workspace, stateDir: confirmedStateDir(process.env, accountHome()).dir });
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

/** Whether what hooks let through can run confined here, said once and plainly (docs/security.md, "What confinement adds"). */
export function confinementLines(dir: string, home: string): string[] {
  // Its probe keeps a cache in the state folder: one the account has not made yet is not made for it.
  const available = scratchState(dir, sandboxAvailability);
  if (!available.ok)
    return [`confine    none — ${available.reason}: commands the hooks let through are judged but run unconfined`];
  // What the host shows for approval: the short wrapper where this build's is installed, else the sandbox's whole line.
  const shown = runWrapperReady(home)
    ? `confined commands are handed back as \`${runWrapperPath(home)} ID -- COMMAND\`: the host's prompt shows the command as the agent wrote it`
    : `no ${path.basename(runWrapperPath(home))} wrapper of this version at ${runWrapperPath(home)} (an install from before it, or a changed file): confined commands are handed back as the sandbox's whole command line; run \`agentguard install\` (or reopen the editor) to write it`;
  return [
    `confine    ${available.engine} (${available.binary}): what a hook lets through for Claude Code, VS Code or Codex runs where AgentGuard's files and the editor's sockets are out of its reach`,
    // A note under the confine line (indented: the same check in --json).
    `           ${shown}`,
  ];
}
