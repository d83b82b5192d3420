// WebSocket clients (packs/http/websocket.ts): a message sent to a production
// service is a production write; connecting, listening, or a message to a
// service on this machine or an unknown one, is not gated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a message typed into a production WebSocket is a production write', () => {
  const { ids } = engine();
  for (const command of [
    `websocat wss://prod/admin <<< '{"op":"drop_all"}'`,
    `echo '{"op":"drop_all"}' | websocat -1 wss://api.prod.example.com/admin`,
    `wscat -c wss://prod.example.com/x -x '{"op":"drop_all"}'`,
  ])
    assert.ok(ids(command).includes('env.production-write'), command);
});

test('connecting, listening and messages elsewhere stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    'websocat wss://prod.example.com/feed',
    'websocat -s 8080',
    'websocat ws-l:127.0.0.1:8080 tcp:127.0.0.1:22',
    'websocat ws://localhost:8080/ws <<< hi',
    `wscat -c wss://staging.example.com/x -x '{"a":1}'`,
  ])
    assert.equal(decide(command), 'allow', command);
});
