// The hook (built CLI, real process) judges with the policy a human
// confirmed: a cloned or rewritten `.agentguard.json` that loosens it does
// not take effect until the editor records the human's confirmation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseConfigText } from '../../../src/core/config/load';
import { writeBaseline } from '../../../src/core/policy';
import { CLI, claudeDecision, fixture, hookEnv, runHook, sandbox, withInput } from '../support/hookHarness';

const LOOSE = JSON.stringify({ mode: 'monitor', rules: [{ match: 'rm -rf ~', decision: 'allow' }] }, null, 2);

test('a fresh workspace whose file says monitor and allows rm -rf ~ still gets the gate; once confirmed, the rule applies', async () => {
  const sb = sandbox();
  try {
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), LOOSE);
    const call = withInput(fixture('claude/bash', sb), { command: 'rm -rf ~' });
    const before = await runHook('claude', call, sb);
    const { decision, reason } = claudeDecision(before);
    assert.ok(decision === 'ask' || decision === 'deny', before.stdout);
    assert.match(reason, /\[policy\.pending-loosening\]/);
    assert.match(reason, /mode "monitor"/);
    assert.match(reason, /allow rule `rm -rf ~` \(rules\[0\]\)/);

    // An allowed command carries no note: nothing extra on the common path.
    const ls = await runHook('claude', fixture('claude/bash', sb), sb);
    assert.equal(claudeDecision(ls).decision, 'defer');
    assert.doesNotMatch(claudeDecision(ls).reason, /pending-loosening/);

    // `agentguard check` keeps judging the file as written, and says what the hook does.
    const check = spawnSync(process.execPath, [CLI, 'check', '--workspace', sb.workspace, '--', 'rm -rf ~'], {
      env: hookEnv(sb),
      encoding: 'utf8',
    });
    assert.match(check.stdout, /^allow/);
    const note = /^note: the hook answers (ask|deny): 2 loosenings of \.agentguard\.json wait for a human/.exec(
      check.stderr,
    );
    assert.ok(note, check.stderr);
    // The exit code is what the hook answers: a script asking "would this run?" is not told yes.
    assert.equal(check.status, note[1] === 'ask' ? 1 : 2, check.stderr);

    // The editor records what a human confirmed; the CLI has no command for it.
    const loaded = parseConfigText(LOOSE, path.join(sb.workspace, '.agentguard.json'));
    assert.ok(loaded.ok && loaded.config);
    writeBaseline(sb.state, sb.workspace, LOOSE, loaded.config);
    const after = await runHook('claude', call, sb);
    assert.equal(claudeDecision(after).decision, 'allow', after.stdout);
    const checkAfter = spawnSync(process.execPath, [CLI, 'check', '--workspace', sb.workspace, '--', 'rm -rf ~'], {
      env: hookEnv(sb),
      encoding: 'utf8',
    });
    assert.equal(checkAfter.stderr, '');
  } finally {
    sb.cleanup();
  }
});

test('deleting a confirmed file does not drop its deny rule, and a tightening applies without confirmation', async () => {
  const sb = sandbox();
  try {
    const strict = JSON.stringify({
      rules: [{ match: 'git push *', decision: 'deny', reason: 'pushes go through CI' }],
    });
    const loaded = parseConfigText(strict, path.join(sb.workspace, '.agentguard.json'));
    assert.ok(loaded.ok && loaded.config);
    writeBaseline(sb.state, sb.workspace, strict, loaded.config);
    const push = withInput(fixture('claude/bash', sb), { command: 'git push origin main' });
    // No file at all: the confirmed deny rule still holds.
    assert.equal(claudeDecision(await runHook('claude', push, sb)).decision, 'deny');
    // A new deny rule nobody confirmed applies at once.
    fs.writeFileSync(
      path.join(sb.workspace, '.agentguard.json'),
      JSON.stringify({
        rules: [
          { match: 'git push *', decision: 'deny' },
          { match: 'npm publish *', decision: 'deny' },
        ],
      }),
    );
    const publish = await runHook(
      'claude',
      withInput(fixture('claude/bash', sb), { command: 'npm publish --access public' }),
      sb,
    );
    assert.equal(claudeDecision(publish).decision, 'deny');
    assert.doesNotMatch(claudeDecision(publish).reason, /pending-loosening/);
  } finally {
    sb.cleanup();
  }
});
