// Open debuggers against real Node processes (Linux): a child whose inspector
// a SIGUSR1 opened is not trusted; a child serving HTTP (as code-server's
// server does) is; a listener that says nothing, or a process that is gone,
// is not (fail closed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import {
  classifyAnswer,
  debuggersClosed,
  heldSockets,
  listenHost,
  readTcpListeners,
} from '../../../src/channels/debuggers';
import { inspectorAddress, inspectorAddresses } from '../../../src/channels/inspectorPorts';

const linux = process.platform === 'linux';
const uid = typeof process.getuid === 'function' ? process.getuid() : -1;

/** A Node child running `code`; resolves once it printed its first line on stdout. */
async function child(
  code: string,
  nodeArgs = ['--inspect-port=127.0.0.1:0'],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ proc: ChildProcess; stderr: () => string }> {
  // By default the inspector a signal opens listens on a port of its own choosing (0): tests running side by side never meet on 9229.
  const proc = spawn(process.execPath, [...nodeArgs, '-e', code], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let err = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.once('data', () => resolve());
    proc.once('exit', (c) => reject(new Error(`child exited (${c}): ${err}`)));
  });
  return { proc, stderr: () => err };
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const IDLE = "console.log('up'); setInterval(() => {}, 1000);";

test('a Node process whose inspector a SIGUSR1 opened is not trusted', { skip: !linux }, async () => {
  const { proc, stderr } = await child(IDLE);
  try {
    assert.deepEqual(await debuggersClosed([proc.pid!]), { ok: true });
    proc.kill('SIGUSR1');
    await until('the inspector to listen', () => /Debugger listening on ws:\/\//.test(stderr()));
    const check = await debuggersClosed([process.pid, proc.pid!]);
    assert.equal(check.ok, false);
    assert.match(
      !check.ok ? check.reason : '',
      new RegExp(`process ${proc.pid} has an open debugger \\(127\\.0\\.0\\.1:\\d+\\)`),
    );
  } finally {
    proc.kill('SIGKILL');
  }
});

test('an inspector on the port NODE_OPTIONS names is found by its port', { skip: !linux }, async () => {
  const free = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => free.once('listening', r));
  const port = (free.address() as net.AddressInfo).port;
  await new Promise((r) => free.close(r));
  const { proc, stderr } = await child(IDLE, [], { ...process.env, NODE_OPTIONS: `--inspect-port=${port}` });
  try {
    assert.deepEqual(inspectorAddresses(proc.pid!), [
      { host: '127.0.0.1', port: 9229 },
      { host: '127.0.0.1', port },
    ]);
    assert.deepEqual(await debuggersClosed([proc.pid!]), { ok: true });
    proc.kill('SIGUSR1');
    await until('the inspector to listen', () =>
      new RegExp(`Debugger listening on ws://127\\.0\\.0\\.1:${port}/`).test(stderr()),
    );
    const check = await debuggersClosed([proc.pid!]);
    assert.match(
      !check.ok ? check.reason : 'trusted',
      new RegExp(`has an open debugger \\(127\\.0\\.0\\.1:${port}\\)`),
    );
  } finally {
    proc.kill('SIGKILL');
  }
});

test('where a signal would open the inspector, as Node reads its options', () => {
  assert.deepEqual(inspectorAddress('9230'), { host: '127.0.0.1', port: 9230 });
  assert.deepEqual(inspectorAddress('0.0.0.0:9231'), { host: '127.0.0.1', port: 9231 });
  assert.deepEqual(inspectorAddress('[::]:9232'), { host: '::1', port: 9232 });
  assert.deepEqual(inspectorAddress('127.0.0.1'), { host: '127.0.0.1', port: 9229 });
  assert.equal(inspectorAddress('localhost:9229'), 'unknown');
  // A port the system picks, or another host's address: only the socket tables can tell.
  assert.equal(inspectorAddress('0'), 'unknown');
  assert.equal(inspectorAddress('127.0.0.1:0'), 'unknown');
  assert.equal(inspectorAddress('10.0.0.5:9229'), 'unknown');
  assert.equal(inspectorAddress('9229x'), 'unknown');
});

