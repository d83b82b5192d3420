// The hook as agents run it: `node dist/cli.js hook <host>` as a real
// process, each host's real payload on stdin, the exact answer checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { writeBaseline } from '../../../../src/core/policy';
import { writeKillSwitch } from '../../../../src/core/state';
import { approvalSocketPath } from '../../../../src/channels/approval/paths';
import { startApprovalServer } from '../../../../src/channels/approval/server';
import type { ApprovalSubject } from '../../../../src/shared/protocol';
import {
  claudeDecision,
  CLI,
  fixture,
  hookEnv,
  readAudit,
  runHook,
  type Sandbox,
  withInput,
  withSandbox,
} from '../../support/hookHarness';

/** Claude Code's and VS Code's "no decision": exit 0, nothing on stdout; their own permission flow decides. */
const NO_DECISION = '';
const HALTED =
  'AgentGuard denied this command.\n- the AgentGuard kill switch is engaged: every agent command and edit is halted until a human releases it [killswitch.engaged]; safer: a human can release it from the AgentGuard item in the editor status bar, or with no editor open by running `agentguard kill-switch release` in a terminal';

test('a harmless command gets each host\'s "no decision" in its exact schema, never an allow', () =>
  withSandbox(async (sb) => {
    const claude = await runHook('claude', fixture('claude/bash', sb), sb);
    assert.equal(claude.code, 0);
    assert.equal(claude.stdout, NO_DECISION);
    const copilot = await runHook('copilot', fixture('copilot/run-in-terminal', sb), sb);
    assert.equal(copilot.code, 0);
    assert.equal(copilot.stdout, NO_DECISION);
    // Cursor has no "no decision": its bare allow passes the call to Cursor's own allow-list and approvals.
    const cursor = await runHook('cursor', fixture('cursor/before-shell', sb), sb);
    assert.equal(cursor.code, 0);
    assert.equal(cursor.stdout, '{"permission":"allow"}\n');
    const pre = await runHook('cursor', fixture('cursor/pre-tool-use-shell', sb), sb);
    assert.equal(pre.stdout, '{"permission":"allow","decision":"allow"}\n');
    // Cursor's preToolUse and beforeShellExecution of one conversation's `ls -la` are one call: recorded once.
    assert.deepEqual(
      readAudit(sb).map((a) => [a.host, a.decision, a.policy]),
      [
        ['claude', 'defer', 'allow'],
        ['copilot', 'defer', 'allow'],
        ['cursor', 'defer', 'allow'],
      ],
    );
  }));

test('a destructive command is denied in every host, naming the findings', () =>
  withSandbox(async (sb) => {
    for (const [host, name] of [
      ['claude', 'claude/bash'],
      ['copilot', 'copilot/run-in-terminal'],
      ['cursor', 'cursor/before-shell'],
    ]) {
      const r = await runHook(
        host,
        host === 'cursor'
          ? { ...fixture(name, sb), command: 'rm -rf /' }
          : withInput(fixture(name, sb), { command: 'rm -rf /' }),
        sb,
      );
      assert.equal(r.code, 0, r.stderr);
      if (host === 'cursor') {
        assert.equal(r.json?.permission, 'deny');
        assert.match(String(r.json?.user_message), /^AgentGuard denied this command\.\n- .*\[[a-z]+\.[a-z-]+\]/);
        assert.match(String(r.json?.agent_message), /Do not retry it or work around it/);
      } else {
        const { decision, reason } = claudeDecision(r);
        assert.equal(decision, 'deny');
        assert.match(reason, /^AgentGuard denied this command\.\n- .*\[[a-z]+\.[a-z-]+\]/);
      }
    }
  }));

