// A request whose JSON body switches on a destroy flag destroys: Terraform
// Cloud's `POST /api/v2/runs` with `"is-destroy": true` queues a run that
// tears down the workspace's infrastructure, and was allowed as a plain POST.
// A key that is the verb itself (with `is`, `force`, `hard` … before it) set
// to true asks; settings such as `delete_branch_on_merge`, a false flag and
// a `deleted` field stay quiet. The built CLI is run as users meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';

function check(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string) {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return JSON.parse(r.stdout) as { decision: string; findings: { id: string }[] };
}

test('a destroy flag set to true in a request body asks', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      `curl -X POST https://app.terraform.io/api/v2/runs -H "Authorization: Bearer $TFE_TOKEN" -d '{"data":{"attributes":{"is-destroy":true},"type":"runs"}}'`,
      `curl -X PATCH https://api.example.com/v1/projects/p1 -d '{"force_delete": true}'`,
      'http POST https://api.example.com/v1/clusters/c1/actions hard_delete:=true',
    ]) {
      const r = check(sb, command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'http.destructive-action'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      `curl -X PATCH https://api.github.com/repos/acme/api -d '{"delete_branch_on_merge": true}'`,
      `curl -X POST https://app.terraform.io/api/v2/runs -d '{"data":{"attributes":{"is-destroy":false}}}'`,
      `curl -X POST https://api.example.com/v1/items -d '{"deleted": true, "name": "x"}'`,
    ])
      assert.equal(check(sb, command).decision, 'allow', command);
  });
});
