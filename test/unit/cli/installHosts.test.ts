// install / uninstall round trips for every agent host, through the built
// CLI: merged into files that already hold other hooks and comments, with a
// backup, idempotent, and uninstall removes exactly what install added.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { HOST_HOOK_FILES, hookCommand } from '../../../src/core/hosts/hostConfig';
import { GEMINI_MATCHER } from '../../../src/core/hosts/gemini';
import { launcherPath } from '../../../src/core/launcher';
import { ownAccountNode, runCli, sandbox, type Sandbox } from '../support/hookHarness';

/** The built CLI (hookHarness runCli); by default as the sandbox's own account, so HOME is the account's home, as a developer has it. */
const cli = (sb: Sandbox, args: string[], node = ownAccountNode(sb)) => runCli(sb, args, 60_000, node);

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The home of the sandbox under test: hook commands run its launcher. */
let home = '';
const command = (host: string) => hookCommand(host as 'claude', launcherPath(home));

/** Hook files as teams have them: comments, other hooks, other settings. */
const EXISTING: Record<
  string,
  { file: string; text: string; check(after: Record<string, unknown>, ws: string): void }
> = {
  windsurf: {
    file: '.windsurf/hooks.json',
    text: '{\n  // audit every command\n  "hooks": {\n    "pre_run_command": [{ "command": "./hooks/audit.sh" }],\n    "post_write_code": [{ "command": "./hooks/format.sh" }]\n  }\n}\n',
    check: (a) => {
      const hooks = a.hooks as Record<string, unknown[]>;
      assert.deepEqual(hooks.pre_run_command, [
        { command: './hooks/audit.sh' },
        { command: command('windsurf'), show_output: true },
      ]);
      assert.deepEqual(hooks.pre_write_code, [{ command: command('windsurf'), show_output: true }]);
      assert.deepEqual(hooks.pre_mcp_tool_use, [{ command: command('windsurf'), show_output: true }]);
      assert.deepEqual(hooks.pre_read_code, [{ command: command('windsurf'), show_output: true }]);
      assert.deepEqual(hooks.post_write_code, [{ command: './hooks/format.sh' }]);
    },
  },
  gemini: {
    file: '.gemini/settings.json',
    text: '{\n  // project settings\n  "theme": "GitHub",\n  "hooks": {\n    "BeforeTool": [\n      { "matcher": "write_file", "hooks": [{ "type": "command", "command": "./scripts/lint.sh", "timeout": 5000 }] }\n    ]\n  }\n}\n',
    check: (a) => {
      assert.equal(a.theme, 'GitHub');
      const groups = (a.hooks as Record<string, { matcher: string; hooks: unknown[] }[]>).BeforeTool;
      assert.deepEqual(
        groups.map((g) => g.matcher),
        ['write_file', GEMINI_MATCHER],
      );
      assert.deepEqual(groups[1].hooks, [
        { type: 'command', name: 'agentguard', command: command('gemini'), timeout: 90_000 },
      ]);
    },
  },
  codex: {
    file: '.codex/hooks.json',
    text: '{\n  "hooks": {\n    "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "python3 .codex/check.py", "timeout": 10 }] }],\n    "Stop": [{ "hooks": [{ "type": "command", "command": "./notify.sh" }] }]\n  }\n}\n',
    check: (a) => {
      const hooks = a.hooks as Record<string, { matcher?: string; hooks: unknown[] }[]>;
      assert.deepEqual(
        hooks.PreToolUse.map((g) => g.matcher),
        ['Bash', 'Bash|apply_patch|mcp__.*'],
      );
      assert.deepEqual(hooks.PreToolUse[1].hooks, [{ type: 'command', command: command('codex'), timeout: 90 }]);
      assert.equal(hooks.Stop.length, 1);
    },
  },
  augment: {
    file: '.augment/settings.json',
    text: '{\n  // team rules\n  "hooks": {\n    "PreToolUse": [{ "matcher": "save-file", "hooks": [{ "type": "command", "command": "./check-write.sh" }] }]\n  }\n}\n',
    check: (a) => {
      const groups = (a.hooks as Record<string, { matcher: string; hooks: unknown[] }[]>).PreToolUse;
      assert.equal(groups.length, 2);
      assert.deepEqual(groups[1].hooks, [{ type: 'command', command: command('augment'), timeout: 90 }]);
    },
  },
  amp: {
    file: '.amp/settings.json',
    text: '{\n  // amp workspace settings\n  "amp.notifications.enabled": false,\n  "amp.permissions": [\n    { "tool": "Bash", "matches": { "cmd": "git status" }, "action": "allow" }\n  ]\n}\n',
    check: (a, ws) => {
      assert.equal(a['amp.notifications.enabled'], false);
      // First, so no earlier rule decides without AgentGuard.
      assert.deepEqual(a['amp.permissions'], [
        { tool: '*', action: 'delegate', to: path.join(ws, '.amp', 'agentguard-delegate') },
        { tool: 'Bash', matches: { cmd: 'git status' }, action: 'allow' },
      ]);
      const delegate = fs.readFileSync(path.join(ws, '.amp', 'agentguard-delegate'), 'utf8');
      assert.match(delegate, /^#!\/bin\/sh\n/);
      assert.ok(delegate.includes(`exec ${command('amp')}\n`));
      assert.ok((fs.statSync(path.join(ws, '.amp', 'agentguard-delegate')).mode & 0o111) !== 0);
    },
  },
};

test("install merges into each host's existing hook file, keeps comments and others' hooks, backs up, is idempotent; uninstall restores", () => {
  const sb = sandbox();
  home = sb.home;
  try {
    for (const e of Object.values(EXISTING)) write(path.join(sb.workspace, e.file), e.text);
    // Copilot CLI's file sits beside others' hook files in .github/hooks: they stay untouched.
    write(
      path.join(sb.workspace, '.github', 'hooks', 'team.json'),
      '{ "version": 1, "hooks": { "preToolUse": [{ "type": "command", "bash": "./t.sh" }] } }\n',
    );
    const hosts = ['windsurf', 'cline', 'gemini', 'codex', 'copilot-cli', 'kiro', 'augment', 'amp', 'opencode'];
    const r = cli(sb, ['install', ...hosts.map((h) => `--${h}`)]);
    assert.equal(r.code, 0, r.stderr);
    for (const [host, e] of Object.entries(EXISTING)) {
      const file = path.join(sb.workspace, e.file);
      const text = fs.readFileSync(file, 'utf8');
      if (e.text.includes('//')) assert.match(text, /\/\/ /, `${host} keeps its comment`);
      e.check(parseJsonc(text), sb.workspace);
      assert.equal(fs.readFileSync(file + '.agentguard-backup', 'utf8'), e.text, `${host} backup`);
    }
    const cline = path.join(sb.workspace, '.clinerules', 'hooks', 'PreToolUse');
    assert.ok(fs.readFileSync(cline, 'utf8').includes(`exec ${command('cline')}\n`));
    assert.ok((fs.statSync(cline).mode & 0o111) !== 0, 'Cline runs only executable hook files');
    assert.deepEqual(
      JSON.parse(fs.readFileSync(path.join(sb.workspace, '.github', 'hooks', 'agentguard-cli.json'), 'utf8')),
      {
        version: 1,
        hooks: {
          preToolUse: [
            {
              type: 'command',
              bash: command('copilot-cli'),
              powershell: `& ${command('copilot-cli')}`,
              timeoutSec: 90,
            },
          ],
        },
      },
    );
    const kiro = JSON.parse(fs.readFileSync(path.join(sb.workspace, '.kiro', 'hooks', 'agentguard.json'), 'utf8'));
    assert.deepEqual(kiro.hooks[0].action, { type: 'command', command: command('kiro') });
    assert.equal(kiro.hooks[0].timeout, 90);
    const plugin = fs.readFileSync(path.join(sb.workspace, '.opencode', 'plugins', 'agentguard.js'), 'utf8');
    assert.ok(plugin.includes(`const HOOK = ${JSON.stringify([launcherPath(sb.home), 'hook', 'opencode'])};`));
    assert.match(plugin, /"tool\.execute\.before": async \(input, output\) =>/);

    // Idempotent: nothing changes, not even the backups.
    const snapshot = () =>
      hosts.map((h) =>
        HOST_HOOK_FILES.filter((f) => f.host === h && f.scope === 'project').map((f) => {
          const p = path.join(sb.workspace, f.path);
          return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
        }),
      );
    const before = snapshot();
    const again = cli(sb, ['install', ...hosts.map((h) => `--${h}`)]);
    assert.equal(again.code, 0);
    assert.equal(again.stdout.match(/already installed/g)?.length, hosts.length, again.stdout);
    assert.deepEqual(snapshot(), before);

    const un = cli(sb, ['uninstall', ...hosts.map((h) => `--${h}`)]);
    assert.equal(un.code, 0, un.stderr);
    for (const [host, e] of Object.entries(EXISTING)) {
      const text = fs.readFileSync(path.join(sb.workspace, e.file), 'utf8');
      assert.deepEqual(parseJsonc(text), parseJsonc(e.text), host);
      if (e.text.includes('//')) assert.match(text, /\/\/ /, `${host} keeps its comment`);
    }
    for (const gone of [
      '.clinerules/hooks/PreToolUse',
      '.kiro/hooks/agentguard.json',
      '.opencode/plugins/agentguard.js',
      '.github/hooks/agentguard-cli.json',
      '.amp/agentguard-delegate',
    ]) {
      assert.equal(fs.existsSync(path.join(sb.workspace, gone)), false, gone);
    }
    assert.ok(fs.existsSync(path.join(sb.workspace, '.github', 'hooks', 'team.json')));
  } finally {
    sb.cleanup();
  }
});

test('a hook file AgentGuard did not write is never overwritten; an unparseable settings file is refused', () => {
  const sb = sandbox();
  try {
    const cline = path.join(sb.workspace, '.clinerules', 'hooks', 'PreToolUse');
    write(cline, '#!/bin/sh\necho \'{"cancel": false}\'\n');
    write(path.join(sb.workspace, '.gemini', 'settings.json'), '{ "hooks": { "BeforeTool": [ \n');
    const r = cli(sb, ['install', '--cline', '--gemini', '--windsurf']);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /cline .*PreToolUse {2}REFUSED: .* exists and is not AgentGuard's; move it \(or merge it by hand\), nothing was changed/,
    );
    assert.match(r.stderr, /gemini .*REFUSED: cannot read/);
    assert.match(r.stdout, /windsurf .*hook added \(new file\)/);
    assert.equal(fs.readFileSync(cline, 'utf8'), '#!/bin/sh\necho \'{"cancel": false}\'\n');
    // Uninstall leaves a foreign hook file alone.
    assert.equal(cli(sb, ['uninstall', '--cline']).code, 0);
    assert.ok(fs.existsSync(cline));
  } finally {
    sb.cleanup();
  }
});

