// The gate of the shells an extension host spawns, with the real files the
// extension writes (core/terminal/childGate.ts) and the built CLI: `bash -c`
// (BASH_ENV), `zsh -c` (ZDOTDIR) and `/bin/sh -c` (a shim first on PATH) are
// spawned from this test process, which runs the editor's judge as the
// extension host does, with a real approval channel.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { approvalSocketPath } from '../../../src/channels/approval/paths';
import { startApprovalServer } from '../../../src/channels/approval/server';
import { startJudgeServer } from '../../../src/channels/editorJudge/server';
import { writeBaseline } from '../../../src/core/policy/baseline';
import {
  childGateEnvironment,
  terminalGateFiles,
  terminalGateLayout,
  type TerminalGateLayout,
} from '../../../src/core/terminal/childGate';
import type { ApprovalSubject } from '../../../src/shared/protocol';
import { CLI, readAudit, sandbox, type Sandbox } from '../support/hookHarness';
import { have } from '../support/pty/shell';
import { confirmedState } from '../support/account';

const linux = process.platform === 'linux';
const BUILD = execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];

function writeFiles(sb: Sandbox): TerminalGateLayout {
  const layout = terminalGateLayout(sb.state);
  for (const f of terminalGateFiles(layout, { node: process.execPath, cli: CLI })) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, f.content, { mode: f.mode });
  }
  return layout;
}

/** An extension host's environment (an editor started from a desktop: no SHLVL) once AgentGuard gated it. */
function hostEnv(sb: Sandbox, layout: TerminalGateLayout, extra: Record<string, string> = {}): Record<string, string> {
  const base = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sb.home,
    AGENTGUARD_STATE_DIR: confirmedState(sb.state),
    ...extra,
  };
  return { ...base, ...childGateEnvironment(base, layout) };
}

