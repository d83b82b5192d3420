// HTTP typed into a socket (nc, ncat, socat, telnet, openssl s_client) is
// judged as curl's request would be; a GET and a stream with no request
// line stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequests } from '../../../../src/core/packs/http/rawRequest';
import { simple } from '../../support/helpers';
import { engine } from '../../support/engineHarness';

const DELETE = `'DELETE /v1/db/prod HTTP/1.1\\r\\nHost: api\\r\\n\\r\\n'`;

test('a DELETE request line piped into a socket tool asks, as curl -X DELETE would', () => {
  const { judge } = engine();
  for (const command of [
    `printf ${DELETE} | nc api.example.com 80`,
    `printf ${DELETE} | openssl s_client -connect api.example.com:443 -quiet`,
    `printf ${DELETE} | socat - TCP:api.example.com:80`,
    `printf ${DELETE} | socat - OPENSSL:api.example.com:443,verify=0`,
    `printf ${DELETE} | ncat --ssl api.example.com 443`,
    `printf ${DELETE} | telnet api.example.com 80`,
    `echo -e ${DELETE} | nc -w 3 api.example.com 80`,
    `nc api.example.com 80 <<'EOF'\nDELETE /v1/db/prod HTTP/1.1\nHost: api\n\nEOF`,
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'ask', command);
    const f = r.findings.find((x) => x.id === 'http.delete-request');
    assert.ok(f, `${command}: ${r.findings.map((x) => x.id).join(',')}`);
    assert.equal(f.target, 'api.example.com');
  }
});

test('a POST carrying a destructive GraphQL mutation through a TLS socket asks', () => {
  const { judge } = engine();
  const body = '{"query":"mutation { volumeDelete(volumeId: \\\\"v\\\\") }"}';
  const r = judge(
    `printf 'POST /graphql/v2 HTTP/1.1\\r\\nHost: backboard.railway.app\\r\\nContent-Type: application/json\\r\\n\\r\\n${body}' | openssl s_client -quiet -connect backboard.railway.app:443`,
  );
  assert.equal(r.decision, 'ask');
  assert.ok(r.findings.some((f) => f.id === 'http.graphql-destructive-mutation' && /Railway/.test(f.summary)));
});

test('reads, listeners and streams without a request line stay quiet', () => {
  const { decide } = engine();
  assert.equal(decide(`printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc api.example.com 80`), 'allow');
  assert.equal(
    decide(`printf 'HEAD /health HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n' | openssl s_client -connect a.io:443`),
    'allow',
  );
  assert.equal(decide('echo hello | nc example.com 7'), 'allow');
  assert.equal(rawRequests(simple(['nc', '-l', '8080'], { stdin: 'DELETE / HTTP/1.1\r\n\r\n' })), undefined);
  assert.equal(
    rawRequests(simple(['openssl', 'x509', '-in', 'c.pem'], { stdin: 'DELETE / HTTP/1.1\r\n\r\n' })),
    undefined,
  );
});

test('the URL comes from the connection, else the Host header; an absolute target is taken as is', () => {
  const [a] =
    rawRequests(simple(['nc', 'db.example.com', '8080'], { stdin: 'DELETE /x HTTP/1.1\r\n\r\n' }))?.requests ?? [];
  assert.deepEqual(a.urls, ['http://db.example.com:8080/x']);
  const [b] =
    rawRequests(
      simple(['socat', '-', 'UNIX-CONNECT:/run/api.sock'], { stdin: 'DELETE /x HTTP/1.1\r\nHost: api.io\r\n\r\n' }),
    )?.requests ?? [];
  assert.deepEqual(b.urls, ['http://api.io/x']);
  const [c] =
    rawRequests(simple(['nc', 'proxy', '3128'], { stdin: 'DELETE https://api.io/v1/x HTTP/1.1\r\n\r\n' }))?.requests ??
    [];
  assert.deepEqual(c.urls, ['https://api.io/v1/x']);
  const [d] =
    rawRequests(simple(['nc', 'h', '80'], { stdin: 'POST /x HTTP/1.1\r\nX-HTTP-Method-Override: DELETE\r\n\r\n' }))
      ?.requests ?? [];
  assert.equal(d.method, 'DELETE', 'a method override is honoured as curl -H would be');
});

test('the stream is read within bounds, and what lies past them is asked about, never sent unjudged', () => {
  const { decide } = engine();
  const many = 'DELETE /x HTTP/1.1\r\n\r\n'.repeat(10_000);
  const read = rawRequests(simple(['nc', 'h', '80'], { stdin: many }));
  assert.equal(read?.requests.length, 8);
  assert.equal(read?.unread?.id, 'parse.too-complex');
  // Eight harmless requests, then the one that deletes: the ninth was once dropped unread and the call allowed.
  const get = 'GET / HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n';
  const del = 'DELETE /v1/db/prod HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n';
  assert.equal(decide(`printf '${get.repeat(8)}${del}' | nc api.example.com 80`), 'ask');
  assert.equal(decide(`printf '${get.repeat(9)}' | nc api.example.com 80`), 'ask');
  assert.equal(decide(`printf '${get.repeat(8)}' | nc api.example.com 80`), 'allow', 'up to the bound, as before');
  assert.equal(
    rawRequests(simple(['nc', 'h', '80'], { stdin: 'GET / HTTP/1.1\r\n\r\n'.repeat(8) }))?.unread,
    undefined,
  );
});
