import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpPack } from '../../../src/core/packs/http';
import type { SimpleCommand } from '../../../src/core/types';
import { ctx, simple, WORKSPACE } from '../support/helpers';
import { engine } from '../support/engineHarness';

const ASK = 40;
const DENY = 90;
const run = (argv: string[], extra: Partial<SimpleCommand> = {}, files: Record<string, string> = {}) =>
  httpPack.analyze(simple(argv, extra), ctx(files)) ?? [];
const ids = (argv: string[], extra: Partial<SimpleCommand> = {}, files: Record<string, string> = {}): string[] =>
  run(argv, extra, files).map((f) => f.id);
const score = (argv: string[], extra: Partial<SimpleCommand> = {}, files: Record<string, string> = {}): number =>
  run(argv, extra, files).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (argv: string[], extra: Partial<SimpleCommand> = {}) => httpPack.effect?.(simple(argv, extra), ctx());

const RAILWAY = 'https://backboard.railway.app/graphql/v2';
const VOLUME_DELETE = '{"query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}';

test('PocketOS: a volumeDelete mutation posted to Railway asks, high, with the host as target', () => {
  const argv = [
    'curl',
    '-s',
    '-X',
    'POST',
    RAILWAY,
    '-H',
    'Authorization: Bearer $RAILWAY_TOKEN',
    '-H',
    'Content-Type: application/json',
    '-d',
    VOLUME_DELETE,
  ];
  const [f] = run(argv);
  assert.equal(f.id, 'http.graphql-destructive-mutation');
  assert.equal(f.target, 'backboard.railway.app');
  assert.match(f.summary, /volumeDelete/);
  assert.match(f.summary, /Railway/);
  assert.ok(f.alternative);
  assert.ok(f.severity >= 85 && f.severity < DENY);
});

test('the same mutation through every body option, client and spelling', () => {
  const bodies: string[][] = [
    ['--data', VOLUME_DELETE],
    ['--data-raw', VOLUME_DELETE],
    ['--data-binary', VOLUME_DELETE],
    ['--json', VOLUME_DELETE],
    [`--data=${VOLUME_DELETE}`],
    [`-d${VOLUME_DELETE}`],
    ['-sd', VOLUME_DELETE],
    ['-d', '{"query":"mutation DropIt($id: String!) { volumeDelete(volumeId: $id) }","variables":{"id":"x"}}'],
    ['-d', '[{"query":"query { me { id } }"},{"query":"mutation { serviceDelete(id: \\"s\\") }"}]'],
    ['-d', 'mutation { a: projectDelete(id: "p") }'],
    ['-d', '{"query":"mutation {\\n  environmentDelete(id: \\"e\\")\\n}"}'],
  ];
  for (const body of bodies)
    assert.ok(score(['curl', 'https://backboard.railway.com/graphql/v2', ...body]) >= 85, body.join(' '));
  assert.ok(score(['wget', `--post-data=${VOLUME_DELETE}`, RAILWAY]) >= 85);
  assert.ok(score(['http', 'POST', RAILWAY, 'query=mutation { volumeDelete(volumeId: "x") }']) >= 85);
  assert.ok(score(['xh', RAILWAY, 'query=mutation { volumeDelete(volumeId: "x") }']) >= 85);
  assert.ok(
    score([
      'gh',
      'api',
      'graphql',
      '-f',
      'query=mutation { deleteIssue(input: {issueId: "x"}) { clientMutationId } }',
    ]) >= 85,
  );
});

test('bodies from files, stdin and heredocs are read', () => {
  const files = {
    [`${WORKSPACE}/payload.json`]: VOLUME_DELETE,
    [`${WORKSPACE}/q.json`]: '{"query":"query { me { id } }"}',
    [`${WORKSPACE}/del.graphql`]: 'mutation {\n  projectDelete(id: "p")\n}\n',
  };
  assert.ok(score(['curl', RAILWAY, '--data-binary', '@payload.json'], {}, files) >= 85);
  assert.equal(score(['curl', RAILWAY, '--data-binary', '@q.json'], {}, files), 0);
  assert.ok(score(['gh', 'api', 'graphql', '-F', 'query=@del.graphql'], {}, files) >= 85);
  assert.ok(score(['curl', '-d', '@-', RAILWAY], { stdin: VOLUME_DELETE, stdinFrom: ['echo', VOLUME_DELETE] }) >= 85);
  assert.ok(score(['http', 'POST', RAILWAY], { stdin: VOLUME_DELETE }) >= 85);
  assert.ok(score(['wget', '--post-file=payload.json', RAILWAY], {}, files) >= 85);
});

