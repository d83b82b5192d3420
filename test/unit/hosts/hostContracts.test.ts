// One contract per agent host: `node dist/cli.js hook HOST` as a real
// process, the host's own payload (from test/fixtures/hooks/HOST/) on stdin,
// and the exact answer form and exit code that host reads. A harmless call
// (the host's own "no decision": never blocked, never an allow), a gated
// command, an edit of the policy file, a destructive SQL statement through
// MCP, and garbage input for every host; for the hosts that cannot ask, the
// editor's answer decides, and with no editor the answer is their block. An
// explicit allow goes out only when a human decided: a click in the editor, a
// confirmed workspace allow rule, or the confirmed choice to hand routine
// approvals to AgentGuard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { HOST_HOOK_FILES } from '../../../src/core/hosts/hostFiles';
import { judgeRequest } from '../../../src/core/request';
import { hookBudget } from '../../../src/core/hosts/budget';
import { hostAdapter, HOSTS as ALL_HOSTS } from '../../../src/core/hosts';
import { approvalSocketPath } from '../../../src/channels/approval/paths';
import { readAnswer } from '../../../src/core/hosts';
import type { HostId } from '../../../src/core/hosts/types';
import { ANSWER_HARMLESS_SETTING, writeEditorSetting } from '../../../src/core/policy/editorMode';
import { writeBaseline } from '../../../src/core/policy';
import * as fs from 'node:fs';
import { startApprovalServer } from '../../../src/channels/approval/server';
import type { ApprovalSubject } from '../../../src/shared/protocol';
import {
  CLI,
  fixture,
  hookEnv,
  type HookRun,
  readAudit,
  runHook,
  type Sandbox,
  withSandbox,
} from '../support/hookHarness';

type Host = 'windsurf' | 'cline' | 'gemini' | 'codex' | 'copilot-cli' | 'kiro' | 'augment' | 'amp' | 'opencode';

interface Contract {
  shell: string;
  /** Puts another command line into the shell fixture. */
  withCommand(p: Record<string, unknown>, command: string): Record<string, unknown>;
  protectedEdit: string;
  mcpSql: string;
  /** Environment the host sets (Amp names the tool there). */
  env?: { shell?: Record<string, string>; protectedEdit?: Record<string, string>; mcpSql?: Record<string, string> };
  /** Exactly what the host's "no decision" looks like for a harmless call: stdout and exit code. */
  defer: { stdout: string; code: number };
  /** What that form means to the host (`defer`, or Amp's own default, `ask`). */
  deferRead: 'defer' | 'ask';
  /** Exactly what an explicit allow (a human decided) looks like: stdout and exit code. */
  allow: { stdout: string; code: number };
  /** Reads a block; fails the test unless it is exactly this host's block form. Returns the reason shown. */
  blocked(r: HookRun): string;
  canAsk: boolean;
}

const keys = (o: unknown) => Object.keys(o as object);

