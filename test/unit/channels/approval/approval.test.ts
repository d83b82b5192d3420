// The approval channel with a real Unix socket: the core server the
// extension runs, standing in for the editor, and the client the hook uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { requestApproval } from '../../../../src/channels/approval/client';
import { approvalSocketPath, findApprovalSocket, isAbstractSocket } from '../../../../src/channels/approval/paths';
import { readUnixSockets, procAbstractPath } from '../../../../src/channels/procfs';
import { ApprovalChannelTakenError, startApprovalServer } from '../../../../src/channels/approval/server';
import { subjectDigest, type ApprovalSubject } from '../../../../src/shared/protocol';
import { stateDir } from '../../../../src/core/state';
import { confirmedState } from '../../support/account';
import { recordTestEditor } from '../../support/hookHarness';

const unix = process.platform !== 'win32';
// The approval servers here run in this process, standing for the editor's extension host: its binary is the editor's,
// recorded in the state folder this process's hook side reads.
if (unix) {
  const editorState = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-appr-editor-')));
  process.env.AGENTGUARD_STATE_DIR = confirmedState(editorState);
  process.on('exit', () => fs.rmSync(editorState, { recursive: true, force: true }));
  recordTestEditor(stateDir());
}

function tmpState(): { state: string; cleanup(): void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-appr-')));
  return { state: path.join(root, 'state'), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function subject(command: string): ApprovalSubject {
  return {
    host: 'claude',
    tool: 'Bash',
    kind: 'shell',
    command,
    cwd: '/home/dev/app',
    workspace: '/home/dev/app',
    score: 80,
    environment: { name: 'production', production: true },
    findings: [
      { id: 'git.force-push', summary: 'force-pushes main', target: 'origin/main', alternative: 'push a branch' },
    ],
  };
}

/** Sends raw text to the server and returns the first line it answers ('' when it hangs up). */
function raw(socketPath: string, text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.createConnection(socketPath);
    let buf = '';
    s.setEncoding('utf8');
    s.on('connect', () => s.write(text));
    s.on('data', (d: string) => {
      buf += d;
    });
    // The first line is always the editor's hello; the answer (if any) follows it.
    s.on('close', () => {
      const [hello, answer] = buf.split('\n');
      assert.equal(JSON.parse(hello).type, 'approval.hello');
      resolve(answer ?? '');
    });
    s.on('error', () => undefined); // a reset is the server refusing: 'close' follows
  });
}

test("the human's answer comes back on the connection that asked, and only there", { skip: !unix }, async () => {
  const t = tmpState();
  const seen: string[] = [];
  const socketPath = approvalSocketPath(t.state, '/home/dev/app');
  const server = await startApprovalServer({
    socketPath,
    decide: async (s) => {
      seen.push(s.command ?? '');
      return s.command === 'git push --force' ? 'allow' : 'deny';
    },
  });
  try {
    const [a, b] = await Promise.all([
      requestApproval(socketPath, subject('git push --force'), { timeoutMs: 5000 }),
      requestApproval(socketPath, subject('dropdb prod'), { timeoutMs: 5000 }),
    ]);
    assert.deepEqual(a, { status: 'answered', decision: 'allow', by: 'user' });
    assert.deepEqual(b, { status: 'answered', decision: 'deny', by: 'user' });
    assert.deepEqual(seen.sort(), ['dropdb prod', 'git push --force']);
    if (isAbstractSocket(socketPath)) {
      // Linux: nothing on disk an agent could unlink or replace; the name is listed as listening.
      assert.equal(fs.existsSync(t.state), false);
      assert.ok(readUnixSockets().some((e) => e.listening && e.path === procAbstractPath(socketPath)));
    } else {
      // Owner-only: the directory and the socket.
      assert.equal(fs.statSync(path.dirname(socketPath)).mode & 0o777, 0o700);
      assert.equal(fs.statSync(socketPath).mode & 0o777, 0o600);
    }
  } finally {
    await server.close();
    t.cleanup();
  }
});

