// A client that reaches a port forwarded earlier on the line targets what the
// forward reaches: a DELETE to localhost after `kubectl port-forward -n
// production …` is a production write. Clients of other ports, forwards to a
// target nobody named, and local requests without a forward stay quiet.
// redis-cli reaches a forward by its port (6379 unless told) as curl does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

test('a client of a port forwarded to production asks', () => {
  const e = engine();
  for (const command of [
    "kubectl port-forward -n production svc/es 9200 & curl -X DELETE 'http://localhost:9200/users'",
    'kubectl port-forward -n production svc/es 9201:9200 & sleep 2; curl -X DELETE http://127.0.0.1:9201/users',
    'oc port-forward -n production svc/es 9200 & wget --method=DELETE http://localhost:9200/users',
    'kubectl port-forward -n production svc/es 9200 & http DELETE localhost:9200/users',
    'kubectl port-forward -n production svc/kafka 9092 & kafka-topics --bootstrap-server localhost:9092 --delete --topic orders',
    'kubectl port-forward -n production svc/kafka 9092 & rpk topic delete orders --brokers localhost:9092',
  ]) {
    const r = e.judge(command);
    assert.equal(r.decision, 'ask', `${command}: ${JSON.stringify(r.findings)}`);
    assert.equal(r.environment.production, true, command);
  }
});

test('other ports, unnamed targets and plain local requests stay quiet', () => {
  const e = engine();
  for (const command of [
    'kubectl port-forward -n production svc/es 9200 & curl http://localhost:3000/health',
    'kubectl port-forward svc/es 9200 & curl -X DELETE http://localhost:9200/users',
    'kubectl port-forward -n dev svc/es 9200 & curl -X DELETE http://localhost:9200/users',
    'curl -X DELETE http://localhost:9200/users',
    'curl http://localhost:9200/_cat/indices',
    'kubectl port-forward -n production svc/es 9200',
    'kubectl port-forward -n production svc/es 9200 & curl http://localhost:9200/_cat/indices',
  ])
    assert.equal(e.decide(command), 'allow', command);
});

test('redis-cli reaches a port forwarded earlier on the line: 6379 unless -p or its URL says another', () => {
  const e = engine();
  for (const command of [
    'kubectl port-forward -n production svc/redis 6379 & redis-cli -h 127.0.0.1 FLUSHALL',
    'kubectl port-forward -n production svc/redis 6379 & redis-cli -u redis://localhost FLUSHALL',
    'kubectl port-forward -n production svc/redis 6380:6379 & sleep 1; redis-cli -h localhost -p 6380 FLUSHALL',
    'kubectl port-forward -n production svc/redis 6379 & redis-cli FLUSHALL',
  ]) {
    const r = e.judge(command);
    assert.equal(r.decision, 'ask', command);
    assert.equal(r.environment.production, true, command);
  }
  for (const command of [
    'kubectl port-forward -n production svc/redis 6379 & redis-cli -h 127.0.0.1 -p 6390 FLUSHALL',
    'redis-cli -h 127.0.0.1 FLUSHALL',
  ])
    assert.equal(e.decide(command), 'allow', command);
});

test("ssh's clustered letters forward as -L does, and a forward to an unnamed place takes the loopback off this machine", () => {
  const e = engine();
  for (const command of [
    'ssh -fNL 9200:es:9200 prod-bastion && curl -X DELETE http://localhost:9200/logs',
    'autossh -M 0 -fNL 6379:redis:6379 prod-bastion && redis-cli FLUSHALL',
  ]) {
    const r = e.judge(command);
    assert.equal(r.decision, 'ask', command);
    assert.equal(r.environment.production, true, command);
  }
  // What answers on a forwarded port is the far end's server, not a scratch one of this machine.
  for (const command of [
    'ssh -fNL 6379:redis:6379 bastion && redis-cli -h 127.0.0.1 FLUSHALL',
    'kubectl port-forward svc/redis 6379 & redis-cli -h 127.0.0.1 FLUSHALL',
  ])
    assert.equal(e.decide(command), 'ask', command);
  for (const command of [
    'ssh -fNL 5432:localhost:5432 dev-box',
    'ssh -fNL 9200:es:9200 dev-box && curl http://localhost:9200/_cat/indices',
    'ssh -fNL 6379:redis:6379 bastion && redis-cli -h 127.0.0.1 -p 6390 FLUSHALL',
  ])
    assert.equal(e.decide(command), 'allow', command);
});