test('the kill switch denies every call, commands and edits alike, whatever the policy would say', () =>
  withSandbox(async (sb) => {
    writeKillSwitch(sb.state, { engaged: true, since: new Date().toISOString(), by: 'user' });
    const claude = await runHook('claude', fixture('claude/bash', sb), sb);
    assert.equal(
      claude.stdout,
      JSON.stringify({
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: 'deny',
          permissionDecisionReason: HALTED,
        },
      }) + '\n',
    );
    const cursor = await runHook('cursor', fixture('cursor/before-shell', sb), sb);
    assert.deepEqual(cursor.json, {
      permission: 'deny',
      user_message: HALTED,
      agent_message: `${HALTED}\nDo not retry it or work around it; use the safer alternative or ask the user.`,
    });
    const edit = await runHook('copilot', fixture('copilot/create-file', sb), sb);
    assert.equal(claudeDecision(edit).decision, 'deny');
    assert.match(
      claudeDecision(edit).reason,
      /^AgentGuard denied this edit\.\n- the AgentGuard kill switch is engaged/,
    );
    // An unreadable switch file counts as engaged.
    fs.writeFileSync(path.join(sb.state, 'killswitch.json'), '{not json');
    const garbled = await runHook('claude', fixture('claude/mcp-sql', sb), sb);
    assert.equal(claudeDecision(garbled).decision, 'deny');
    assert.match(claudeDecision(garbled).reason, /kill switch is engaged \(kill switch file is not valid JSON\)/);
    // So does one that parses but has no boolean "engaged": only an explicit release releases.
    for (const text of ['{}', '{"engaged":"false"}', '{"engaged":0}', 'null', '[]']) {
      fs.writeFileSync(path.join(sb.state, 'killswitch.json'), text);
      const flagless = await runHook('claude', fixture('claude/mcp-sql', sb), sb);
      assert.equal(claudeDecision(flagless).decision, 'deny', text);
      assert.match(claudeDecision(flagless).reason, /kill switch is engaged/, text);
    }
  }));

test('unreadable input is denied with a message saying what is wrong', () =>
  withSandbox(async (sb) => {
    const deny = (problem: string) =>
      JSON.stringify({
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: 'deny',
          permissionDecisionReason: `AgentGuard could not judge this tool call, so it is blocked: ${problem}`,
        },
      }) + '\n';
    const bash = JSON.stringify(fixture('claude/bash', sb));
    const cases: [string | Buffer, string][] = [
      ['', 'the payload is empty'],
      ['   \n', 'the payload is empty'],
      ['garbage', 'the payload is not valid JSON (garbage or truncated)'],
      [bash.slice(0, bash.length - 7), 'the payload is not valid JSON (garbage or truncated)'],
      [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'the payload is not valid UTF-8'],
      ['[1,2,3]', 'the hook input is not a JSON object'],
      [
        '{"hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"ls"}}',
        'AgentGuard\'s hook judges tool calls before they run; it got the "PostToolUse" event (check the hook configuration)',
      ],
      ['{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{}}', 'the Bash tool call has no command'],
    ];
    for (const [input, problem] of cases) {
      const r = await runHook('claude', input, sb);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, deny(problem), `input ${JSON.stringify(String(input)).slice(0, 60)}`);
    }
    const cursor = await runHook('cursor', 'garbage', sb);
    assert.equal(cursor.json?.permission, 'deny');
    const audit = readAudit(sb);
    assert.equal(audit.length, cases.length + 1);
    assert.deepEqual(
      audit.map((a) => a.decision),
      Array(cases.length + 1).fill('deny'),
    );
    assert.equal(audit[2].error, 'the payload is not valid JSON (garbage or truncated)');
  }));

test('a 10 MB payload is refused without reading it all, and a payload that never ends times out', () =>
  withSandbox(async (sb) => {
    const huge = JSON.stringify({ ...fixture('claude/bash', sb), padding: 'x'.repeat(10 * 1024 * 1024) });
    const big = await runHook('claude', huge, sb);
    assert.equal(big.code, 0);
    assert.deepEqual(claudeDecision(big), {
      decision: 'deny',
      reason: 'AgentGuard could not judge this tool call, so it is blocked: the payload is larger than 1024 KiB',
    });

    // The host never closes stdin: the hook must still answer, and exit.
    const started = Date.now();
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'hook', 'cursor'], {
        cwd: sb.workspace,
        env: hookEnv(sb, { AGENTGUARD_HOOK_STDIN_TIMEOUT_MS: '300' }),
      });
      let stdout = '';
      child.stdout.on('data', (b: Buffer) => {
        stdout += b;
      });
      child.stdin.write('{"hook_event_name":"beforeShellExecution",');
      child.on('close', (code) => resolve({ code, stdout }));
    });
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).permission, 'deny');
    assert.match(JSON.parse(r.stdout).user_message, /the payload did not arrive within 0\.3 s/);
    assert.ok(Date.now() - started < 5000, 'the hook kept the agent waiting');
  }));