test(
  'no message grants approval: anything but a well-formed request is answered with a deny and never reaches the human',
  { skip: !unix },
  async () => {
    const t = tmpState();
    let asked = 0;
    const socketPath = approvalSocketPath(t.state, '/w');
    const server = await startApprovalServer({
      socketPath,
      decide: async () => {
        asked++;
        return 'allow';
      },
    });
    try {
      const grant = JSON.parse(
        await raw(socketPath, '{"type":"approval.answer","id":"x1","decision":"allow","by":"user"}\n'),
      );
      assert.deepEqual(grant, {
        type: 'approval.answer',
        id: 'x1',
        decision: 'deny',
        by: 'invalid',
        reason: 'unknown message type "approval.answer"',
      });
      const invented = JSON.parse(await raw(socketPath, '{"type":"approval.grant","id":"x2","command":"rm -rf /"}\n'));
      assert.equal(invented.decision, 'deny');
      const malformed = JSON.parse(
        await raw(
          socketPath,
          JSON.stringify({
            type: 'approval.request',
            version: 2,
            id: 'x3',
            subject: { ...subject('ls'), findings: 'none' },
          }) + '\n',
        ),
      );
      assert.deepEqual(
        [malformed.decision, malformed.by, malformed.reason],
        ['deny', 'invalid', 'request subject is malformed'],
      );
      assert.equal(JSON.parse(await raw(socketPath, 'not json\n')).decision, 'deny');
      const oldVersion = JSON.parse(
        await raw(
          socketPath,
          JSON.stringify({ type: 'approval.request', version: 1, id: 'x4', subject: subject('ls') }) + '\n',
        ),
      );
      assert.equal(oldVersion.reason, 'unsupported protocol version 1');
      // Oversized: the connection is dropped, nothing is answered.
      assert.equal(await raw(socketPath, 'x'.repeat(300 * 1024)), '');
      assert.equal(asked, 0);
    } finally {
      await server.close();
      t.cleanup();
    }
  },
);

test(
  'identical requests from two clients are never merged: each is its own question, and the modal sees the line behind it',
  { skip: !unix },
  async () => {
    const t = tmpState();
    const releases: ((d: 'allow' | 'deny') => void)[] = [];
    const waitingSeen: number[] = [];
    let changes = 0;
    const socketPath = approvalSocketPath(t.state, '/w');
    const server = await startApprovalServer({
      socketPath,
      decide: (_s, _signal, queue) => {
        waitingSeen.push(queue.waiting());
        const sub = queue.onDidChange(() => {
          changes++;
        });
        return new Promise((r) => {
          releases.push((d) => {
            sub.dispose();
            r(d);
          });
        });
      },
    });
    try {
      const first = requestApproval(socketPath, subject('git push --force'), { timeoutMs: 5000 });
      await new Promise((r) => setTimeout(r, 150));
      const second = requestApproval(socketPath, subject('git push --force'), { timeoutMs: 5000 });
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(releases.length, 1, 'one modal at a time');
      assert.equal(changes, 1, 'the shown modal learned that a request queued behind it');
      releases[0]('allow');
      assert.deepEqual(await first, { status: 'answered', decision: 'allow', by: 'user' });
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(releases.length, 2, 'the second client was asked on its own');
      releases[1]('deny');
      assert.deepEqual(await second, { status: 'answered', decision: 'deny', by: 'user' });
      assert.deepEqual(waitingSeen, [0, 0]);
    } finally {
      await server.close();
      t.cleanup();
    }
  },
);

test('a client that stops waiting times out, and the editor learns the question is moot', { skip: !unix }, async () => {
  const t = tmpState();
  let aborted: Promise<void> | undefined;
  const socketPath = approvalSocketPath(t.state, '/w');
  const server = await startApprovalServer({
    socketPath,
    decide: (_s, signal) => {
      aborted = new Promise((r) => signal.addEventListener('abort', () => r()));
      return new Promise(() => undefined);
    },
  });
  try {
    assert.deepEqual(await requestApproval(socketPath, subject('x'), { timeoutMs: 300 }), { status: 'timeout' });
    // The human was asked (the handler ran), and the question was withdrawn within a bound: a missing abort fails, never hangs.
    assert.ok(aborted, 'the editor must have been asked before the client gave up');
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      aborted.then(() => 'aborted'),
      new Promise<string>((r) => {
        timer = setTimeout(() => r('still asking'), 3000);
      }),
    ]);
    clearTimeout(timer);
    assert.equal(outcome, 'aborted', 'the editor must learn that the client stopped waiting');
  } finally {
    await server.close();
    t.cleanup();
  }
});

