// Inside a pod (kubectl exec, kubectl run) or a container of another machine's
// Docker daemon, 127.0.0.1 is that pod's or machine's own loopback: a scratch
// server there is not this machine's, and is asked about. A container of the
// daemon on this machine keeps the leniency of this machine's loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

test("a loopback server inside a pod or a remote daemon's container asks", () => {
  const e = engine();
  for (const command of [
    'kubectl exec redis-0 -- redis-cli -h 127.0.0.1 FLUSHALL',
    'oc exec redis-0 -- redis-cli -h localhost FLUSHALL',
    'kubectl run tmp --image=redis -- redis-cli -h 127.0.0.1 FLUSHALL',
    'kubectl exec redis-0 -- redis-cli -h 127.0.0.1 -n 2 FLUSHDB',
    "kubectl exec deploy/api -- psql -h localhost -d app_test -c 'DROP TABLE users'",
    'docker --context prod exec redis redis-cli -h 127.0.0.1 FLUSHALL',
    'docker -H ssh://db1 compose exec redis redis-cli -h 127.0.0.1 FLUSHALL',
  ]) {
    const r = e.judge(command);
    assert.equal(r.decision, 'ask', `${command}: ${JSON.stringify(r.findings)}`);
  }
});

test("this machine's loopback, and a container of its own daemon, stay quiet", () => {
  const e = engine();
  for (const command of [
    'redis-cli -h 127.0.0.1 FLUSHALL',
    'docker exec redis redis-cli FLUSHALL',
    'docker exec redis redis-cli -h 127.0.0.1 FLUSHALL',
    'docker compose exec redis redis-cli -h localhost FLUSHALL',
    'docker -H unix:///var/run/docker.sock exec redis redis-cli -h 127.0.0.1 FLUSHALL',
    'kubectl exec redis-0 -- redis-cli -h 127.0.0.1 GET k',
    'kubectl exec pod -- ls',
  ])
    assert.equal(e.decide(command), 'allow', command);
});
