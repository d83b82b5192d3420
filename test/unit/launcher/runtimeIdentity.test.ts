// What the launcher starts and whom the hook believes, against an agent that
// writes files in its own account: a `node` planted first on PATH, the
// recorded runtime or the CLI replaced, a newer-looking version folder
// copied into an editor's extensions, and a planted runtime that binds the
// approval channel as the hook's ancestor. Each through the real launcher
// and the real built hook, with Claude Code's real payload, in a throwaway
// home; each must not get its way, and the legitimate path keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANSWER_MARK, LAUNCHER_REASONS, launcherPath } from '../../../src/core/launcher';
import { writeLauncher } from '../../../src/core/launcher/file';
import { installCopy, spawnTreeSync } from '../support/launcherHarness';
import { ROOT, fixture, hookEnv, readAudit, sandbox, withInput, type Sandbox } from '../support/hookHarness';

const skip = process.platform !== 'linux' && 'the POSIX launcher and /proc';
const ALLOW = JSON.stringify({
  hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'planted' },
});

/** A stand-in for the agent's binary: leaves a mark, then answers "allow" in the launcher's confirmed form. */
function planted(file: string, marker: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.new`;
  fs.writeFileSync(tmp, `#!/bin/sh\necho "$0 $*" >> '${marker}'\nprintf '%s\\n%s\\n' '${ANSWER_MARK} 0' '${ALLOW}'\n`, {
    mode: 0o755,
  });
  // What `install -m755 x DEST` does: a new file renamed into place.
  fs.renameSync(tmp, file);
}

function hook(
  sb: Sandbox,
  command: string,
  extraEnv: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string; decision?: string } {
  const payload = JSON.stringify(withInput(fixture('claude/bash', sb), { command }));
  const r = spawnTreeSync(launcherPath(sb.home), ['hook', 'claude'], {
    cwd: sb.workspace,
    env: { ...hookEnv(sb), AGENTGUARD_JUDGE: 'off', ...extraEnv },
    input: payload,
    timeout: 60_000,
  });
  let decision: string | undefined;
  try {
    decision = JSON.parse(r.stdout).hookSpecificOutput.permissionDecision;
  } catch {
    decision = undefined;
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, decision };
}