test('when the answer cannot be written, exit code 2 still blocks the call', () =>
  withSandbox(async (sb) => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'hook', 'claude'], { cwd: sb.workspace, env: hookEnv(sb) });
      child.stdout.destroy(); // the host stopped listening
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => {
        stderr += b;
      });
      child.stdin.end(
        JSON.stringify(withInput(fixture('claude/bash', sb), { command: 'git push --force origin main' })),
      );
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^AgentGuard: this command needs a human's approval .* \(could not write the answer: .*EPIPE/s,
    );
    assert.doesNotMatch(r.stderr, /AgentGuard: AgentGuard:/);
  }));

test('an unknown host gets exit code 2, which every host reads as blocked', () =>
  withSandbox(async (sb) => {
    const r = await runHook('wavesurf', fixture('claude/bash', sb), sb);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /usage: agentguard hook claude\|cursor\|copilot\|copilot-cli\|windsurf\|.*\|opencode\|qwen < payload \(got "wavesurf"\); blocking/,
    );
    // No host is assumed: a missing name is the same usage error, never Claude Code's answer.
    const none = await runHook('', fixture('claude/bash', sb), sb);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /usage: agentguard hook .* < payload \(got ""\); blocking/);
  }));

test('an invalid .agentguard.json asks (denies in Cursor) with the config error, never ignores it', () =>
  withSandbox(async (sb) => {
    fs.writeFileSync(
      path.join(sb.workspace, '.agentguard.json'),
      '{\n  "rules": [{ "match": "ls *", "decision": "nope" }]\n}\n',
    );
    const claude = await runHook('claude', fixture('claude/bash', sb), sb);
    const { decision, reason } = claudeDecision(claude);
    assert.equal(decision, 'ask');
    assert.match(
      reason,
      /\.agentguard\.json is invalid, so AgentGuard cannot apply its rules: .*rules\[0\]\.decision.*line 2.*\[config\.invalid\]/s,
    );
    const cursor = await runHook('cursor', fixture('cursor/before-shell', sb), sb);
    assert.equal(cursor.json?.permission, 'deny');
    assert.match(String(cursor.json?.user_message), /rules\[0\]\.decision/);
    assert.match(
      String(cursor.json?.user_message),
      new RegExp(
        `run it in a terminal yourself:\\n  cd ${sb.workspace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} && ls -la$`,
      ),
    );
  }));

test("an ask with no editor running is the host's own prompt, or in Cursor a deny with the command to run by hand", () =>
  withSandbox(async (sb) => {
    const command = 'git push --force origin main';
    const claude = await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb);
    assert.equal(claudeDecision(claude).decision, 'ask');
    assert.match(
      claudeDecision(claude).reason,
      /^AgentGuard: this command needs a human's approval \(the AgentGuard editor extension is not running for this folder\)\.\n- .*\[git\.force-push\]/,
    );
    const cursor = await runHook('cursor', { ...fixture('cursor/before-shell', sb), command }, sb);
    assert.equal(cursor.json?.permission, 'deny');
    assert.ok(
      String(cursor.json?.user_message).endsWith(
        `If it should happen, run it in a terminal yourself:\n  cd ${sb.workspace} && ${command}`,
      ),
    );
    assert.match(
      String(cursor.json?.agent_message),
      /Do not retry it or work around it\. Tell the user\. To approve calls like this, open this folder in VS Code or Cursor with the AgentGuard extension running .*\nIf it is really needed, they can run it in a terminal themselves:/,
    );
    // Cursor's preToolUse of that same call (same conversation) repeats the decision made for it: recorded once.
    const same = await runHook('cursor', withInput(fixture('cursor/pre-tool-use-shell', sb), { command }), sb);
    assert.equal(same.json?.permission, 'deny');
    // Arriving first, Cursor's preToolUse leaves the human question to beforeShellExecution, so it is asked once.
    // Its answer is Cursor's pass-through, not an allow: the gate is beforeShellExecution's.
    const pre = await runHook(
      'cursor',
      withInput({ ...fixture('cursor/pre-tool-use-shell', sb), conversation_id: 'another-conversation' }, { command }),
      sb,
    );
    assert.equal(pre.stdout, '{"permission":"allow","decision":"allow"}\n');
    const audit = readAudit(sb);
    assert.deepEqual(
      audit.map((a) => [a.host, a.decision, a.policy, a.approval]),
      [
        ['claude', 'ask', undefined, 'unanswered'],
        ['cursor', 'deny', 'ask', 'unanswered'],
        ['cursor', 'defer', 'ask', undefined],
      ],
    );
  }));

