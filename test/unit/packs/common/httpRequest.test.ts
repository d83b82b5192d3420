import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocalHost, looksLikeUrl, parseUrl, providerOf } from '../../../../src/core/packs/common/urls';
import { expandCurlClusters, readRequest } from '../../../../src/core/packs/common/httpRequest';
import type { SimpleCommand } from '../../../../src/core/types';
import { ctx, simple, WORKSPACE } from '../../support/helpers';

const req = (argv: string[], extra: Partial<SimpleCommand> = {}, files: Record<string, string> = {}) =>
  readRequest(simple(argv, extra), ctx(files));

test('curl short-option clusters are split before reading options', () => {
  assert.deepEqual(expandCurlClusters(['curl', '-sSX', 'POST', 'u']), ['curl', '-s', '-S', '-X', 'POST', 'u']);
  assert.deepEqual(expandCurlClusters(['curl', '-sXDELETE', 'u']), ['curl', '-s', '-X', 'DELETE', 'u']);
  assert.deepEqual(expandCurlClusters(['curl', '-sLo', 'out', 'u']), ['curl', '-s', '-L', '-o', 'out', 'u']);
  // A value that looks like a cluster stays a value.
  assert.deepEqual(expandCurlClusters(['curl', '-d', '-abc', 'u']), ['curl', '-d', '-abc', 'u']);
});

test('curl: method from -X, implied by data, upload, head and -G', () => {
  assert.equal(req(['curl', 'https://a.io'])?.method, 'GET');
  assert.equal(req(['curl', '-d', 'x=1', 'https://a.io'])?.method, 'POST');
  assert.equal(req(['curl', '--json', '{}', 'https://a.io'])?.method, 'POST');
  assert.equal(req(['curl', '-G', '-d', 'q=1', 'https://a.io'])?.method, 'GET');
  assert.equal(req(['curl', '-T', 'f', 'https://a.io'])?.method, 'PUT');
  assert.equal(req(['curl', '-I', 'https://a.io'])?.method, 'HEAD');
  assert.equal(req(['curl', '-X', 'delete', 'https://a.io'])?.method, 'DELETE');
  assert.equal(req(['curl', '-X', '$M', 'https://a.io'])?.method, '?');
  // Method-override headers make the server treat a POST as DELETE.
  assert.equal(req(['curl', '-X', 'POST', '-H', 'X-HTTP-Method-Override: DELETE', 'https://a.io'])?.method, 'DELETE');
  assert.equal(
    req(['wget', '--header=X-HTTP-Method-Override: delete', '--post-data=x', 'https://a.io'])?.method,
    'DELETE',
  );
  assert.equal(req(['http', 'POST', 'a.io/x', 'X-HTTP-Method-Override:DELETE'])?.method, 'DELETE');
  assert.equal(req(['curl', '-H', 'X-Request-Id: abc', 'https://a.io'])?.method, 'GET');
  assert.deepEqual(req(['curl', '-H', 'A: b', '-o', 'out', '--url', 'https://b.io', 'https://a.io'])?.urls, [
    'https://a.io',
    'https://b.io',
  ]);
});

test('curl bodies: inline, @file through the context, @- from stdin, form fields', () => {
  const files = { [`${WORKSPACE}/body.json`]: '{"a":1}' };
  assert.deepEqual(req(['curl', '-d', '@body.json', 'u.io'], {}, files)?.bodies, [
    { text: '{"a":1}', source: '@body.json' },
  ]);
  assert.deepEqual(req(['curl', '-d', '@missing.json', 'u.io'])?.bodies, [
    { text: undefined, source: '@missing.json' },
  ]);
  assert.deepEqual(req(['curl', '--data-raw', '@literal', 'u.io'])?.bodies, [
    { text: '@literal', source: '--data-raw' },
  ]);
  assert.equal(req(['curl', '-d', '@-', 'u.io'], { stdin: 'hello' })?.bodies[0].text, 'hello');
  assert.equal(req(['curl', '-F', 'query=mutation { x }', 'u.io'])?.bodies[0].text, 'query=mutation { x }');
});