test('a body that cannot be read, posted to a GraphQL endpoint, asks (fail closed)', () => {
  assert.deepEqual(ids(['curl', RAILWAY, '-d', '@payload.json']), ['http.graphql-unknown-body']);
  assert.deepEqual(ids(['curl', RAILWAY, '-d', '$PAYLOAD']), ['http.graphql-unknown-body']);
  assert.deepEqual(ids(['curl', '--data', '@-', RAILWAY], { stdinFrom: ['jq', '-n', '{}'] }), [
    'http.graphql-unknown-body',
  ]);
  assert.ok(score(['curl', RAILWAY, '-d', '@payload.json']) >= ASK);
  // Not a GraphQL endpoint: an unreadable body is just a POST.
  assert.deepEqual(ids(['curl', '-d', '@big.json', 'https://api.acme.io/v1/items']), []);
});

test('queries and harmless mutations stay quiet', () => {
  for (const body of [
    '{"query":"query { me { projects { edges { node { id name } } } } }"}',
    '{"query":"mutation { serviceInstanceRedeploy(serviceId: \\"s\\", environmentId: \\"e\\") }"}',
    '{"query":"mutation { login(email: \\"a\\", password: \\"b\\") { token } }"}',
    '{"query":"mutation { createUser(name: \\"x\\") { id deletedAt } }"}',
    '{"query":"mutation ResetPw { resetPassword(email: \\"x\\") }"}',
    '{"query":"{ deleteRequests { id } }"}',
    '{"query":"query { posts(where: {title: \\"mutation { deleteAll }\\"}) { id } }"}',
  ])
    assert.deepEqual(ids(['curl', 'https://api.acme.io/graphql', '-d', body]), [], body);
});

test('destructive mutations off providers still ask, a little lower; on localhost they are routine', () => {
  const remote = score([
    'curl',
    'https://api.acme.io/graphql',
    '-d',
    '{"query":"mutation { deleteUser(id: 1) { id } }"}',
  ]);
  assert.ok(remote >= ASK && remote < score(['curl', RAILWAY, '-d', VOLUME_DELETE]));
  assert.ok(
    score([
      'curl',
      'https://hasura.acme.io/v1/graphql',
      '-d',
      '{"query":"mutation { delete_users(where: {}) { affected_rows } }"}',
    ]) >= ASK,
  );
  assert.ok(score(['curl', '-X', 'POST', '$RAILWAY_API/graphql', '-d', VOLUME_DELETE]) >= ASK, 'unknown host');
  assert.ok(
    score(['curl', 'https://api.acme.io/graphql?query=mutation%7BdeleteProject(id%3A1)%7D']) >= ASK,
    'mutation in the query string',
  );
  assert.deepEqual(ids(['curl', 'http://localhost:4000/graphql', '-d', VOLUME_DELETE]), []);
  assert.deepEqual(ids(['curl', 'http://api.localhost/graphql', '-d', VOLUME_DELETE]), []);
});

test('restores and detaches on providers ask lower than deletes', () => {
  const restore = score([
    'curl',
    RAILWAY,
    '-d',
    '{"query":"mutation { volumeInstanceBackupRestore(volumeInstanceBackupId: \\"b\\") }"}',
  ]);
  assert.ok(restore >= ASK && restore < 85);
});

