// install / uninstall / doctor on real hook files in a throwaway workspace
// and home, through the built CLI where it matters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { addHook, hookCommand, isAgentGuardCommand, removeHook } from '../../../src/core/hosts/hostConfig';
import { CLAUDE_MATCHER } from '../../../src/core/hosts/claude';
import { installedCommand, legacyHookCommand } from '../../../src/core/hosts/hostFiles';
import { launcherPath } from '../../../src/core/launcher';
import { ownAccountNode, runCli, sandbox, type Sandbox } from '../support/hookHarness';

/** The built CLI (hookHarness runCli); by default as the sandbox's own account, so HOME is the account's home, as a developer has it. */
const cli = (sb: Sandbox, args: string[], node = ownAccountNode(sb)) => runCli(sb, args, 60_000, node);

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const CLAUDE_SETTINGS = `{
  // team settings: keep this comment
  "permissions": { "allow": ["Bash(npm test:*)"] },
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash", "hooks": [{ "type": "command", "command": "./scripts/lint-command.sh" }] },
      { "matcher": "Write", "hooks": [{ "type": "command", "command": "./scripts/check-write.sh", "timeout": 5 }] }
    ],
    "PostToolUse": [
      { "matcher": "Edit", "hooks": [{ "type": "command", "command": "npx prettier --write \\"$CLAUDE_FILE\\"" }] }
    ]
  }
}
`;

const CURSOR_HOOKS = `{
  "version": 1,
  "hooks": {
    "beforeShellExecution": [{ "command": "./hooks/audit-shell.sh" }],
    "afterFileEdit": [{ "command": "./hooks/format.sh" }]
  }
}
`;

test('install merges into existing hook files, keeps everything else and its order, and backs up the previous file', () => {
  const sb = sandbox();
  try {
    const claudeFile = path.join(sb.workspace, '.claude', 'settings.json');
    const cursorFile = path.join(sb.workspace, '.cursor', 'hooks.json');
    write(claudeFile, CLAUDE_SETTINGS);
    write(cursorFile, CURSOR_HOOKS);
    const r = cli(sb, ['install']);
    assert.equal(r.code, 0, r.stderr);
    const expectedCommand = (host: string) => hookCommand(host as 'claude', launcherPath(sb.home));

    const claude = parseJsonc(fs.readFileSync(claudeFile, 'utf8'));
    assert.match(fs.readFileSync(claudeFile, 'utf8'), /\/\/ team settings: keep this comment/);
    assert.deepEqual(claude.permissions, { allow: ['Bash(npm test:*)'] });
    assert.deepEqual(
      claude.hooks.PreToolUse.map((g: { matcher: string }) => g.matcher),
      ['Bash', 'Write', CLAUDE_MATCHER],
    );
    assert.deepEqual(claude.hooks.PreToolUse[2].hooks, [
      { type: 'command', command: expectedCommand('claude'), timeout: 90 },
    ]);
    assert.deepEqual(claude.hooks.PostToolUse, parseJsonc(CLAUDE_SETTINGS).hooks.PostToolUse);
    assert.equal(fs.readFileSync(claudeFile + '.agentguard-backup', 'utf8'), CLAUDE_SETTINGS);

    const cursor = parseJsonc(fs.readFileSync(cursorFile, 'utf8'));
    assert.equal(cursor.version, 1);
    const ours = { command: expectedCommand('cursor'), timeout: 90, failClosed: true };
    assert.deepEqual(cursor.hooks.beforeShellExecution, [{ command: './hooks/audit-shell.sh' }, ours]);
    assert.deepEqual(cursor.hooks.beforeMCPExecution, [ours]);
    assert.deepEqual(cursor.hooks.preToolUse, [ours]);
    assert.deepEqual(cursor.hooks.afterFileEdit, [{ command: './hooks/format.sh' }]);

    const copilot = JSON.parse(fs.readFileSync(path.join(sb.workspace, '.github', 'hooks', 'agentguard.json'), 'utf8'));
    assert.deepEqual(copilot, {
      hooks: { PreToolUse: [{ type: 'command', command: expectedCommand('copilot'), timeout: 90 }] },
    });
    assert.equal(
      fs.existsSync(path.join(sb.workspace, '.github', 'hooks', 'agentguard.json.agentguard-backup')),
      false,
    );

    // Idempotent: a second install changes nothing, not even the backups.
    const before = [claudeFile, cursorFile].map((f) => fs.readFileSync(f, 'utf8'));
    fs.writeFileSync(claudeFile + '.agentguard-backup', 'sentinel');
    const again = cli(sb, ['install']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /claude .* already installed/);
    assert.deepEqual(
      [claudeFile, cursorFile].map((f) => fs.readFileSync(f, 'utf8')),
      before,
    );
    assert.equal(fs.readFileSync(claudeFile + '.agentguard-backup', 'utf8'), 'sentinel');

    // Uninstall removes exactly what install added.
    const un = cli(sb, ['uninstall']);
    assert.equal(un.code, 0, un.stderr);
    assert.deepEqual(parseJsonc(fs.readFileSync(claudeFile, 'utf8')), parseJsonc(CLAUDE_SETTINGS));
    assert.match(fs.readFileSync(claudeFile, 'utf8'), /\/\/ team settings: keep this comment/);
    assert.deepEqual(parseJsonc(fs.readFileSync(cursorFile, 'utf8')), parseJsonc(CURSOR_HOOKS));
    assert.equal(fs.existsSync(path.join(sb.workspace, '.github', 'hooks', 'agentguard.json')), false);
  } finally {
    sb.cleanup();
  }
});

