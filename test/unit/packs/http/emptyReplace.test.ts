// A PUT of an empty collection (`[]`, `{}`) to a path that names a collection
// replaces every member with none (packs/http/emptyReplace.ts): Render's
// env-vars, Firebase's `users.json`. A PUT of values, an empty body sent to
// one record and a local dev server stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a PUT of [] or {} to a collection asks', () => {
  const { judge } = engine();
  for (const command of [
    `curl -X PUT https://api.render.com/v1/services/srv-x/env-vars -H "Authorization: Bearer $RENDER_API_KEY" -d '[]'`,
    `curl -X PUT https://api.render.com/v1/services/srv-x/env-vars -H "Authorization: Bearer $RENDER_API_KEY" -d '{}'`,
    `curl -X PUT https://api.example.com/v1/items -H "Authorization: Bearer $TOKEN" --data '[ ]'`,
    `curl -X PUT https://acme.firebaseio.com/users.json -d '{}'`,
    `curl -X PUT https://acme.firebaseio.com/.json -d '{}'`,
  ]) {
    const r = judge(command);
    assert.ok(
      r.decision === 'ask' && r.findings.some((f) => f.id === 'http.destructive-action'),
      `${command}: ${JSON.stringify(r.findings)}`,
    );
  }
  const render = judge(
    `curl -X PUT https://api.render.com/v1/services/srv-x/env-vars -H "Authorization: Bearer $K" -d '[]'`,
  ).findings.find((f) => f.id === 'http.destructive-action');
  assert.match(render?.summary ?? '', /replaces every member of env-vars with none/);
});

test('a PUT of values, of {} to one record, or to a local server stays quiet', () => {
  const { decide } = engine();
  for (const command of [
    `curl -X PUT https://api.example.com/v1/items/1 -H "Authorization: Bearer $T" -d '{}'`,
    `curl -X PUT https://api.example.com/v1/items -H "Authorization: Bearer $T" -d '[{"a":1}]'`,
    `curl -X PUT https://api.example.com/v1/status -d '{}'`,
    `curl -X POST https://api.example.com/v1/items -d '[]'`,
    `curl -X PUT localhost:8080/items -d '[]'`,
    `curl -X PUT localhost:8080/items/1 -d '{"a":1}'`,
  ])
    assert.equal(decide(command), 'allow', command);
});
