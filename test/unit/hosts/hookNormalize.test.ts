import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { normalizePayload } from '../../../src/core/hosts/normalize';
import { findWorkspace } from '../../../src/core/config/workspace';
import { shapeAnswer } from '../../../src/core/hosts';
import { composeAnswer, failureAnswer } from '../../../src/core/hosts/messages';
import { killSwitchVerdict } from '../../../src/core/policy/verdicts';
import type { HookRequest } from '../../../src/core/hosts/types';
import { fixture, sandbox } from '../support/hookHarness';

function normalized(payload: unknown): HookRequest {
  const r = normalizePayload(payload);
  if (!r.ok) assert.fail(`expected a request, got error: ${r.error}`);
  return r.request;
}

test('every fixture payload normalizes to the neutral request it stands for', () => {
  const sb = sandbox();
  try {
    const ws = sb.workspace;
    const cases: [string, Partial<HookRequest>][] = [
      [
        'claude/bash',
        {
          event: 'PreToolUse',
          kind: 'shell',
          toolName: 'Bash',
          command: 'ls -la',
          cwd: ws,
          toolUseId: 'toolu_01HZ8qW3vYx2kPmN4rT6sLbC',
        },
      ],
      [
        'claude/write',
        {
          kind: 'edit',
          toolName: 'Write',
          targets: [
            {
              path: `${ws}/src/health.ts`,
              op: 'write',
              content: 'export function health(): { ok: boolean } {\n  return { ok: true };\n}\n',
            },
          ],
        },
      ],
      [
        'claude/edit',
        {
          kind: 'edit',
          targets: [
            {
              path: `${ws}/src/server.ts`,
              op: 'edit',
              edits: [{ oldString: 'const port = 3000;', newString: 'const port = Number(process.env.PORT ?? 3000);' }],
            },
          ],
        },
      ],
      [
        'claude/multiedit',
        {
          kind: 'edit',
          targets: [
            {
              path: `${ws}/scripts/reset-db.sh`,
              op: 'edit',
              edits: [
                { oldString: 'DB=app_dev', newString: 'DB=app_test', replaceAll: true },
                { oldString: 'echo done', newString: 'echo reset complete' },
              ],
            },
          ],
        },
      ],
      [
        'claude/mcp-sql',
        {
          kind: 'mcp',
          toolName: 'mcp__supabase__execute_sql',
          mcp: {
            server: 'supabase',
            tool: 'execute_sql',
            input: {
              project_id: 'qwertyuiopasdfghjklz',
              query: 'SELECT id, email FROM auth.users ORDER BY created_at DESC LIMIT 10;',
            },
          },
        },
      ],
      [
        'claude/mcp-delete',
        { kind: 'mcp', mcp: { server: 'neon', tool: 'delete_project', input: { projectId: 'winter-sun-12345678' } } },
      ],
      [
        'cursor/before-shell',
        {
          event: 'beforeShellExecution',
          kind: 'shell',
          toolName: 'Shell',
          command: 'ls -la',
          cwd: ws,
          workspaceRoots: [ws],
          sessionId: 'c0a8f3e2-7b1d-4e6a-9f2c-5d8b3a1e7f4c',
        },
      ],
      [
        'cursor/before-mcp',
        {
          event: 'beforeMCPExecution',
          kind: 'mcp',
          mcp: {
            server: 'npx -y @supabase/mcp-server-supabase@latest --project-ref=qwertyuiopasdfghjklz',
            tool: 'execute_sql',
            input: { project_id: 'qwertyuiopasdfghjklz', query: 'SELECT count(*) FROM orders;' },
          },
        },
      ],
      [
        'cursor/pre-tool-use-write',
        {
          event: 'preToolUse',
          kind: 'edit',
          targets: [
            { path: `${ws}/src/health.ts`, op: 'write', content: 'export const health = () => ({ ok: true });\n' },
          ],
        },
      ],
      ['cursor/pre-tool-use-shell', { event: 'preToolUse', kind: 'shell', toolName: 'Shell', command: 'ls -la' }],
      [
        'cursor/after-file-edit',
        {
          event: 'afterFileEdit',
          kind: 'edit',
          targets: [
            {
              path: `${ws}/src/server.ts`,
              op: 'edit',
              edits: [{ oldString: 'const port = 3000;', newString: 'const port = Number(process.env.PORT ?? 3000);' }],
            },
          ],
        },
      ],
      [
        'copilot/run-in-terminal',
        {
          event: 'PreToolUse',
          kind: 'shell',
          toolName: 'run_in_terminal',
          command: 'ls -la',
          cwd: ws,
          sessionId: 'b6c7d8e9-f0a1-4b2c-8d3e-4f5a6b7c8d9e',
          toolUseId: 'call_Zp4Xq8Lm2Vn6Bw1R',
        },
      ],
      [
        'copilot/create-file',
        {
          kind: 'edit',
          targets: [
            { path: `${ws}/src/health.ts`, op: 'write', content: 'export const health = () => ({ ok: true });\n' },
          ],
        },
      ],
      [
        'copilot/replace-string',
        {
          kind: 'edit',
          targets: [
            {
              path: `${ws}/src/server.ts`,
              op: 'edit',
              edits: [{ oldString: 'const port = 3000;', newString: 'const port = Number(process.env.PORT ?? 3000);' }],
            },
          ],
        },
      ],
      [
        'copilot/apply-patch',
        {
          kind: 'edit',
          targets: [
            { path: `${ws}/src/health.ts`, op: 'write', content: 'export const health = () => ({ ok: true });' },
            { path: `${ws}/src/server.ts`, op: 'edit', fragment: 'const port = Number(process.env.PORT ?? 3000);' },
            { path: `${ws}/src/old.ts`, op: 'delete' },
          ],
        },
      ],
    ];
    for (const [name, expected] of cases) {
      const req = normalized(fixture(name, sb));
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(req[key as keyof HookRequest], value, `${name}: ${key}`);
      }
    }
  } finally {
    sb.cleanup();
  }
});

