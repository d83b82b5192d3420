// A PATCH that sets settings to null deletes them (packs/http/nullSettings.ts):
// Heroku's config vars and any JSON-merge-patch API. A production app's name
// in the path raises it; reads and ordinary values stay as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const AUTH = '-H "Authorization: Bearer $HEROKU_API_KEY"';

test('config vars set to null are a delete, the more so on a production app', () => {
  const { judge } = engine();
  const prod = judge(
    `curl -X PATCH https://api.heroku.com/apps/acme-prod/config-vars ${AUTH} -d '{"DATABASE_URL":null}'`,
  );
  const f = prod.findings.find((x) => x.id === 'http.settings-delete');
  assert.ok(f && prod.decision === 'ask', JSON.stringify(prod.findings));
  assert.match(f.summary, /DATABASE_URL to null: a null deletes the setting of acme-prod, whose name says production/);
  assert.equal(f.target, 'acme-prod');
  assert.ok(f.alternative);
  const staging = judge(
    `curl -X PATCH https://api.heroku.com/apps/acme-staging/config-vars ${AUTH} -d '{"LOG_LEVEL":"info", "REDIS_URL": null}'`,
  );
  const g = staging.findings.find((x) => x.id === 'http.settings-delete');
  assert.ok(g && staging.decision === 'ask', JSON.stringify(staging.findings));
  assert.ok(g.severity < f.severity, 'a production app weighs more');
  assert.match(g.summary, /REDIS_URL/);
  assert.doesNotMatch(g.summary, /LOG_LEVEL/);
  for (const command of [
    'http PATCH https://api.heroku.com/apps/acme-production/config-vars DATABASE_URL:=null',
    `curl -X PATCH https://api.example.com/v1/projects/live-shop/env -d '{"STRIPE_KEY":null}'`,
    `curl --request PATCH https://api.example.com/v2/services/web/settings --data '{"features":{"backups":null}}'`,
  ])
    assert.ok(
      judge(command).findings.some((x) => x.id === 'http.settings-delete'),
      command,
    );
});

test('reads, ordinary values, other endpoints and local servers stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    `curl https://api.heroku.com/apps/acme-prod/config-vars ${AUTH}`,
    `curl -X PATCH https://api.heroku.com/apps/acme-staging/config-vars ${AUTH} -d '{"LOG_LEVEL":"debug"}'`,
    `curl -X PATCH https://api.heroku.com/apps/acme-staging/config-vars -d '{"LOG_LEVEL":"null"}'`,
    `curl -X PATCH https://api.example.com/v1/users/42 -d '{"nickname":null}'`,
    `curl -X PATCH http://localhost:3000/apps/acme-prod/config-vars -d '{"DATABASE_URL":null}'`,
    `curl -X POST https://api.example.com/v1/apps/acme-staging/env -d '{"DEBUG":null}'`,
  ])
    assert.equal(decide(command), 'allow', command);
});

test("a production app's settings patched with a body that cannot be read ask; elsewhere it stays as it was", () => {
  const { judge, decide } = engine();
  for (const command of [
    'curl -X PATCH https://api.heroku.com/apps/acme-prod/config-vars -d @/tmp/missing.json',
    'curl -X PATCH https://api.heroku.com/apps/acme-prod/config-vars -d "$BODY"',
  ]) {
    const r = judge(command);
    const f = r.findings.find((x) => x.id === 'http.settings-delete');
    assert.ok(f && r.decision === 'ask', `${command}: ${JSON.stringify(r.findings)}`);
    assert.match(f.summary, /could not be read/);
  }
  assert.equal(decide('curl -X PATCH https://api.heroku.com/apps/acme-staging/config-vars -d "$BODY"'), 'allow');
});