test("edits are judged by the path they touch: AgentGuard's own files and state are gated, ordinary files allowed", () =>
  withSandbox(async (sb) => {
    for (const [host, name] of [
      ['claude', 'claude/write'],
      ['copilot', 'copilot/create-file'],
      ['copilot', 'copilot/replace-string'],
      ['claude', 'claude/edit'],
      ['copilot', 'copilot/apply-patch'],
    ]) {
      const r = await runHook(host, fixture(name, sb), sb);
      assert.equal(r.stdout, NO_DECISION, name);
    }
    const cursorWrite = await runHook('cursor', fixture('cursor/pre-tool-use-write', sb), sb);
    assert.equal(cursorWrite.stdout, '{"permission":"allow","decision":"allow"}\n');

    const config = await runHook(
      'claude',
      withInput(fixture('claude/write', sb), { file_path: path.join(sb.workspace, '.agentguard.json'), content: '{}' }),
      sb,
    );
    assert.equal(claudeDecision(config).decision, 'ask');
    assert.match(
      claudeDecision(config).reason,
      /^AgentGuard: this edit needs a human's approval .*\n- .*\.agentguard\.json.*\[path\.agentguard\]/s,
    );
    const hooks = await runHook(
      'cursor',
      withInput(fixture('cursor/pre-tool-use-write', sb), { file_path: '.cursor/hooks.json' }),
      sb,
    );
    assert.equal(hooks.json?.permission, 'deny');
    assert.equal(hooks.json?.decision, 'deny');
    assert.ok(
      String(hooks.json?.user_message).endsWith(
        'If it should happen, make the change in the editor yourself:\n  write .cursor/hooks.json',
      ),
    );
    const halt = await runHook(
      'copilot',
      withInput(fixture('copilot/create-file', sb), {
        filePath: path.join(sb.state, 'killswitch.json'),
        content: '{"engaged":false}',
      }),
      sb,
    );
    assert.equal(claudeDecision(halt).decision, 'deny');
    assert.match(claudeDecision(halt).reason, /\[path\.agentguard\]/);
  }));