test('--user wires every host in the home directory, and uninstall --user removes it all', () => {
  const sb = sandbox();
  try {
    const hosts = ['windsurf', 'cline', 'gemini', 'codex', 'copilot-cli', 'kiro', 'augment', 'amp', 'opencode'];
    const r = cli(sb, ['install', '--user', ...hosts.map((h) => `--${h}`)]);
    assert.equal(r.code, 0, r.stderr);
    for (const f of HOST_HOOK_FILES.filter((x) => x.scope === 'user' && hosts.includes(x.host))) {
      assert.ok(fs.existsSync(path.join(sb.home, f.path.slice(2))), f.path);
    }
    assert.deepEqual(fs.readdirSync(sb.workspace).sort(), ['.git', 'src']);
    assert.equal(cli(sb, ['uninstall', '--user']).code, 0);
    for (const f of HOST_HOOK_FILES.filter((x) => x.scope === 'user'))
      assert.equal(fs.existsSync(path.join(sb.home, f.path.slice(2))), false, f.path);
  } finally {
    sb.cleanup();
  }
});

test("doctor runs every installed host's hook the way the host does and reads the answer with the host's rules", () => {
  const sb = sandbox();
  try {
    const hosts = ['windsurf', 'cline', 'gemini', 'codex', 'copilot-cli', 'kiro', 'augment', 'amp', 'opencode'];
    assert.equal(cli(sb, ['install', ...hosts.map((h) => `--${h}`)]).code, 0);
    const r = cli(sb, ['doctor']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    if (ownAccountNode(sb) !== process.execPath) assert.doesNotMatch(r.stdout, /^home /m, "HOME is the account's home");
    for (const [host, event] of [
      ['windsurf', 'pre_run_command'],
      ['windsurf', 'pre_write_code'],
      ['windsurf', 'pre_mcp_tool_use'],
      ['cline', 'PreToolUse'],
      ['gemini', 'BeforeTool'],
      ['codex', 'PreToolUse'],
      ['copilot-cli', 'preToolUse'],
      ['kiro', 'PreToolUse'],
      ['augment', 'PreToolUse'],
      ['amp', 'amp.permissions'],
      ['opencode', 'tool.execute.before'],
    ]) {
      // The host's own "no decision" for a harmless call (Amp's delegate has none: its default, ask).
      const harmless = host === 'amp' ? 'ask' : 'defer';
      assert.match(
        r.stdout,
        new RegExp(
          `${host} +project .*  ${event.replace('.', '\\.')}: harmless true → ${harmless} in \\d+ ms; dangerous rm -rf / → deny in \\d+ ms`,
        ),
        host,
      );
    }
    // The probes never touch the real state: no audit entries (install's own of the hosts' sandboxes aside), no rate limit, no kill switch.
    const log = path.join(sb.state, 'audit.jsonl');
    const entries = fs.existsSync(log)
      ? fs
          .readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { event?: string }).event)
      : [];
    assert.deepEqual(entries, ['host-sandbox.installed']);

    // A plugin whose program is gone blocks every call, and doctor says so.
    const plugin = path.join(sb.workspace, '.opencode', 'plugins', 'agentguard.js');
    fs.writeFileSync(plugin, fs.readFileSync(plugin, 'utf8').replace('bin/agentguard"', 'bin/missing/agentguard"'));
    const broken = cli(sb, ['doctor']);
    assert.equal(broken.code, 1);
    assert.match(
      broken.stdout,
      /opencode +project .* harmless true → FAILS: it blocks even a harmless call \(deny in \d+ ms\)/,
    );

    // An answer that is neither allow nor "no decision" blocks too, whatever it says.
    const odd = path.join(sb.root, 'odd', 'dist', 'cli.js');
    fs.mkdirSync(path.dirname(odd), { recursive: true });
    fs.writeFileSync(
      odd,
      `process.stdin.resume(); process.stdin.on('end', () => process.stdout.write(JSON.stringify({ decision: 'maybe', reason: 'odd' })));`,
    );
    fs.writeFileSync(
      plugin,
      fs.readFileSync(plugin, 'utf8').replace(/"[^"]*dist\/missing\/cli\.js"/, JSON.stringify(odd)),
    );
    const oddRun = cli(sb, ['doctor']);
    assert.match(
      oddRun.stdout,
      /opencode +project .* harmless true → FAILS: it blocks even a harmless call \(deny in \d+ ms\)/,
    );
  } finally {
    sb.cleanup();
  }
});

test("install says what a host needs before it calls the hook at all: Codex a human's trust in /hooks, or the managed install", () => {
  const sb = sandbox();
  try {
    const r = cli(sb, ['install', '--codex', '--claude', '--workspace', sb.workspace]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Codex CLI: Codex calls this hook only once a human trusts it: .*open \/hooks and trust AgentGuard's PreToolUse hook.*agentguard install --managed --codex/m,
    );
    // Claude Code calls its hook as soon as it reads the file: nothing to add.
    assert.doesNotMatch(r.stdout, /^Claude Code:/m);
    const again = cli(sb, ['install', '--claude', '--workspace', sb.workspace]);
    assert.doesNotMatch(again.stdout, /Codex/);
  } finally {
    sb.cleanup();
  }
});
