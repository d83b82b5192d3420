// Hosts with no sandbox AgentGuard can turn on (Cline, Windsurf, Kiro CLI,
// Augment, Amp): install wires their hooks and leaves their settings
// without a sandbox key, and `doctor` says `none` for each, with what the
// host has instead, through the built CLI in a throwaway home.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostSandboxStatus } from '../../../src/core/launcher/hostSandbox';
import { CLI, hookEnv, ownAccountNode, sandbox, type Sandbox } from '../support/hookHarness';

const HOSTS: ReadonlyArray<{ id: string; label: string; instead: RegExp }> = [
  {
    id: 'cline',
    label: 'Cline',
    instead: /its "sandbox mode" \(`--data-dir`, CLINE_SANDBOX=1\) only moves its own state folder/,
  },
  {
    id: 'windsurf',
    label: 'Windsurf',
    instead: /`windsurf\.cascadeCommandsAllowList`\/`DenyList` only decide whether it asks first/,
  },
  {
    id: 'kiro',
    label: 'Kiro CLI',
    instead: /local command sandbox \(kiro\.dev\/docs\/sandbox\).*install leaves it to you/,
  },
  {
    id: 'augment',
    label: 'Augment',
    instead: /its `toolPermissions` \(~\/\.augment\/settings\.json\) only allow, deny or ask/,
  },
  { id: 'amp', label: 'Amp', instead: /its `amp\.permissions` rules only allow, reject, ask or delegate a tool call/ },
];

function cli(sb: Sandbox, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(ownAccountNode(sb), [CLI, ...args], {
    cwd: sb.workspace,
    env: hookEnv(sb),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('Cline, Windsurf, Kiro CLI, Augment and Amp: status none, and doctor says what each has instead of a sandbox', () => {
  const sb = sandbox();
  try {
    for (const h of HOSTS) {
      const s = hostSandboxStatus(h.id as never, sb.workspace, sb.home, [], {});
      assert.equal(s.status, 'none', h.id);
      assert.equal(s.unjudged, undefined, `${h.id}: its hooks stay on`);
    }
    const inst = cli(sb, ['install', ...HOSTS.map((h) => `--${h.id}`)]);
    assert.equal(inst.code, 0, inst.stderr);
    const doctor = cli(sb, ['doctor']).stdout;
    const lines = doctor.split('\n');
    for (const h of HOSTS) {
      const at = lines.findIndex((l) =>
        l.startsWith(
          `sandbox    ${h.id.padEnd(11)} none: ${h.label}: no sandbox AgentGuard can turn on; routine calls run unconfined`,
        ),
      );
      assert.ok(at >= 0, `${h.id}'s status line in:\n${doctor}`);
      assert.match(lines[at + 1] ?? '', h.instead, `${h.id}: what it has instead, under its status`);
    }
  } finally {
    sb.cleanup();
  }
});