function stderrBlock(r: HookRun): string {
  assert.equal(r.code, 2, `exit code; stderr ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.ok(r.stderr.trim().length > 0, 'a reason on stderr');
  return r.stderr;
}

const inner = (key: string) => (p: Record<string, unknown>, command: string) => ({
  ...p,
  [key]: { ...(p[key] as object), command },
});

const CONTRACTS: Record<Host, Contract> = {
  windsurf: {
    shell: 'windsurf/pre-run-command',
    withCommand: (p, command) => ({ ...p, tool_info: { ...(p.tool_info as object), command_line: command } }),
    protectedEdit: 'windsurf/pre-write-code',
    mcpSql: 'windsurf/pre-mcp-tool-use',
    defer: { stdout: '', code: 0 },
    deferRead: 'defer',
    allow: { stdout: '', code: 0 },
    blocked: stderrBlock,
    canAsk: false,
  },
  cline: {
    shell: 'cline/execute-command',
    withCommand: (p, command) => ({
      ...p,
      preToolUse: { toolName: 'execute_command', parameters: { command, requires_approval: 'true' } },
    }),
    protectedEdit: 'cline/write-to-file',
    mcpSql: 'cline/use-mcp-tool',
    defer: { stdout: '{"cancel":false}\n', code: 0 },
    deferRead: 'defer',
    allow: { stdout: '{"cancel":false}\n', code: 0 },
    blocked: (r) => {
      assert.equal(r.code, 0);
      assert.deepEqual(keys(r.json), ['cancel', 'errorMessage']);
      assert.equal(r.json?.cancel, true);
      return String(r.json?.errorMessage);
    },
    canAsk: false,
  },
  gemini: {
    shell: 'gemini/run-shell-command',
    withCommand: inner('tool_input'),
    protectedEdit: 'gemini/write-file',
    mcpSql: 'gemini/mcp-sql',
    defer: { stdout: '{}\n', code: 0 },
    deferRead: 'defer',
    allow: { stdout: '{"decision":"allow"}\n', code: 0 },
    blocked: (r) => {
      assert.equal(r.code, 0);
      assert.deepEqual(keys(r.json), ['decision', 'reason', 'systemMessage']);
      assert.equal(r.json?.decision, 'deny');
      return String(r.json?.reason);
    },
    canAsk: false,
  },
  codex: {
    shell: 'codex/bash',
    withCommand: inner('tool_input'),
    protectedEdit: 'codex/apply-patch',
    mcpSql: 'codex/mcp-sql',
    // Codex rejects `permissionDecision: allow` (without updatedInput) as unsupported: whatever passes prints nothing.
    defer: { stdout: '', code: 0 },
    deferRead: 'defer',
    allow: { stdout: '', code: 0 },
    blocked: (r) => {
      assert.equal(r.code, 0);
      // Only fields Codex's strict schema accepts.
      assert.deepEqual(keys(r.json), ['hookSpecificOutput']);
      const specific = r.json?.hookSpecificOutput as Record<string, unknown>;
      assert.deepEqual(keys(specific), ['hookEventName', 'permissionDecision', 'permissionDecisionReason']);
      assert.equal(specific.hookEventName, 'PreToolUse');
      assert.equal(specific.permissionDecision, 'deny');
      return String(specific.permissionDecisionReason);
    },
    canAsk: false,
  },
  'copilot-cli': {
    shell: 'copilot-cli/bash',
    withCommand: (p, command) => ({ ...p, toolArgs: JSON.stringify({ command, description: 'run' }) }),
    protectedEdit: 'copilot-cli/create',
    mcpSql: 'copilot-cli/mcp-sql',
    defer: { stdout: '', code: 0 },
    deferRead: 'defer',
    allow: {
      stdout:
        '{"permissionDecision":"allow","permissionDecisionReason":"AgentGuard: no risk found (routine approvals are handed to AgentGuard in this folder).","hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"AgentGuard: no risk found (routine approvals are handed to AgentGuard in this folder)."}}\n',
      code: 0,
    },
    blocked: (r) => {
      assert.equal(r.code, 0);
      assert.deepEqual(keys(r.json), ['permissionDecision', 'permissionDecisionReason', 'hookSpecificOutput']);
      assert.ok(['deny', 'ask'].includes(String(r.json?.permissionDecision)));
      return String(r.json?.permissionDecisionReason);
    },
    canAsk: true,
  },
  kiro: {
    shell: 'kiro/execute-bash',
    withCommand: inner('tool_input'),
    protectedEdit: 'kiro/fs-write',
    mcpSql: 'kiro/mcp-sql',
    defer: { stdout: '', code: 0 },
    deferRead: 'defer',
    allow: { stdout: '', code: 0 },
    blocked: stderrBlock,
    canAsk: false,
  },
  augment: {
    shell: 'augment/launch-process',
    withCommand: inner('tool_input'),
    protectedEdit: 'augment/save-file',
    mcpSql: 'augment/mcp-sql',
    defer: { stdout: '', code: 0 },
    deferRead: 'defer',
    allow: { stdout: '', code: 0 },
    blocked: stderrBlock,
    canAsk: false,
  },
  amp: {
    shell: 'amp/bash',
    withCommand: (p, cmd) => ({ ...p, cmd }),
    protectedEdit: 'amp/edit-file',
    mcpSql: 'amp/mcp-sql',
    env: {
      shell: { AGENT_TOOL_NAME: 'Bash', AGENT: 'amp' },
      protectedEdit: { AGENT_TOOL_NAME: 'edit_file', AGENT: 'amp' },
      mcpSql: { AGENT_TOOL_NAME: 'mcp__postgres__query', AGENT: 'amp' },
    },
    // Amp's delegate contract has no "no decision"; a call no rule decides is asked: exit 1.
    defer: { stdout: '', code: 1 },
    deferRead: 'ask',
    allow: { stdout: '', code: 0 },
    // Amp: 1 is ask (Amp prompts), 2 rejects; the reason is on stderr either way.
    blocked: (r) => {
      assert.ok(r.code === 1 || r.code === 2, `exit code ${r.code}`);
      assert.equal(r.stdout, '');
      return r.stderr;
    },
    canAsk: true,
  },
  opencode: {
    shell: 'opencode/bash',
    withCommand: inner('args'),
    protectedEdit: 'opencode/write',
    mcpSql: 'opencode/mcp-sql',
    defer: {
      stdout:
        '{"decision":"defer","reason":"AgentGuard: no objection; the host\'s own permissions decide. (A plugin that blocks on this answer is older than the AgentGuard CLI: run agentguard install --opencode.)"}\n',
      code: 0,
    },
    deferRead: 'defer',
    allow: {
      stdout:
        '{"decision":"allow","reason":"AgentGuard: no risk found (routine approvals are handed to AgentGuard in this folder)."}\n',
      code: 0,
    },
    blocked: (r) => {
      assert.equal(r.code, 0);
      assert.deepEqual(keys(r.json), ['decision', 'reason']);
      assert.equal(r.json?.decision, 'deny');
      return String(r.json?.reason);
    },
    canAsk: false,
  },
};

const HOSTS = Object.keys(CONTRACTS) as Host[];

for (const host of HOSTS) {
  const c = CONTRACTS[host];
  test(`${host}: allow, gate, policy-file edit, MCP DROP TABLE and garbage, each in ${host}'s own form`, () =>
    withSandbox(async (sb) => {
      // A harmless call: the host's own "no decision", which it reads as neither a block nor an allow.
      const harmless = await runHook(host, fixture(c.shell, sb), sb, c.env?.shell);
      assert.deepEqual({ stdout: harmless.stdout, code: harmless.code }, c.defer, harmless.stderr);
      const read = readAnswer(host, { stdout: harmless.stdout, stderr: harmless.stderr, code: harmless.code });
      assert.deepEqual(read.ok && read.decision, c.deferRead);

      // A gated command, no editor running: a host that can ask gets its ask, the others a block that says how to approve.
      const gated = await runHook(
        host,
        c.withCommand(fixture(c.shell, sb), 'git push --force origin main'),
        sb,
        c.env?.shell,
      );
      const gateReason = c.blocked(gated);
      assert.match(gateReason, /\[git\.force-push\]/);
      if (c.canAsk) {
        assert.match(
          gateReason,
          /needs a human's approval \(the AgentGuard editor extension is not running for this folder\)/,
        );
        if (host === 'amp') assert.equal(gated.code, 1);
        else assert.equal(gated.json?.permissionDecision, 'ask');
      } else {
        assert.match(gateReason, /AgentGuard blocked this command: it needs a human's approval and no editor answered/);
        assert.match(
          gateReason,
          /open this folder in VS Code or Cursor with the AgentGuard extension running .* or add a workspace rule for it to \.agentguard\.json/,
        );
      }

      // An edit of the policy file is never allowed silently.
      const edit = await runHook(host, fixture(c.protectedEdit, sb), sb, c.env?.protectedEdit);
      assert.match(c.blocked(edit), /\.agentguard\.json/);

      // DROP TABLE through an MCP tool is never allowed silently.
      const sql = await runHook(host, fixture(c.mcpSql, sb), sb, c.env?.mcpSql);
      const sqlReason = c.blocked(sql);
      if (host === 'opencode') assert.match(sqlReason, /does not know what the postgres_query tool does/);
      else assert.match(sqlReason, /\[sql\.drop/);

      // Garbage is blocked, in the host's own form (never a crash the host would let through).
      for (const garbage of ['garbage', '', '{"unexpected": true}']) {
        const r = await runHook(host, garbage, sb, c.env?.shell);
        const reason = c.blocked(r);
        assert.match(reason, /AgentGuard could not judge this tool call, so it is blocked/);
        if (host === 'amp') assert.equal(r.code, 2);
      }

      const audit = readAudit(sb);
      assert.equal(audit.length, 7);
      assert.ok(audit.every((a) => a.host === host));
      assert.deepEqual(
        audit.slice(0, 1).map((a) => [a.decision, a.policy]),
        [['defer', 'allow']],
      );
    }));
}

test("a 2 MB payload is blocked in each host's own form", () =>
  withSandbox(async (sb) => {
    for (const host of HOSTS) {
      const c = CONTRACTS[host];
      const huge = JSON.stringify({ ...fixture(c.shell, sb), padding: 'x'.repeat(2 * 1024 * 1024) });
      assert.match(c.blocked(await runHook(host, huge, sb, c.env?.shell)), /the payload is larger than 1024 KiB/, host);
    }
  }));

async function withEditor(
  sb: Sandbox,
  answer: 'allow' | 'deny',
  fn: (seen: ApprovalSubject[]) => Promise<void>,
): Promise<void> {
  const seen: ApprovalSubject[] = [];
  const server = await startApprovalServer({
    socketPath: approvalSocketPath(sb.state, sb.workspace),
    decide: async (s) => {
      seen.push(s);
      return answer;
    },
  });
  try {
    await fn(seen);
  } finally {
    await server.close();
  }
}

test("hosts that cannot ask get the human's click from the editor: allow after approve, their block after deny", async () => {
  // One sandbox per host: every gated call counts toward the rate limit.
  for (const host of HOSTS.filter((h) => !CONTRACTS[h].canAsk))
    await withSandbox(async (sb) => {
      const c = CONTRACTS[host];
      const gated = () => c.withCommand(fixture(c.shell, sb), 'git push --force origin main');
      await withEditor(sb, 'allow', async (seen) => {
        const r = await runHook(host, gated(), sb, c.env?.shell);
        if (host === 'opencode') assert.equal(r.json?.decision, 'allow');
        else if (host === 'gemini') assert.equal(r.json?.decision, 'allow');
        else assert.deepEqual({ stdout: r.stdout, code: r.code }, c.allow, `${host}: ${r.stderr}`);
        assert.equal(seen.length, 1, host);
        assert.equal(seen[0].host, host);
        assert.equal(seen[0].command, 'git push --force origin main');
      });
      await withEditor(sb, 'deny', async () => {
        const r = await runHook(host, gated(), sb, c.env?.shell);
        assert.match(c.blocked(r), /a human denied this command in the editor/, host);
      });
    });
});

test("a host that can ask (Copilot CLI) gets the editor's answer first", () =>
  withSandbox(async (sb) => {
    const c = CONTRACTS['copilot-cli'];
    await withEditor(sb, 'allow', async (seen) => {
      const r = await runHook('copilot-cli', c.withCommand(fixture(c.shell, sb), 'git push --force origin main'), sb);
      assert.equal(r.json?.permissionDecision, 'allow');
      assert.match(String(r.json?.permissionDecisionReason), /a human approved this command in the editor/);
      assert.equal(seen.length, 1);
    });
  }));

test("every wait fits inside the host's own timeout: Cline's fixed 30 s, Windsurf's undocumented one, 90 s where AgentGuard sets it", () => {
  // A hook the host kills is a failed hook, and most hosts let the call run then.
  assert.deepEqual(hookBudget('cline', 5000, 60_000), { deadlineMs: 25_000, approvalMs: 15_000 });
  assert.deepEqual(hookBudget('windsurf', 5000, 60_000), { deadlineMs: 55_000, approvalMs: 45_000 });
  assert.deepEqual(hookBudget('codex', 5000, 60_000), { deadlineMs: 75_000, approvalMs: 60_000 });
  assert.deepEqual(hookBudget('claude', 5000, 60_000), { deadlineMs: 75_000, approvalMs: 60_000 });
  // A configured wait only ever shrinks to fit.
  assert.deepEqual(hookBudget('gemini', 5000, 600_000), { deadlineMs: 85_000, approvalMs: 75_000 });
  for (const host of ALL_HOSTS) {
    const b = hookBudget(host, 5000, 600_000);
    assert.ok(b.deadlineMs < hostAdapter(host).timeoutSeconds * 1000, host);
  }
});

test("a payload that never ends is blocked in the host's form before the host gives up", () =>
  withSandbox(async (sb) => {
    for (const host of ['windsurf', 'codex', 'cline'] as Host[]) {
      const started = Date.now();
      const r = await new Promise<HookRun>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'hook', host], {
          cwd: sb.workspace,
          env: hookEnv(sb, { AGENTGUARD_HOOK_STDIN_TIMEOUT_MS: '300' }),
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (b: Buffer) => {
          stdout += b;
        });
        child.stderr.on('data', (b: Buffer) => {
          stderr += b;
        });
        child.stdin.write('{"agent_action_name":"pre_run_command",');
        child.on('close', (code) => {
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(stdout) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ code, stdout, stderr, json, ms: Date.now() - started });
        });
      });
      assert.match(CONTRACTS[host].blocked(r), /the payload did not arrive within 0\.3 s/, host);
      assert.ok(r.ms < 5000, `${host} kept the agent waiting ${r.ms} ms`);
    }
  }));

