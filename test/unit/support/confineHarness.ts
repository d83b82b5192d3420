// Shared by the confinement tests: whether bubblewrap is here (CI must have
// it: a missing package fails there, and only skips on a developer's
// machine), a "human's" AgentGuard set up in a throwaway home (kill switch
// released, a confirmed policy with a deny rule, a snapshot), its
// fingerprint before and after an attack, and the host running a command
// the way it would after the hook's answer.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { writeBaseline } from '../../../src/core/policy';
import { ANSWER_HARMLESS_SETTING, writeEditorSetting } from '../../../src/core/policy/editorMode';
import { writeKillSwitch } from '../../../src/core/state';
import { takeFileSnapshot } from '../../../src/core/snapshot/files';
import { claudeDecision, CLI, fixture, runHook, type Sandbox, withInput } from './hookHarness';
import { confirmedState } from './account';

/**
 * Where confinement tests keep their throwaway homes: outside the temp
 * folders (which a confined command may write, as it may in real life),
 * like a real home.
 */
export const OUTSIDE_TEMP = path.join(os.homedir(), '.cache', 'agentguard-confine-tests');

export function bwrapPresent(): boolean {
  return ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].some((p) => fs.existsSync(p));
}

/** True when the test may go on; skips (locally) or fails (CI) without bubblewrap. */
export function needsBwrap(t: TestContext): boolean {
  if (bwrapPresent()) return true;
  if (process.env.CI === 'true')
    assert.fail('bubblewrap is not installed: .ci/run installs it (apt-get install bubblewrap)');
  t.skip('bubblewrap is not installed (apt-get install bubblewrap)');
  return false;
}

// A generous rate limit: these tests put many gated calls in a row, and a tripped limiter would (rightly) write the kill switch.
export const POLICY = {
  rules: [{ match: 'git push *', decision: 'deny', reason: 'pushes go through CI' }],
  rateLimit: { maxGated: 1000, windowSeconds: 1 },
};

/** AgentGuard as a human left it: released kill switch, a confirmed policy, one snapshot. */
export function humanGuard(sb: Sandbox): void {
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
  handOverRoutine(sb);
}

/**
 * Routine approvals handed to AgentGuard, as confirmed in the editor: only
 * then does a harmless command get the explicit allow a host needs to take it
 * back confined (by default it gets the host's own "no decision").
 */
export function handOverRoutine(sb: Sandbox): void {
  writeEditorSetting(sb.state, sb.workspace, ANSWER_HARMLESS_SETTING, 'allow', 'user');
}

/** Files the hook itself appends to on every call: not what an attack may change, and checked apart (audit verify). */
const APPENDED =
  /^(?:audit\.jsonl|audit\.head|gated\.log|agent-written\.txt|code-cache|config-cache|sandbox|calls)(?:\/|$)/;

function walk(dir: string, base = dir, out: Map<string, string> = new Map()): Map<string, string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    const rel = path.relative(base, p);
    if (APPENDED.test(rel)) continue;
    if (e.isDirectory()) walk(p, base, out);
    else
      out.set(
        rel,
        e.isFile()
          ? createHash('sha256').update(fs.readFileSync(p)).digest('hex')
          : e.isSymbolicLink()
            ? `link:${fs.readlinkSync(p)}`
            : 'special',
      );
  }
  return out;
}

export interface GuardPrint {
  state: Map<string, string>;
  policy: string;
  hooks: string;
  audit: string;
}

export function guardPrint(sb: Sandbox): GuardPrint {
  const read = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '(missing)');
  return {
    state: walk(sb.state),
    policy: read(path.join(sb.workspace, '.agentguard.json')),
    hooks: read(path.join(sb.workspace, '.claude', 'settings.json')),
    audit: read(path.join(sb.state, 'audit.jsonl')),
  };
}

