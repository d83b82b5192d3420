// Where a call is judged again: every other workspace it acts in, with that
// workspace's own policy. The look is bounded, and a call past the bound is
// asked about rather than judged in the first places only, so a stricter
// policy in the seventeenth folder a line moves into still holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_DIRS, MAX_WORKSPACES, otherWorkspaces, requestDirs } from '../../../src/core/request/targets';
import { claudeDecision, fixture, runHook, withInput, withSandbox } from '../support/hookHarness';

const loc = { workspace: '/w/app', cwd: '/w/app' } as Parameters<typeof requestDirs>[1];

test('the folders a call acts in are looked at up to the bound, and more is said', () => {
  const cmds = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ argv: ['true'], cwd: `/w/d${i}` })) as unknown as Parameters<
      typeof requestDirs
    >[2] extends () => infer R
      ? R
      : never;
  const shell = { kind: 'shell', command: '' } as Parameters<typeof requestDirs>[0];
  const within = requestDirs(shell, loc, () => cmds(MAX_DIRS));
  assert.equal(within.found.length, MAX_DIRS);
  assert.equal(within.more, false);
  const past = requestDirs(shell, loc, () => cmds(MAX_DIRS + 1));
  assert.equal(past.more, true);
  // The same folder named again is not more.
  const again = requestDirs(shell, loc, () => [...cmds(MAX_DIRS), ...cmds(MAX_DIRS)]);
  assert.equal(again.more, false);
});

test('more other workspaces with a policy than are judged is said', () => {
  const roots = Array.from({ length: MAX_WORKSPACES + 1 }, (_, i) => `/w/p${i}`);
  const exists = (p: string) => roots.some((r) => p === path.join(r, '.agentguard.json') || p === path.join(r, '.git'));
  assert.deepEqual(otherWorkspaces(roots.slice(0, MAX_WORKSPACES), loc, exists), {
    found: roots.slice(0, MAX_WORKSPACES),
    more: false,
  });
  assert.equal(otherWorkspaces(roots, loc, exists).more, true);
});

test("a workspace's deny rule holds for a line that reaches it after more folders than used to be looked at", () =>
  withSandbox(async (sb) => {
    fs.writeFileSync(
      path.join(sb.workspace, '.agentguard.json'),
      JSON.stringify({ rules: [{ match: 'git push *', decision: 'deny', reason: 'pushes go through CI' }] }),
    );
    const sibling = path.join(sb.home, 'code', 'other');
    fs.mkdirSync(path.join(sibling, '.git'), { recursive: true });
    const bash = (command: string) =>
      runHook('claude', { ...withInput(fixture('claude/bash', sb), { command }), cwd: sibling }, sb, {}, sibling);
    // Twenty harmless folders first; the push acts in the workspace.
    const padding = Array.from({ length: 20 }, (_, i) => `git -C /tmp/pad${i} status`).join(' && ');
    const pushed = claudeDecision(await bash(`${padding} && git -C ${sb.workspace} push origin main`));
    assert.equal(pushed.decision, 'deny', pushed.reason);
    assert.match(pushed.reason, /pushes go through CI/);
    // More other workspaces with a policy of their own than are judged again: asked, naming the bound.
    const others = Array.from({ length: MAX_WORKSPACES + 1 }, (_, i) => path.join(sb.home, 'code', `svc${i}`));
    for (const dir of others) {
      fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.agentguard.json'), '{}');
    }
    const line = (dirs: string[]) => dirs.map((d) => `git -C ${d} status`).join(' && ');
    assert.equal(claudeDecision(await bash(line(others.slice(0, MAX_WORKSPACES)))).decision, 'defer');
    const asked = claudeDecision(await bash(line(others)));
    assert.equal(asked.decision, 'ask', asked.reason);
    assert.match(asked.reason, /more than 4 other workspaces with a policy of their own/);
    // A few folders stay quiet.
    assert.equal(claudeDecision(await bash('git -C /tmp/a status && git -C /tmp/b status')).decision, 'defer');
  }));
