// `agentguard doctor`: which agent hosts are wired to AgentGuard, and whether
// each hook really answers. Every wired hook command is run the way its host
// runs it (through the shell, payload on stdin) with a harmless call, and its
// output is checked against the host's schema.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { displaySocket, findApprovalSocket, insecureSocketReason } from '../core/approval/paths';
import { findHooks, hookFile, type Scope } from '../core/hooks/hostConfig';
import { HOSTS, type HostId } from '../core/hooks/types';
import { readKillSwitch, stateDir } from '../core/state';

const PROBE_TIMEOUT_MS = 15_000;

/** A call every policy allows unless the kill switch is engaged. */
export function probePayload(host: HostId, event: string, workspace: string): Record<string, unknown> {
  if (host === 'cursor') {
    const common = { conversation_id: 'agentguard-doctor', generation_id: 'agentguard-doctor', hook_event_name: event, workspace_roots: [workspace] };
    if (event === 'beforeMCPExecution') return { ...common, tool_name: 'list_tables', tool_input: '{}', command: 'agentguard-doctor' };
    if (event === 'preToolUse') return { ...common, tool_name: 'Read', tool_input: { file_path: path.join(workspace, 'README.md') }, tool_use_id: 'agentguard-doctor', cwd: workspace };
    return { ...common, command: 'true', cwd: workspace };
  }
  if (host === 'copilot') {
    return { timestamp: new Date().toISOString(), cwd: workspace, sessionId: 'agentguard-doctor', hookEventName: 'PreToolUse', tool_name: 'run_in_terminal', tool_input: { command: 'true', explanation: 'agentguard doctor', isBackground: false }, tool_use_id: 'agentguard-doctor' };
  }
  return { session_id: 'agentguard-doctor', cwd: workspace, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'true', description: 'agentguard doctor' }, tool_use_id: 'agentguard-doctor' };
}

/** The decision in a hook's output, or what is wrong with the output. */
export function checkAnswer(host: HostId, stdout: string, status: number | null): { ok: true; decision: string } | { ok: false; problem: string } {
  if (status !== 0) return { ok: false, problem: `exited with ${status ?? 'a signal'}` };
  let out: Record<string, unknown>;
  try {
    out = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return { ok: false, problem: `did not print JSON (${JSON.stringify(stdout.slice(0, 80))})` };
  }
  const decisions = ['allow', 'ask', 'deny'];
  if (host === 'cursor') {
    if (!decisions.includes(out.permission as string) || typeof out.user_message !== 'string' || typeof out.agent_message !== 'string') {
      return { ok: false, problem: 'output lacks permission/user_message/agent_message' };
    }
    return { ok: true, decision: out.permission as string };
  }
  const specific = out.hookSpecificOutput as Record<string, unknown> | undefined;
  if (!specific || specific.hookEventName !== 'PreToolUse' || !decisions.includes(specific.permissionDecision as string) || typeof specific.permissionDecisionReason !== 'string') {
    return { ok: false, problem: 'output lacks hookSpecificOutput with hookEventName, permissionDecision and permissionDecisionReason' };
  }
  return { ok: true, decision: specific.permissionDecision as string };
}

function probe(host: HostId, event: string, command: string, workspace: string): string {
  const started = Date.now();
  const r = spawnSync(command, {
    shell: true,
    cwd: workspace,
    input: JSON.stringify(probePayload(host, event, workspace)),
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
  });
  if (r.error) return `FAILS: ${r.error.message}`;
  const checked = checkAnswer(host, r.stdout, r.status);
  return checked.ok ? `answers ${checked.decision} in ${Date.now() - started} ms` : `FAILS: ${checked.problem}${r.stderr ? ` — ${r.stderr.trim().split('\n')[0]}` : ''}`;
}

export async function runDoctor(args: string[]): Promise<number> {
  let workspace = process.cwd();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--workspace' && args[i + 1]) workspace = path.resolve(args[++i]);
    else {
      process.stderr.write(`agentguard doctor: unknown option ${args[i]}\nusage: agentguard doctor [--workspace DIR]\n`);
      return 64;
    }
  }
  const home = os.homedir();
  const dir = stateDir();
  const killSwitch = readKillSwitch(dir);
  const socket = findApprovalSocket(dir, [workspace]);
  const insecure = socket ? insecureSocketReason(socket) : undefined;
  const out: string[] = [
    `workspace  ${workspace}`,
    `state      ${dir} (kill switch ${killSwitch.engaged ? `ENGAGED${killSwitch.reason ? `: ${killSwitch.reason}` : ''}` : 'released'})`,
    `editor     ${socket ? (insecure ? `approval channel refused: ${insecure}` : `approval channel at ${displaySocket(socket)}`) : 'no AgentGuard editor window for this folder: asks fall back to the agent host'}`,
  ];

  let wired = 0;
  let failed = 0;
  for (const host of HOSTS) {
    for (const scope of ['project', 'user'] as Scope[]) {
      const file = hookFile(host, scope, workspace, home);
      const shown = `${host.padEnd(7)} ${scope.padEnd(7)} ${file}`;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        out.push(`${shown}  not wired`);
        continue;
      }
      const found = findHooks(text, host);
      if (!found.ok) {
        failed++;
        out.push(`${shown}  UNREADABLE: ${found.error}`);
        continue;
      }
      if (!found.hooks.length) {
        out.push(`${shown}  not wired`);
        continue;
      }
      wired++;
      for (const h of found.hooks) {
        const result = probe(host, h.event, h.command, workspace);
        if (result.startsWith('FAILS')) failed++;
        out.push(`${shown}  ${h.event}: ${result}`);
        for (const p of h.problems) out.push(`${' '.repeat(shown.length)}  warning: ${p}`);
      }
    }
  }
  process.stdout.write(out.join('\n') + '\n');
  if (!wired) process.stdout.write('No agent host is wired to AgentGuard: run `agentguard install`.\n');
  return wired && !failed ? 0 : 1;
}
