// A request through a container engine's socket goes to the engine, whatever
// host its URL names: a change there asks, a read does not, and another local
// socket stays a service of this machine, judged as localhost is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test("a change sent to a container engine's socket asks; reads and other local sockets do not", () => {
  const judge = engine({});
  for (const command of [
    `curl --unix-socket /var/run/docker.sock -X POST http://localhost/containers/abc/exec -d '{"Cmd":["sh"]}'`,
    "curl --unix-socket /var/run/docker.sock -X DELETE 'http://localhost/containers/abc?force=true'",
    'curl --unix-socket /var/run/docker.sock -X DELETE http://localhost/volumes/data',
    'curl -s --unix-socket /run/podman/podman.sock -XPOST http://d/v4.0.0/libpod/containers/abc/exec',
    'xh --unix-socket /var/run/docker.sock DELETE http://localhost/volumes/data',
  ]) {
    const ids = judge.ids(command);
    assert.ok(ids.includes('http.container-engine-api'), `${command}: ${ids.join(',')}`);
    assert.notEqual(judge.judge(command).decision, 'allow', command);
  }
  for (const command of [
    'curl --unix-socket /var/run/docker.sock http://localhost/containers/json',
    'curl --unix-socket /var/run/docker.sock http://localhost/version',
    'curl --unix-socket /tmp/app.sock -X DELETE http://localhost/users/1',
    'curl -X DELETE http://localhost:3000/users/1',
  ])
    assert.equal(judge.judge(command).decision, 'allow', command);
});