function run(
  argv: string[],
  sb: Sandbox,
  layout: TerminalGateLayout,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Node's default stdio: stdin is a socket, as for every agent's spawn.
    const child = spawn(argv[0], argv.slice(1), { cwd: sb.workspace, env: hostEnv(sb, layout) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test(
  'bash -c, zsh -c and /bin/sh -c from the extension host: judged, asked, run only after Allow, judged once',
  { skip: !linux, timeout: 120_000 },
  async () => {
    const sb = sandbox();
    const layout = writeFiles(sb);
    // Many gated commands in a few seconds would trip the circuit breaker: this policy (confirmed, as a human would) allows more.
    const policy = JSON.stringify({ rateLimit: { maxGated: 100, windowSeconds: 10 } });
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), policy);
    writeBaseline(sb.state, sb.workspace, policy, { rateLimit: { maxGated: 100, windowSeconds: 10 } });
    const asked: ApprovalSubject[] = [];
    const everAsked: ApprovalSubject[] = [];
    let answer: 'allow' | 'deny' = 'deny';
    const approval = await startApprovalServer({
      socketPath: approvalSocketPath(sb.state, sb.workspace),
      decide: async (s) => {
        asked.push(s);
        everAsked.push(s);
        return answer;
      },
    });
    const judge = await startJudgeServer({
      build: BUILD,
      stateDir: sb.state,
      channels: () => [approval],
      terminals: { terminal: () => undefined, humanGating: () => 'production', approvalMs: () => 10_000 },
    });
    // The workspace's src: a folder of work, which the engine asks about deleting (the sandbox lives in the temp folder).
    const code = path.join(sb.workspace, 'src');
    const reset = () => {
      fs.mkdirSync(path.join(code, 'api'), { recursive: true });
      fs.writeFileSync(path.join(code, 'api', 'notes.md'), 'wip\n');
    };
    try {
      const shells: [string, string[]][] = [
        ['bash -c', ['bash', '-c', 'rm -rf src']],
        ['/bin/sh -c', ['/bin/sh', '-c', 'rm -rf src']],
      ];
      if (have('zsh')) shells.push(['zsh -c', ['zsh', '-c', 'rm -rf src']]);
      else if (process.env.CI === 'true') assert.fail('zsh must be installed in CI');
      for (const [label, argv] of shells) {
        reset();
        asked.length = 0;
        answer = 'deny';
        const denied = await run(argv, sb, layout);
        assert.equal(denied.code, 1, `${label}: ${denied.stderr}`);
        assert.match(denied.stderr, /AgentGuard: not run: a human denied it in the editor/, label);
        assert.ok(fs.existsSync(path.join(code, 'api', 'notes.md')), `${label}: src is still there`);
        assert.equal(asked.length, 1, label);
        assert.equal(asked[0].host, 'extension-host');

        answer = 'allow';
        const allowed = await run(argv, sb, layout);
        assert.equal(allowed.code, 0, `${label}: ${allowed.stderr}`);
        assert.ok(!fs.existsSync(code), `${label}: ran after Allow`);
        // What the allowed string runs (rm through PATH) is not asked about again.
        assert.equal(asked.length, 2, `${label}: one question per run, none for what the allowed command runs`);
      }
      assert.equal(
        everAsked.find((s) => s.tool.startsWith('rm'))?.command,
        'rm -rf src',
        'a shim shows the call as the program got it',
      );

      // Harmless: no question; git's read-only subcommands do not even start the gate.
      asked.length = 0;
      const harmless = await run(['/bin/sh', '-c', 'git --version && echo fine > out.txt'], sb, layout);
      assert.equal(harmless.code, 0, harmless.stderr);
      assert.equal(fs.readFileSync(path.join(sb.workspace, 'out.txt'), 'utf8'), 'fine\n');
      const before = readAudit(sb).length;
      assert.equal((await run(['/bin/sh', '-c', 'git status --short >/dev/null 2>&1; true'], sb, layout)).code, 0);
      assert.equal(readAudit(sb).length, before, 'git status through the shim is not judged (read-only fast path)');
      // A read that writes a file is not read-only: it is judged (and harmless here).
      assert.equal((await run(['/bin/sh', '-c', 'git diff --output=diff.txt; true'], sb, layout)).code, 0);
      assert.equal(readAudit(sb).length, before + 1, 'git diff --output through the shim is judged');
      assert.equal(asked.length, 0);
      // A script file run by bash is not a command string: its programs are judged where they are looked up.
      fs.writeFileSync(path.join(sb.workspace, 'clean.sh'), 'rm -rf src\n');
      reset();
      answer = 'deny';
      const script = await run(['bash', 'clean.sh'], sb, layout);
      assert.notEqual(script.code, 0);
      assert.ok(fs.existsSync(code));
      assert.equal(asked.length, 1);
      assert.equal(asked[0].tool, 'rm (looked up by /bin/sh)');
    } finally {
      await judge.close();
      await approval.close();
      sb.cleanup();
    }
  },
);

// In CI (.ci/run installs zsh) a missing zsh fails the test instead of skipping it.
const zshSkip = !linux
  ? 'Linux only'
  : !have('zsh') && process.env.CI !== 'true'
    ? 'zsh is not installed (apt-get install zsh)'
    : false;

test('a BASH_ENV or ZDOTDIR the user had is still read: the gate files source them', { skip: zshSkip }, async () => {
  const sb = sandbox();
  const layout = writeFiles(sb);
  try {
    const userEnv = path.join(sb.home, 'user-bash-env.sh');
    fs.writeFileSync(userEnv, 'export FROM_USER_BASH_ENV=yes\n');
    const zdot = path.join(sb.home, 'zdot');
    fs.mkdirSync(zdot);
    fs.writeFileSync(path.join(zdot, '.zshenv'), 'export FROM_USER_ZSHENV=yes\n');
    const out = execFileSync('bash', ['-c', 'echo "$FROM_USER_BASH_ENV"'], {
      encoding: 'utf8',
      cwd: sb.workspace,
      env: hostEnv(sb, layout, { BASH_ENV: userEnv }),
    });
    assert.equal(out.trim(), 'yes');
    const z = execFileSync('zsh', ['-c', 'echo "$FROM_USER_ZSHENV"'], {
      encoding: 'utf8',
      cwd: sb.workspace,
      env: hostEnv(sb, layout, { ZDOTDIR: zdot }),
    });
    assert.equal(z.trim(), 'yes');
  } finally {
    sb.cleanup();
  }
});