test('install refuses a hook file it cannot parse and changes nothing', () => {
  const sb = sandbox();
  try {
    const claudeFile = path.join(sb.workspace, '.claude', 'settings.json');
    const broken = '{ "hooks": { "PreToolUse": [ \n';
    write(claudeFile, broken);
    write(path.join(sb.workspace, '.cursor', 'hooks.json'), '{ "version": 2, "hooks": {} }');
    const r = cli(sb, ['install', '--claude', '--cursor']);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /claude .*settings\.json {2}REFUSED: cannot read .*settings\.json \(.* at line \d+\); fix or move it, nothing was changed/,
    );
    assert.match(r.stderr, /cursor .*REFUSED: .*"version" is 2; AgentGuard knows version 1/);
    assert.equal(fs.readFileSync(claudeFile, 'utf8'), broken);
    assert.equal(fs.existsSync(claudeFile + '.agentguard-backup'), false);
    assert.equal(cli(sb, ['install', '--bogus']).code, 64);
  } finally {
    sb.cleanup();
  }
});

test('--user writes the user-level files in the home directory', () => {
  const sb = sandbox();
  try {
    const r = cli(sb, ['install', '--user', '--claude', '--cursor']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(sb.home, '.claude', 'settings.json')));
    assert.ok(fs.existsSync(path.join(sb.home, '.cursor', 'hooks.json')));
    assert.equal(fs.existsSync(path.join(sb.workspace, '.claude')), false);
    assert.equal(cli(sb, ['uninstall', '--user']).code, 0);
    assert.equal(fs.existsSync(path.join(sb.home, '.claude', 'settings.json')), false);
  } finally {
    sb.cleanup();
  }
});