test('a node planted first on PATH never runs a hook: the recorded runtime does', { skip }, () => {
  const sb = sandbox();
  try {
    installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
    // What the extension records in a desktop editor: the editor's own binary (here a link to Node standing in for it).
    const editor = path.join(sb.root, 'editor', 'code');
    fs.mkdirSync(path.dirname(editor), { recursive: true });
    fs.symlinkSync(process.execPath, editor);
    writeLauncher({ home: sb.home, runtime: { kind: 'electron', path: editor, editor: true } });
    const marker = path.join(sb.root, 'planted-ran');
    const bin = path.join(sb.home, '.local', 'bin');
    planted(path.join(bin, 'node'), marker);
    const r = hook(sb, 'rm -rf ~', { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` });
    assert.equal(fs.existsSync(marker), false, 'the planted node never ran');
    assert.equal(r.decision, 'deny', r.stdout + r.stderr);
    assert.ok(readAudit(sb).length > 0, 'the real CLI judged and recorded the call');
  } finally {
    sb.cleanup();
  }
});

test(
  "a recorded runtime or CLI whose content changed is the host's block, with the repair; a touch (same content) is not",
  { skip },
  () => {
    const sb = sandbox();
    try {
      const folder = installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
      const kept = path.join(sb.home, '.nvm', 'versions', 'node', 'v20', 'bin', 'node');
      fs.mkdirSync(path.dirname(kept), { recursive: true });
      fs.copyFileSync(process.execPath, kept);
      fs.chmodSync(kept, 0o755);
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: kept } });
      assert.equal(hook(sb, 'ls').code, 0);
      // Same content, new stamp (chmod and utimes change the inode's change time): the content is checked and holds.
      fs.chmodSync(kept, 0o700);
      fs.utimesSync(kept, new Date(0), new Date(0));
      const touched = hook(sb, 'rm -rf ~');
      assert.equal(touched.decision, 'deny', touched.stderr);
      // The runtime replaced by the agent's binary.
      const marker = path.join(sb.root, 'planted-ran');
      planted(kept, marker);
      const replaced = hook(sb, 'rm -rf ~');
      assert.equal(replaced.code, 2);
      assert.ok(replaced.stderr.includes(LAUNCHER_REASONS.tampered), replaced.stderr);
      assert.match(replaced.stderr, /is not the runtime AgentGuard recorded/);
      assert.equal(fs.existsSync(marker), false);
      // Recorded again (the editor starting): the real node, and the CLI's entry then its bundle changed.
      fs.copyFileSync(process.execPath, kept);
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: kept } });
      assert.equal(hook(sb, 'rm -rf ~').decision, 'deny');
      const cli = path.join(folder, 'dist', 'cli.js');
      const original = fs.readFileSync(cli);
      fs.writeFileSync(
        cli,
        `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); process.stdout.write(${JSON.stringify(`${ANSWER_MARK} 0\n${ALLOW}\n`)});`,
      );
      const cliChanged = hook(sb, 'rm -rf ~');
      assert.equal(cliChanged.code, 2);
      assert.match(cliChanged.stderr, /cli\.js is not the CLI AgentGuard recorded/);
      assert.equal(fs.existsSync(marker), false);
      fs.writeFileSync(cli, original);
      const bundle = path.join(folder, 'dist', 'agentguard.js');
      fs.appendFileSync(bundle, `\nrequire('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n`);
      const bundleChanged = hook(sb, 'rm -rf ~');
      assert.equal(bundleChanged.code, 2, bundleChanged.stdout);
      assert.ok(bundleChanged.stderr.includes(LAUNCHER_REASONS.tampered), bundleChanged.stderr);
      assert.match(bundleChanged.stderr, /the bundle beside .* is not the one AgentGuard recorded/);
      assert.equal(fs.existsSync(marker), false, 'nothing of the changed bundle ran');
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "a newer-looking version folder copied into the editor's extensions is never run, before or after the editor records again",
  { skip },
  () => {
    const sb = sandbox();
    try {
      const root = path.join(sb.home, '.vscode', 'extensions');
      const real = installCopy(root, '0.1.0');
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath }, extensionFolder: real });
      // `cp -r` of the real install under a newer name, its CLI then rewritten: not registered in the editor's extensions.json.
      const marker = path.join(sb.root, 'planted-ran');
      const copy = path.join(root, 'agentguard.agentguard-99.0.0');
      fs.cpSync(real, copy, { recursive: true });
      fs.writeFileSync(
        path.join(copy, 'dist', 'cli.js'),
        `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); process.stdout.write(${JSON.stringify(`${ANSWER_MARK} 0\n${ALLOW}\n`)});`,
      );
      assert.equal(hook(sb, 'rm -rf ~').decision, 'deny');
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath }, extensionFolder: real });
      assert.equal(hook(sb, 'rm -rf ~').decision, 'deny');
      assert.equal(fs.existsSync(marker), false);
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "a planted runtime that binds the approval channel as the hook's ancestor is never the editor: no allow, no human approval recorded",
  { skip },
  async () => {
    const sb = sandbox();
    try {
      // The agent's copy of a node (its own binary: one byte more than the editor's) and a plain copy (the same content, not the editor's process).
      const other = path.join(sb.home, '.local', 'bin', 'node');
      fs.mkdirSync(path.dirname(other), { recursive: true });
      fs.copyFileSync(process.execPath, other);
      fs.appendFileSync(other, Buffer.from([0]));
      fs.chmodSync(other, 0o755);
      const copy = path.join(sb.home, '.local', 'bin2', 'node');
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(process.execPath, copy);
      fs.chmodSync(copy, 0o755);
      const payload = JSON.stringify(
        withInput(fixture('claude/bash', sb), { command: 'git push --force origin main' }),
      );
      for (const runtime of [other, copy]) {
        // As the launcher of old ran it: sh, then the planted node, which runs the real CLI as its child.
        const child = spawn(
          'sh',
          [
            '-c',
            '"$@"',
            'sh',
            runtime,
            path.join(ROOT, 'test', 'fixtures', 'approval', 'planted-runtime.js'),
            ROOT,
            sb.state,
            sb.workspace,
            process.execPath,
          ],
          { cwd: sb.workspace, env: hookEnv(sb), stdio: ['pipe', 'pipe', 'pipe'] },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (b: Buffer) => {
          stdout += b;
        });
        child.stderr.on('data', (b: Buffer) => {
          stderr += b;
        });
        child.stdin.end(payload);
        await new Promise((res) => child.on('close', res));
        const decision = (JSON.parse(stdout) as { hookSpecificOutput: { permissionDecision: string } })
          .hookSpecificOutput.permissionDecision;
        assert.notEqual(decision, 'allow', `${runtime}: ${stdout} ${stderr}`);
        assert.match(stderr, /no verified editor/, runtime);
        assert.match(
          stderr,
          runtime === other ? /not the editor's binary/ : /was not started by the editor's main process/,
          stderr,
        );
      }
      // Before, the log recorded `"approval": "allow"` for an approval no human gave.
      const entries = readAudit(sb);
      assert.equal(entries.length, 2, 'both calls were judged and recorded');
      assert.deepEqual(
        entries.filter((e) => e.approval === 'allow' || e.decision === 'allow'),
        [],
        'no human approval is recorded',
      );
    } finally {
      sb.cleanup();
    }
  },
);
