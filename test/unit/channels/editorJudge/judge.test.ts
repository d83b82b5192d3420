// The editor's judge: the built hook (dist/cli.js) hands its call to a judge
// server running in this test process — an ancestor of the hook, as the
// editor's extension host is — and prints the judge's answer; it never
// takes an answer from a judge it cannot verify or of another build, and a
// judge that takes a call and fails makes it a deny.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import { startApprovalServer } from '../../../../src/channels/approval/server';
import { verifyAudit } from '../../../../src/core/state/audit';
import { approvalSocketPath } from '../../../../src/channels/approval/paths';
import { holdsSocket, procAbstractPath, readUnixSockets } from '../../../../src/channels/procfs';
import { judgeSocketPath, listJudgeChannels } from '../../../../src/channels/editorJudge/channel';
import { startJudgeServer, type JudgeServer } from '../../../../src/channels/editorJudge/server';
import { parseJudgeReply, parseJudgeRequest } from '../../../../src/shared/judgeProtocol';
import { CLI, claudeDecision, readAudit, runHook, withSandbox, type Sandbox } from '../../support/hookHarness';
import { peerProofOf, readPtraceScope } from '../../../../src/core/launcher/yama';
import { confirmedState } from '../../support/account';
import { askJudge } from '../../support/judgeRequest';
import { inOwnNetwork, runInOwnNetwork } from '../../support/ownNetwork';
import { JUDGE_COPY_MAX_BYTES, JUDGE_COPY_MAX_FILES } from '../../../../src/core/frontdoor/wayBack';

const linux = process.platform === 'linux';
const BUILD = execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];

const claude = (sb: Sandbox, command: string) => ({
  session_id: 'judge-test',
  cwd: sb.workspace,
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  tool_input: { command },
});
const windsurf = (sb: Sandbox, command: string) => ({
  agent_action_name: 'pre_run_command',
  trajectory_id: 't',
  execution_id: 'e',
  timestamp: new Date().toISOString(),
  tool_info: { command_line: command, cwd: sb.workspace },
});

async function withJudge(
  sb: Sandbox | undefined,
  fn: (judge: JudgeServer) => Promise<void>,
  opts: Partial<Parameters<typeof startJudgeServer>[0]> = {},
): Promise<void> {
  // The editor's state folder is the hooks' (XDG_STATE_HOME or AGENTGUARD_STATE_DIR, shared by both).
  const judge = await startJudgeServer({
    build: BUILD,
    channels: () => [],
    ...(sb ? { stateDir: sb.state } : {}),
    ...opts,
  });
  try {
    await fn(judge);
  } finally {
    await judge.close();
  }
}

const lastRecord = (sb: Sandbox) => readAudit(sb).at(-1) ?? {};

test('protocol: requests and replies that are not exactly right are refused', () => {
  const good = {
    type: 'judge.request',
    version: 1,
    host: 'claude',
    input: { ok: true, text: '{}' },
    env: { A: 'b' },
    cwd: '/w',
    install: [],
    startedAt: 1,
  };
  assert.equal(parseJudgeRequest(JSON.stringify(good)).ok, true);
  for (const bad of [
    { ...good, host: 'vim' },
    { ...good, version: 2 },
    { ...good, env: { A: 1 } },
    { ...good, cwd: 'relative' },
    { ...good, install: ['/a', 'b'] },
    { ...good, input: { ok: true } },
    { ...good, startedAt: 'now' },
  ])
    assert.equal(parseJudgeRequest(JSON.stringify(bad)).ok, false, JSON.stringify(bad));
  assert.equal(parseJudgeRequest('garbage').ok, false);
  assert.equal(
    parseJudgeReply('{"type":"judge.answer","stdout":"","exitCode":3}'),
    undefined,
    'an exit code no host reads as an answer',
  );
  assert.equal(parseJudgeReply('{"type":"judge.answer","stdout":1,"exitCode":0}'), undefined);
  assert.deepEqual(parseJudgeReply('{"type":"judge.asking"}'), { type: 'judge.asking' });
  assert.equal(parseJudgeReply('{"type":"judge.decline","reason":"busy"}')?.type, 'judge.decline');
});

test('channel: judges are found by name, for this user only, listening only', () => {
  const mine = judgeSocketPath(4242, 1000);
  assert.equal(Buffer.byteLength(mine), 108, 'the name fills sun_path');
  const entry = (p: string, listening = true) => ({ inode: 1, listening, path: '@' + p.slice(1) });
  const found = listJudgeChannels(
    [
      entry(mine),
      entry(judgeSocketPath(77, 1001)),
      entry(judgeSocketPath(88, 1000), false),
      entry('\0agentguard-judge-1000-99-'),
    ],
    1000,
  );
  assert.deepEqual(found, [{ socketPath: mine, pid: 4242 }]);
});