test("on Windows each host's hook command is written for the shell that host runs it in (cmd, PowerShell, cmd handed one argument)", () => {
  const launcher = 'C:\\Users\\me\\.agentguard\\bin\\agentguard.cmd';
  // cmd.exe reading the line itself, or Git Bash: a double-quoted path.
  assert.equal(installedCommand('claude', launcher, 'win32'), `"${launcher}" hook claude`);
  // Gemini CLI: powershell -Command LINE, where a quoted path alone is a string, not a call.
  assert.equal(installedCommand('gemini', launcher, 'win32'), `& '${launcher}' hook gemini`);
  assert.equal(
    installedCommand('gemini', "C:\\Users\\o'neil\\.agentguard\\bin\\agentguard.cmd", 'win32'),
    "& 'C:\\Users\\o''neil\\.agentguard\\bin\\agentguard.cmd' hook gemini",
  );
  // Qwen Code: cmd.exe with the line as one argument, its quotes escaped as \" (which cmd cannot read): bare.
  assert.equal(installedCommand('qwen', launcher, 'win32'), `${launcher} hook qwen`);
  assert.throws(
    () => installedCommand('qwen', 'C:\\Users\\John Smith\\.agentguard\\bin\\agentguard.cmd', 'win32'),
    /cannot be written/,
  );
  assert.throws(
    () => installedCommand('qwen', 'C:\\Users\\a&b\\.agentguard\\bin\\agentguard.cmd', 'win32'),
    /cannot be written/,
  );
  for (const host of ['claude', 'gemini', 'qwen'] as const)
    assert.ok(isAgentGuardCommand(installedCommand(host, launcher, 'win32')), host);
  // Elsewhere nothing changes.
  assert.equal(
    installedCommand('gemini', '/h/.agentguard/bin/agentguard', 'linux'),
    "'/h/.agentguard/bin/agentguard' hook gemini",
  );
  assert.equal(
    installedCommand('qwen', '/h/John Smith/.agentguard/bin/agentguard', 'linux'),
    "'/h/John Smith/.agentguard/bin/agentguard' hook qwen",
  );
});

test('the hook command runs the launcher by absolute path, quoted for the shell; the old pinned form is still recognised', () => {
  assert.equal(
    hookCommand('claude', "/home/it's me/.agentguard/bin/agentguard", 'linux'),
    `'/home/it'\\''s me/.agentguard/bin/agentguard' hook claude`,
  );
  assert.equal(
    hookCommand('cursor', 'C:\\Users\\me\\.agentguard\\bin\\agentguard.cmd', 'win32'),
    '"C:\\Users\\me\\.agentguard\\bin\\agentguard.cmd" hook cursor',
  );
  assert.ok(isAgentGuardCommand(hookCommand('copilot', '/h/.agentguard/bin/agentguard')));
  assert.ok(isAgentGuardCommand(hookCommand('cursor', 'C:\\h\\.agentguard\\bin\\agentguard.cmd', 'win32')));
  assert.ok(isAgentGuardCommand(legacyHookCommand('copilot', '/n', '/x/dist/cli.js')));
  assert.ok(isAgentGuardCommand('agentguard hook claude'));
  assert.ok(!isAgentGuardCommand('./scripts/lint-command.sh'));
  // A stale AgentGuard entry (a pinned node and a versioned CLI) is refreshed in place, not duplicated.
  const first = addHook('', 'cursor', legacyHookCommand('cursor', '/old/node', '/x/dist/cli.js'));
  const second = first.ok
    ? addHook(first.text, 'cursor', hookCommand('cursor', '/h/.agentguard/bin/agentguard', 'linux'))
    : first;
  assert.ok(second.ok && second.changed);
  const hooks = second.ok ? parseJsonc(second.text).hooks : {};
  assert.deepEqual(
    hooks.preToolUse.map((h: { command: string }) => h.command),
    [`'/h/.agentguard/bin/agentguard' hook cursor`],
  );
  const removed = second.ok ? removeHook(second.text) : second;
  assert.ok(removed.ok && removed.empty);
});

