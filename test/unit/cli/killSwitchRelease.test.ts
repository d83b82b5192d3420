// `agentguard kill-switch release` with no editor open: a human at a real
// terminal (a pseudo-terminal the test types into) releases it with the phrase
// shown there; a process without a controlling terminal, a wrong phrase and
// the agent's own hook path leave agents halted. Each change is audited.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readKillSwitch, writeKillSwitch } from '../../../src/core/state';
import {
  CLI,
  claudeDecision,
  fixture,
  readAudit,
  runHook,
  withInput,
  withSandbox,
  type Sandbox,
} from '../support/hookHarness';
import { startPtyShell } from '../support/pty/shell';
import { asAccount, confirmedState } from '../support/account';

const linux = process.platform === 'linux';

function engaged(sb: Sandbox): void {
  writeKillSwitch(sb.state, {
    engaged: true,
    since: new Date().toISOString(),
    by: 'rate-limit',
    reason: 'too many gated commands',
  });
}

function env(sb: Sandbox): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sb.home,
    AGENTGUARD_STATE_DIR: confirmedState(sb.state),
    TERM: 'xterm',
  };
}

async function releaseOnTerminal(sb: Sandbox, answer: (shown: string) => string): Promise<string> {
  const shell = await startPtyShell(
    [
      'sh',
      '-c',
      `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} kill-switch release; echo "release-exit=$?"`,
    ],
    { env: env(sb), cwd: sb.workspace },
  );
  try {
    await shell.waitFor(/Type "release [a-z0-9-]+"/, 20_000);
    const shown = /Type "(release [a-z0-9-]+)"/.exec(shell.text())![1];
    shell.type(`${answer(shown)}\r`);
    await shell.waitFor(/release-exit=\d+/, 20_000);
    return shell.text();
  } finally {
    await shell.close();
  }
}