test("hosts load each other's hook files, so tool names and field spellings are recognised whoever sent them", () => {
  // VS Code running a hook declared in .claude/settings.json sends camelCase fields to `hook claude`.
  assert.equal(
    normalized({ hookEventName: 'PreToolUse', tool_name: 'run_in_terminal', tool_input: { command: 'npm test' } })
      .command,
    'npm test',
  );
  // Copilot CLI spelling: toolName + toolArgs as a JSON string.
  assert.equal(normalized({ toolName: 'bash', toolArgs: '{"command":"git status"}' }).command, 'git status');
  // …and as Copilot CLI 1.0.102 really sends it: an object.
  assert.equal(normalized({ toolName: 'bash', toolArgs: { command: 'git status' } }).command, 'git status');
  assert.deepEqual(
    normalized({
      hook_event_name: 'PreToolUse',
      tool_name: 'create_and_run_task',
      tool_input: { task: { label: 'reset', type: 'shell', command: 'npm', args: ['run', 'db:reset'] } },
    }).command,
    'npm run db:reset',
  );
  assert.deepEqual(
    normalized({
      hook_event_name: 'PreToolUse',
      tool_name: 'multi_replace_string_in_file',
      tool_input: {
        replacements: [
          { filePath: '/w/a.ts', oldString: 'a', newString: 'b' },
          { filePath: '/w/b.sql', oldString: 'x', newString: 'DROP TABLE t;' },
        ],
      },
    }).targets?.map((t) => t.path),
    ['/w/a.ts', '/w/b.sql'],
  );
  assert.deepEqual(
    normalized({ hook_event_name: 'preToolUse', tool_name: 'Delete', tool_input: { path: '/w/.git/config' } }).targets,
    [{ path: '/w/.git/config', op: 'delete' }],
  );
  const mcp = normalized({
    hook_event_name: 'PreToolUse',
    tool_name: 'mcp__railway__volume_delete',
    tool_input: { volumeId: 'v1' },
  });
  assert.deepEqual(mcp.mcp, { server: 'railway', tool: 'volume_delete', input: { volumeId: 'v1' } });
  const readOnly = normalized({ hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/w/a' } });
  assert.equal(readOnly.kind, 'other');
  assert.equal(readOnly.readOnly, true);
  assert.equal(
    normalized({ hook_event_name: 'PreToolUse', tool_name: 'install_extension', tool_input: {} }).readOnly,
    false,
  );
});

test('payloads that cannot be understood are errors, never a guessed request', () => {
  const errors: [unknown, RegExp][] = [
    [null, /not a JSON object/],
    [[1, 2], /not a JSON object/],
    ['ls', /not a JSON object/],
    [{}, /names no event and no tool/],
    [{ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} }, /Bash tool call has no command/],
    [{ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 42 } }, /has no command/],
    [
      { hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { content: 'x' } },
      /Write tool call has no file path/,
    ],
    [{ hook_event_name: 'beforeShellExecution', cwd: '/w' }, /beforeShellExecution input has no "command"/],
    [
      { hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } },
      /got the "PostToolUse" event/,
    ],
    [
      { hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { input: 'no headers here' } },
      /names no file in its patch/,
    ],
  ];
  for (const [payload, message] of errors) {
    const r = normalizePayload(payload);
    assert.equal(r.ok, false, `accepted ${JSON.stringify(payload)}`);
    if (!r.ok) assert.match(r.error, message);
  }
});

