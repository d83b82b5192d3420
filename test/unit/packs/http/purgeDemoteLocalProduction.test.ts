// Cloud API calls that destroy through their body or their action path, and
// a DELETE to a local data store whose path names production: `"delete_all":
// true` removes every record the path holds, `…/branches/main/demote` strips
// a production database branch of its protections, and `DELETE
// localhost:6333/collections/prod` is no dev data. A cache purged (even
// whole: it refills), a promote, and a dev server's routes stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a purge of everything, a demote and a DELETE of a production path on a local port ask', () => {
  const { decide, ids } = engine();
  const gated: Array<[string, string]> = [
    [`curl -X POST https://api.example.com/v1/jobs -d '{"delete_all": true}'`, 'http.destructive-action'],
    [
      'curl -X POST https://api.planetscale.com/v1/organizations/o/databases/d/branches/main/demote',
      'http.disabling-action',
    ],
    ['curl -X DELETE http://localhost:6333/collections/prod', 'http.delete-request'],
    ['curl -X DELETE http://localhost:9200/orders-prod', 'http.delete-request'],
  ];
  for (const [command, id] of gated) {
    assert.notEqual(decide(command), 'allow', command);
    assert.ok(ids(command).includes(id), `${command}: ${ids(command)}`);
  }
  for (const command of [
    `curl -X POST "https://api.cloudflare.com/client/v4/zones/z/purge_cache" -d '{"files":["https://x.example/a.css"]}'`,
    'curl -X POST https://api.planetscale.com/v1/organizations/o/databases/d/branches/main/promote',
    `curl -X POST https://api.example.com/v1/items -d '{"select_all":true}'`,
    `curl -X POST "https://api.cloudflare.com/client/v4/zones/z/purge_cache" -d '{"purge_everything":true}'`,
    `curl -X POST https://api.example.com/v1/cache/clear -d '{"delete_all": true}'`,
    'curl -X DELETE http://localhost:3000/api/todos/1',
    'curl -X DELETE http://localhost:8080/api/production/users/1',
    'curl -X DELETE http://localhost:3000/api/products/1',
    'curl -X DELETE http://localhost:6333/collections/test',
    'curl http://localhost:6333/collections/prod',
  ])
    assert.equal(decide(command), 'allow', command);
});
