// Redis commands typed into a raw socket are judged as redis-cli's
// (packs/databaseCli/redisSocket.ts); reads and non-Redis sockets stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { redisStreamCommands } from '../../../../src/core/packs/databaseCli/redisSocket';

test('FLUSHALL, FLUSHDB, DEL by pattern and CONFIG SET typed into nc, socat, telnet or openssl ask', () => {
  const { judge } = engine();
  for (const [command, id] of [
    [`printf 'FLUSHALL\\r\\n' | nc cache.internal 6379`, 'db.redis-flush'],
    ['echo FLUSHDB | nc redis.internal 6379', 'db.redis-flush'],
    [`printf '*1\\r\\n$8\\r\\nFLUSHALL\\r\\n' | nc 10.0.0.5 7000`, 'db.redis-flush'],
    [`echo 'CONFIG SET dir /root/.ssh' | socat - TCP:cache:6379`, 'db.redis-writes-files'],
    [`printf 'DEL user:*\\r\\n' | telnet cache.internal 6379`, 'db.redis-delete-pattern'],
    [`printf 'FLUSHALL\\r\\n' | openssl s_client -connect cache.example:6380 -quiet`, 'db.redis-flush'],
    ['nc -q1 cache.internal 6379 <<EOF\nPING\nFLUSHALL\nEOF', 'db.redis-flush'],
  ]) {
    const r = judge(command);
    assert.ok(
      r.decision !== 'allow' && r.findings.some((f) => f.id === id),
      `${command}: ${JSON.stringify(r.findings)}`,
    );
  }
});

test('a Redis on this machine reached through a socket is weighed as redis-cli -h 127.0.0.1 is: recorded, not asked', () => {
  const { judge } = engine();
  for (const [command, client] of [
    [`printf 'FLUSHALL\\r\\n' | nc localhost 6379`, 'redis-cli -h localhost FLUSHALL'],
    [`printf 'DEL user:*\\r\\n' | telnet 127.0.0.1 6379`, "redis-cli -h 127.0.0.1 DEL 'user:*'"],
  ]) {
    const r = judge(command);
    assert.equal(r.decision, judge(client).decision, command);
    assert.ok(
      r.findings.some((f) => f.id.startsWith('db.redis-')),
      command,
    );
  }
});

test('reads, and the same words sent to a socket that is not Redis, stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    `printf 'GET foo\\r\\n' | nc localhost 6379`,
    `printf 'PING\\r\\n' | nc -q1 localhost 6379`,
    'echo FLUSHALL | nc localhost 8080',
  ])
    assert.equal(decide(command), 'allow', command);
});

test('a stream is read as inline and RESP commands, and past its bound says so', () => {
  assert.deepEqual(redisStreamCommands('*2\r\n$3\r\nDEL\r\n$3\r\nk:*\r\nPING\n').commands, [['DEL', 'k:*'], ['PING']]);
  assert.equal(redisStreamCommands('PING\n'.repeat(600)).unread, true);
});

test("pointing a local Redis's dump at another folder is not weighed down as a cache on this machine", () => {
  const { judge } = engine();
  for (const c of [
    'redis-cli -h 127.0.0.1 CONFIG SET dir /root/.ssh',
    'redis-cli CONFIG SET dbfilename authorized_keys',
    `printf 'CONFIG SET dir /var/spool/cron\\r\\n' | nc 127.0.0.1 6379`,
  ]) {
    const r = judge(c);
    assert.notEqual(r.decision, 'allow', c);
    assert.ok(
      r.findings.some((f) => f.id === 'db.redis-writes-files'),
      `${c}: ${r.findings.map((f) => f.id)}`,
    );
  }
  assert.equal(judge('redis-cli -h 127.0.0.1 CONFIG SET maxmemory 100mb').decision, 'allow');
});