test('the workspace is the open folder (or the config above it), then the nearest .agentguard.json, then the nearest .git', () => {
  const files = new Set(['/home/dev/code/app/.git', '/home/dev/code/mono/.agentguard.json']);
  const exists = (p: string) => files.has(p);
  assert.deepEqual(findWorkspace('/home/dev/code/app/src/lib', [], '/', exists), {
    workspace: '/home/dev/code/app',
    cwd: '/home/dev/code/app/src/lib',
  });
  assert.deepEqual(
    findWorkspace('/home/dev/code/mono/packages/a', ['/home/dev/code/mono/packages/a'], '/', exists).workspace,
    '/home/dev/code/mono',
  );
  // A nested .git (`git init sub`) or a config below the open folder does not move the root.
  const nested = new Set([
    '/home/dev/code/app/.git',
    '/home/dev/code/app/.agentguard.json',
    '/home/dev/code/app/sub/.git',
    '/home/dev/code/app/sub2/.agentguard.json',
  ]);
  const inNested = (p: string) => nested.has(p);
  assert.equal(findWorkspace('/home/dev/code/app/sub/x', [], '/', inNested).workspace, '/home/dev/code/app');
  assert.equal(
    findWorkspace('/home/dev/code/app/sub', ['/home/dev/code/app'], '/', inNested).workspace,
    '/home/dev/code/app',
  );
  assert.equal(
    findWorkspace('/home/dev/code/app/sub2', ['/home/dev/code/app'], '/', inNested).workspace,
    '/home/dev/code/app',
  );
  assert.equal(
    findWorkspace(
      '/home/dev/code/other/sub',
      [],
      '/',
      (p) => p === '/home/dev/code/other/sub/.git' || p === '/home/dev/code/other/.git',
    ).workspace,
    '/home/dev/code/other/sub',
  );
  // No marker anywhere: the open folder holding the cwd, else the cwd.
  assert.equal(findWorkspace('/srv/x/y', ['/srv/x'], '/', exists).workspace, '/srv/x');
  assert.equal(findWorkspace('/srv/x/y', [], '/', exists).workspace, '/srv/x/y');
  // No cwd in the payload (Cursor MCP events): the first workspace root.
  assert.deepEqual(findWorkspace(undefined, ['/home/dev/code/app'], '/elsewhere', exists), {
    workspace: '/home/dev/code/app',
    cwd: '/home/dev/code/app',
  });
  assert.equal(findWorkspace(undefined, [], path.resolve('/tmp/hook-cwd'), exists).cwd, path.resolve('/tmp/hook-cwd'));
});

