// Hurl files and Postman collections hold the requests `hurl` and `newman
// run` send (packs/http/runnerFiles.ts): each is judged as curl's would be,
// with the variables the line, the collection and its environment give. A
// file that cannot be read asks; reads and local servers stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);
const collection = (items: unknown[], variable: unknown[] = []) =>
  JSON.stringify({ info: { name: 'c' }, variable, item: items });

const FILES = {
  [at('prod.hurl')]: [
    '# smoke',
    'GET https://api.example.com/v1/users',
    'HTTP 200',
    '',
    'DELETE https://api.example.com/v1/users/1',
    'Authorization: Bearer {{token}}',
    'HTTP 204',
  ].join('\n'),
  [at('local.hurl')]: 'DELETE {{host}}/api/items/1\nHTTP 204\n',
  [at('read.hurl')]: [
    'GET https://api.example.com/v1/users',
    'Accept: application/json',
    'HTTP 200',
    '[Asserts]',
    'jsonpath "$.users" count > 0',
    '',
    'POST {{host}}/api/items',
    '```',
    'DELETE https://api.example.com/v1/not-a-request',
    '```',
  ].join('\n'),
  [at('coll.json')]: collection([
    {
      name: 'f',
      item: [{ name: 'del', request: { method: 'DELETE', url: { raw: 'https://api.example.com/v1/users/1' } } }],
    },
  ]),
  [at('vars.json')]: collection(
    [{ name: 'del', request: { method: 'DELETE', url: '{{baseUrl}}/api/items/1' } }],
    [{ key: 'baseUrl', value: 'http://localhost:3000' }],
  ),
  [at('prod-env.json')]: JSON.stringify({ values: [{ key: 'baseUrl', value: 'https://api.example.com' }] }),
  [at('reads.json')]: collection([
    { name: 'get', request: { method: 'GET', url: 'https://api.example.com/v1/users' } },
    {
      name: 'post',
      request: { method: 'POST', url: 'https://api.example.com/v1/items', body: { mode: 'raw', raw: '{"a":1}' } },
    },
  ]),
};

test('a DELETE to a remote host in a Hurl file or a Postman collection asks', () => {
  const { judge } = engine(FILES);
  for (const [command, id] of [
    ['hurl prod.hurl', 'http.delete-request'],
    ['hurl --test prod.hurl', 'http.delete-request'],
    ['hurl --variable host=https://api.example.com local.hurl', 'http.delete-request'],
    ['newman run coll.json', 'http.delete-request'],
    ['newman run vars.json -e prod-env.json', 'http.delete-request'],
    ['hurl missing.hurl', 'http.unread-request'],
    ['newman run missing.json', 'http.unread-request'],
    ['newman run https://api.getpostman.com/collections/123', 'http.unread-request'],
  ]) {
    const r = judge(command);
    assert.ok(r.decision === 'ask' && r.findings.some((f) => f.id === id), `${command}: ${JSON.stringify(r.findings)}`);
  }
});

test('reads, writes of values and a local server stay quiet', () => {
  const { decide } = engine(FILES);
  for (const command of [
    'hurl --variable host=http://localhost:3000 local.hurl',
    'hurl --test --variable host=http://localhost:3000 read.hurl',
    'newman run vars.json',
    'newman run reads.json -r cli',
    'newman --version',
  ])
    assert.equal(decide(command), 'allow', command);
});
