// The judge's channel on a bare pipe handle must end exactly as the
// net.Socket client does: each line in order (however the bytes were cut),
// the byte bound, a refused connection, a peer that closes, a timer; and a
// refused or open loopback port must read as node:net reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { openLineClient, type LineClient, type LineClientSpec } from '../../../../src/channels/lineClient';
import { openRawLineClient } from '../../../../src/cli/hook/rawLineClient';
import { rawListening } from '../../../../src/channels/rawConnect';

const linux = process.platform === 'linux';

type Outcome = { kind: 'oversized' | 'error' | 'closed' | 'timer' | 'done'; detail?: string };

interface Run {
  lines: string[];
  outcome: Promise<Outcome>;
  client: LineClient<Outcome>;
}

function open(
  kind: 'raw' | 'net',
  socketPath: string,
  maxBytes = 64,
  onLine?: (t: string, c: LineClient<Outcome>) => void,
) {
  const lines: string[] = [];
  let settle: (o: Outcome) => void = () => undefined;
  let endings = 0;
  const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
  const spec: LineClientSpec<Outcome> = {
    maxBytes,
    oversized: () => ({ kind: 'oversized' }),
    error: (err) => ({ kind: 'error', detail: err.code }),
    closed: () => ({ kind: 'closed' }),
    line: (text, c) => {
      lines.push(text);
      onLine?.(text, c);
    },
    ended: (o) => {
      endings++;
      assert.equal(endings, 1, 'ended once');
      settle(o);
    },
  };
  const client = kind === 'raw' ? openRawLineClient(socketPath, spec) : openLineClient(socketPath, spec);
  assert.ok(client, 'the bare handle is used on Linux');
  return { lines, outcome, client } satisfies Run;
}

/** A server on an abstract socket that writes `chunks` one by one, then does `then`. */
async function serve(
  chunks: (string | Buffer)[],
  then: 'close' | 'hold' | 'echo',
): Promise<{ path: string; got: Promise<string>; close(): Promise<void> }> {
  const path = `\0agentguard-test-raw-${process.pid}-${Math.random().toString(36).slice(2)}`;
  let received = '';
  let gotIt: (s: string) => void = () => undefined;
  const got = new Promise<string>((resolve) => (gotIt = resolve));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    void (async () => {
      for (const c of chunks) {
        s.write(c);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (then === 'close') s.end();
    })();
    s.on('data', (d) => {
      received += d.toString('utf8');
      if (received.includes('\n')) {
        gotIt(received);
        if (then === 'echo') s.write('echo ' + received);
      }
    });
  });
  await new Promise<void>((r) => server.listen(path, r));
  return {
    path,
    got,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

for (const kind of ['raw', 'net'] as const) {
  test(
    `${kind}: lines arrive whole and in order however the bytes are cut, then the peer's close ends it`,
    { skip: !linux },
    async () => {
      const euro = Buffer.from('€', 'utf8');
      const srv = await serve(
        [
          Buffer.from('{"a":1}\n{"b":'),
          Buffer.concat([Buffer.from('"x'), euro.subarray(0, 1)]),
          Buffer.concat([euro.subarray(1), Buffer.from('"}\n')]),
        ],
        'close',
      );
      try {
        const run = open(kind, srv.path);
        assert.deepEqual(await run.outcome, { kind: 'closed' });
        assert.deepEqual(run.lines, ['{"a":1}', '{"b":"x€"}']);
      } finally {
        await srv.close();
      }
    },
  );

  test(
    `${kind}: unread text past the bound ends the connection as oversized, lines before it are read`,
    { skip: !linux },
    async () => {
      const srv = await serve(['ok\n', 'y'.repeat(40), 'y'.repeat(40)], 'hold');
      try {
        const run = open(kind, srv.path, 64);
        assert.deepEqual(await run.outcome, { kind: 'oversized' });
        assert.deepEqual(run.lines, ['ok']);
      } finally {
        await srv.close();
      }
    },
  );

  test(
    `${kind}: nobody listening is an error; a timer ends a silent peer; sent lines reach the peer`,
    { skip: !linux },
    async () => {
      const none = open(kind, `\0agentguard-test-raw-nobody-${process.pid}`);
      // A timer armed right after opening is cleared by the error: the test would hang on it otherwise.
      none.client.arm('wait', 60_000, () => ({ kind: 'timer' }));
      assert.deepEqual(await none.outcome, { kind: 'error', detail: 'ECONNREFUSED' });
      const srv = await serve(['hello\n'], 'echo');
      try {
        const run = open(kind, srv.path, 1024, (text, c) => {
          if (text === 'hello') {
            c.send({ q: 'é' });
            c.arm('wait', 500, () => ({ kind: 'timer' }));
          }
        });
        assert.equal(await srv.got, '{"q":"é"}\n');
        assert.deepEqual(await run.outcome, { kind: 'timer' });
        assert.deepEqual(run.lines, ['hello', 'echo {"q":"é"}']);
        run.client.end({ kind: 'done' });
      } finally {
        await srv.close();
      }
    },
  );
}

test(
  'a refused and an open loopback port read the same on a bare handle as through node:net',
  { skip: !linux },
  async () => {
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      assert.equal(await rawListening('127.0.0.1', port, 1000), 'open');
    } finally {
      await new Promise((r) => server.close(r));
    }
    // The same port, now closed: refused (nothing else took it within these milliseconds).
    assert.equal(await rawListening('127.0.0.1', port, 1000), 'refused');
    // Not an address: left to node:net, never looked up here.
    assert.equal(rawListening('localhost', port, 1000), undefined);
  },
);