/** State and policy untouched: the same files with the same bytes, the audit log only appended to and its chain intact. */
export function assertGuardUntouched(sb: Sandbox, before: GuardPrint): void {
  const after = guardPrint(sb);
  // Every file is still there with the same bytes; only snapshots may be added (the hook takes them).
  for (const [file, hash] of before.state)
    assert.equal(after.state.get(file), hash, `state file ${file} changed or vanished`);
  for (const file of after.state.keys())
    assert.ok(before.state.has(file) || file.startsWith('snapshots/'), `state file ${file} appeared`);
  assert.equal(after.policy, before.policy, '.agentguard.json changed');
  assert.equal(after.hooks, before.hooks, 'the hook file changed');
  assert.ok(after.audit.startsWith(before.audit === '(missing)' ? '' : before.audit), 'the audit log was rewritten');
  const verify = spawnSync(process.execPath, [CLI, 'audit', 'verify'], {
    env: { ...process.env, HOME: sb.home, AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
    encoding: 'utf8',
  });
  assert.equal(verify.status, 0, `audit verify: ${verify.stdout}${verify.stderr}`);
}

/**
 * A command no judge can read: a compiled program of the workspace that is no system program byte for byte (the
 * system shell with bytes appended, which it never reads) running a data file. Nothing in the line or on disk says
 * what runs, so it is allowed as routine and only the sandbox stands in its way. A script would not do (an
 * interpreter's call that runs text read at run time asks), nor would a plain copy of the shell (judged as the shell).
 */
export function opaque(sb: Sandbox, command: string): string {
  fs.writeFileSync(path.join(sb.workspace, 'steps.dat'), `${command}\n`);
  const runner = path.join(sb.workspace, 'runner');
  fs.writeFileSync(runner, Buffer.concat([fs.readFileSync(fs.realpathSync('/bin/sh')), Buffer.from('\0opaque\0')]));
  fs.chmodSync(runner, 0o755);
  return './runner steps.dat';
}

export interface HostRun {
  decision: unknown;
  reason: string;
  /** The command the host ran (the rewritten one when there was one), or undefined when it ran nothing. */
  ran?: string;
  status?: number | null;
  stdout?: string;
  stderr?: string;
}

export function hostEnv(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sb.home,
    AGENTGUARD_STATE_DIR: confirmedState(sb.state),
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/**
 * One Bash call as Claude Code makes it: the hook's answer, then — for an
 * allow, or an ask a (fooled) human approves — the command the answer hands
 * back, run by bash in the call's folder. A deny runs nothing.
 */
export async function agentBash(
  sb: Sandbox,
  command: string,
  opts: { cwd?: string; env?: Record<string, string>; approveAsk?: boolean; timeoutMs?: number } = {},
): Promise<HostRun> {
  const cwd = opts.cwd ?? sb.workspace;
  const r = await runHook(
    'claude',
    { ...withInput(fixture('claude/bash', sb), { command }), cwd },
    sb,
    opts.env ?? {},
    cwd,
  );
  const { decision, reason } = claudeDecision(r);
  const updated = (r.json?.hookSpecificOutput as { updatedInput?: { command?: string } } | undefined)?.updatedInput
    ?.command;
  const runs = decision === 'allow' || (decision === 'ask' && opts.approveAsk !== false);
  if (!runs) return { decision, reason };
  const ran = updated ?? command;
  const p = spawnSync('bash', ['-c', ran], {
    cwd,
    env: hostEnv(sb, opts.env),
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { decision, reason, ran, status: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** An edit-tool write as the host makes it: the hook's answer, then (allow, or an approved ask) the host writes the file itself. */
export async function agentWrite(
  sb: Sandbox,
  file: string,
  content: string,
  opts: { approveAsk?: boolean } = {},
): Promise<{ decision: unknown; reason: string }> {
  const r = await runHook('claude', withInput(fixture('claude/write', sb), { file_path: file, content }), sb);
  const answer = claudeDecision(r);
  if (answer.decision === 'allow' || (answer.decision === 'ask' && opts.approveAsk !== false)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: 0o755 });
  }
  return answer;
}