test(
  "an allowed and a denied call are judged by the editor's judge and recorded as such",
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) =>
      withJudge(sb, async () => {
        const allowed = await runHook('claude', claude(sb, 'ls -la'), sb);
        assert.equal(allowed.code, 0, allowed.stderr);
        assert.equal(claudeDecision(allowed).decision, 'defer');
        assert.equal(lastRecord(sb).judge, 'editor');
        assert.equal(lastRecord(sb).command, 'ls -la');

        const denied = await runHook('claude', claude(sb, 'rm -rf /'), sb);
        assert.equal(claudeDecision(denied).decision, 'deny');
        assert.match(claudeDecision(denied).reason, /fs\.rm-root/);
        assert.equal(lastRecord(sb).judge, 'editor');

        assert.equal(verifyAudit(sb.state).ok, true, 'the judge extends the same hash chain');
      }),
    );
  },
);

test(
  "a hook's variables named __proto__ and constructor reach the editor's judge as written",
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) =>
      withJudge(sb, async () => {
        for (const name of ['__proto__', 'constructor']) {
          // A computed key is an own property even when it is `__proto__`, and the harness spreads it into the hook's environment.
          const denied = await runHook('claude', claude(sb, `rm -rf "$${name}"`), sb, { [name]: '/' });
          assert.equal(claudeDecision(denied).decision, 'deny', `${name}: ${denied.stderr}`);
          assert.match(claudeDecision(denied).reason, /fs\.rm-root/, `${name}: the command deletes /`);
          assert.equal(lastRecord(sb).judge, 'editor');
        }
      }),
    );
  },
);

test(
  'parallel hooks are each judged once, with the audit chain intact (4 gated calls stay under the rate limit)',
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) =>
      withJudge(sb, async () => {
        const commands = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? `rm -rf / # ${i}` : `ls -la /tmp/${i}`));
        const runs = await Promise.all(commands.map((c) => runHook('claude', claude(sb, c), sb)));
        runs.forEach((r, i) =>
          assert.equal(claudeDecision(r).decision, i % 3 === 0 ? 'deny' : 'defer', `${commands[i]}: ${r.stdout}`),
        );
        const records = readAudit(sb);
        assert.deepEqual(records.map((e) => e.command).sort(), [...commands].sort());
        assert.ok(records.every((e) => e.judge === 'editor'));
        assert.equal(verifyAudit(sb.state).ok, true);
      }),
    );
  },
);

test(
  'a hook that keeps its state in another folder than the editor is not judged there',
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) =>
      withJudge(sb, async () => {
        const elsewhere = path.join(sb.root, 'elsewhere');
        const r = await runHook('claude', claude(sb, 'rm -rf /'), sb, {
          AGENTGUARD_STATE_DIR: confirmedState(elsewhere),
        });
        assert.equal(claudeDecision(r).decision, 'deny');
        assert.equal(readAudit(sb).length, 0, "nothing written to the editor's state");
        const records = fs
          .readFileSync(path.join(elsewhere, 'audit.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        assert.equal(records.at(-1)?.judge, undefined, 'judged by the hook itself, in its own state folder');
      }),
    );
  },
);

test(
  'AGENTGUARD_JUDGE=off, a judge of another build, or none: the hook judges in its own process',
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) => {
      await withJudge(sb, async () => {
        const off = await runHook('claude', claude(sb, 'rm -rf /'), sb, { AGENTGUARD_JUDGE: 'off' });
        assert.equal(claudeDecision(off).decision, 'deny');
        assert.equal(lastRecord(sb).judge, undefined);
      });
      await withJudge(
        sb,
        async () => {
          const other = await runHook('claude', claude(sb, 'ls -la'), sb);
          assert.equal(claudeDecision(other).decision, 'defer');
          assert.equal(lastRecord(sb).judge, undefined, 'a judge of another build is never used');
        },
        { build: 'agentguard 0.0.1+elsewhere' },
      );
      const none = await runHook('claude', claude(sb, 'rm -rf /'), sb);
      assert.equal(claudeDecision(none).decision, 'deny');
      assert.equal(lastRecord(sb).judge, undefined);
    });
  },
);

