// code-server with its password off, websocketd running a shell or an interpreter's prompt, and WeTTY serve a
// shell to a browser as ttyd does: each asks where ttyd would (`outgoing.open-shell`), and more strongly when a
// public tunnel on the same line publishes it. code-server with its password, websocketd running a program of
// its own, and WeTTY on the loopback with its login stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';

const { judge, decide } = engine();

test('a browser shell without a password, or past the loopback, asks', () => {
  for (const command of [
    'code-server --auth none --bind-addr 0.0.0.0:8080',
    'code-server --auth=none',
    'websocketd --port=8080 bash',
    'websocketd --port 8080 --address 127.0.0.1 python3',
    'wetty --port 3000 --ssh-host localhost',
    'wetty -p 3000 --command bash',
  ])
    assertGated(judge, command, 'outgoing.open-shell', 'ask');
});

test('a browser shell put on a public tunnel asks more strongly', () => {
  const r = judge('websocketd --port=8080 bash & ngrok http 8080');
  assert.equal(r.decision, 'ask');
  assert.equal(r.score, 75);
});

test('a guarded editor, a program of its own, and a login on the loopback stay quiet', () => {
  for (const command of [
    'code-server --bind-addr 0.0.0.0:8080',
    'code-server',
    'websocketd --port=8080 ./count.sh',
    'websocketd --port=8080 python3 stream.py',
    'wetty --host 127.0.0.1 --port 3000',
  ])
    assert.equal(decide(command), 'allow', command);
});
