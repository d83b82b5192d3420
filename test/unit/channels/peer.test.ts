// The approval channel against a real process topology (Linux): a fixture
// "editor" in its own session forks an "extension host" that runs the
// approval server; hooks start from its "terminal" (a new session) or from
// the extension host itself. Fake approvers an agent could start — as its
// child, left behind in the background, claiming another process's pid —
// must never turn a gated call into an allow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { approvalSocketPath } from '../../../src/channels/approval/paths';
import { verifyApprovalPeer } from '../../../src/channels/peer';
import { debuggersClosed } from '../../../src/channels/debuggers';
import { readEditorBinaries } from '../../../src/core/launcher/pins';
import { findSocketHolder, procAbstractPath, procStat, readUnixSockets } from '../../../src/channels/procfs';
import { rateLimitFile } from '../../../src/core/policy/rateLimit';
import {
  CLI,
  ROOT,
  fixture,
  hookEnv,
  readAudit,
  runHook,
  sandbox,
  withInput,
  type Sandbox,
} from '../support/hookHarness';

const linux = process.platform === 'linux';
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'approval');
const COMMAND = 'git push --force origin main';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Editor {
  pid: number;
  exthostPid?: number;
  secondPid?: number;
  /** A long-lived child of the editor's binary that holds no channel (its file watcher). */
  watcherPid?: number;
  ready: Promise<{ event: string; pid?: number; message?: string; holder?: { pid: number; cmdline: string } }>;
  asked: string[];
  run(
    op: 'terminal' | 'exthost' | 'is-sibling' | 'judge' | 'released' | 'verify-release' | 'helper',
    payload: unknown,
    agent?: string[],
    extra?: Record<string, unknown>,
  ): Promise<Result>;
  stop(): void;
}

function startEditor(
  sb: Sandbox,
  decision: 'allow' | 'deny' | 'none',
  second?: string,
  nodeArgs: string[] = [],
): Editor {
  // detached: the editor runs in its own session, as a desktop app does.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...nodeArgs,
      path.join(FIXTURES, 'editor.js'),
      ROOT,
      sb.state,
      sb.workspace,
      decision,
      ...(second ? [second] : []),
    ],
    { detached: true, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting = new Map<number, (r: Result) => void>();
  const asked: string[] = [];
  let nextId = 1;
  let readyResolve: (v: Awaited<Editor['ready']>) => void = () => undefined;
  const editor: Editor = {
    pid: child.pid!,
    ready: new Promise((r) => {
      readyResolve = r;
    }),
    asked,
    run: (op, payload, agent, extra) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        child.stdin!.write(
          JSON.stringify({ id, op, payload, env: hookEnv(sb), ...(agent ? { agent } : {}), ...extra }) + '\n',
        );
      }),
    stop: () => {
      child.stdin!.end();
      child.kill();
    },
  };
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line);
    if (msg.event === 'ready' || msg.event === 'taken') {
      editor.exthostPid = msg.pid;
      readyResolve(msg);
    } else if (msg.event === 'second-ready') editor.secondPid = msg.pid;
    else if (msg.event === 'watcher-ready') editor.watcherPid = msg.pid;
    else if (msg.event === 'asked') asked.push(msg.command);
    else if (typeof msg.id === 'number') waiting.get(msg.id)?.(msg);
  });
  return editor;
}

const payloadFor = (sb: Sandbox) => withInput(fixture('claude/bash', sb), { command: COMMAND });

function decisionOf(r: Result): string {
  try {
    return JSON.parse(r.stdout).hookSpecificOutput.permissionDecision;
  } catch {
    return `unreadable (exit ${r.code}): ${r.stdout} ${r.stderr}`;
  }
}