/** A process this test starts (as an agent could) that listens like a judge and allows everything. */
function startImpostor(claimPid: 'own' | 'parent'): Promise<ChildProcess> {
  const script = `
    const net = require('node:net');
    const { judgeSocketPath } = require(${JSON.stringify(require.resolve('../../../../src/channels/editorJudge/channel'))});
    const pid = ${claimPid === 'own' ? 'process.pid' : 'process.ppid'};
    net.createServer((s) => {
      s.write(JSON.stringify({ type: 'judge.hello', version: 1, pid, build: ${JSON.stringify(BUILD)} }) + '\\n');
      s.on('data', () => s.end(JSON.stringify({ type: 'judge.answer', stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow' } }) + '\\n', exitCode: 0 }) + '\\n'));
    }).listen(judgeSocketPath(process.pid), () => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`impostor exited ${code}`)));
  });
}

test('a judge an agent started is never believed, whatever pid it claims', { skip: !linux }, async () => {
  for (const claim of ['own', 'parent'] as const) {
    const impostor = await startImpostor(claim);
    try {
      await withSandbox(async (sb) => {
        const r = await runHook('claude', claude(sb, 'rm -rf /'), sb);
        assert.equal(claudeDecision(r).decision, 'deny', `impostor claiming ${claim} pid: ${r.stdout}`);
        assert.equal(lastRecord(sb).judge, undefined);
      });
    } finally {
      impostor.kill();
    }
  }
});

/** A verified judge (this process) that misbehaves once it has the call. */
async function withRawJudge(onRequest: (socket: net.Socket) => void, fn: () => Promise<void>): Promise<void> {
  const server = net.createServer((s) => {
    s.write(JSON.stringify({ type: 'judge.hello', version: 1, pid: process.pid, build: BUILD }) + '\n');
    s.once('data', () => onRequest(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(judgeSocketPath(), resolve));
  try {
    await fn();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test(
  'a judge that takes the call and then fails or stalls makes it a deny, not a second judgment',
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) => {
      await withRawJudge(
        (s) => s.end('this is not an answer\n'),
        async () => {
          const r = await runHook('claude', claude(sb, 'ls -la'), sb);
          assert.equal(claudeDecision(r).decision, 'deny');
          assert.match(claudeDecision(r).reason, /unreadable answer/);
          assert.deepEqual(lastRecord(sb).findings, ['hook.judge-failed']);
        },
      );
      await withRawJudge(
        (s) => s.destroy(),
        async () => {
          const r = await runHook('claude', claude(sb, 'ls -la'), sb);
          assert.equal(claudeDecision(r).decision, 'deny');
          assert.deepEqual(lastRecord(sb).findings, ['hook.judge-failed']);
        },
      );
      await withRawJudge(
        () => undefined,
        async () => {
          const r = await runHook('claude', claude(sb, 'ls -la'), sb, { AGENTGUARD_JUDGE_ANSWER_MS: '300' });
          assert.equal(claudeDecision(r).decision, 'deny');
          assert.match(claudeDecision(r).reason, /did not answer within 0\.3 s/);
        },
      );
      // A decline hands the call back: judged here, and allowed.
      await withRawJudge(
        (s) => s.end(JSON.stringify({ type: 'judge.decline', reason: 'busy' }) + '\n'),
        async () => {
          const r = await runHook('claude', claude(sb, 'ls -la'), sb);
          assert.equal(claudeDecision(r).decision, 'defer');
          assert.equal(lastRecord(sb).judge, undefined);
        },
      );
    });
  },
);

test("a host that cannot ask gets the human's click through the judge's own window", { skip: !linux }, async () => {
  await withSandbox(async (sb) => {
    let answer: 'allow' | 'deny' = 'allow';
    let slowHuman = 0;
    const asked: string[] = [];
    const channel = await startApprovalServer({
      socketPath: approvalSocketPath(sb.state, sb.workspace),
      decide: async (subject) => {
        asked.push(subject.command ?? '');
        if (slowHuman) await new Promise((resolve) => setTimeout(resolve, slowHuman));
        return answer;
      },
    });
    try {
      await withJudge(
        sb,
        async () => {
          const allowed = await runHook('windsurf', windsurf(sb, 'git push --force origin main'), sb);
          assert.equal(allowed.code, 0, allowed.stderr);
          assert.deepEqual(asked, ['git push --force origin main'], "asked once, in the judge's window");
          assert.equal(lastRecord(sb).approval, 'allow');
          assert.equal(lastRecord(sb).judge, 'editor');
          // What the check of the answering editor is worth on this kernel: no Yama here, so only that it was recorded.
          assert.equal(lastRecord(sb).peerProof, peerProofOf(readPtraceScope()));
          if (!fs.existsSync('/proc/sys/kernel/yama/ptrace_scope')) assert.equal(lastRecord(sb).peerProof, 'recorded');
          answer = 'deny';
          const denied = await runHook('windsurf', windsurf(sb, 'git push --force origin main'), sb);
          assert.equal(denied.code, 2);
          assert.equal(lastRecord(sb).approval, 'deny');
          // A human takes longer than judging ever does: "asking" lets the hook wait for the click.
          answer = 'allow';
          // The limit leaves the judge room to say "asking" on a loaded machine; the click comes well after it.
          slowHuman = 5000;
          const slow = await runHook('windsurf', windsurf(sb, 'git push --force origin main'), sb, {
            AGENTGUARD_JUDGE_ANSWER_MS: '2000',
          });
          assert.equal(slow.code, 0, slow.stderr);
          assert.equal(lastRecord(sb).approval, 'allow');
          slowHuman = 0;
        },
        { channels: () => [channel] },
      );
      // The folder's channel is not this judge's: it declines, and the hook asks over the channel itself.
      await withJudge(sb, async () => {
        answer = 'allow';
        const r = await runHook('windsurf', windsurf(sb, 'git push --force origin main'), sb);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(lastRecord(sb).judge, undefined);
        assert.equal(lastRecord(sb).approval, 'allow');
        assert.equal(lastRecord(sb).peerProof, peerProofOf(readPtraceScope()), 'the hook says it too');
      });
    } finally {
      await channel.close();
    }
  });
});

test(
  'the judge records and counts a call at its own clock, whatever start time the client names',
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) =>
      withJudge(sb, async (judge) => {
        const request = (command: string, startedAt: number) => ({
          type: 'judge.request',
          version: 1,
          host: 'windsurf',
          input: { ok: true, text: JSON.stringify(windsurf(sb, command)) },
          env: { HOME: sb.home, PATH: process.env.PATH ?? '', AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
          cwd: sb.workspace,
          install: [],
          startedAt,
        });
        const hour = 3600_000;
        // Six gated calls, each claiming to have started an hour apart, long ago: spread that way they would never trip the limiter.
        const before = Date.now();
        for (let i = 0; i < 6; i++) {
          const answer = await askJudge(judge, request(`git push --force origin main # ${i}`, i * hour));
          assert.equal(answer.type, 'judge.answer', JSON.stringify(answer));
        }
        const after = Date.now();
        const records = readAudit(sb).filter((e) => e.host === 'windsurf');
        assert.equal(records.length, 6);
        for (const e of records) {
          const t = Date.parse(String(e.time));
          assert.ok(t >= before - 5 && t <= after + 5, `audit time ${String(e.time)} is the judge's, not the client's`);
        }
        // The default limit (5 gated calls in 10 s) counted them at the judge's clock: the kill switch is engaged.
        const ks = JSON.parse(fs.readFileSync(path.join(sb.state, 'killswitch.json'), 'utf8')) as {
          engaged: boolean;
          by: string;
        };
        assert.deepEqual([ks.engaged, ks.by], [true, 'rate-limit']);
      }),
    );
  },
);

