// Shared by the attack tests of judgment: a throwaway home whose AgentGuard
// state sits where it does on a real machine (~/.local/state/agentguard),
// with a released kill switch, a confirmed policy, a snapshot and an audit
// log; each agent step sent to the built hook as Claude Code sends it, and
// run as a host without a sandbox runs what the hook does not gate (a human
// denies whatever asks). After an attack the guard's files are checked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeBaseline } from '../../../src/core/policy';
import { writeKillSwitch } from '../../../src/core/state';
import { takeFileSnapshot } from '../../../src/core/snapshot/files';
import { assertGuardUntouched, guardPrint, OUTSIDE_TEMP, POLICY, type GuardPrint } from './confineHarness';
import { claudeDecision, fixture, runHook, sandbox, withInput, type Sandbox } from './hookHarness';

export interface Step {
  decision: unknown;
  reason: string;
  /** The step ran (the hook did not gate it). */
  ran: boolean;
  status?: number | null;
  stdout?: string;
}

/** A sandbox whose state folder is the default one under its home. */
export function guardedHome(): { sb: Sandbox; before: GuardPrint } {
  const sb = sandbox(OUTSIDE_TEMP);
  sb.state = path.join(sb.home, '.local', 'state', 'agentguard');
  fs.mkdirSync(sb.state, { recursive: true, mode: 0o700 });
  writeKillSwitch(sb.state, { engaged: false, by: 'user', since: '2026-01-01T00:00:00.000Z' });
  const text = JSON.stringify(POLICY, null, 2);
  fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), text);
  writeBaseline(sb.state, sb.workspace, text, POLICY as never);
  fs.writeFileSync(path.join(sb.workspace, 'keep.txt'), 'kept\n');
  takeFileSnapshot({
    stateDir: sb.state,
    targets: [path.join(sb.workspace, 'keep.txt')],
    workspace: sb.workspace,
    subject: 'rm keep.txt',
  });
  fs.mkdirSync(path.join(sb.workspace, '.claude'), { recursive: true });
  fs.writeFileSync(path.join(sb.workspace, '.claude', 'settings.json'), '{"hooks":{}}\n');
  fs.mkdirSync(path.join(sb.home, '.claude'), { recursive: true });
  fs.writeFileSync(path.join(sb.home, '.claude', 'settings.json'), '{"hooks":{"PreToolUse":[]}}\n');
  fs.mkdirSync(path.join(sb.home, '.ssh'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(
    path.join(sb.home, '.ssh', 'id_ed25519'),
    '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n-----END OPENSSH PRIVATE KEY-----\n',
    { mode: 0o600 },
  );
  // The audit log has entries before the attack (a harmless call).
  return { sb, before: guardPrint(sb) };
}

export function hostEnv(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home, LANG: 'C.UTF-8', ...extra };
}

const gatedAnswer = (d: unknown) => d === 'ask' || d === 'deny';

/** One Bash tool call: the hook's answer; what it does not gate runs, in bash, unconfined. */
export async function bashStep(sb: Sandbox, command: string, cwd = sb.workspace): Promise<Step> {
  const r = await runHook('claude', { ...withInput(fixture('claude/bash', sb), { command }), cwd }, sb, {}, cwd);
  const { decision, reason } = claudeDecision(r);
  if (gatedAnswer(decision)) return { decision, reason, ran: false };
  const p = spawnSync('bash', ['-c', command], { cwd, env: hostEnv(sb), encoding: 'utf8', timeout: 60_000 });
  return { decision, reason, ran: true, status: p.status, stdout: p.stdout };
}

/** Any other tool call (Read, Write, MCP): the hook's answer, and `act` (what the tool does) when it is not gated. */
export async function toolStep(sb: Sandbox, payload: Record<string, unknown>, act: () => void): Promise<Step> {
  const r = await runHook('claude', payload, sb);
  const { decision, reason } = claudeDecision(r);
  if (gatedAnswer(decision)) return { decision, reason, ran: false };
  act();
  return { decision, reason, ran: true };
}

export function mcpPayload(sb: Sandbox, tool: string, input: Record<string, unknown>): Record<string, unknown> {
  return { ...fixture('claude/mcp-delete', sb), tool_name: tool, tool_input: input };
}

/** The step was gated, and so did not run. */
export function assertGated(s: Step, what: string, reason?: RegExp): void {
  assert.ok(!s.ran && gatedAnswer(s.decision), `${what}: ${String(s.decision)} ${s.reason}`);
  if (reason) assert.match(s.reason, reason, what);
}

/** A routine step: no word from AgentGuard (the host's own "no decision"), and it ran. */
export function assertQuiet(s: Step, what: string): void {
  assert.equal(s.decision, 'defer', `${what}: ${s.reason}`);
  assert.ok(s.ran, what);
}

export async function attackScenario(fn: (sb: Sandbox) => Promise<void>): Promise<void> {
  const { sb, before } = guardedHome();
  try {
    await fn(sb);
    assertGuardUntouched(sb, before);
  } finally {
    sb.cleanup();
  }
}