test('an inspector opened after a clean check is found by the next one', { skip: !linux }, async () => {
  // Beside it the process serves HTTP, so the first check probed and remembered that socket.
  const { proc, stderr } = await child(
    "require('node:http').createServer((q, s) => s.end('hi')).listen(0, '127.0.0.1', () => console.log('up'));",
  );
  try {
    assert.deepEqual(await debuggersClosed([proc.pid!]), { ok: true });
    proc.kill('SIGUSR1');
    await until('the inspector to listen', () => /Debugger listening/.test(stderr()));
    assert.equal((await debuggersClosed([proc.pid!])).ok, false);
  } finally {
    proc.kill('SIGKILL');
  }
});

test('a process serving plain HTTP (as an editor server does) stays trusted', { skip: !linux }, async () => {
  const { proc } = await child(
    // As code-server answers an unknown path: 404, chunked, the connection kept open.
    "require('node:http').createServer((q, s) => { s.statusCode = 404; s.write('not'); setTimeout(() => s.end(' here'), 2000); }).listen(0, () => console.log('up'));",
  );
  try {
    const listeners = readTcpListeners(proc.pid!, uid);
    assert.ok(listeners, 'the listening sockets can be read');
    const held = heldSockets(proc.pid!, new Set(listeners.keys()));
    assert.equal(held?.length, 1, 'the child holds its one listening socket');
    // Probed the first time, remembered by its socket after that: both trusted.
    assert.deepEqual(await debuggersClosed([proc.pid!]), { ok: true });
    assert.deepEqual(await debuggersClosed([proc.pid!]), { ok: true });
  } finally {
    proc.kill('SIGKILL');
  }
});

test('a listener that never answers, or a process that is gone, is not trusted', { skip: !linux }, async () => {
  const { proc } = await child("require('node:net').createServer(() => {}).listen(0, () => console.log('up'));");
  try {
    const check = await debuggersClosed([proc.pid!], { timeoutMs: 200 });
    assert.equal(check.ok, false);
    assert.match(!check.ok ? check.reason : '', /did not answer in 200 ms whether it is a debugger/);
  } finally {
    proc.kill('SIGKILL');
  }
  await new Promise((r) => proc.once('exit', r));
  const gone = await debuggersClosed([proc.pid!]);
  assert.equal(gone.ok, false);
  assert.match(!gone.ok ? gone.reason : '', /cannot be read/);
});

test('addresses as the kernel prints them', () => {
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  if (littleEndian) {
    assert.equal(listenHost('0100007F'), '127.0.0.1');
    assert.equal(listenHost('0A00A8C0'), '192.168.0.10');
    assert.equal(listenHost('00000000000000000000000001000000'), '0:0:0:0:0:0:0:1');
    assert.equal(listenHost('0000000000000000FFFF00000100007F'), '127.0.0.1');
  }
  assert.equal(listenHost('00000000'), '127.0.0.1');
  assert.equal(listenHost('00000000000000000000000000000000'), '::1');
  assert.equal(listenHost('0000'), undefined);
});

test('what an answer shows', () => {
  const inspector =
    'HTTP/1.0 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: 60\r\n\r\n' +
    '{\n  "Browser": "node.js/v20.20.2",\n  "Protocol-Version": "1.1"\n}';
  assert.equal(classifyAnswer(inspector, false), 'debugger');
  assert.equal(classifyAnswer('HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nnop', false), 'other');
  assert.equal(classifyAnswer('HTTP/1.1 302 Found\r\nLocation: /login\r\n', false), undefined);
  assert.equal(classifyAnswer('HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nnot', false), 'other');
  assert.equal(classifyAnswer('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n', false), undefined);
  assert.equal(
    classifyAnswer('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n', false),
    'other',
  );
  assert.equal(classifyAnswer('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{"a"', false), undefined);
  assert.equal(classifyAnswer('SSH-2.0-OpenSSH\r\n', true), 'other');
});