test('DELETE asks anywhere but localhost; provider APIs ask higher', () => {
  const [f] = run([
    'curl',
    '-X',
    'DELETE',
    'https://api.acme.io/v1/projects/42',
    '-H',
    'Authorization: Bearer $ACME_TOKEN',
  ]);
  assert.equal(f.id, 'http.delete-request');
  assert.equal(f.target, 'api.acme.io');
  assert.ok(f.severity >= ASK && f.severity < DENY);
  const stripe = score([
    'curl',
    '--request',
    'DELETE',
    'https://api.stripe.com/v1/customers/cus_123',
    '-u',
    '$STRIPE_KEY:',
  ]);
  assert.ok(stripe > f.severity);
  for (const argv of [
    ['curl', '-XDELETE', 'https://api.digitalocean.com/v2/databases/123'],
    ['curl', '-sX', 'DELETE', 'https://api.heroku.com/apps/acme-api'],
    ['curl', '--request=DELETE', 'https://api.acme.io/x'],
    ['curl', '--url', 'https://api.stripe.com/v1/customers/cus_1', '-X', 'delete'],
    ['wget', '--method=DELETE', 'https://api.acme.io/v1/buckets/backups'],
    ['wget', '--method', 'DELETE', 'https://api.acme.io/v1/buckets/backups'],
    ['http', 'DELETE', 'https://api.acme.io/v1/databases/main', 'Authorization:Bearer $TOKEN'],
    ['xh', 'delete', 'https://api.vercel.com/v9/projects/acme'],
    ['https', 'DELETE', 'api.netlify.com/api/v1/sites/abc'],
    ['gh', 'api', '-X', 'DELETE', 'repos/acme/api'],
    ['gh', 'api', '--method', 'DELETE', '/repos/acme/api/git/refs/heads/old'],
    ['Invoke-RestMethod', '-Method', 'Delete', '-Uri', 'https://api.acme.io/v1/x'],
  ])
    assert.ok(score(argv) >= ASK, argv.join(' '));
  assert.equal(run(['gh', 'api', '-X', 'DELETE', 'repos/acme/api'])[0].target, 'api.github.com');
  for (const argv of [
    ['curl', '-X', 'DELETE', 'http://localhost:3000/api/users/1'],
    ['curl', '-X', 'DELETE', 'http://127.0.0.1:9200/my-index'],
    ['curl', '-X', 'DELETE', 'http://[::1]:8080/x'],
    ['curl', '-X', 'DELETE', 'http://myapp.local/x'],
    ['http', 'DELETE', ':3000/api/users/1'],
  ])
    assert.deepEqual(ids(argv), [], argv.join(' '));
});

test('localhost through ssh or kubectl exec is that server, not this machine', () => {
  const viaSsh = run(['curl', '-X', 'DELETE', 'http://localhost:9200/prod-index'], {
    remote: { kind: 'ssh', target: 'bastion' },
  });
  assert.equal(viaSsh[0]?.id, 'http.delete-request');
  assert.equal(viaSsh[0].target, 'bastion');
  assert.ok(
    score(['curl', '-X', 'POST', 'localhost:8080/admin/reset-database'], {
      remote: { kind: 'kubectl', target: 'deploy/api' },
    }) >= ASK,
  );
  assert.deepEqual(
    ids(['curl', '-X', 'DELETE', 'http://localhost:3000/x'], { remote: { kind: 'docker', target: 'api' } }),
    [],
  );
});

test('POST to a destructive action path asks; ids and cache purges do not', () => {
  assert.deepEqual(ids(['curl', '-X', 'POST', 'https://api.acme.io/v1/projects/42/delete']), [
    'http.destructive-action',
  ]);
  assert.deepEqual(
    ids(['curl', '-X', 'POST', 'https://es.acme.io/orders/_delete_by_query', '-d', '{"query":{"match_all":{}}}']),
    ['http.destructive-action'],
  );
  assert.ok(
    score(['curl', '-X', 'POST', 'https://compute.googleapis.com/v1/projects/p/instances/x:purge']) >
      score(['curl', '-X', 'POST', 'https://api.acme.io/v1/x/purge']),
  );
  for (const argv of [
    [
      'curl',
      '-X',
      'POST',
      'https://api.cloudflare.com/client/v4/zones/abc/purge_cache',
      '-d',
      '{"purge_everything":true}',
    ],
    ['curl', '-X', 'POST', 'https://api.acme.io/v1/volumes/vol_rm3x/attach'],
    [
      'curl',
      '-X',
      'POST',
      'http://localhost:3000/api/login',
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"user":"a"}',
    ],
    ['curl', 'https://api.acme.io/v1/projects/42/delete'],
  ])
    assert.deepEqual(ids(argv), [], argv.join(' '));
});

