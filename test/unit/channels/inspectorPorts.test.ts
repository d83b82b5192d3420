// The editor judge's client asks whether a debugger port is open as it
// connects (expectDebuggerCheck), so that its check finds the answer there.
// An answer asked ahead stands for one check only, and only while it is a
// few milliseconds old: a port that opens later is seen by the check after
// it, as before. Real processes and sockets (Linux).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { expectDebuggerCheck, maybeListening } from '../../../src/channels/inspectorPorts';
import { rawListening } from '../../../src/channels/rawConnect';

const linux = process.platform === 'linux';

/** A free loopback port (listened on and closed again). */
async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** An idle Node child whose inspector would open on `port` (NODE_OPTIONS), as the checks read it. */
async function childFor(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['-e', "console.log('up'); setInterval(() => {}, 1000);"], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, NODE_OPTIONS: `--inspect-port=${port}` },
  });
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.once('data', () => resolve());
    proc.once('exit', (c) => reject(new Error(`child exited (${c})`)));
  });
  return proc;
}

test(
  'an answer asked ahead stands for the next check only while it is fresh, and for that check only',
  { skip: !linux },
  async (t) => {
    // Node's own inspector port is asked about for every process: with something on it, nothing here is refused.
    if ((await rawListening('127.0.0.1', 9229, 500)) !== 'refused') return t.skip('something listens on 9229');
    const port = await freePort();
    const proc = await childFor(port);
    const at = [{ host: '127.0.0.1', port }];
    const servers: net.Server[] = [];
    const listen = async (): Promise<void> => {
      const s = net.createServer().listen(port, '127.0.0.1');
      servers.push(s);
      await new Promise((r) => s.once('listening', r));
    };
    const closeAll = () => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    try {
      // Taken by the check that follows: nothing listens yet.
      expectDebuggerCheck(at);
      assert.deepEqual(await maybeListening([proc.pid!], 500), []);

      // Asked ahead, and the port opens after the answer went stale: the check asks again and sees it.
      expectDebuggerCheck(at);
      await new Promise((r) => setTimeout(r, 100));
      await listen();
      assert.deepEqual(await maybeListening([proc.pid!], 500), [proc.pid!], 'a stale answer is asked again');
      await closeAll();

      // Asked ahead and taken by one check; the port opens; the next check, however soon, asks again. The
      // sequence shows it only when it runs within an answer's freshness: on a busy machine it is tried again.
      let shown = false;
      for (let attempt = 0; attempt < 5 && !shown; attempt++) {
        const asked = Date.now();
        expectDebuggerCheck(at);
        assert.deepEqual(await maybeListening([proc.pid!], 500), []);
        await listen();
        assert.deepEqual(await maybeListening([proc.pid!], 500), [proc.pid!], 'an answer is taken by one check only');
        shown = Date.now() - asked < 10;
        await closeAll();
      }
    } finally {
      await closeAll();
      proc.kill('SIGKILL');
    }
  },
);
