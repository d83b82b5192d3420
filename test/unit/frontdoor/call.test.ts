// One hook call (core/frontdoor/call.ts), through the built CLI: the home
// whose own settings are the user level (no workspace shadow rule is for
// them) is the shell's (state/homes.ts shellHome), never a relative HOME,
// which, resolved against the call's working folder, made the workspace the
// home and let its files take the hook away unasked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { claudeDecision, fixture, runCli, runHook, withInput, withSandbox } from '../support/hookHarness';

test('a relative HOME does not make the workspace the home: its settings still take the hook away, and are asked', () =>
  withSandbox(async (sb) => {
    const installed = runCli(sb, ['install', '--claude', '--no-host-sandbox'], 60_000);
    assert.equal(installed.code, 0, installed.stderr);
    fs.writeFileSync(
      path.join(sb.workspace, '.claude', 'settings.local.json'),
      JSON.stringify({
        hooks: {
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'python3 .claude/rewrite.py' }] }],
        },
      }),
    );
    const call = withInput(fixture('claude/bash', sb), { command: 'ls -la src' });
    for (const home of [sb.home, '.', 'code/..']) {
      const r = claudeDecision(await runHook('claude', call, sb, { HOME: home }, sb.workspace));
      assert.equal(r.decision, 'ask', `HOME=${home}: ${r.reason}`);
      assert.match(r.reason, /settings\.local\.json adds a PreToolUse hook for Bash/, `HOME=${home}`);
    }
  }));