test('downloads, HEAD, uploads and ordinary writes stay quiet', () => {
  for (const argv of [
    ['curl', '-s', 'https://api.github.com/repos/microsoft/vscode'],
    ['curl', '-I', 'https://example.com'],
    ['curl', 'http://localhost:8080/health'],
    ['curl', '-fsSL', 'https://deb.nodesource.com/setup_20.x', '-o', 'setup.sh'],
    ['wget', '-O', '/tmp/schema.json', 'https://example.com/schema.json'],
    ['curl', '-T', 'backup.sql', 'https://uploads.example.com/'],
    ['curl', '-X', 'PATCH', 'https://api.github.com/repos/o/r', '-d', '{"description":"x"}'],
    ['curl', '-X', 'PUT', 'https://api.cloudflare.com/client/v4/zones/z/dns_records/r', '-d', '{"content":"1.2.3.4"}'],
    ['curl', '-H', 'X-Action: delete', 'https://api.acme.io/items'],
    ['curl', '-d', '@-', 'https://example.com'],
    ['http', 'https://api.github.com/user'],
    ['gh', 'api', 'repos/acme/api/releases'],
    ['gh', 'pr', 'list'],
    ['curl', '--help'],
  ])
    assert.deepEqual(ids(argv), [], argv.join(' '));
  assert.deepEqual(
    ids(['curl', '-d', '@-', 'https://example.com'], { stdin: 'rm -rf /\n' }),
    [],
    'a heredoc of text is only data',
  );
});

test('destructive SQL sent to SQL-over-HTTP APIs asks; SQL-looking prose and GraphQL do not', () => {
  const [d1] = run([
    'curl',
    '-X',
    'POST',
    'https://api.cloudflare.com/client/v4/accounts/a/d1/database/d/query',
    '-d',
    '{"sql":"DROP TABLE users"}',
  ]);
  assert.equal(d1.id, 'http.destructive-sql');
  assert.equal(d1.target, 'api.cloudflare.com');
  assert.ok(d1.severity >= 80);
  assert.ok(
    score([
      'curl',
      'https://acme-db.turso.io/v2/pipeline',
      '-d',
      '{"requests":[{"type":"execute","stmt":{"sql":"DELETE FROM orders"}}]}',
    ]) >= ASK,
  );
  assert.ok(score(['curl', 'http://clickhouse.internal:8123/', '--data-binary', 'TRUNCATE TABLE events']) >= ASK);
  assert.ok(score(['curl', 'http://clickhouse.internal:8123/?query=DROP%20TABLE%20events']) >= ASK);
  for (const argv of [
    ['curl', '-X', 'POST', 'https://api.acme.io/sql', '-d', '{"query":"SELECT * FROM users"}'],
    ['curl', '-X', 'POST', 'https://api.acme.io/sql', '-d', '{"query":"DELETE FROM users WHERE id = 3"}'],
    [
      'curl',
      '-X',
      'POST',
      'https://blog.acme.io/posts',
      '-d',
      '{"title":"How to drop table safely","body":"DROP TABLE x is dangerous"}',
    ],
    [
      'curl',
      '-X',
      'POST',
      'https://api.acme.io/graphql',
      '-d',
      '{"query":"mutation { createPost(title: \\"drop table\\") { id } }"}',
    ],
    ['curl', '-X', 'POST', 'http://localhost:8080/sql', '-d', '{"sql":"DROP TABLE users"}'],
    ['curl', 'https://search.example.com/search?q=drop+table+postgres'],
  ])
    assert.deepEqual(ids(argv), [], argv.join(' '));
});

test('an unresolved method may be DELETE: asks lightly', () => {
  const s = score(['curl', '-X', '$METHOD', 'https://api.acme.io/v1/x']);
  assert.ok(s >= ASK && s < 60);
});

test('effect: GET and GraphQL queries read; other methods and mutations write', () => {
  assert.equal(effect(['curl', 'https://api.acme.io/v1/x']), 'read');
  assert.equal(effect(['curl', '-I', 'https://api.acme.io']), 'read');
  assert.equal(effect(['wget', 'https://example.com/f.zip']), 'read');
  assert.equal(effect(['curl', 'https://api.acme.io/graphql', '-d', '{"query":"query { users { id } }"}']), 'read');
  assert.equal(effect(['gh', 'api', 'graphql', '-f', 'query=query { viewer { login } }']), 'read');
  assert.equal(
    effect(['curl', 'https://api.acme.io/graphql', '-d', '{"query":"mutation { createUser { id } }"}']),
    'write',
  );
  assert.equal(
    effect(['curl', '-X', 'POST', 'https://es.acme.io/x/_search', '-d', '{"query":{"match_all":{}}}']),
    'write',
    'a JSON body with a "query" object is not GraphQL',
  );
  assert.equal(effect(['curl', '-X', 'DELETE', 'https://api.acme.io/x']), 'write');
  assert.equal(effect(['curl', '-T', 'f', 'https://api.acme.io/x']), 'write');
  assert.equal(effect(['gh', 'pr', 'list']), undefined, 'not an HTTP call');
});