async function withEditor(
  decision: 'allow' | 'deny' | 'none',
  fn: (sb: Sandbox, editor: Editor) => Promise<void>,
  nodeArgs: string[] = [],
): Promise<void> {
  const sb = sandbox();
  const editor = startEditor(sb, decision, undefined, nodeArgs);
  try {
    await editor.ready;
    await fn(sb, editor);
  } finally {
    editor.stop();
    // Whatever still holds this sandbox's channel (a fake left behind) goes with it.
    const entry = readUnixSockets().find(
      (e) => e.listening && e.path === procAbstractPath(approvalSocketPath(sb.state, sb.workspace)),
    );
    const holder = entry && findSocketHolder(entry.inode);
    if (holder) process.kill(holder.pid, 'SIGKILL');
    sb.cleanup();
  }
}

test(
  "a hook from the editor's terminal (another session) is answered by the verified extension host",
  { skip: !linux },
  () =>
    withEditor('allow', async (sb, editor) => {
      const r = await editor.run('terminal', payloadFor(sb));
      assert.equal(decisionOf(r), 'allow', `${r.stdout}\n${r.stderr}`);
      assert.deepEqual(editor.asked, [COMMAND]);
      // The topology is what the check relies on: the hook's session is not the editor's.
      assert.notEqual(procStat(editor.pid)?.session, procStat(process.pid)?.session);
    }),
);