test("a call that needs a snapshot is left to the hook's own process", { skip: !linux }, async () => {
  await withSandbox(async (sb) =>
    withJudge(sb, async () => {
      fs.writeFileSync(path.join(sb.workspace, 'src', 'a.ts'), 'export {};\n');
      const r = await runHook('claude', claude(sb, 'rm -rf src'), sb);
      assert.equal(lastRecord(sb).judge, undefined, r.stdout);
      assert.ok(lastRecord(sb).snapshot, 'the snapshot was taken in the hook');
    }),
  );
});

test(
  'a call that writes a few small files is judged by the editor, which keeps their copy itself',
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) =>
      withJudge(sb, async () => {
        const notes = path.join(sb.workspace, 'notes.txt');
        fs.writeFileSync(notes, 'before\n');
        const overwrite = await runHook('claude', claude(sb, 'echo after > notes.txt'), sb);
        assert.equal(overwrite.code, 0, overwrite.stderr);
        assert.equal(lastRecord(sb).judge, 'editor', overwrite.stdout);
        assert.ok(lastRecord(sb).snapshot, 'the judge kept the file the call overwrites');
        const created = await runHook('claude', claude(sb, 'cat > fresh.txt <<NOTE\nhello\nNOTE'), sb);
        assert.equal(lastRecord(sb).judge, 'editor', created.stdout);
        assert.equal(lastRecord(sb).command, 'cat > fresh.txt <<NOTE\nhello\nNOTE');

        // Past the judge's bound, or not a regular file: the hook's own process takes the copy, as before.
        fs.writeFileSync(path.join(sb.workspace, 'big.bin'), Buffer.alloc(JUDGE_COPY_MAX_BYTES + 1));
        const big = await runHook('claude', claude(sb, 'echo x > big.bin'), sb);
        assert.equal(lastRecord(sb).judge, undefined, big.stdout);
        assert.equal(lastRecord(sb).command, 'echo x > big.bin');
        fs.symlinkSync(notes, path.join(sb.workspace, 'link.txt'));
        const linked = await runHook('claude', claude(sb, 'echo x > link.txt'), sb);
        assert.equal(lastRecord(sb).judge, undefined, linked.stdout);
        assert.equal(lastRecord(sb).command, 'echo x > link.txt');
        const many = Array.from({ length: JUDGE_COPY_MAX_FILES + 1 }, (_, i) => `f${i}.txt`);
        for (const f of many) fs.writeFileSync(path.join(sb.workspace, f), 'x\n');
        const removed = await runHook('claude', claude(sb, `rm ${many.join(' ')}`), sb);
        assert.equal(lastRecord(sb).judge, undefined, removed.stdout);
        assert.match(String(lastRecord(sb).command), /^rm f0\.txt/);
      }),
    );
  },
);