test('a written script or SQL file is allowed, with a warning about what it would do when run', () =>
  withSandbox(async (sb) => {
    const script = await runHook(
      'claude',
      withInput(fixture('claude/write', sb), {
        file_path: path.join(sb.workspace, 'scripts', 'reset.sh'),
        content: '#!/bin/sh\nset -e\ndropdb acme_production\n',
      }),
      sb,
    );
    assert.equal(claudeDecision(script).decision, 'defer');
    assert.deepEqual(Object.keys(script.json ?? {}), ['systemMessage'], 'the warning alone: no decision');
    assert.match(
      String(script.json?.systemMessage),
      /^AgentGuard: .*reset\.sh would do this when run:\n- .*\[db\.dropdb\]/s,
    );

    // An Edit is judged on the file as it will be after the edit, not the fragment alone.
    const file = path.join(sb.workspace, 'scripts', 'reset-db.sh');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\nDB=app_dev\necho done\n');
    const edit = await runHook(
      'claude',
      withInput(fixture('claude/multiedit', sb), {
        edits: [{ old_string: 'echo done', new_string: 'git push --force origin main\necho done' }],
      }),
      sb,
    );
    assert.equal(claudeDecision(edit).decision, 'defer');
    assert.match(String(edit.json?.systemMessage), /\[git\.force-push\]/);

    const sql = await runHook(
      'cursor',
      withInput(fixture('cursor/pre-tool-use-write', sb), {
        file_path: 'db/cleanup.sql',
        contents: 'DROP TABLE users;\n',
      }),
      sb,
    );
    assert.deepEqual([sql.json?.permission, sql.json?.agent_message], ['allow', undefined]);
    assert.match(String(sql.json?.user_message), /cleanup\.sql would do this when run:\n- .*\[sql\.drop\]/s);

    const harmless = await runHook(
      'claude',
      withInput(fixture('claude/write', sb), { file_path: 'scripts/build.sh', content: '#!/bin/sh\nnpm run build\n' }),
      sb,
    );
    assert.equal(harmless.stdout, NO_DECISION);
    const warnings = readAudit(sb).map((a) => (a.warnings as string[] | undefined) ?? []);
    assert.ok(warnings[0].includes('db.dropdb'));
    assert.ok(warnings[1].includes('git.force-push'));
    assert.ok(warnings[2].includes('sql.drop'));
    assert.deepEqual(warnings[3], []);
  }));

test('MCP calls are judged by the SQL they carry and by tools that destroy things', () =>
  withSandbox(async (sb) => {
    assert.equal((await runHook('claude', fixture('claude/mcp-sql', sb), sb)).stdout, NO_DECISION);
    const drop = await runHook('claude', withInput(fixture('claude/mcp-sql', sb), { query: 'DROP TABLE users;' }), sb);
    assert.ok(!['allow', 'defer'].includes(String(claudeDecision(drop).decision)));
    assert.match(claudeDecision(drop).reason, /\[sql\.drop\]/);
    const del = await runHook('claude', fixture('claude/mcp-delete', sb), sb);
    assert.equal(claudeDecision(del).decision, 'ask');
    assert.match(
      claudeDecision(del).reason,
      /calls neon → delete_project \(winter-sun-12345678\), which deletes a whole project or account, with everything in it \(winter-sun-12345678\) \[mcp\.destructive-tool\]/,
    );

    const cursorSelect = await runHook('cursor', fixture('cursor/before-mcp', sb), sb);
    assert.equal(cursorSelect.stdout, '{"permission":"allow"}\n');
    const cursorDrop = await runHook(
      'cursor',
      withInput(fixture('cursor/before-mcp', sb), { query: 'TRUNCATE orders;' }),
      sb,
    );
    assert.equal(cursorDrop.json?.permission, 'deny');
    assert.match(String(cursorDrop.json?.agent_message), /\[sql\.truncate\]/);
    const audit = readAudit(sb);
    assert.deepEqual(audit[2].mcp, { server: 'neon', tool: 'delete_project' });
    assert.deepEqual(audit[2].findings, ['mcp.destructive-tool']);
  }));

