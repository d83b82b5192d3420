// The approval channel with a real Unix socket: the core server the
// extension runs, standing in for the editor, and the client the hook uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { requestApproval } from '../../src/core/approval/client';
import { approvalSocketPath, findApprovalSocket } from '../../src/core/approval/paths';
import { startApprovalServer } from '../../src/core/approval/server';
import type { ApprovalSubject } from '../../src/shared/protocol';

const unix = process.platform !== 'win32';

function tmpState(): { state: string; cleanup(): void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-appr-')));
  return { state: path.join(root, 'state'), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function subject(command: string): ApprovalSubject {
  return {
    host: 'claude', tool: 'Bash', kind: 'shell', command, cwd: '/home/dev/app', workspace: '/home/dev/app', score: 80,
    environment: { name: 'production', production: true },
    findings: [{ id: 'git.force-push', summary: 'force-pushes main', target: 'origin/main', alternative: 'push a branch' }],
  };
}

/** Sends raw text to the server and returns the first line it answers ('' when it hangs up). */
function raw(socketPath: string, text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.createConnection(socketPath);
    let buf = '';
    s.setEncoding('utf8');
    s.on('connect', () => s.write(text));
    s.on('data', (d: string) => { buf += d; });
    s.on('close', () => resolve(buf.split('\n')[0]));
    s.on('error', () => undefined); // a reset is the server refusing: 'close' follows
  });
}

test('the human\'s answer comes back on the connection that asked, and only there', { skip: !unix }, async () => {
  const t = tmpState();
  const seen: string[] = [];
  const socketPath = approvalSocketPath(t.state, '/home/dev/app');
  const server = await startApprovalServer({ socketPath, decide: async (s) => { seen.push(s.command ?? ''); return s.command === 'git push --force' ? 'allow' : 'deny'; } });
  try {
    const [a, b] = await Promise.all([
      requestApproval(socketPath, subject('git push --force'), { timeoutMs: 5000 }),
      requestApproval(socketPath, subject('dropdb prod'), { timeoutMs: 5000 }),
    ]);
    assert.deepEqual(a, { status: 'answered', decision: 'allow', by: 'user' });
    assert.deepEqual(b, { status: 'answered', decision: 'deny', by: 'user' });
    assert.deepEqual(seen.sort(), ['dropdb prod', 'git push --force']);
    // Owner-only: the directory and the socket.
    assert.equal(fs.statSync(path.dirname(socketPath)).mode & 0o777, 0o700);
    assert.equal(fs.statSync(socketPath).mode & 0o777, 0o600);
  } finally {
    await server.close();
    t.cleanup();
  }
});

test('no message grants approval: anything but a well-formed request is answered with a deny and never reaches the human', { skip: !unix }, async () => {
  const t = tmpState();
  let asked = 0;
  const socketPath = approvalSocketPath(t.state, '/w');
  const server = await startApprovalServer({ socketPath, decide: async () => { asked++; return 'allow'; } });
  try {
    const grant = JSON.parse(await raw(socketPath, '{"type":"approval.answer","id":"x1","decision":"allow","by":"user"}\n'));
    assert.deepEqual(grant, { type: 'approval.answer', id: 'x1', decision: 'deny', by: 'invalid', reason: 'unknown message type "approval.answer"' });
    const invented = JSON.parse(await raw(socketPath, '{"type":"approval.grant","id":"x2","command":"rm -rf /"}\n'));
    assert.equal(invented.decision, 'deny');
    const malformed = JSON.parse(await raw(socketPath, JSON.stringify({ type: 'approval.request', version: 1, id: 'x3', subject: { ...subject('ls'), findings: 'none' } }) + '\n'));
    assert.deepEqual([malformed.decision, malformed.by, malformed.reason], ['deny', 'invalid', 'request subject is malformed']);
    assert.equal(JSON.parse(await raw(socketPath, 'not json\n')).decision, 'deny');
    const oldVersion = JSON.parse(await raw(socketPath, JSON.stringify({ type: 'approval.request', version: 0, id: 'x4', subject: subject('ls') }) + '\n'));
    assert.equal(oldVersion.reason, 'unsupported protocol version 0');
    // Oversized: the connection is dropped, nothing is answered.
    assert.equal(await raw(socketPath, 'x'.repeat(300 * 1024)), '');
    assert.equal(asked, 0);
  } finally {
    await server.close();
    t.cleanup();
  }
});