test("answers have each host's exact shape", () => {
  const req = normalized({
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: 'ls' },
    cwd: '/w',
  });
  const halted = composeAnswer('claude', req, killSwitchVerdict(), { via: 'policy' }, '/w');
  const claude = JSON.parse(shapeAnswer('claude', 'PreToolUse', halted).stdout);
  assert.deepEqual(Object.keys(claude), ['hookSpecificOutput']);
  assert.deepEqual(Object.keys(claude.hookSpecificOutput), [
    'hookEventName',
    'permissionDecision',
    'permissionDecisionReason',
  ]);
  assert.equal(claude.hookSpecificOutput.hookEventName, 'PreToolUse');
  assert.equal(claude.hookSpecificOutput.permissionDecision, 'deny');
  assert.match(claude.hookSpecificOutput.permissionDecisionReason, /kill switch is engaged.*\[killswitch\.engaged\]/s);

  const cursor = JSON.parse(shapeAnswer('cursor', 'beforeShellExecution', halted).stdout);
  assert.deepEqual(Object.keys(cursor), ['permission', 'user_message', 'agent_message']);
  assert.equal(cursor.permission, 'deny');
  assert.match(cursor.agent_message, /Do not retry it or work around it/);
  // preToolUse has been documented with both spellings of the decision.
  const pre = JSON.parse(shapeAnswer('cursor', 'preToolUse', failureAnswer('x')).stdout);
  assert.deepEqual([pre.permission, pre.decision, typeof pre.reason], ['deny', 'deny', 'string']);
  // Cursor never gets an `ask`: an unresolved ask is a deny there.
  const ask = composeAnswer('claude', req, { ...killSwitchVerdict(), decision: 'ask' }, { via: 'policy' }, '/w');
  assert.equal(JSON.parse(shapeAnswer('cursor', 'beforeShellExecution', ask).stdout).permission, 'deny');
  assert.equal(
    JSON.parse(shapeAnswer('copilot', 'PreToolUse', ask).stdout).hookSpecificOutput.permissionDecision,
    'ask',
  );
});

test('an ask no editor answered becomes the host prompt, or for Cursor a deny with the exact command to run by hand', () => {
  const req = normalized({
    hook_event_name: 'beforeShellExecution',
    command: "git push --force origin 'main'",
    cwd: '/home/dev/my app',
  });
  const verdict = {
    ...killSwitchVerdict(),
    decision: 'ask' as const,
    findings: [{ id: 'git.force-push', summary: 'force-pushes main', alternative: 'push a branch', severity: 80 }],
  };
  const unanswered = { via: 'unanswered' as const, why: 'no editor' };
  const claude = composeAnswer('claude', req, verdict, unanswered, '/home/dev/my app');
  assert.equal(claude.decision, 'ask');
  assert.match(claude.reason, /force-pushes main \[git\.force-push\]; safer: push a branch/);
  const cursor = composeAnswer('cursor', req, verdict, unanswered, '/home/dev/my app');
  assert.equal(cursor.decision, 'deny');
  assert.ok(
    cursor.userMessage.endsWith(
      "If it should happen, run it in a terminal yourself:\n  cd '/home/dev/my app' && git push --force origin 'main'",
    ),
    cursor.userMessage,
  );
  assert.match(cursor.agentMessage, /Do not retry it or work around it\. Tell the user/);
  const approved = composeAnswer('cursor', req, verdict, { via: 'editor', decision: 'allow' }, '/w');
  assert.equal(approved.decision, 'allow');
  assert.match(approved.reason, /a human approved this command in the editor/);
});

