// One call, one judgment: hosts that read each other's hook files (Cursor
// runs Claude Code's, VS Code runs Claude Code's and Copilot CLI's) and
// Cursor's two events for one shell call make one tool call reach the hook
// several times. The first arrival judges it — one modal, one count toward
// the rate limit, one audit entry — and the others repeat its outcome. Real
// hook processes throughout; the "human" is a real approval server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { approvalSocketPath } from '../../../src/channels/approval/paths';
import { startApprovalServer } from '../../../src/channels/approval/server';
import { writeBaseline } from '../../../src/core/policy';
import { rateLimitFile } from '../../../src/core/policy/rateLimit';
import {
  claudeDecision,
  fixture,
  readAudit,
  runHook,
  withInput,
  withSandbox,
  type HookRun,
  type Sandbox,
} from '../support/hookHarness';

const PUSH = 'git push --force origin main';
const CONVERSATION = 'c0a8f3e2-7b1d-4e6a-9f2c-5d8b3a1e7f4c';

/** The same tool call as Cursor's beforeShellExecution, Cursor's preToolUse, and Claude Code's PreToolUse (as Cursor runs Claude's hooks). */
const cursorShell = (sb: Sandbox, command: string, conversation = CONVERSATION) => ({
  ...fixture('cursor/before-shell', sb),
  command,
  conversation_id: conversation,
});
const cursorPre = (sb: Sandbox, command: string, conversation = CONVERSATION) =>
  withInput({ ...fixture('cursor/pre-tool-use-shell', sb), conversation_id: conversation }, { command });
const claude = (sb: Sandbox, command: string, session = CONVERSATION) =>
  withInput({ ...fixture('claude/bash', sb), session_id: session }, { command });

async function withHuman(
  sb: Sandbox,
  answer: 'allow' | 'deny',
  fn: (asked: string[]) => Promise<void>,
  delayMs = 0,
): Promise<void> {
  const asked: string[] = [];
  const server = await startApprovalServer({
    socketPath: approvalSocketPath(sb.state, sb.workspace),
    decide: async (s) => {
      asked.push(`${s.host} ${s.command}`);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return answer;
    },
  });
  try {
    await fn(asked);
  } finally {
    await server.close();
  }
}

const cursorPermission = (r: HookRun) => r.json?.permission;

test("a gated call that reaches the hook from Cursor and from Claude Code's hook file is put to the human once; both answers are the human's", () =>
  withSandbox(async (sb) => {
    await withHuman(sb, 'allow', async (asked) => {
      const first = await runHook('cursor', cursorShell(sb, PUSH), sb);
      assert.equal(cursorPermission(first), 'allow', first.stdout);
      assert.match(String(first.json?.user_message), /a human approved this command in the editor/);
      const second = await runHook('claude', claude(sb, PUSH), sb);
      assert.equal(claudeDecision(second).decision, 'allow');
      assert.match(claudeDecision(second).reason, /a human approved this command in the editor/);
      assert.deepEqual(asked, [`cursor ${PUSH}`], 'one modal');
    });
    // One judgment, one record.
    assert.deepEqual(
      readAudit(sb).map((a) => [a.host, a.decision, a.approval]),
      [['cursor', 'allow', 'allow']],
    );
  }));

test("arriving at once, the second waits for the human's answer to the first instead of asking again", () =>
  withSandbox(async (sb) => {
    await withHuman(
      sb,
      'deny',
      async (asked) => {
        const [cursor, claudeRun] = await Promise.all([
          runHook('cursor', cursorShell(sb, PUSH), sb),
          runHook('claude', claude(sb, PUSH), sb),
        ]);
        assert.equal(cursorPermission(cursor), 'deny');
        assert.equal(claudeDecision(claudeRun).decision, 'deny');
        assert.match(claudeDecision(claudeRun).reason, /a human denied this command in the editor/);
        assert.equal(asked.length, 1, asked.join('; '));
      },
      600,
    );
    assert.equal(readAudit(sb).length, 1);
  }));

test("Cursor's preToolUse first: it leaves the question to beforeShellExecution, which asks once; Claude Code's arrival repeats that answer", () =>
  withSandbox(async (sb) => {
    await withHuman(sb, 'allow', async (asked) => {
      const pre = await runHook('cursor', cursorPre(sb, PUSH), sb);
      assert.equal(
        pre.stdout,
        '{"permission":"allow","decision":"allow"}\n',
        "Cursor's pass-through: the gate is beforeShellExecution's",
      );
      const shell = await runHook('cursor', cursorShell(sb, PUSH), sb);
      assert.equal(cursorPermission(shell), 'allow');
      const claudeRun = await runHook('claude', claude(sb, PUSH), sb);
      assert.equal(claudeDecision(claudeRun).decision, 'allow');
      assert.deepEqual(asked, [`cursor ${PUSH}`]);
    });
    assert.deepEqual(
      readAudit(sb).map((a) => [a.event, a.decision, a.policy, a.approval]),
      [
        ['preToolUse', 'defer', 'ask', undefined],
        ['beforeShellExecution', 'allow', 'ask', 'allow'],
      ],
    );
  }));