test('identical requests waiting at once share one modal', { skip: !unix }, async () => {
  const t = tmpState();
  let asked = 0;
  let release: (d: 'allow') => void = () => undefined;
  const socketPath = approvalSocketPath(t.state, '/w');
  const server = await startApprovalServer({ socketPath, decide: () => { asked++; return new Promise((r) => { release = r; }); } });
  try {
    const both = Promise.all([1, 2].map(() => requestApproval(socketPath, subject('git push --force'), { timeoutMs: 5000 })));
    await new Promise((r) => setTimeout(r, 200));
    release('allow');
    const answers = await both;
    assert.equal(asked, 1);
    assert.deepEqual(answers.map((a) => a.status === 'answered' && a.decision), ['allow', 'allow']);
  } finally {
    await server.close();
    t.cleanup();
  }
});

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
    await aborted;
  } finally {
    await server.close();
    t.cleanup();
  }
});

test('closing the editor denies what is pending', { skip: !unix }, async () => {
  const t = tmpState();
  const socketPath = approvalSocketPath(t.state, '/w');
  let started: () => void = () => undefined;
  const asking = new Promise<void>((r) => { started = r; });
  const server = await startApprovalServer({ socketPath, decide: () => { started(); return new Promise(() => undefined); } });
  const pending = requestApproval(socketPath, subject('x'), { timeoutMs: 5000 });
  await asking;
  await server.close();
  assert.deepEqual(await pending, { status: 'answered', decision: 'deny', by: 'cancelled', reason: 'the editor closed' });
  assert.equal(fs.existsSync(socketPath), false);
  t.cleanup();
});

test('the client trusts only its own socket and only well-formed answers from it', { skip: !unix }, async () => {
  const t = tmpState();
  try {
    const missing = approvalSocketPath(t.state, '/nowhere');
    assert.equal((await requestApproval(missing, subject('x'), { timeoutMs: 1000 })).status, 'unavailable');

    // A fake editor claiming an allow it did not get from a human.
    const socketPath = approvalSocketPath(t.state, '/w');
    fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
    const lies = ['{"type":"approval.answer","id":"ID","decision":"allow","by":"busy"}', '{"type":"approval.answer","id":"other","decision":"allow","by":"user"}', 'allow'];
    for (const lie of lies) {
      const fake = net.createServer((s) => s.once('data', (d) => {
        const id = JSON.parse(String(d)).id as string;
        s.end(lie.replace('ID', id) + '\n');
      }));
      await new Promise<void>((r) => fake.listen(socketPath, r));
      const outcome = await requestApproval(socketPath, subject('x'), { timeoutMs: 2000 });
      assert.deepEqual(outcome.status === 'answered' && [outcome.decision, outcome.by], ['deny', 'invalid'], lie);
      await new Promise<void>((r) => fake.close(() => r()));
    }

    // A socket in a directory others can write could have been planted: refused before connecting.
    const server = await startApprovalServer({ socketPath, decide: async () => 'allow' });
    fs.chmodSync(path.dirname(socketPath), 0o755);
    const refused = await requestApproval(socketPath, subject('x'), { timeoutMs: 1000 });
    assert.equal(refused.status, 'unavailable');
    assert.match(refused.status === 'unavailable' ? refused.reason : '', /open to other users \(mode 755\)/);
    fs.chmodSync(path.dirname(socketPath), 0o700);
    await server.close();
  } finally {
    t.cleanup();
  }
});

test('a socket left by a crashed editor is replaced; a live one is not taken over', { skip: !unix }, async () => {
  const t = tmpState();
  const socketPath = approvalSocketPath(t.state, '/w');
  fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  // A process that listens and is then killed leaves its socket file behind.
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`]);
  await new Promise((r) => child.stdout.once('data', r));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.ok(fs.existsSync(socketPath));
  const server = await startApprovalServer({ socketPath, decide: async () => 'allow' });
  try {
    assert.deepEqual(await requestApproval(socketPath, subject('x'), { timeoutMs: 2000 }), { status: 'answered', decision: 'allow', by: 'user' });
    await assert.rejects(startApprovalServer({ socketPath, decide: async () => 'allow' }), /another editor window already answers approvals/);
  } finally {
    await server.close();
    t.cleanup();
  }
});

test('the hook finds the editor of the nearest enclosing folder', () => {
  const state = '/state';
  const present = new Set([approvalSocketPath(state, '/home/dev/app'), approvalSocketPath(state, '/home/dev')]);
  const exists = (p: string) => present.has(p);
  assert.equal(findApprovalSocket(state, ['/home/dev/app/src/lib'], exists), approvalSocketPath(state, '/home/dev/app'));
  assert.equal(findApprovalSocket(state, ['/home/dev/other'], exists), approvalSocketPath(state, '/home/dev'));
  assert.equal(findApprovalSocket(state, ['/srv/x'], exists), undefined);
  assert.notEqual(approvalSocketPath(state, '/a'), approvalSocketPath(state, '/b'));
});