test(
  'a human at a terminal releases the kill switch with the phrase shown there, and the release is audited',
  { skip: !linux },
  () =>
    withSandbox(async (sb) => {
      engaged(sb);
      const text = await releaseOnTerminal(sb, (shown) => shown);
      assert.match(text, /release-exit=0/, text);
      assert.match(text, /kill switch released \(a phrase typed on \/dev\/pts\//, text);
      const state = readKillSwitch(sb.state);
      assert.equal(state.engaged, false);
      assert.equal(state.by, 'cli');
      const released = readAudit(sb).filter((e) => e.event === 'killswitch.released');
      assert.equal(released.length, 1, JSON.stringify(readAudit(sb)));
      assert.equal(released[0].host, 'cli');
      assert.match(
        String((released[0].changes as string[])[0]),
        /released in a terminal: a phrase typed on \/dev\/pts\//,
      );
    }),
);

test('a phrase typed wrong on the terminal keeps agents halted', { skip: !linux }, () =>
  withSandbox(async (sb) => {
    engaged(sb);
    const text = await releaseOnTerminal(sb, () => 'release');
    assert.match(text, /release-exit=77/, text);
    assert.match(text, /did not match; the kill switch stays engaged/);
    assert.equal(readKillSwitch(sb.state).engaged, true);
    assert.equal(readAudit(sb).filter((e) => e.event === 'killswitch.released').length, 0);
  }),
);

test('a process without a controlling terminal cannot release it, whatever it pipes in', { skip: !linux }, () =>
  withSandbox(async (sb) => {
    engaged(sb);
    // A new session (as a background job, a task or an MCP server may have): no controlling terminal; stdin a pipe.
    const child = spawn(process.execPath, [CLI, 'kill-switch', 'release'], {
      env: env(sb),
      cwd: sb.workspace,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.stdin.end('release aaa-bbb-ccc\nyes\n');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(code, 77, err);
    assert.match(err, /needs a human at an interactive terminal/);
    assert.equal(readKillSwitch(sb.state).engaged, true);
    assert.equal(readAudit(sb).filter((e) => e.event === 'killswitch.released').length, 0);
  }),
);

test('an agent asking its hook to run the release is denied, and agents stay halted', { skip: !linux }, () =>
  withSandbox(async (sb) => {
    engaged(sb);
    for (const command of [
      'agentguard kill-switch release',
      `node ${CLI} kill-switch release < /dev/tty`,
      'script -qc "agentguard kill-switch release" /dev/null',
    ]) {
      const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb);
      assert.equal(claudeDecision(r).decision, 'deny', `${command}: ${r.stdout}${r.stderr}`);
    }
    assert.equal(readKillSwitch(sb.state).engaged, true);
  }),
);

test('kill-switch engage halts agents from a terminal or a script, and is audited', { skip: !linux }, () =>
  withSandbox(async (sb) => {
    const child = spawn(process.execPath, [CLI, 'kill-switch', 'engage', '--reason', 'leaving for lunch'], {
      env: env(sb),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(code, 0);
    const state = readKillSwitch(sb.state);
    assert.equal(state.engaged, true);
    assert.equal(state.reason, 'leaving for lunch');
    assert.equal(readAudit(sb).filter((e) => e.event === 'killswitch.engaged').length, 1);
    assert.ok(fs.existsSync(sb.state));
  }),
);

// An editor window (here: a process listening where an editor's judge does, started with the environment an editor
// would have) owns the switch of the folder it uses. Whether it is this release's folder is asked of the folder the
// release would write, the hooks' (an unconfirmed relocation in the environment is ignored), not of what the
// environment names. Run as an account of its own, in a network of its own: the folder is that account's default,
// and no other editor on this machine is seen.
const EDITOR = `
const { spawnSync } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { judgeSocketPath } = require(${JSON.stringify(require.resolve('../../../src/channels/editorJudge/channel'))});
const { confirmStateRelocation } = require(${JSON.stringify(require.resolve('../../../src/core/state'))});
const [cli, home] = process.argv.slice(1);
const own = path.join(home, '.local', 'state', 'agentguard');
const elsewhere = path.join(home, 'elsewhere');
confirmStateRelocation(elsewhere, home);
const run = (args, env) => {
  const r = spawnSync(process.execPath, [cli, 'kill-switch', ...args], {
    env: { PATH: process.env.PATH, HOME: home, ...env },
    input: 'release aaa-bbb-ccc\\n',
    encoding: 'utf8',
  });
  return { code: r.status, err: r.stderr };
};
run(['engage'], {});
run(['engage'], { AGENTGUARD_STATE_DIR: elsewhere });
const server = net.createServer().listen(judgeSocketPath(process.pid), () => {
  const seen = {
    pid: process.pid,
    unconfirmed: run(['release'], { AGENTGUARD_STATE_DIR: path.join(home, 'unconfirmed') }),
    named: run(['release'], { AGENTGUARD_STATE_DIR: own }),
    other: run(['release'], { AGENTGUARD_STATE_DIR: elsewhere }),
  };
  server.close();
  process.stdout.write(JSON.stringify(seen));
});
`;

test(
  "a release asks the editor that uses the hooks' folder, whatever relocation the environment asks for unconfirmed",
  { skip: !linux },
  (t) => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-kill-switch-editor-')));
    try {
      const home = path.join(root, 'home');
      fs.mkdirSync(home);
      const prefix = asAccount(home, root);
      if (!prefix) return t.skip('no bubblewrap to run as an account of its own');
      const r = spawnSync(prefix[0], ['--unshare-net', ...prefix.slice(1), process.execPath, '-e', EDITOR, CLI, home], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      });
      assert.equal(r.status, 0, r.stderr);
      const seen = JSON.parse(r.stdout) as Record<string, { code: number; err: string }> & { pid: number };
      const owned = new RegExp(`an editor window is running \\(pid ${seen.pid}\\), and it owns the kill switch`);
      for (const which of ['unconfirmed', 'named'] as const) {
        assert.equal(seen[which].code, 77, `${which}: ${seen[which].err}`);
        assert.match(seen[which].err, owned, which);
      }
      assert.match(seen.unconfirmed.err, /ignoring the state folder .*unconfirmed set in the environment/);
      // The editor uses another folder than this one: the release is this terminal's to make.
      assert.equal(seen.other.code, 77, seen.other.err);
      assert.match(seen.other.err, /needs a human at an interactive terminal \(stdin is not a terminal\)/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
);