test("each new host's edit tools become the files and replacements they write", () => {
  const sb = sandbox();
  try {
    const server = path.join(sb.workspace, 'src', 'server.ts');
    const replacement = {
      oldString: 'const port = 3000;',
      newString: 'const port = Number(process.env.PORT ?? 3000);',
    };
    // Cline's SEARCH/REPLACE blocks, Augment's numbered pairs, Gemini's replace, Copilot CLI's JSON-string args, OpenCode's camelCase.
    assert.deepEqual(normalized(fixture('cline/replace-in-file', sb)).targets, [
      {
        path: 'src/server.ts',
        op: 'edit',
        edits: [{ oldString: 'const port = 3000;\n', newString: 'const port = Number(process.env.PORT ?? 3000);\n' }],
      },
    ]);
    assert.deepEqual(normalized(fixture('augment/str-replace-editor', sb)).targets, [
      { path: 'src/server.ts', op: 'edit', edits: [replacement] },
    ]);
    assert.deepEqual(normalized(fixture('gemini/replace', sb)).targets, [
      { path: server, op: 'edit', edits: [replacement] },
    ]);
    assert.deepEqual(normalized(fixture('copilot-cli/edit', sb)).targets, [
      { path: server, op: 'edit', edits: [replacement] },
    ]);
    assert.deepEqual(normalized(fixture('opencode/edit', sb)).targets, [
      { path: server, op: 'edit', edits: [replacement] },
    ]);
    // Windsurf: a replacement is an edit; a new file (one edit from nothing) a whole write.
    assert.deepEqual(normalized(fixture('windsurf/pre-write-code', sb)).targets, [
      {
        path: path.join(sb.workspace, '.agentguard.json'),
        op: 'edit',
        edits: [{ oldString: '"ask": 40', newString: '"ask": 100' }],
      },
    ]);
    const created = normalized({
      agent_action_name: 'pre_write_code',
      tool_info: { file_path: '/w/new.sql', edits: [{ old_string: '', new_string: 'DROP TABLE users;' }] },
    });
    assert.deepEqual(created.targets, [{ path: '/w/new.sql', op: 'write', content: 'DROP TABLE users;' }]);
    // Codex's apply_patch carries the patch in `command`; Kiro's fs_write says what it does in `command`.
    assert.deepEqual(
      normalized(fixture('codex/apply-patch', sb)).targets?.map((t) => [t.op, t.path]),
      [['edit', '.agentguard.json']],
    );
    assert.deepEqual(normalized(fixture('kiro/fs-write', sb)).targets, [
      {
        path: path.join(sb.workspace, '.agentguard.json'),
        op: 'edit',
        edits: [{ oldString: '"decision": "deny"', newString: '"decision": "allow"' }],
      },
    ]);
    assert.deepEqual(
      normalized({
        hook_event_name: 'preToolUse',
        tool_name: 'fs_write',
        tool_input: { command: 'create', path: '/w/a.sh', file_text: 'rm -rf /' },
      }).targets,
      [{ path: '/w/a.sh', op: 'write', content: 'rm -rf /' }],
    );
    assert.deepEqual(
      normalized({
        hook_event_name: 'PreToolUse',
        tool_name: 'remove-files',
        tool_input: { file_paths: ['a.db', 'b.db'] },
      }).targets,
      [
        { path: 'a.db', op: 'delete' },
        { path: 'b.db', op: 'delete' },
      ],
    );
    // MCP: Cline names server and tool in its input, Kiro as @server/tool, Windsurf in tool_info.
    assert.deepEqual(normalized(fixture('cline/use-mcp-tool', sb)).mcp, {
      server: 'postgres',
      tool: 'query',
      input: { sql: 'DROP TABLE users;' },
    });
    assert.deepEqual(normalized(fixture('kiro/mcp-sql', sb)).mcp, {
      server: 'postgres',
      tool: 'query',
      input: { sql: 'DROP TABLE users;' },
    });
    assert.deepEqual(normalized(fixture('windsurf/pre-mcp-tool-use', sb)).mcp, {
      server: 'postgres',
      tool: 'query',
      input: { sql: 'DROP TABLE users;' },
    });
    const stringArgs = {
      agent_action_name: 'pre_mcp_tool_use',
      tool_info: {
        mcp_server_name: 'postgres',
        mcp_tool_name: 'query',
        mcp_tool_arguments: '{"sql":"DROP TABLE users;"}',
      },
    };
    assert.deepEqual(normalized(stringArgs).mcp?.input, { sql: 'DROP TABLE users;' });
    // Events AgentGuard does not judge are errors (a misconfigured hook), never silently allowed.
    assert.equal(normalizePayload({ agent_action_name: 'post_write_code', tool_info: {} }).ok, false);
    assert.equal(normalizePayload({ hookName: 'PostToolUse', postToolUse: {} }).ok, false);
  } finally {
    sb.cleanup();
  }
});