test('an ordinary edit in the workspace gets each host\'s "no decision"', () =>
  withSandbox(async (sb) => {
    for (const [host, name] of [
      ['cline', 'cline/replace-in-file'],
      ['gemini', 'gemini/replace'],
      ['copilot-cli', 'copilot-cli/edit'],
      ['augment', 'augment/str-replace-editor'],
      ['opencode', 'opencode/edit'],
    ] as [Host, string][]) {
      const r = await runHook(host, fixture(name, sb), sb);
      assert.deepEqual({ stdout: r.stdout, code: r.code }, CONTRACTS[host].defer, `${name}: ${r.stderr}`);
    }
  }));

/** Every host with a harmless shell call in its own payload (the three first hosts' fixtures included). */
const HARMLESS: [HostId, string, Record<string, string>?][] = [
  ['claude', 'claude/bash'],
  ['copilot', 'copilot/run-in-terminal'],
  ['cursor', 'cursor/before-shell'],
  ['cursor', 'cursor/pre-tool-use-shell'],
  ...HOSTS.map((h): [HostId, string, Record<string, string>?] => [h, CONTRACTS[h].shell, CONTRACTS[h].env?.shell]),
];

test("a harmless call is never blocked and never an allow, in any host: the host's own permission flow decides", () =>
  withSandbox(async (sb) => {
    for (const [host, name, env] of HARMLESS) {
      const r = await runHook(host, fixture(name, sb), sb, env);
      const read = readAnswer(host, { stdout: r.stdout, stderr: r.stderr, code: r.code });
      assert.ok(read.ok, `${name}: ${JSON.stringify(read)}`);
      // Amp's delegate has no "no decision": its own default for an undecided call, ask.
      assert.equal(read.decision, host === 'amp' ? 'ask' : 'defer', `${name}: ${r.stdout} ${r.stderr}`);
      // Cursor's only pass-through is its allow (checked exactly below); everywhere else no allow is written at all.
      if (host !== 'cursor') assert.doesNotMatch(r.stdout, /"permissionDecision"|"decision":"allow"/, name);
    }
    // Claude Code, VS Code and Codex: exit 0 and nothing at all on stdout.
    for (const [host, name] of [
      ['claude', 'claude/bash'],
      ['copilot', 'copilot/run-in-terminal'],
      ['codex', 'codex/bash'],
      ['copilot-cli', 'copilot-cli/bash'],
    ] as [HostId, string][]) {
      const r = await runHook(host, fixture(name, sb), sb);
      assert.deepEqual({ stdout: r.stdout, code: r.code }, { stdout: '', code: 0 }, name);
    }
    // Cursor: a bare pass-through, no message (its allow-list and approvals decide).
    const cursor = await runHook('cursor', fixture('cursor/before-shell', sb), sb);
    assert.equal(cursor.stdout, '{"permission":"allow"}\n');
    const pre = await runHook('cursor', fixture('cursor/pre-tool-use-shell', sb), sb);
    assert.equal(pre.stdout, '{"permission":"allow","decision":"allow"}\n');
  }));

