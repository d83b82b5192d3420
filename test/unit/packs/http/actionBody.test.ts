// An action endpoint told what to do in its body (`POST …/droplets/1/actions`
// with `{"type": "power_off"}`, `"action": "detach"`) and a PUT of null (the
// whole Firebase database replaced with nothing by `PUT /.json -d null`) were
// allowed as plain POSTs and PUTs. They ask; an action that starts or copies,
// an event's type and a PUT of values stay quiet. The built CLI is run as users meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';

function check(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string) {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return JSON.parse(r.stdout) as { decision: string; findings: { id: string }[] };
}

test('a destructive action named in the body, or a PUT of null, asks', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      `curl -X PUT "https://p.firebaseio.com/.json" -d 'null'`,
      `curl -X POST https://api.digitalocean.com/v2/droplets/1/actions -d '{"type":"power_off"}'`,
      `curl -X POST https://api.digitalocean.com/v2/volumes/v/actions -d '{"type":"detach","droplet_id":1}'`,
      `curl -X POST https://api.digitalocean.com/v2/droplets/1/actions -d '{"type":"rebuild","image":"ubuntu"}'`,
      `curl https://api.example.com/v1/servers/1/action -d '{"action":"shutdown"}'`,
    ]) {
      const r = check(sb, command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'http.destructive-action'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      `curl -X POST https://api.digitalocean.com/v2/droplets/1/actions -d '{"type":"power_on"}'`,
      `curl -X POST https://api.digitalocean.com/v2/droplets/1/actions -d '{"type":"snapshot","name":"x"}'`,
      `curl -X POST https://api.example.com/v1/events -d '{"type":"delete","id":1}'`,
      `curl -X PUT https://api.example.com/v1/items/1 -d '{"name":"x"}'`,
    ]) {
      const r = check(sb, command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  });
});