test('every decision is appended to the hash-chained audit log before the answer, and a log that cannot be written blocks the call', () =>
  withSandbox(async (sb) => {
    await runHook('claude', fixture('claude/bash', sb), sb);
    await runHook('cursor', { ...fixture('cursor/before-shell', sb), command: 'rm -rf /' }, sb);
    const [chainedAllow, deny] = readAudit(sb);
    const { prev, hash, ...allow } = chainedAllow;
    assert.match(String(prev), /^0{64}$/);
    assert.equal(deny.prev, hash);
    assert.match(String(allow.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal((allow.environment as { production: boolean }).production, false);
    const { confinement, ...judged } = allow;
    assert.match(String(confinement), /^bubblewrap routine$|^unconfined: /);
    assert.deepEqual(
      { ...judged, time: 'T', environment: 'E' },
      {
        time: 'T',
        host: 'claude',
        event: 'PreToolUse',
        tool: 'Bash',
        kind: 'shell',
        cwd: sb.workspace,
        workspace: sb.workspace,
        decision: 'defer',
        policy: 'allow',
        score: 0,
        findings: [],
        environment: 'E',
        command: 'ls -la',
        sessionId: '8f6b1c2e-4d3a-4f1b-9c7e-2a5d6e8f9a0b',
        // Claude Code's own sandbox as its settings stand: none here.
        hostSandbox: 'off',
      },
    );
    assert.equal(deny.decision, 'deny');
    assert.equal(deny.command, 'rm -rf /');
    assert.ok((deny.findings as string[]).length > 0);
    assert.equal((fs.statSync(path.join(sb.state, 'audit.jsonl')).mode & 0o777).toString(8), '600');

    // The log cannot be written (a directory sits where it should be): nothing runs unrecorded.
    fs.rmSync(path.join(sb.state, 'audit.jsonl'));
    fs.mkdirSync(path.join(sb.state, 'audit.jsonl'));
    const denied = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'rm -rf /' }), sb);
    assert.equal(denied.code, 0);
    assert.equal(claudeDecision(denied).decision, 'deny');
    assert.match(denied.stderr, /cannot write its audit log/);
    const blocked = await runHook('claude', fixture('claude/bash', sb), sb);
    assert.equal(claudeDecision(blocked).decision, 'deny');
    assert.match(
      claudeDecision(blocked).reason,
      /^AgentGuard cannot write its audit log \(.*\), so this call is blocked/,
    );
  }));

test('monitor mode records what it would have done and allows; the kill switch still halts', () =>
  withSandbox(async (sb) => {
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), '{ "mode": "monitor" }\n');
    // Monitor mode loosens the policy: it holds once a human confirmed it in the editor (recorded as the baseline).
    writeBaseline(sb.state, sb.workspace, '{ "mode": "monitor" }\n', { mode: 'monitor' });
    const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'rm -rf /' }), sb);
    assert.equal(claudeDecision(r).decision, 'allow');
    assert.match(claudeDecision(r).reason, /^AgentGuard \(monitor mode\): would have answered deny\./);
    assert.equal(readAudit(sb)[0].monitored, 'deny');
    writeKillSwitch(sb.state, { engaged: true, by: 'user' });
    assert.equal(claudeDecision(await runHook('claude', fixture('claude/bash', sb), sb)).decision, 'deny');
  }));

test('too many gated calls in a row engage the kill switch by themselves', () =>
  withSandbox(async (sb) => {
    fs.writeFileSync(
      path.join(sb.workspace, '.agentguard.json'),
      '{ "rateLimit": { "maxGated": 2, "windowSeconds": 60 } }\n',
    );
    const push = { ...fixture('cursor/before-shell', sb), command: 'git push --force origin main' };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await runHook('cursor', push, sb));
    assert.deepEqual(
      answers.map((a) => a.json?.permission),
      ['deny', 'deny', 'deny'],
    );
    assert.doesNotMatch(String(answers[1].json?.user_message), /kill switch/);
    assert.match(
      String(answers[2].json?.user_message),
      /kill switch is engaged \(3 gated agent commands within 60 s \(limit 2\)/,
    );
    const after = await runHook('cursor', fixture('cursor/before-shell', sb), sb);
    assert.equal(after.json?.permission, 'deny');
    assert.match(String(after.json?.user_message), /\[killswitch\.engaged\]/);
  }));

async function withEditor(
  sb: Sandbox,
  decide: (s: ApprovalSubject) => Promise<'allow' | 'deny'>,
  fn: (seen: ApprovalSubject[]) => Promise<void>,
): Promise<void> {
  const seen: ApprovalSubject[] = [];
  const server = await startApprovalServer({
    socketPath: approvalSocketPath(sb.state, sb.workspace),
    decide: (s) => {
      seen.push(s);
      return decide(s);
    },
  });
  try {
    await fn(seen);
  } finally {
    await server.close();
  }
}