test('an explicit allow goes out when a human decided: a confirmed workspace allow rule, or routine approvals handed to AgentGuard', () =>
  withSandbox(async (sb) => {
    // The rule, confirmed (as the editor records a human's policy): the hook tells the host allow.
    const config = { rules: [{ match: 'ls -la', decision: 'allow' }] };
    const text = JSON.stringify(config);
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), text);
    const unconfirmed = await runHook('claude', fixture('claude/bash', sb), sb);
    assert.equal(unconfirmed.stdout, '', 'a rule nobody confirmed decides nothing');
    writeBaseline(sb.state, sb.workspace, text, config as never);
    const ruled = await runHook('claude', fixture('claude/bash', sb), sb);
    assert.equal(ruled.json && (ruled.json.hookSpecificOutput as Record<string, unknown>).permissionDecision, 'allow');
    assert.match(
      String((ruled.json?.hookSpecificOutput as Record<string, unknown>).permissionDecisionReason),
      /allowed by workspace rule "ls -la"/,
    );
    fs.rmSync(path.join(sb.workspace, '.agentguard.json'));

    // Routine approvals handed to AgentGuard, confirmed by a human in the editor: every host's allow form.
    writeEditorSetting(sb.state, sb.workspace, ANSWER_HARMLESS_SETTING, 'allow', 'user');
    for (const host of HOSTS) {
      const c = CONTRACTS[host];
      const r = await runHook(host, fixture(c.shell, sb), sb, c.env?.shell);
      assert.deepEqual({ stdout: r.stdout, code: r.code }, c.allow, `${host}: ${r.stderr}`);
    }
    const claude = await runHook('claude', fixture('claude/bash', sb), sb);
    assert.equal((claude.json?.hookSpecificOutput as Record<string, unknown>).permissionDecision, 'allow');
    assert.equal(readAudit(sb).at(-1)?.decision, 'allow');
    // Back to defer needs nobody: the next harmless call defers again.
    writeEditorSetting(sb.state, sb.workspace, ANSWER_HARMLESS_SETTING, 'defer');
    assert.equal((await runHook('claude', fixture('claude/bash', sb), sb)).stdout, '');
    // A gated call is never handed over.
    writeEditorSetting(sb.state, sb.workspace, ANSWER_HARMLESS_SETTING, 'allow', 'user');
    const gated = await runHook(
      'claude',
      withInputCommand(fixture('claude/bash', sb), 'git push --force origin main'),
      sb,
    );
    assert.equal((gated.json?.hookSpecificOutput as Record<string, unknown>).permissionDecision, 'ask');
  }));

