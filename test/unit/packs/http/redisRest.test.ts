// Redis over HTTP (packs/http/redisRest.ts): Upstash and its kin take the
// command in the path or a JSON body, and a GET flushes as well as a POST. The
// commands are judged as redis-cli's are; reads, writes of values and the
// management API stay quiet, and a body that cannot be read asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const AUTH = '-H "Authorization: Bearer $UPSTASH_REDIS_REST_TOKEN"';

test('FLUSHALL, FLUSHDB and bulk DEL sent to a Redis REST API ask', () => {
  const { judge } = engine();
  for (const [command, id] of [
    [`curl https://us1-x.upstash.io/flushall ${AUTH}`, 'db.redis-flush'],
    [`curl https://us1-x.upstash.io/flushdb ${AUTH}`, 'db.redis-flush'],
    [`curl -X POST https://us1-x.upstash.io ${AUTH} -d '["FLUSHALL"]'`, 'db.redis-flush'],
    [`curl -X POST https://acme.kv.vercel-storage.com/ ${AUTH} -d '["flushdb"]'`, 'db.redis-flush'],
    [
      `curl -X POST https://us1-x.upstash.io/pipeline ${AUTH} -d '[["DEL","a"],["DEL","b"]]'`,
      'db.redis-delete-pattern',
    ],
    [`curl https://us1-x.upstash.io/del/user%3A%2A ${AUTH}`, 'db.redis-delete-pattern'],
    [`curl -X POST https://us1-x.upstash.io ${AUTH} -d "$CMD"`, 'db.redis-rest-unread'],
  ]) {
    const r = judge(command);
    assert.ok(r.decision === 'ask' && r.findings.some((f) => f.id === id), `${command}: ${JSON.stringify(r.findings)}`);
  }
});

test('reads, writes of values and the management API stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    `curl https://us1-x.upstash.io/get/foo ${AUTH}`,
    `curl https://us1-x.upstash.io/set/foo/bar ${AUTH}`,
    `curl https://us1-x.upstash.io/del/session-1 ${AUTH}`,
    `curl -X POST https://us1-x.upstash.io/set/foo ${AUTH} -d 'hello'`,
    `curl -X POST https://us1-x.upstash.io/pipeline ${AUTH} -d '[["SET","a","1"],["GET","a"]]'`,
    'curl https://api.upstash.com/v2/redis/databases -u "$EMAIL:$KEY"',
    'curl https://redis.io/docs/latest/commands/flushall/',
  ])
    assert.equal(decide(command), 'allow', command);
});