test('wget, httpie/xh, gh api and Invoke-RestMethod', () => {
  const w = req(['wget', '--method=PUT', '--body-data=x', 'https://a.io/x']);
  assert.equal(w?.method, 'PUT');
  assert.deepEqual(w?.urls, ['https://a.io/x']);
  assert.equal(req(['wget', '-O', '/tmp/f', 'https://a.io/f'])?.method, 'GET');
  assert.deepEqual(req(['wget', '-O', '/tmp/f', 'https://a.io/f'])?.urls, ['https://a.io/f']);

  const h = req(['http', '--timeout', '5', 'DELETE', 'api.io/x', 'Authorization:Bearer t']);
  assert.equal(h?.method, 'DELETE');
  assert.deepEqual(h?.urls, ['api.io/x']);
  assert.equal(req(['http', 'api.io/x', 'name=a'])?.method, 'POST');
  assert.equal(req(['http', 'api.io/x', 'page==2'])?.method, 'GET');
  assert.match(
    req(['http', 'POST', 'api.io/graphql', 'query=mutation { x }'])?.bodies[0].text ?? '',
    /mutation \{ x \}/,
  );
  assert.deepEqual(req(['https', 'api.io/x'])?.urls, ['https://api.io/x']);

  const g = req(['gh', 'api', '-X', 'DELETE', 'repos/o/r']);
  assert.equal(g?.method, 'DELETE');
  assert.deepEqual(g?.urls, ['https://api.github.com/repos/o/r']);
  assert.equal(req(['gh', 'api', 'graphql', '-f', 'query=query { viewer { login } }'])?.method, 'POST');
  assert.deepEqual(req(['gh', 'api', '--hostname', 'ghe.acme.io', 'user'])?.urls, ['https://ghe.acme.io/user']);
  assert.equal(req(['gh', 'pr', 'list']), undefined);

  const p = req(['Invoke-RestMethod', '-Method', 'Delete', '-Uri', 'https://a.io/x', '-Headers', '@{}']);
  assert.equal(p?.method, 'DELETE');
  assert.deepEqual(p?.urls, ['https://a.io/x']);
  assert.deepEqual(req(['iwr', 'https://a.io/f'])?.urls, ['https://a.io/f']);
});

test('URL parsing: schemes, bare hosts, ports, userinfo, IPv6, httpie shorthand, unresolved hosts', () => {
  assert.deepEqual(parseUrl('https://user:pw@API.Acme.io:8443/v1/x?y=1#f'), {
    host: 'api.acme.io',
    port: '8443',
    path: '/v1/x',
    query: 'y=1',
    dynamicHost: false,
  });
  assert.equal(parseUrl('localhost:3000/api')?.host, 'localhost');
  assert.equal(parseUrl('http://[::1]:8080/x')?.host, '::1');
  assert.equal(parseUrl(':3000/users')?.host, 'localhost');
  assert.equal(parseUrl('api.acme.io/v1')?.path, '/v1');
  assert.equal(parseUrl('$API_URL/v1/x')?.dynamicHost, true);
  assert.equal(parseUrl('https://$HOST/x')?.dynamicHost, true);
  assert.equal(parseUrl('not-a-url'), undefined);
  assert.equal(parseUrl('Authorization: Bearer x'), undefined);
  assert.ok(looksLikeUrl('https://a.io') && looksLikeUrl('a.io/x') && looksLikeUrl(':3000'));
  assert.ok(!looksLikeUrl('name=value') && !looksLikeUrl('@{}'));
});

test('local hosts and provider hosts', () => {
  for (const h of [
    'localhost',
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '0.0.0.0',
    'api.localhost',
    'printer.local',
    'host.docker.internal',
  ])
    assert.ok(isLocalHost(h), h);
  for (const h of ['10.0.0.5', '192.168.1.10', 'localhost.acme.io', 'api.acme.io']) assert.ok(!isLocalHost(h), h);
  assert.equal(providerOf('backboard.railway.app'), 'Railway');
  assert.equal(providerOf('backboard.railway.com'), 'Railway');
  assert.equal(providerOf('sqladmin.googleapis.com'), 'Google Cloud');
  assert.equal(providerOf('ec2.us-east-1.amazonaws.com'), 'AWS');
  assert.equal(providerOf('api.stripe.com'), 'Stripe');
  assert.equal(providerOf('xyz.supabase.co'), 'Supabase');
  assert.equal(providerOf('notrailway.app'), undefined);
  assert.equal(providerOf('api.acme.io'), undefined);
});