test('the rate limiter counts a call once, however many hook files it reaches', () =>
  withSandbox(async (sb) => {
    const config = { rateLimit: { maxGated: 2, windowSeconds: 60 } };
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), JSON.stringify(config));
    writeBaseline(sb.state, sb.workspace, JSON.stringify(config), config);
    // Two gated calls, each reaching three hooks: two counted, so the breaker (more than 2) stays released.
    for (const command of [PUSH, 'git push --force origin release']) {
      for (const r of [
        await runHook('cursor', cursorPre(sb, command), sb),
        await runHook('cursor', cursorShell(sb, command), sb),
        await runHook('claude', claude(sb, command), sb),
      ]) {
        assert.doesNotMatch(r.stdout, /kill switch is engaged/, command);
      }
    }
    assert.equal(fs.existsSync(path.join(sb.state, 'killswitch.json')), false);
    // A third gated call trips it: the count was right.
    const third = await runHook('claude', claude(sb, 'git push --force origin develop'), sb);
    assert.match(
      claudeDecision(third).reason,
      /kill switch is engaged \(3 gated agent commands within 60 s \(limit 2\)/,
    );
  }));

test("a harmless call seen by VS Code through its own hook file and Claude Code's is recorded once; both defer", () =>
  withSandbox(async (sb) => {
    const session = 'b6c7d8e9-f0a1-4b2c-8d3e-4f5a6b7c8d9e';
    const copilot = await runHook('copilot', fixture('copilot/run-in-terminal', sb), sb);
    const viaClaudeFile = await runHook(
      'claude',
      withInput({ ...fixture('claude/bash', sb), session_id: session }, { command: 'ls -la' }),
      sb,
    );
    assert.deepEqual([copilot.code, copilot.stdout, viaClaudeFile.code, viaClaudeFile.stdout], [0, '', 0, '']);
    assert.equal(readAudit(sb).length, 1);
  }));

test("never the same call: a repeat on the same channel, another session, a harmless look-alike, a host that reads no other host's files", () =>
  withSandbox(async (sb) => {
    await withHuman(sb, 'allow', async (asked) => {
      // The agent runs the approved call again: it arrives on the same channel, and is asked again.
      await runHook('claude', claude(sb, PUSH), sb);
      await runHook('claude', claude(sb, PUSH), sb);
      assert.equal(asked.length, 2, 'a repeat is a new call');
      // Another session's identical call is another call.
      await runHook('cursor', cursorShell(sb, PUSH, 'another-conversation'), sb);
      assert.equal(asked.length, 3);
      // Windsurf reads no other host's hook files: on its own, always.
      await runHook(
        'windsurf',
        { ...fixture('windsurf/pre-run-command', sb), tool_info: { command_line: PUSH, cwd: sb.workspace } },
        sb,
      );
      assert.equal(asked.length, 4);
    });
    // Every gated call so far counted toward the rate limit: start the next ones from none.
    fs.rmSync(rateLimitFile(sb.state), { force: true });
    // The same text judged differently (another database behind it) is another call: the first one's "no decision" is not repeated.
    await withHuman(sb, 'deny', async (asked) => {
      const sql = 'psql -c "DELETE FROM users WHERE id = 1"';
      const local = await runHook('claude', claude(sb, sql, 'c1'), sb, { PGHOST: 'localhost' });
      assert.equal(claudeDecision(local).decision, 'defer');
      const prod = await runHook('cursor', cursorShell(sb, sql, 'c1'), sb, { PGHOST: 'db.prod.acme.io' });
      assert.equal(cursorPermission(prod), 'deny');
      assert.deepEqual(asked, [`cursor ${sql}`]);
    });
    // Reads by the agents' own tools are told apart by the files they reach.
    fs.rmSync(rateLimitFile(sb.state), { force: true });
    fs.mkdirSync(path.join(sb.home, '.aws'), { recursive: true });
    fs.writeFileSync(path.join(sb.home, '.aws', 'credentials'), '[default]\n');
    fs.writeFileSync(path.join(sb.home, '.netrc'), 'machine x\n');
    await withHuman(sb, 'allow', async (asked) => {
      const read = (file: string) => ({
        ...fixture('claude/read', sb),
        session_id: 'c5',
        tool_input: { file_path: file },
      });
      // Cursor's preToolUse names the tool as Claude Code does (Read): the same tool, another file.
      await runHook(
        'cursor',
        {
          ...fixture('cursor/pre-tool-use-write', sb),
          conversation_id: 'c5',
          tool_name: 'Read',
          tool_input: { file_path: path.join(sb.home, '.aws', 'credentials') },
        },
        sb,
      );
      const other = await runHook('claude', read(path.join(sb.home, '.netrc')), sb);
      assert.equal(claudeDecision(other).decision, 'allow');
      assert.equal(asked.length, 2, 'another file is another call: asked again');
    });
    // A tool whose input AgentGuard does not read cannot be told apart from another call of it: gated, each is asked.
    await withHuman(sb, 'allow', async (asked) => {
      const unknown = (q: string) => ({
        ...fixture('claude/bash', sb),
        session_id: 'c6',
        tool_name: 'FrobnicateAll',
        tool_input: { target: q },
      });
      await runHook('claude', unknown('staging'), sb);
      await runHook(
        'cursor',
        {
          ...fixture('cursor/pre-tool-use-write', sb),
          conversation_id: 'c6',
          tool_name: 'FrobnicateAll',
          tool_input: { target: 'production' },
        },
        sb,
      );
      assert.equal(asked.length, 2);
    });
    fs.rmSync(rateLimitFile(sb.state), { force: true });
    // A harmless look-alike judged first never lets the gated call through unasked.
    await withHuman(sb, 'deny', async (asked) => {
      await runHook('cursor', cursorShell(sb, 'git push origin main', 'c2'), sb);
      const gated = await runHook('claude', claude(sb, 'git push --force origin main', 'c2'), sb);
      assert.equal(claudeDecision(gated).decision, 'deny');
      assert.deepEqual(asked, [`claude ${PUSH}`]);
    });
  }));