test("an ask goes to the editor for this folder; the human's click decides", () =>
  withSandbox(async (sb) => {
    const command = 'git push --force origin main';
    await withEditor(
      sb,
      async () => 'allow',
      async (seen) => {
        const r = await runHook(
          'claude',
          withInput(fixture('claude/bash', sb), { command }),
          sb,
          {},
          path.join(sb.workspace, 'src'),
        );
        assert.equal(claudeDecision(r).decision, 'allow');
        assert.match(
          claudeDecision(r).reason,
          /^AgentGuard: a human approved this command in the editor\.\n- .*\[git\.force-push\]/,
        );
        assert.equal(seen.length, 1);
        assert.equal(seen[0].host, 'claude');
        assert.equal(seen[0].kind, 'shell');
        assert.equal(seen[0].command, command);
        assert.equal(seen[0].workspace, sb.workspace);
        assert.ok(seen[0].findings.some((f) => f.id === 'git.force-push'));
      },
    );
    await withEditor(
      sb,
      async () => 'deny',
      async () => {
        const r = await runHook('cursor', { ...fixture('cursor/before-shell', sb), command }, sb);
        assert.equal(r.json?.permission, 'deny');
        assert.match(String(r.json?.user_message), /^AgentGuard: a human denied this command in the editor\./);
      },
    );
    // Edits name their files for the human.
    await withEditor(
      sb,
      async () => 'allow',
      async (seen) => {
        const r = await runHook(
          'copilot',
          withInput(fixture('copilot/create-file', sb), {
            filePath: path.join(sb.workspace, '.agentguard.json'),
            content: '{}',
          }),
          sb,
        );
        assert.equal(claudeDecision(r).decision, 'allow');
        assert.deepEqual(seen[0].paths, [path.join(sb.workspace, '.agentguard.json')]);
      },
    );
    assert.deepEqual(
      readAudit(sb).map((a) => [a.decision, a.policy, a.approval]),
      [
        ['allow', 'ask', 'allow'],
        ['deny', 'ask', 'deny'],
        ['allow', 'ask', 'allow'],
      ],
    );
  }));

test("an editor that cannot put the question to its human leaves the decision to the host prompt: only the human's click counts as the human's", () =>
  withSandbox(async (sb) => {
    // The editor fails to show the modal: it answers "cancelled", which is no human's answer.
    await withEditor(
      sb,
      async () => {
        throw new Error('no window');
      },
      async (seen) => {
        const r = await runHook(
          'claude',
          withInput(fixture('claude/bash', sb), { command: 'git push --force origin main' }),
          sb,
        );
        assert.equal(seen.length, 1);
        assert.equal(claudeDecision(r).decision, 'ask', r.stdout);
        assert.doesNotMatch(claudeDecision(r).reason, /a human denied/);
        assert.match(claudeDecision(r).reason, /could not show the approval/);
      },
    );
    assert.notEqual(readAudit(sb).at(-1)?.approval, 'deny', "not recorded as a human's denial");
  }));

test('an editor that does not answer in time leaves the decision to the host prompt (Claude) or a deny (Cursor)', () =>
  withSandbox(async (sb) => {
    const never = () => new Promise<'allow' | 'deny'>(() => undefined);
    await withEditor(sb, never, async () => {
      const env = { AGENTGUARD_APPROVAL_TIMEOUT_MS: '1000' };
      const claude = await runHook(
        'claude',
        withInput(fixture('claude/bash', sb), { command: 'git push --force origin main' }),
        sb,
        env,
      );
      assert.equal(claudeDecision(claude).decision, 'ask');
      assert.match(
        claudeDecision(claude).reason,
        /needs a human's approval \(nobody answered in the editor within 1 s\)/,
      );
      const cursor = await runHook(
        'cursor',
        { ...fixture('cursor/before-shell', sb), command: 'git push --force origin main' },
        sb,
        env,
      );
      assert.equal(cursor.json?.permission, 'deny');
      assert.match(
        String(cursor.json?.user_message),
        /no editor answered \(nobody answered in the editor within 1 s\)/,
      );
    });
  }));