test('doctor runs each wired hook with a harmless and a dangerous call and reports what the host would see', () => {
  const sb = sandbox();
  // HOME not the account's home (a developer who runs with a HOME of their own); doctor.test.ts runs it with the account's.
  const elsewhere = (args: string[]) => cli(sb, args, process.execPath);
  try {
    const none = elsewhere(['doctor']);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /No agent host is wired to AgentGuard/);

    assert.equal(elsewhere(['install']).code, 0);
    const ok = elsewhere(['doctor']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    // A harmless call: the host's "no decision" (not blocked, no allow); a dangerous one: deny.
    assert.match(
      ok.stdout,
      /claude +project .*settings\.json {2}PreToolUse: harmless true → defer in \d+ ms; dangerous rm -rf \/ → deny in \d+ ms/,
    );
    for (const event of ['beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'preToolUse'])
      assert.match(
        ok.stdout,
        new RegExp(
          `cursor +project .*hooks\\.json  ${event}: harmless true → defer in \\d+ ms; dangerous rm -rf / → deny`,
        ),
      );
    assert.match(ok.stdout, /copilot +project .*agentguard\.json {2}PreToolUse: harmless true → defer/);
    assert.match(ok.stdout, /claude +user .* not wired/);
    // HOME here is not the account's home (a developer who runs with a HOME of their own): the probes run with that
    // HOME, as the hosts do, so the launcher install wrote under it is AgentGuard's and nothing above looks tampered.
    assert.match(ok.stdout, /home +HOME is .*, not your account's home/);
    // A handler planted beside it under AgentGuard's name is met as the host would meet it: the call asks.
    const local = path.join(sb.workspace, '.claude', 'settings.local.json');
    const planted = { type: 'command', command: '/tmp/x/agentguard hook claude' };
    write(local, JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [planted] }] } }));
    assert.match(
      elsewhere(['doctor']).stdout,
      /claude +project .*settings\.json {2}PreToolUse: harmless true → ask in \d+ ms; dangerous rm -rf \/ → deny/,
    );
    fs.rmSync(local);

    // A hook written before the launcher, pointing at a CLI that is gone: stale, and the host would run the call.
    const file = path.join(sb.workspace, '.github', 'hooks', 'agentguard.json');
    const gone = legacyHookCommand(
      'copilot',
      process.execPath,
      path.join(sb.root, 'agentguard.agentguard-0.0.1', 'dist', 'cli.js'),
    );
    fs.writeFileSync(
      file,
      JSON.stringify({ hooks: { PreToolUse: [{ type: 'command', command: gone, timeout: 90 }] } }),
    );
    const broken = elsewhere(['doctor']);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /copilot +project .*PreToolUse: harmless true → FAILS: exited with 1/);
    assert.match(
      broken.stdout,
      /STALE: runs .*agentguard\.agentguard-0\.0\.1.* instead of the launcher; fix: agentguard install --copilot/,
    );

    // A hook that answers a harmless call with an explicit allow switches the host's own prompt off: doctor fails it.
    const eager = path.join(sb.root, 'eager', 'dist', 'cli.js');
    fs.mkdirSync(path.dirname(eager), { recursive: true });
    fs.writeFileSync(
      eager,
      `process.stdin.resume(); process.stdin.on('end', () => process.stdout.write(JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: process.argv[3] === 'claude' ? 'allow' : 'deny', permissionDecisionReason: 'eager' } })));`,
    );
    const settings = path.join(sb.workspace, '.claude', 'settings.json');
    fs.writeFileSync(
      settings,
      JSON.stringify({
        hooks: {
          PreToolUse: [
            {
              matcher: 'Bash',
              hooks: [{ type: 'command', command: legacyHookCommand('claude', process.execPath, eager), timeout: 90 }],
            },
          ],
        },
      }),
    );
    const overriding = elsewhere(['doctor']);
    assert.equal(overriding.code, 1, overriding.stdout);
    assert.match(
      overriding.stdout,
      /claude +project .*PreToolUse: harmless true → FAILS: it answers allow, which switches the host's own permission prompt off \(allow in \d+ ms\)/,
    );
  } finally {
    sb.cleanup();
  }
});
