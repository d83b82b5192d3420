// An HTTP method written in lower or mixed case in code is the same request: fetch, axios, requests, httpx and
// jQuery upper-case it before sending, so `method: 'delete'` deletes as `method: 'DELETE'` does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const SCRIPT = `${WORKSPACE}/scripts/del.js`;

test('a DELETE method in any case asks, in inline code and in a script file', () => {
  const files = {
    [SCRIPT]: `const axios = require('axios');\naxios({ method: 'delete', url: 'https://api.render.com/v1/services/srv-123' });\n`,
  };
  const { decide, ids } = engine(files);
  for (const c of [
    `node -e "fetch('https://api.render.com/v1/services/srv-123',{method:'delete'})"`,
    `node -e "fetch('https://api.render.com/v1/services/srv-123',{method:'Delete'})"`,
    `python3 -c "import requests; requests.request('delete','https://api.render.com/v1/services/srv-123')"`,
    `python3 -c "import requests; requests.request(method='Delete', url='https://api.render.com/v1/services/srv-123')"`,
    `node -e "const x = new XMLHttpRequest(); x.open('delete', 'https://api.render.com/v1/services/srv-123'); x.send()"`,
    `node -e "$.ajax({ url: 'https://api.render.com/v1/services/srv-123', type: 'delete' })"`,
    'node scripts/del.js',
  ]) {
    assert.equal(decide(c), 'ask', c);
    assert.ok(ids(c).includes('http.delete-request'), `${c}: ${ids(c).join(',')}`);
  }
});

test('lower-case methods that read, and a lower-case delete that is only data, stay allowed', () => {
  const { decide } = engine();
  for (const c of [
    `node -e "fetch('https://api.render.com/v1/services',{method:'get'})"`,
    `node -e "fetch('https://api.render.com/v1/services',{method:'Get'}).then(r => r.json()).then(console.log)"`,
    `python3 -c "import requests; print(requests.request('get','https://api.render.com/v1/services').json())"`,
    `python3 -c "import requests; requests.request('head','https://example.com')"`,
    `node -e "const axios = require('axios'); axios({ method: 'get', url: 'https://api.render.com/v1/services' })"`,
    `node -e "fetch('https://api.render.com/v1/services'); const a = { type: 'delete', id: 3 }; console.log(a)"`,
    `node -e "const reducer = (s, a) => a.type === 'delete' ? [] : s; fetch('https://example.com')"`,
    `python3 -c "import json; print(json.dumps({'method': 'delete'}))"`,
  ]) {
    assert.equal(decide(c), 'allow', c);
  }
});