test('an agent that runs the hook itself cannot make the real call pass unjudged', () =>
  withSandbox(async (sb) => {
    await withHuman(sb, 'deny', async (asked) => {
      // The agent's own `agentguard hook claude`, as if Cursor ran Claude's hook file, before the real call: it is judged (and asked).
      const forged = await runHook('claude', claude(sb, PUSH, 'c3'), sb);
      assert.equal(claudeDecision(forged).decision, 'deny');
      // The real call then gets that very human's answer for that very content: still a deny.
      const real = await runHook('cursor', cursorShell(sb, PUSH, 'c3'), sb);
      assert.equal(cursorPermission(real), 'deny');
      // Joining as the second channel before the real one only uses that channel up: the real arrival is judged again.
      await runHook('cursor', cursorShell(sb, 'git push --force origin next', 'c4'), sb);
      await runHook('claude', claude(sb, 'git push --force origin next', 'c4'), sb); // the agent's
      const again = await runHook('claude', claude(sb, 'git push --force origin next', 'c4'), sb); // the real one
      assert.equal(claudeDecision(again).decision, 'deny');
      assert.deepEqual(asked, [
        `claude ${PUSH}`,
        'cursor git push --force origin next',
        'claude git push --force origin next',
      ]);
    });
  }));

test('when the first arrival cannot record the call, the next judges and records it itself: nothing runs unrecorded', () =>
  withSandbox(async (sb) => {
    // The log cannot be written (a directory where the file belongs).
    fs.mkdirSync(path.join(sb.state, 'audit.jsonl'));
    const first = await runHook('cursor', cursorShell(sb, 'ls -la'), sb);
    assert.equal(cursorPermission(first), 'deny');
    const second = await runHook('claude', claude(sb, 'ls -la'), sb);
    assert.equal(claudeDecision(second).decision, 'deny');
    assert.match(claudeDecision(second).reason, /^AgentGuard cannot write its audit log/);
    // The same while the second waits for the first: once the first cannot record its (human's) answer, the second asks and records anew.
    await withHuman(
      sb,
      'allow',
      async (asked) => {
        const [a, b] = await Promise.all([
          runHook('cursor', cursorShell(sb, PUSH, 'c9'), sb),
          runHook('claude', claude(sb, PUSH, 'c9'), sb),
        ]);
        assert.equal(cursorPermission(a), 'deny');
        assert.equal(claudeDecision(b).decision, 'deny');
        assert.equal(asked.length, 2, 'no recorded answer to repeat: asked again');
      },
      400,
    );
    // Once the log can be written again, the next arrival of that call records it and defers.
    fs.rmdirSync(path.join(sb.state, 'audit.jsonl'));
    const third = await runHook(
      'copilot',
      withInput({ ...fixture('copilot/run-in-terminal', sb), sessionId: CONVERSATION }, { command: 'ls -la' }),
      sb,
    );
    assert.deepEqual([third.code, third.stdout], [0, '']);
    assert.deepEqual(
      readAudit(sb).map((a) => [a.host, a.decision]),
      [['copilot', 'defer']],
    );
  }));