test('bodies, URLs and GraphQL past the bounds a request is read within are asked about, never dropped quietly', () => {
  const { judge } = engine();
  const decide = (command: string) => {
    const r = judge(command);
    return { decision: r.decision, text: r.findings.map((f) => `${f.id}: ${f.summary}`).join('\n') };
  };
  const auth = `-H "Authorization: Bearer $RAILWAY_TOKEN"`;
  const mutation = `'{"query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}'`;
  const query = `'{"query":"query { me { id } }"}'`;
  const cases: [string, RegExp][] = [
    // A seventeenth -d past sixteen harmless ones.
    [
      `curl -X POST ${RAILWAY} ${auth} ${Array(16).fill(`-d ${query}`).join(' ')} -d ${mutation}`,
      /more than 16 bodies/,
    ],
    // A ninth URL past eight local ones.
    [
      `curl -X POST -d ${mutation} ${Array.from({ length: 8 }, (_, i) => `http://localhost:3000/a${i}`).join(' ')} ${RAILWAY}`,
      /more than 8 URLs/,
    ],
    // The mutation's 65th top-level field.
    [
      `curl -X POST ${RAILWAY} ${auth} -d '{"query":"mutation { ${Array.from({ length: 70 }, (_, i) => `f${i}: me { id }`).join(' ')} volumeDelete(volumeId: \\"3d2f\\") }"}'`,
      /more than 64 fields/,
    ],
    // A mutation past 64 KiB of padding.
    [
      `curl -X POST ${RAILWAY} ${auth} -d '{"pad":"${'x'.repeat(70_000)}","query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}'`,
      /a body longer than 65536 characters/,
    ],
    // The seventeenth operation of a batch.
    [
      `curl -X POST ${RAILWAY} ${auth} -d '[${[...Array(16).fill('{"query":"query { me { id } }"}'), '{"query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}'].join(',')}]'`,
      /more than 16 batched operations/,
    ],
  ];
  for (const [command, why] of cases) {
    const r = decide(command);
    assert.equal(r.decision, 'ask', `${command.slice(0, 100)}\n${r.text}`);
    assert.match(r.text, why);
  }
  // Within the bounds nothing is said: many GETs, a big query-only body, a long JSON array to a REST API.
  for (const command of [
    `curl ${Array.from({ length: 12 }, (_, i) => `https://example.com/f${i}`).join(' ')}`,
    `curl -X POST ${RAILWAY} ${auth} -d '{"pad":"${'x'.repeat(70_000)}","query":"query { me { id } }"}'`,
    `curl -X POST https://api.example.com/items -d '[${Array(40).fill('{"name":"a"}').join(',')}]'`,
  ])
    assert.equal(decide(command).decision, 'allow', command.slice(0, 100));
});

test('SQL in a body past the bounds it is read within is asked about, never dropped quietly', () => {
  const { decide } = engine();
  const d1 = 'https://api.cloudflare.com/client/v4/accounts/x/d1/database/y/query';
  const body = (sql: string[]) => `'${JSON.stringify({ sql })}'`;
  // Seventy harmless statements fill the bound; the last drops a table.
  assert.equal(
    decide(
      `curl -X POST ${d1} -H "Authorization: Bearer $CF" -d ${body([...Array(70).fill('SELECT 1'), 'DROP TABLE users'])}`,
    ),
    'ask',
  );
  // Within the bound, read and quiet when harmless; past it, reads only stay quiet too.
  assert.equal(
    decide(`curl -X POST ${d1} -H "Authorization: Bearer $CF" -d ${body(Array(8).fill('SELECT 1'))}`),
    'allow',
  );
  assert.equal(
    decide(`curl -X POST ${d1} -H "Authorization: Bearer $CF" -d ${body(Array(70).fill('SELECT 1'))}`),
    'allow',
  );
});