function withInputCommand(p: Record<string, unknown>, command: string): Record<string, unknown> {
  return { ...p, tool_input: { ...(p.tool_input as object), command } };
}

// protectedPaths' built-in hook files include every file `install` writes.
test("every host's hook file is gated against edits and deletion", () => {
  const workspace = '/home/dev/code/acme-api';
  const home = '/home/dev';
  const ungated: string[] = [];
  for (const f of HOST_HOOK_FILES) {
    const file = f.path.startsWith('~/') ? path.join(home, f.path.slice(2)) : path.join(workspace, f.path);
    const edit = judgeRequest(
      {
        event: 'PreToolUse',
        kind: 'edit',
        toolName: 'Write',
        workspaceRoots: [workspace],
        targets: [{ path: file, op: 'write', content: '{}' }],
      },
      { workspace, cwd: workspace, config: undefined, env: {}, home },
    );
    const rm = judgeRequest(
      { event: 'PreToolUse', kind: 'shell', toolName: 'Bash', workspaceRoots: [workspace], command: `rm -f ${file}` },
      { workspace, cwd: workspace, config: undefined, env: {}, home },
    );
    if (edit.decision === 'allow' || rm.decision === 'allow') ungated.push(f.path);
  }
  assert.deepEqual(ungated, []);
});
