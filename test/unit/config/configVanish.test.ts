// A `.agentguard.json` that vanishes is a loosening, not "no config": with no
// editor running, the hook (built CLI, real process) keeps the deny rules of
// a file an agent removed, moved or left as a dangling symbolic link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBaseline } from '../../../src/core/policy';
import { spawnSync } from 'node:child_process';
import { CLI, claudeDecision, fixture, hookEnv, runHook, withInput, withSandbox } from '../support/hookHarness';

const STRICT = JSON.stringify(
  { rules: [{ match: 'git push *', decision: 'deny', reason: 'pushes go through CI' }] },
  null,
  2,
);

test('a config removed after the hook judged with it keeps its deny rules until a human confirms the removal', () =>
  withSandbox(async (sb) => {
    const file = path.join(sb.workspace, '.agentguard.json');
    fs.writeFileSync(file, STRICT);
    const push = withInput(fixture('claude/bash', sb), { command: 'git push origin main' });
    assert.equal(claudeDecision(await runHook('claude', push, sb)).decision, 'deny');
    assert.ok(readBaseline(sb.state, sb.workspace)?.config?.rules?.length, 'what the file tightens is the floor now');
    // Only stricter than the defaults: the floor is the file as written, as the editor records it.
    assert.equal(readBaseline(sb.state, sb.workspace)?.text, STRICT);
    fs.rmSync(file);
    const after = await runHook('claude', push, sb);
    const { decision, reason } = claudeDecision(after);
    assert.equal(decision, 'deny', after.stdout);
    assert.match(reason, /pushes go through CI/);
    assert.match(reason, /\[policy\.pending-loosening\]/);
    // Harmless calls stay quiet.
    assert.equal(claudeDecision(await runHook('claude', fixture('claude/bash', sb), sb)).decision, 'defer');
  }));

test('a config moved away (renamed) is the same loosening', () =>
  withSandbox(async (sb) => {
    const file = path.join(sb.workspace, '.agentguard.json');
    fs.writeFileSync(file, STRICT);
    const push = withInput(fixture('claude/bash', sb), { command: 'git push origin main' });
    assert.equal(claudeDecision(await runHook('claude', push, sb)).decision, 'deny');
    fs.renameSync(file, path.join(sb.workspace, 'agentguard.json.bak'));
    assert.equal(claudeDecision(await runHook('claude', push, sb)).decision, 'deny');
  }));

test('a config that is a symbolic link whose target is gone is never "no config"', () =>
  withSandbox(async (sb) => {
    const target = path.join(sb.home, 'policies', 'acme.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, STRICT);
    fs.symlinkSync(target, path.join(sb.workspace, '.agentguard.json'));
    const push = withInput(fixture('claude/bash', sb), { command: 'git push origin main' });
    assert.equal(claudeDecision(await runHook('claude', push, sb)).decision, 'deny');
    fs.rmSync(target);
    const after = claudeDecision(await runHook('claude', push, sb));
    assert.equal(after.decision, 'deny', after.reason);
    // Even a first look at a dangling link (no floor yet) is a broken config, which asks.
    fs.rmSync(path.join(sb.state, 'policy'), { recursive: true, force: true });
    const first = claudeDecision(await runHook('claude', fixture('claude/bash', sb), sb));
    assert.equal(first.decision, 'ask', first.reason);
    assert.match(first.reason, /symbolic link to .*acme\.json, which does not exist/);
  }));

test('check and env on a folder that does not exist fail as install does, instead of judging with no rules', () =>
  withSandbox(async (sb) => {
    const missing = path.join(sb.home, 'code', 'no-such-project');
    for (const args of [
      ['check', '--workspace', missing, '--', 'git push'],
      ['env', '--workspace', missing],
    ]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { env: hookEnv(sb), encoding: 'utf8' });
      assert.equal(r.status, 64, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /workspace .*no-such-project is not a directory/);
    }
  }));

test('check on a file in monitor mode nobody confirmed exits with what the hook answers', () =>
  withSandbox(async (sb) => {
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), JSON.stringify({ mode: 'monitor' }));
    const r = spawnSync(process.execPath, [CLI, 'check', '--workspace', sb.workspace, '--', 'rm -rf ~'], {
      env: hookEnv(sb),
      encoding: 'utf8',
    });
    assert.match(r.stdout, /^allow .*\n.*\n[\s\S]*monitor mode: would have been deny/);
    assert.match(r.stderr, /^note: the hook answers deny/);
    assert.equal(r.status, 2);
    const hook = claudeDecision(
      await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'rm -rf ~' }), sb),
    );
    assert.equal(hook.decision, 'deny');
  }));