test('an editor whose main process had its debugger opened by a signal cannot answer', { skip: !linux }, () =>
  withEditor(
    'allow',
    async (sb, editor) => {
      // Any process of the account may send SIGUSR1; the editor's main process then listens for a debugger.
      process.kill(editor.pid, 'SIGUSR1');
      const deadline = Date.now() + 5000;
      while ((await debuggersClosed([editor.pid])).ok && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      for (const op of ['terminal', 'exthost'] as const) {
        const r = await editor.run(op, payloadFor(sb));
        assert.notEqual(decisionOf(r), 'allow', r.stderr);
        assert.match(r.stderr, new RegExp(`process ${editor.pid} has an open debugger`), op);
      }
      assert.deepEqual(editor.asked, []);
    },
    // The debugger's port is left to the system, so tests running side by side never meet on 9229.
    ['--inspect-port=127.0.0.1:0'],
  ),
);

test('a hook the extension host starts itself (as Copilot does) is answered', { skip: !linux }, () =>
  withEditor('deny', async (sb, editor) => {
    const r = await editor.run('exthost', payloadFor(sb));
    assert.equal(decisionOf(r), 'deny', r.stderr);
    assert.match(
      JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason,
      /a human denied this command in the editor/,
    );
    assert.deepEqual(editor.asked, [COMMAND]);
  }),
);

test('a fake approver the agent started, bound before the editor, never produces an allow', { skip: !linux }, () =>
  withEditor('none', async (sb, editor) => {
    // [how the fake runs, which pid its hello claims, why the hook refuses it]
    const notHeld = /does not hold the approval channel it claims/;
    const cases: [string, string, RegExp][] = [
      ['child', 'self', /is a child of \d+, which is in this hook's own session/],
      ['child', 'agent', notHeld], // the agent is an ancestor of the hook, but does not hold the channel
      [
        'orphan',
        'self',
        /was adopted by init|neither an ancestor of this hook nor a child of one|not the binary of its parent|was not started by the editor's main process/,
      ], // left behind in the background
      ['child', String(editor.pid), notHeld], // the editor's main process: an ancestor that does not hold it
      ['child', String(editor.exthostPid), notHeld],
    ];
    for (const [mode, claim, why] of cases) {
      const r = await editor.run('terminal', payloadFor(sb), [ROOT, sb.state, sb.workspace, mode, claim]);
      assert.equal(decisionOf(r), 'ask', `${mode}/${claim}: ${r.stdout} ${r.stderr}`);
      assert.match(r.stderr, /no verified editor/, `${mode}/${claim}`);
      assert.match(r.stderr, why, `${mode}/${claim}`);
      assert.match(JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason, /no verified editor/);
      // The fake (if left behind) is gone before the next case binds again.
      const entry = readUnixSockets().find(
        (e) => e.listening && e.path === procAbstractPath(approvalSocketPath(sb.state, sb.workspace)),
      );
      const holder = entry && findSocketHolder(entry.inode);
      if (holder) {
        process.kill(holder.pid, 'SIGKILL');
        await new Promise((r2) => setTimeout(r2, 100));
      }
    }
  }),
);

test('an editor that finds its channel taken names the process that holds it', { skip: !linux }, async () => {
  const sb = sandbox();
  const fake = spawn(
    process.execPath,
    [path.join(FIXTURES, 'fake-approver.js'), ROOT, sb.state, sb.workspace, 'self'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let editor: Editor | undefined;
  try {
    await new Promise((r) => fake.stdout!.once('data', r));
    // The test runner plays the agent: the fake is its child, the hook too. No allow.
    const direct = await runHook('claude', payloadFor(sb), sb);
    assert.equal(
      direct.json && (direct.json.hookSpecificOutput as { permissionDecision: string }).permissionDecision,
      'ask',
      direct.stderr,
    );
    assert.match(direct.stderr, /no verified editor: .*in this hook's own session/);
    editor = startEditor(sb, 'allow');
    const ready = await editor.ready;
    assert.equal(ready.event, 'taken');
    assert.equal(ready.holder?.pid, fake.pid);
    assert.match(
      ready.message ?? '',
      new RegExp(`another process holds AgentGuard's approval channel: pid ${fake.pid} \\(.*fake-approver\\.js`),
    );
  } finally {
    editor?.stop();
    fake.kill('SIGKILL');
    sb.cleanup();
  }
});

test('while the editor runs, a fake cannot take the channel, and the hook reaches the human', { skip: !linux }, () =>
  withEditor('deny', async (sb, editor) => {
    const r = await editor.run('terminal', payloadFor(sb), [ROOT, sb.state, sb.workspace, 'child', 'self']);
    assert.equal(decisionOf(r), 'deny', r.stderr);
    assert.match(
      JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason,
      /a human denied this command in the editor/,
    );
    assert.deepEqual(editor.asked, [COMMAND]);
  }),
);

test('peer verification is cheap (a few milliseconds)', { skip: !linux }, () =>
  withEditor('allow', async (sb, editor) => {
    const socketPath = approvalSocketPath(sb.state, sb.workspace);
    // From the test process the extension host is not trusted (it is no ancestor's child): time the full walk anyway.
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = process.hrtime.bigint();
      const check = verifyApprovalPeer(editor.exthostPid!, socketPath, {
        editorBinaries: readEditorBinaries(sb.state),
      });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      assert.equal(check.ok, false);
      assert.match(check.reason ?? '', /neither an ancestor of this hook nor a child of one/);
    }
    times.sort((a, b) => a - b);
    assert.ok(times[10] < 10, `median ${times[10].toFixed(2)} ms`);
  }),
);

// The hook's launcher pins its state folder before it verifies anything, and hands it to the check: the binaries
// the editor recorded are read from that folder, not from one the environment would name again.
test('the editor binaries are read from the state folder the check is given', { skip: !linux }, () =>
  withEditor('allow', async (sb, editor) => {
    const socketPath = approvalSocketPath(sb.state, sb.workspace);
    const recorded = verifyApprovalPeer(editor.exthostPid!, socketPath, { stateDir: sb.state });
    assert.match(recorded.reason ?? '', /neither an ancestor of this hook nor a child of one/, 'past the binaries');
    const empty = fs.mkdtempSync(path.join(sb.root, 'state-'));
    const unrecorded = verifyApprovalPeer(editor.exthostPid!, socketPath, { stateDir: empty });
    assert.equal(unrecorded.ok, false);
    assert.match(unrecorded.reason ?? '', /no editor recorded its binary in the state folder/);
  }),
);

test('a look-alike channel bound for a subfolder neither answers nor hides the editor', { skip: !linux }, () =>
  withEditor('deny', async (sb, editor) => {
    // The agent (in the editor's terminal) starts a fake for the subfolder it works in; the hook looks there first.
    const sub = path.join(sb.workspace, 'src');
    const r = await editor.run('terminal', { ...payloadFor(sb), cwd: sub }, [ROOT, sb.state, sub, 'child', 'self']);
    assert.equal(decisionOf(r), 'deny', r.stderr);
    assert.match(r.stderr, /no verified editor/);
    assert.match(
      JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason,
      /a human denied this command in the editor/,
    );
    assert.deepEqual(editor.asked, [COMMAND]);
  }),
);

test('an approver started by a parent of the editor (not by the editor) is not the editor', { skip: !linux }, () =>
  withEditor('none', async (sb, editor) => {
    // The runner plays the program that launched the editor (a user's shell): its child, the fake, runs the same
    // binary as it does and sits in another session than the hook. But the hook descends from the runner through
    // a shell, not through a process of the editor's binary: the fake is a child of an ancestor, not the editor's.
    const fake = spawn(
      process.execPath,
      [path.join(FIXTURES, 'fake-approver.js'), ROOT, sb.state, sb.workspace, 'self'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise((r) => fake.stdout!.once('data', r));
      // A shell started by the runner in a new session: a terminal of the user's, not of the editor.
      const r = await new Promise<Result>((resolve) => {
        const child = spawn(
          'sh',
          ['-c', '"$@"', 'sh', process.execPath, path.join(ROOT, 'dist', 'cli.js'), 'hook', 'claude'],
          { detached: true, cwd: sb.workspace, env: hookEnv(sb), stdio: ['pipe', 'pipe', 'pipe'] },
        );
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (d) => {
          stdout += d;
        });
        child.stderr!.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin!.end(JSON.stringify(payloadFor(sb)));
      });
      assert.equal(decisionOf(r), 'ask', r.stderr);
      assert.match(r.stderr, /no verified editor: .*descends from \d+ through \d+ \(\/.*sh\), not through the editor/);
      assert.ok(editor.pid > 0);
    } finally {
      fake.kill('SIGKILL');
    }
  }),
);

test(
  'a kill switch release is trusted only from another extension host of the same editor',
  { skip: !linux },
  async () => {
    const sb = sandbox();
    const other = path.join(sb.home, 'code', 'other');
    const editor = startEditor(sb, 'deny', other);
    const fake = spawn(
      process.execPath,
      [path.join(FIXTURES, 'fake-approver.js'), ROOT, sb.state, path.join(sb.home, 'x'), 'self'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await editor.ready;
      await new Promise((r) => fake.stdout!.once('data', r));
      for (let i = 0; i < 50 && !(editor.secondPid && editor.watcherPid); i++)
        await new Promise((r) => setTimeout(r, 100));
      const ask = async (pid: number | undefined) =>
        (await editor.run('is-sibling', undefined, undefined, { pid })).stdout;
      assert.equal(await ask(editor.secondPid), 'true', "the other window's extension host");
      assert.equal(await ask(editor.exthostPid), 'false', 'itself');
      assert.equal(await ask(editor.pid), 'false', "the editor's main process");
      assert.equal(
        await ask(fake.pid),
        'false',
        'a node process holding an AgentGuard channel, started outside the editor',
      );
      // Same parent, same binary, but no AgentGuard channel: the editor's other processes are not extension hosts.
      assert.equal(await ask(editor.watcherPid), 'false', "the editor's file watcher");
    } finally {
      editor.stop();
      fake.kill('SIGKILL');
      sb.cleanup();
    }
  },
);

/** A process that binds another process's judge name (before that one's judge starts) and confirms every release. */
function startFakeJudge(claimPid: number): Promise<ChildProcess> {
  const script = `
    const net = require('node:net');
    const { judgeSocketPath } = require(${JSON.stringify(path.join(ROOT, 'out', 'src', 'channels', 'editorJudge', 'channel.js'))});
    net.createServer((s) => {
      s.write(JSON.stringify({ type: 'judge.hello', version: 1, pid: ${claimPid}, build: 'x' }) + '\\n');
      s.on('data', (d) => { const q = JSON.parse(String(d).split('\\n')[0]); s.end(JSON.stringify({ type: 'judge.release-answer', since: q.since, released: true }) + '\\n'); });
      s.on('error', () => {});
    }).listen(judgeSocketPath(${claimPid}), () => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`fake judge exited ${code}`)));
  });
}

test(
  'a kill switch release naming another window is believed only when that window confirms it over its own judge channel',
  { skip: !linux },
  async () => {
    const sb = sandbox();
    const other = path.join(sb.home, 'code', 'other');
    // The debugger's port is left to the system, so tests running side by side never meet on 9229.
    const editor = startEditor(sb, 'deny', other, ['--inspect-port=127.0.0.1:0']);
    const outsider = spawn(
      process.execPath,
      [path.join(FIXTURES, 'fake-approver.js'), ROOT, sb.state, path.join(sb.home, 'y'), 'self'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let fakeJudge: ChildProcess | undefined;
    try {
      await editor.ready;
      await new Promise((r) => outsider.stdout!.once('data', r));
      for (let i = 0; i < 50 && !(editor.secondPid && editor.watcherPid); i++)
        await new Promise((r) => setTimeout(r, 100));
      const verify = async (pid: number | undefined, since: string, engagedSince = '2026-01-01T00:00:00.000Z') =>
        JSON.parse((await editor.run('verify-release', undefined, undefined, { pid, since, engagedSince })).stdout) as {
          ok: boolean;
          reason?: string;
        };
      const released = '2026-06-01T10:00:00.000Z';

      // Before the other window's judge runs, a process that took its judge's name cannot speak for it.
      fakeJudge = await startFakeJudge(editor.secondPid!);
      assert.match(
        (await verify(editor.secondPid, released)).reason ?? '',
        /judge channel of process \d+ is held by another process/,
      );
      fakeJudge.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      assert.match((await verify(editor.secondPid, released)).reason ?? '', /has no judge channel to ask/);

      await editor.run('judge', undefined, undefined, { target: 'second' });
      // The other window did not release at that time: a forged release naming it is refused by it.
      assert.match((await verify(editor.secondPid, released)).reason ?? '', /says it did not release the switch/);
      await editor.run('released', undefined, undefined, { target: 'second', since: released });
      assert.deepEqual(await verify(editor.secondPid, released), { ok: true });
      // Its old release, written again after a later engagement, is a replay.
      assert.match(
        (await verify(editor.secondPid, released, '2026-06-01T11:00:00.000Z')).reason ?? '',
        /older than the engagement it would end/,
      );
      // Not another extension host of this editor: the outsider holding an AgentGuard channel, the editor's file watcher, itself.
      for (const pid of [outsider.pid, editor.watcherPid, editor.exthostPid, editor.pid]) {
        assert.match(
          (await verify(pid, released)).reason ?? '',
          /is not another extension host of this editor/,
          String(pid),
        );
      }
      // With a debugger open in the editor's main process, what runs in it can speak for any window.
      process.kill(editor.pid, 'SIGUSR1');
      for (let i = 0; i < 250 && (await debuggersClosed([editor.pid])).ok; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.match(
        (await verify(editor.secondPid, released)).reason ?? '',
        new RegExp(`process ${editor.pid} has an open debugger`),
      );
    } finally {
      fakeJudge?.kill('SIGKILL');
      editor.stop();
      outsider.kill('SIGKILL');
      sb.cleanup();
    }
  },
);

const BUILD = execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];

/** Runs detached-host.js as the test's own child (no editor anywhere) and returns the hook's result. */
function hostOutsideEditor(sb: Sandbox, fake: 'approver' | 'judge', shape: string, payload: unknown): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(FIXTURES, 'detached-host.js'), ROOT, sb.state, sb.workspace, fake, shape, BUILD],
      { cwd: sb.workspace, env: hookEnv(sb), stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.on('close', () => resolve(JSON.parse(out) as Result));
    child.stdin!.end(JSON.stringify(payload));
  });
}

const SHAPES = ['direct', 'wrapper', 'wrapper-detached', 'wrapper-detached-twice'];

test(
  'a host that starts its hook in a session of its own, while its own child fakes the approval channel: never an allow',
  { skip: !linux },
  () =>
    withEditor('none', async (sb, editor) => {
      for (const shape of SHAPES) {
        // Each gated call counts toward the rate limit: start every round from none.
        fs.rmSync(rateLimitFile(sb.state), { force: true });
        // From the editor's terminal (the real editor holds no channel yet) and from no editor at all.
        const inTerminal = JSON.parse(
          (
            await editor.run('terminal', payloadFor(sb), undefined, {
              host: [ROOT, sb.state, sb.workspace, 'approver', shape, BUILD],
            })
          ).stdout,
        ) as Result;
        const outside = await hostOutsideEditor(sb, 'approver', shape, payloadFor(sb));
        for (const [where, r] of [
          ['terminal', inTerminal],
          ['outside', outside],
        ] as const) {
          assert.equal(decisionOf(r), 'ask', `${shape} from ${where}: ${r.stdout} ${r.stderr}`);
          assert.match(r.stderr, /no verified editor/, `${shape} from ${where}`);
        }
        assert.deepEqual(editor.asked, []);
      }
    }),
);

test(
  "a host that starts its hook in a session of its own, while its own child fakes the editor's judge: the call is judged by the hook and recorded",
  { skip: !linux },
  () =>
    withEditor('none', async (sb, editor) => {
      const rmRoot = withInput(fixture('claude/bash', sb), { command: 'rm -rf /' });
      for (const shape of SHAPES) {
        const inTerminal = JSON.parse(
          (
            await editor.run('terminal', rmRoot, undefined, {
              host: [ROOT, sb.state, sb.workspace, 'judge', shape, BUILD],
            })
          ).stdout,
        ) as Result;
        const outside = await hostOutsideEditor(sb, 'judge', shape, rmRoot);
        for (const [where, r] of [
          ['terminal', inTerminal],
          ['outside', outside],
        ] as const) {
          assert.equal(decisionOf(r), 'deny', `${shape} from ${where}: ${r.stdout} ${r.stderr}`);
          assert.doesNotMatch(r.stdout, /fake judge/);
          const last = readAudit(sb).at(-1) ?? {};
          assert.equal(last.command, 'rm -rf /');
          assert.equal(last.judge, undefined, "judged in the hook's own process");
        }
      }
    }),
);

test(
  'a process of another binary started by the editor itself is neither the approver nor an extension host',
  { skip: !linux },
  () =>
    withEditor('none', async (sb, editor) => {
      // The same program under another path is another binary to /proc: what the binary rule tells apart.
      const otherNode = path.join(sb.root, 'node-copy');
      fs.copyFileSync(process.execPath, otherNode);
      fs.chmodSync(otherNode, 0o755);
      const helperPid = Number(
        (await editor.run('helper', undefined, undefined, { binary: otherNode, folder: sb.workspace })).stdout,
      );
      try {
        const r = await editor.run('terminal', payloadFor(sb));
        assert.equal(decisionOf(r), 'ask', r.stderr);
        // A copy of the editor's binary has its content, but the editor's main process does not run that file.
        assert.match(
          r.stderr,
          new RegExp(
            `no verified editor: .*process ${helperPid} (runs .*node-copy, not the binary of its parent|was not started by the editor's main process)`,
          ),
        );
        assert.equal((await editor.run('is-sibling', undefined, undefined, { pid: helperPid })).stdout, 'false');
        assert.deepEqual(editor.asked, []);
      } finally {
        process.kill(helperPid, 'SIGKILL');
      }
    }),
);