test(
  "the editor's record of an answer is dropped when the hook stops waiting, and learns how long it waits",
  { skip: !unix },
  async () => {
    const t = tmpState();
    const socketPath = approvalSocketPath(t.state, '/w');
    let asker: { signal: AbortSignal; waitMs?: number } | undefined;
    let dropped: Promise<string> | undefined;
    const server = await startApprovalServer({
      socketPath,
      decide: () => Promise.resolve('allow'),
      // A record that takes longer than the hook waits: a password typed late.
      record: (_s, _d, a) => {
        asker = a;
        dropped = new Promise((r) => a.signal.addEventListener('abort', () => r('dropped')));
        return dropped.then(() => 'nobody waits for the answer any more');
      },
    });
    try {
      assert.deepEqual(await requestApproval(socketPath, subject('x'), { timeoutMs: 1500 }), { status: 'timeout' });
      assert.ok(asker && dropped, 'the answer was being recorded when the hook gave up');
      assert.ok(asker.waitMs !== undefined && asker.waitMs > 500 && asker.waitMs <= 1500, String(asker.waitMs));
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        dropped,
        new Promise<string>((r) => {
          timer = setTimeout(() => r('still recording'), 3000);
        }),
      ]);
      clearTimeout(timer);
      assert.equal(
        outcome,
        'dropped',
        'the record must end when the hook stops waiting, or a late password is recorded',
      );
    } finally {
      await server.close();
      t.cleanup();
    }
  },
);

test('closing the editor denies what is pending', { skip: !unix }, async () => {
  const t = tmpState();
  const socketPath = approvalSocketPath(t.state, '/w');
  let started: () => void = () => undefined;
  const asking = new Promise<void>((r) => {
    started = r;
  });
  const server = await startApprovalServer({
    socketPath,
    decide: () => {
      started();
      return new Promise(() => undefined);
    },
  });
  const pending = requestApproval(socketPath, subject('x'), { timeoutMs: 5000 });
  await asking;
  await server.close();
  assert.deepEqual(await pending, {
    status: 'answered',
    decision: 'deny',
    by: 'cancelled',
    reason: 'the editor closed',
  });
  assert.equal(fs.existsSync(socketPath), false);
  assert.equal(
    readUnixSockets().some((e) => e.path === procAbstractPath(socketPath)),
    false,
  );
  t.cleanup();
});

test(
  'the client trusts only its own socket and only well-formed answers that name what it sent',
  { skip: !unix },
  async (tc) => {
    const t = tmpState();
    // Whatever assertion fails, no fake editor is left listening (the file would never end).
    const owned = (server: net.Server): net.Server => {
      const sockets = new Set<net.Socket>();
      server.on('connection', (c) => {
        sockets.add(c);
        c.on('close', () => sockets.delete(c));
      });
      tc.after(() => {
        for (const c of sockets) c.destroy();
        if (server.listening) server.close();
      });
      return server;
    };
    try {
      const missing = approvalSocketPath(t.state, '/nowhere');
      assert.equal((await requestApproval(missing, subject('x'), { timeoutMs: 1000 })).status, 'unavailable');

      // A fake editor (in this very process, so its hello passes the peer check) claiming answers a human did not give.
      const socketPath = approvalSocketPath(t.state, '/w');
      const sent = subject('x');
      const digest = subjectDigest(sent);
      const lies = [
        `{"type":"approval.answer","id":"ID","decision":"allow","by":"busy","subjectDigest":"${digest}","confirmedProduction":true}`,
        `{"type":"approval.answer","id":"other","decision":"allow","by":"user","subjectDigest":"${digest}","confirmedProduction":true}`,
        'allow',
        // An allow about another subject (a look-alike request queued by someone else).
        `{"type":"approval.answer","id":"ID","decision":"allow","by":"user","subjectDigest":"${subjectDigest(subject('ls'))}","confirmedProduction":true}`,
        // An allow that names no subject at all.
        '{"type":"approval.answer","id":"ID","decision":"allow","by":"user","confirmedProduction":true}',
        // A production allow without the name typed.
        `{"type":"approval.answer","id":"ID","decision":"allow","by":"user","subjectDigest":"${digest}"}`,
      ];
      for (const lie of lies) {
        const fake = owned(
          net.createServer((s) => {
            s.write(JSON.stringify({ type: 'approval.hello', version: 2, pid: process.pid }) + '\n');
            s.once('data', (d) => {
              const id = JSON.parse(String(d)).id as string;
              s.end(lie.replace('ID', id) + '\n');
            });
          }),
        );
        if (!isAbstractSocket(socketPath)) fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
        await new Promise<void>((r) => fake.listen(socketPath, r));
        const outcome = await requestApproval(socketPath, sent, { timeoutMs: 2000 });
        assert.deepEqual(outcome.status === 'answered' && [outcome.decision, outcome.by], ['deny', 'invalid'], lie);
        await new Promise<void>((r) => fake.close(() => r()));
      }
      // A listener that does not greet as the editor is no editor.
      const mute = owned(net.createServer((s) => s.once('data', () => s.end('{"type":"approval.answer"}\n'))));
      await new Promise<void>((r) => mute.listen(socketPath, r));
      const muted = await requestApproval(socketPath, sent, { timeoutMs: 500 });
      assert.notEqual(muted.status === 'answered' && muted.decision, 'allow');
      await new Promise<void>((r) => mute.close(() => r()));

      // A socket file in a directory others can write could have been planted: refused before connecting.
      const fileSocket = path.join(t.state, 'approval', 'w.sock');
      const server = await startApprovalServer({ socketPath: fileSocket, decide: async () => 'allow' });
      tc.after(() => server.close().catch(() => undefined));
      fs.chmodSync(path.dirname(fileSocket), 0o755);
      const refused = await requestApproval(fileSocket, subject('x'), { timeoutMs: 1000 });
      assert.equal(refused.status, 'unavailable');
      assert.match(refused.status === 'unavailable' ? refused.reason : '', /open to other users \(mode 755\)/);
      fs.chmodSync(path.dirname(fileSocket), 0o700);
      await server.close();
    } finally {
      t.cleanup();
    }
  },
);

