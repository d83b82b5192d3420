// The editor's install modal: what it says install would change in each
// agent's own sandbox, read from the built CLI's `install --dry-run --json`
// in a throwaway home (the words a human reads before clicking).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOOKS_ONLY, sandboxQuestion, type DryInstall } from '../../../src/core/launcher/sandboxQuestion';
import { CLI, hookEnv, ownAccountNode, sandbox } from '../support/hookHarness';

const LABELS: Record<string, string> = {
  claude: 'Claude Code',
  copilot: 'VS Code agent (Copilot)',
  gemini: 'Gemini CLI',
};

function dryRun(args: string[]): { sb: ReturnType<typeof sandbox>; dry: DryInstall } {
  const sb = sandbox();
  const r = spawnSync(
    ownAccountNode(sb),
    [CLI, 'install', ...args, '--workspace', sb.workspace, '--dry-run', '--json'],
    {
      cwd: sb.workspace,
      env: hookEnv(sb),
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return { sb, dry: JSON.parse(r.stdout) as DryInstall };
}

test(
  'the modal names each host whose sandbox would change, its settings file, every key from what to what, and the deny-write list',
  { skip: process.platform !== 'linux' && 'the Linux paths' },
  () => {
    const { sb, dry } = dryRun(['--claude', '--copilot', '--gemini']);
    try {
      const q = sandboxQuestion(dry, { label: (h) => LABELS[h] ?? h, home: sb.home, workspace: sb.workspace });
      assert.ok(q);
      assert.equal(q.message, "Turn on the agents' sandboxes with AgentGuard's deny-write list?");
      const lines = q.detail.split('\n');
      assert.ok(
        lines.includes(
          'Claude Code — .claude/settings.local.json: sandbox.enabled set to true (was unset); sandbox.allowUnsandboxedCommands set to false (was unset); ' +
            `${dry.denyWrite!.length} paths added to its deny-write list.`,
        ),
        q.detail,
      );
      assert.ok(
        lines.some((l) =>
          l.startsWith(
            'VS Code agent (Copilot) — .vscode/settings.json: chat.agent.sandbox.enabled set to "on" (was unset); ',
          ),
        ),
        q.detail,
      );
      // Gemini CLI has no sandbox install turns on: not named.
      assert.ok(!q.detail.includes('Gemini'), q.detail);
      const listLine = lines.find((l) => l.startsWith('The deny-write list ('));
      const named = dry
        .denyWrite!.slice(0, 8)
        .map((p) => (p.startsWith(`${sb.home}/`) ? `~${p.slice(sb.home.length)}` : p));
      assert.ok(named.includes('~/.agentguard') && named.includes('~/.local/bin'), JSON.stringify(named));
      assert.equal(
        listLine,
        `The deny-write list (${dry.denyWrite!.length} paths): ${named.join(', ')}, and ${dry.denyWrite!.length - 8} more (every one in the AgentGuard log).`,
      );
      assert.ok(lines.at(-1)!.startsWith(`"${HOOKS_ONLY}" leaves the sandbox settings as they are`));
    } finally {
      sb.cleanup();
    }
  },
);

test('one host: the modal names its sandbox as the editor does, never a possessive on a parenthesis ("(Copilot)\'s")', () => {
  const { sb, dry } = dryRun(['--copilot']);
  try {
    const names: Record<string, string> = { copilot: "VS Code's agent sandbox (Copilot)" };
    const q = sandboxQuestion(dry, {
      label: (h) => LABELS[h] ?? h,
      sandboxName: (h) => names[h],
      home: sb.home,
      workspace: sb.workspace,
    });
    assert.ok(q);
    assert.equal(q.message, "Turn on VS Code's agent sandbox (Copilot) with AgentGuard's deny-write list?");
    assert.ok(q.detail.startsWith("Installing hooks also turns on VS Code's agent sandbox (Copilot): "), q.detail);
    assert.ok(!/\)'s/.test(q.message + q.detail), q.detail);
    // A host without a name of its own: "<label>'s sandbox".
    const plain = sandboxQuestion(dry, { label: () => 'Claude Code', home: sb.home, workspace: sb.workspace });
    assert.equal(plain?.message, "Turn on Claude Code's sandbox with AgentGuard's deny-write list?");
  } finally {
    sb.cleanup();
  }
});

test("no modal when no picked host's sandbox would change (already on, or none install can set)", () => {
  const { sb, dry } = dryRun(['--claude']);
  try {
    const inst = spawnSync(ownAccountNode(sb), [CLI, 'install', '--claude', '--workspace', sb.workspace], {
      cwd: sb.workspace,
      env: hookEnv(sb),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(inst.status, 0, inst.stderr);
    assert.ok(
      sandboxQuestion(dry, { label: (h) => h, home: sb.home, workspace: sb.workspace }),
      "before install Claude Code's sandbox would change",
    );
    const again = dryRun(['--gemini']);
    again.sb.cleanup();
    assert.equal(
      sandboxQuestion(again.dry, { label: (h) => h, home: sb.home, workspace: sb.workspace }),
      undefined,
      'Gemini CLI: nothing install turns on',
    );
    const after = spawnSync(
      process.execPath,
      [CLI, 'install', '--claude', '--workspace', sb.workspace, '--dry-run', '--json'],
      { cwd: sb.workspace, env: hookEnv(sb), encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(
      sandboxQuestion(JSON.parse(after.stdout) as DryInstall, {
        label: (h) => h,
        home: sb.home,
        workspace: sb.workspace,
      }),
      undefined,
      'already on: nothing to ask',
    );
    assert.ok(fs.existsSync(path.join(sb.workspace, '.claude', 'settings.local.json')));
  } finally {
    sb.cleanup();
  }
});