test(
  'the judge names its listening descriptor; the hint speeds the check and proves nothing by itself',
  { skip: !linux },
  async () => {
    await withJudge(undefined, async (judge) => {
      const hello = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const s = net.createConnection(judge.socketPath);
        s.once('data', (d) => {
          s.destroy();
          resolve(JSON.parse(d.toString('utf8').split('\n')[0]) as Record<string, unknown>);
        });
        s.once('error', reject);
      });
      const inode = readUnixSockets().find((e) => e.listening && e.path === procAbstractPath(judge.socketPath))?.inode;
      assert.ok(inode, 'the judge listens');
      assert.equal(typeof hello.fd, 'number');
      assert.equal(fs.readlinkSync(`/proc/self/fd/${hello.fd}`), `socket:[${inode}]`);
      assert.equal(holdsSocket(process.pid, inode, undefined, hello.fd as number), true);
      assert.equal(holdsSocket(process.pid, inode, undefined, 0), true, 'a wrong hint falls back to the scan');
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
      try {
        assert.equal(
          holdsSocket(child.pid!, inode, undefined, hello.fd as number),
          false,
          'another process with the same descriptor number does not hold it',
        );
      } finally {
        child.kill();
      }
    });
  },
);

const DOCTOR_JUDGE = 'doctor says whether hooks started from here hand their calls to an editor judge';

test(DOCTOR_JUDGE, { skip: !linux }, async (t) => {
  // Alone in a network of its own: an editor open on this machine would be a judge listening too.
  if (!inOwnNetwork()) {
    const run = runInOwnNetwork(__filename, DOCTOR_JUDGE);
    if (!run) return t.skip('no bubblewrap to give it a network of its own');
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /^ℹ pass 1$/m, run.output);
    return;
  }
  await withSandbox(async (sb) => {
    const doctor = () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'doctor', '--workspace', sb.workspace], {
          env: { PATH: process.env.PATH ?? '', HOME: sb.home, AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString('utf8');
        });
        child.on('close', () => resolve(out));
      });
    assert.match(await doctor(), /^judge {6}no editor judge listening: hooks judge in their own process$/m);
    await withJudge(sb, async () => {
      assert.match(
        await doctor(),
        new RegExp(`^judge {6}editor judge pid ${process.pid}: hooks started from here hand it their calls$`, 'm'),
      );
    });
    const impostor = await startImpostor('own');
    try {
      assert.match(
        await doctor(),
        new RegExp(
          `^judge {6}editor judge pid ${impostor.pid} not used from here: not the editor's extension host: .+$`,
          'm',
        ),
      );
    } finally {
      impostor.kill();
    }
  });
});

test('a launcher whose CLI bundle is missing blocks with exit 2, the one block every host reads', async () => {
  await withSandbox(async (sb) => {
    const lonely = path.join(sb.root, 'dist');
    fs.mkdirSync(lonely);
    fs.copyFileSync(CLI, path.join(lonely, 'cli.js'));
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(lonely, 'cli.js'), 'hook', 'claude'], {
        env: { PATH: process.env.PATH ?? '', HOME: sb.home, AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString('utf8');
      });
      child.on('close', (code) => resolve({ code, stderr }));
      child.stdin.end(JSON.stringify(claude(sb, 'ls -la')));
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^AgentGuard: the hook could not start \(Cannot find module [^]*\); blocking\.\n$/);
  });
});
