// Provider APIs that run a command (a Heroku one-off dyno, a Fly machine
// exec, a Render job): the command in the request body is judged as the
// command line it is; ordinary requests stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('the command a run API carries is judged; a body that cannot be read asks', () => {
  const ws = diskWorkspace('ag-runapi-', {
    'drop.json': '{"command":"rails db:drop"}',
    'console.json': '{"command":"rails console"}',
  });
  try {
    for (const command of [
      `curl -X POST https://api.heroku.com/apps/NAME/dynos -d '{"command":"rails db:drop"}'`,
      `curl -X POST https://api.machines.dev/v1/apps/a/machines/m1/exec --json '{"command":["sh","-c","rm -rf /data"]}'`,
      `curl -X POST https://api.render.com/v1/services/srv-1/jobs -d '{"startCommand":"rails db:drop"}'`,
      `http POST https://api.heroku.com/apps/a/dynos command='rails db:drop'`,
      'curl -X POST https://api.heroku.com/apps/NAME/dynos -d @drop.json',
      'curl -X POST https://api.heroku.com/apps/NAME/dynos -d @missing.json',
      "fly machine exec m1 'rails db:drop' -a app",
      'curl -X POST https://api.heroku.com/apps/NAME/dynos -d "{\\"command\\":\\"$CMD\\"}"',
    ])
      assert.notEqual(ws.judge(command).decision, 'allow', command);
    for (const command of [
      `curl -X POST https://api.heroku.com/apps/NAME/dynos -d '{"command":"rails console"}'`,
      'curl -X POST https://api.heroku.com/apps/NAME/dynos -d @console.json',
      'curl https://api.heroku.com/apps/NAME/dynos',
      "fly machine exec m1 'ls /data' -a app",
      `curl -X POST https://api.example.com/v1/jobs -d '{"command":"rails db:drop"}'`,
    ]) {
      const r = ws.judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
  } finally {
    ws.done();
  }
});
