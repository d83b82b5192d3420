// Hook files AgentGuard writes whole (Cline, Kiro, OpenCode, Amp's delegate):
// what the editor remembers, when it writes one back, and that the write
// back replaces a link or FIFO instead of going through it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatedFile } from '../../../src/core/hosts/hostFiles';
import { planWholeHookFile, replaceHookFile } from '../../../src/core/policy/hookRestore';

const LAUNCHER = '/home/me/.agentguard/bin/agentguard';

test('each generated hook file is remembered; deleted or replaced, it is written back as it was', () => {
  for (const host of ['cline', 'kiro', 'opencode', 'amp'] as const) {
    const ours = generatedFile(host, LAUNCHER, 30, 'linux');
    assert.deepEqual(planWholeHookFile({}, ours), { kind: 'remember', text: ours }, host);
    assert.deepEqual(planWholeHookFile({ text: ours }, undefined), { kind: 'restore', text: ours }, `${host}: deleted`);
    assert.deepEqual(
      planWholeHookFile({ text: ours }, '#!/bin/sh\nexit 0\n'),
      { kind: 'restore', text: ours, replaced: '#!/bin/sh\nexit 0\n' },
      `${host}: replaced`,
    );
    // A reinstall (another home, another timeout) is still AgentGuard's file: the new text is what to keep.
    const reinstalled = generatedFile(host, '/Users/me/.agentguard/bin/agentguard', 60, 'linux');
    assert.deepEqual(
      planWholeHookFile({ text: ours }, reinstalled),
      { kind: 'remember', text: reinstalled },
      `${host}: reinstalled`,
    );
  }
});

test("a file that never was AgentGuard's is left alone, present or not", () => {
  assert.deepEqual(planWholeHookFile({}, undefined), { kind: 'none' });
  assert.deepEqual(planWholeHookFile({}, '#!/bin/sh\necho my own hook\n'), { kind: 'none' });
  // The mark alone, without AgentGuard's command, is not AgentGuard's file.
  assert.deepEqual(planWholeHookFile({}, '# agentguard-managed\nexec true\n'), { kind: 'none' });
});

test('replaceHookFile writes a regular file with the mode, replacing a symlink (its target untouched) and a FIFO (never opened)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-restore-'));
  try {
    const target = path.join(dir, 'bashrc');
    fs.writeFileSync(target, 'export PATH=/usr/bin\n');
    const hook = path.join(dir, 'hooks', 'PreToolUse');
    fs.mkdirSync(path.dirname(hook));
    fs.symlinkSync(target, hook);
    replaceHookFile(hook, '#!/bin/sh\nexec true\n', 0o755);
    assert.equal(fs.readFileSync(target, 'utf8'), 'export PATH=/usr/bin\n', "the link's target must not be written");
    const st = fs.lstatSync(hook);
    assert.ok(st.isFile());
    assert.equal(st.mode & 0o777, 0o755);
    assert.equal(fs.readFileSync(hook, 'utf8'), '#!/bin/sh\nexec true\n');

    fs.rmSync(hook);
    execFileSync('mkfifo', [hook]);
    replaceHookFile(hook, 'plugin\n', 0o644);
    assert.ok(fs.lstatSync(hook).isFile());
    assert.equal(fs.readFileSync(hook, 'utf8'), 'plugin\n');

    // Into a folder that does not exist yet (the whole hooks folder was deleted).
    const fresh = path.join(dir, 'gone', 'agentguard.json');
    replaceHookFile(fresh, '{}\n', 0o644);
    assert.equal(fs.readFileSync(fresh, 'utf8'), '{}\n');
    assert.deepEqual(fs.readdirSync(path.dirname(hook)), ['PreToolUse'], 'no temporary file left behind');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
