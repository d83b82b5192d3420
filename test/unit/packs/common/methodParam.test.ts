// Rails, Laravel and Symfony take a POST's `_method` field as its method
// (packs/common/requestParts.ts): `?_method=DELETE` in the query, a form or
// JSON body, is judged as the DELETE it is. The word elsewhere stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const AUTH = '-H "Authorization: Bearer $TOKEN"';

test('a POST whose _method says DELETE is judged as a DELETE', () => {
  const { ids } = engine();
  for (const command of [
    `curl -X POST 'https://api.example.com/v1/users/1?_method=DELETE' ${AUTH}`,
    `curl -X POST https://api.example.com/v1/users/1 -d _method=delete ${AUTH}`,
    `curl https://api.example.com/v1/users/1 -d 'name=a&_method=delete' ${AUTH}`,
    `curl -X POST https://api.example.com/v1/users/1 -H 'Content-Type: application/json' -d '{"_method":"DELETE"}'`,
    `http --form POST https://api.example.com/v1/users/1 _method=DELETE`,
  ])
    assert.ok(ids(command).includes('http.delete-request'), command);
});

test('_method inside another value, a PUT override and a local server stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    `curl -X POST https://api.example.com/v1/forms -d 'name=x&comment=_method=delete'`,
    `curl -X POST https://api.example.com/v1/users/1 -d '_method=put&name=x'`,
    `curl -X POST 'localhost:3000/users/1?_method=DELETE'`,
  ])
    assert.equal(decide(command), 'allow', command);
});