test('a socket file left by a crashed editor is replaced; a live one is not taken over', { skip: !unix }, async () => {
  const t = tmpState();
  const socketPath = path.join(t.state, 'approval', 'w.sock');
  fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  // A process that listens and is then killed leaves its socket file behind.
  const child = spawn(process.execPath, [
    '-e',
    `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`,
  ]);
  await new Promise((r) => child.stdout.once('data', r));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.ok(fs.existsSync(socketPath));
  const server = await startApprovalServer({ socketPath, decide: async () => 'allow' });
  try {
    assert.deepEqual(await requestApproval(socketPath, subject('x'), { timeoutMs: 2000 }), {
      status: 'answered',
      decision: 'allow',
      by: 'user',
    });
    await assert.rejects(
      startApprovalServer({ socketPath, decide: async () => 'allow' }),
      /another editor window already answers approvals/,
    );
  } finally {
    await server.close();
    t.cleanup();
  }
});

test(
  'Linux: an abstract channel name another process holds is reported with that process, never answered around',
  { skip: process.platform !== 'linux' },
  async () => {
    const t = tmpState();
    const socketPath = approvalSocketPath(t.state, '/w');
    const squatter = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up')); setTimeout(() => {}, 60000)`,
    ]);
    try {
      await new Promise((r) => squatter.stdout.once('data', r));
      const err = await startApprovalServer({ socketPath, decide: async () => 'allow' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof ApprovalChannelTakenError, String(err));
      assert.equal(err.holder?.pid, squatter.pid);
      assert.match(
        err.message,
        new RegExp(`another process holds AgentGuard's approval channel: pid ${squatter.pid} \\(.*node -e`),
      );
    } finally {
      squatter.kill('SIGKILL');
      t.cleanup();
    }
  },
);

test('the hook finds the editor of the nearest enclosing folder', () => {
  const state = '/state';
  const present = new Set([approvalSocketPath(state, '/home/dev/app'), approvalSocketPath(state, '/home/dev')]);
  const exists = (p: string) => present.has(p);
  assert.equal(
    findApprovalSocket(state, ['/home/dev/app/src/lib'], exists),
    approvalSocketPath(state, '/home/dev/app'),
  );
  assert.equal(findApprovalSocket(state, ['/home/dev/other'], exists), approvalSocketPath(state, '/home/dev'));
  assert.equal(findApprovalSocket(state, ['/srv/x'], exists), undefined);
  assert.notEqual(approvalSocketPath(state, '/a'), approvalSocketPath(state, '/b'));
});
