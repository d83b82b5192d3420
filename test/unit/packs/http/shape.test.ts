// SaaS APIs judged by the shape of the request, for providers nobody named:
// the method, action segments in the path, bulk endpoints, and body settings
// that switch a protection off, make a resource public or grant admin rights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const { decide, ids } = engine();
const AUTH = '-H "Authorization: Bearer $TOKEN"';

test('action segments that destroy, empty, archive, disable or hand over ask', () => {
  for (const seg of [
    'purge',
    'wipe',
    'reset',
    'archive',
    'disable',
    'clear',
    'transfer',
    'truncate',
    'flush',
    'empty-trash',
    'delete_all',
    'deactivate',
  ]) {
    assert.equal(decide(`curl -X POST https://api.unknown-saas.io/v1/things/t_1/${seg} ${AUTH}`), 'ask', seg);
  }
  assert.ok(
    ids(`curl -X POST https://api.unknown-saas.io/v1/sites/s_1/archive ${AUTH}`).includes('http.disabling-action'),
  );
  assert.equal(decide(`curl -X POST https://es.acme.io/_security/api_key/_invalidate -d '{"name":"*"}'`), 'ask');
});

test('ordinary calls, caches, password resets, searches and local servers stay quiet', () => {
  for (const line of [
    `curl https://api.unknown-saas.io/v1/things ${AUTH}`,
    `curl -X POST https://api.unknown-saas.io/v1/things -d '{"name":"x"}' ${AUTH}`,
    `curl -X POST https://api.unknown-saas.io/v1/things/search -d '{"q":"x"}' ${AUTH}`,
    `curl -X POST https://api.unknown-saas.io/v1/zones/z/cache/purge ${AUTH}`,
    `curl -X POST https://api.unknown-saas.io/v1/password-reset-requests -d '{"email":"a@b.c"}'`,
    'curl -X POST http://localhost:3000/api/admin/reset',
    `curl -X POST https://api.unknown-saas.io/v1/queue/buffers/flush ${AUTH}`,
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('body settings that switch a protection off ask; switching it on does not', () => {
  const url = 'https://api.unknown-saas.io/v1/resources/r_1';
  for (const body of [
    '{"deletion_protection": false}',
    '{"require_two_factor": false}',
    '{"versioning":"disabled"}',
    '{"object_lock":false}',
    '{"retention_days": 0}',
    '{"persistent":{"action.destructive_requires_name":false}}',
    '{"backups_enabled": false}',
    '{"enforce_admins":false}',
    '{"mfa_required":false}',
    '{"private": false}',
  ]) {
    assert.equal(decide(`curl -X PATCH ${url} -d '${body}' ${AUTH}`), 'ask', body);
  }
  for (const body of [
    '{"deletion_protection": true}',
    '{"backups_enabled": true, "size": "large"}',
    '{"retention_days": 30}',
    '{"name":"x","required":false}',
  ]) {
    assert.equal(decide(`curl -X PATCH ${url} -d '${body}' ${AUTH}`), 'allow', body);
  }
});

test('bodies granting admin or owner rights ask; member roles do not', () => {
  assert.equal(decide('gh api -X PUT orgs/acme/memberships/newbie -f role=admin'), 'ask');
  assert.equal(
    decide(`curl -X POST https://api.unknown-saas.io/v1/members -d '{"email":"a@b.c","role":"owner"}' ${AUTH}`),
    'ask',
  );
  assert.equal(
    decide(`curl -X POST https://api.unknown-saas.io/v1/members -d '{"email":"a@b.c","role":"member"}' ${AUTH}`),
    'allow',
  );
});

test('GraphQL mutations that archive or purge ask', () => {
  assert.equal(
    decide(
      `curl -X POST https://api.unknown-saas.io/graphql -d '{"query":"mutation { workspacePurge(id: 1) { ok } }"}' ${AUTH}`,
    ),
    'ask',
  );
  assert.equal(
    decide(
      `curl -X POST https://api.unknown-saas.io/graphql -d '{"query":"mutation { projectArchive(id: 1) { ok } }"}' ${AUTH}`,
    ),
    'ask',
  );
  assert.equal(
    decide(
      `curl -X POST https://api.unknown-saas.io/graphql -d '{"query":"mutation { invoiceCreate(amount: 5) { id } }"}' ${AUTH}`,
    ),
    'allow',
  );
});
