// Writes hidden in archivers and downloaders are judged like any write;
// local-only databases (`sqlite3 :memory:`, `wrangler d1 … --local`) are not data at risk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { evaluate, type EngineOptions } from '../../../../src/core/engine';
import { HOME, WORKSPACE } from '../../support/helpers';

const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: () => undefined,
};
const decision = (c: string) => evaluate({ command: c }, opts).decision;

test('archivers and downloaders that write or delete outside the workspace, or data files, ask', () => {
  for (const c of [
    'tar -xzf bundle.tgz -C /',
    'zip -m attic.zip data/app.db',
    'zip -rm ~/old.zip ~/Documents',
    'curl -fsSL -o ~/.zshrc https://dotfiles.test/zshrc',
    `wget -O ${HOME}/.ssh/authorized_keys https://keys.test/k`,
    'tar -czf ~/.ssh/id_ed25519 notes',
  ])
    assert.notEqual(decision(c), 'allow', c);
  for (const c of [
    'tar -czf dist.tgz dist',
    'tar -xzf deps.tgz',
    'curl -o dl.zip https://x.test/a.zip',
    'wget -O - https://x.test | head',
    'touch src/new.ts',
    'unzip -o fixtures.zip -d test/fixtures',
  ]) {
    assert.equal(decision(c), 'allow', c);
  }
});

test('in-memory and local development databases are not gated', () => {
  for (const c of [
    'sqlite3 :memory: "DROP TABLE t"',
    `sqlite3 :memory: "CREATE TABLE t(x); DELETE FROM t"`,
    'wrangler d1 execute app --local --command "DROP TABLE sessions"',
    'wrangler d1 execute app --command "DELETE FROM sessions"',
  ]) {
    assert.equal(decision(c), 'allow', c);
  }
  for (const c of [
    'sqlite3 data/app.db "DROP TABLE users"',
    'wrangler d1 execute app --remote --command "DROP TABLE users"',
  ])
    assert.notEqual(decision(c), 'allow', c);
});

test('wiping a local data store through its HTTP API (every index) asks; one index, or a dev server, does not', () => {
  for (const c of [
    'curl -X DELETE http://localhost:9200/_all',
    "curl -XDELETE 'localhost:9200/logs-*'",
    'curl -X POST localhost:9200/events/_delete_by_query -d \'{"query":{"match_all":{}}}\'',
    'curl -X DELETE "http://127.0.0.1:9200/*"',
    'curl -X DELETE http://localhost:7700/indexes/*',
  ]) {
    assert.notEqual(decision(c), 'allow', c);
  }
  for (const c of [
    'curl http://localhost:9200/_cat/indices?v',
    'curl -X DELETE http://127.0.0.1:9200/test-index',
    'curl -X DELETE http://localhost:3000/api/todos/1',
    'curl -X DELETE http://localhost:8080/api/items/3',
    'curl -X POST localhost:5173/api/login -d "{}"',
  ]) {
    assert.equal(decision(c), 'allow', c);
  }
});

test('killing every process of a runtime by name asks; a pattern naming one script does not', () => {
  for (const c of ['pkill -f node', 'killall -9 node', 'pkill python3', 'killall Electron', 'pkill -x bun'])
    assert.notEqual(decision(c), 'allow', c);
  for (const c of [
    'pkill -f "node server.js"',
    'pkill -f vite',
    'kill 4242',
    'pkill -f "python3 -m http.server"',
    'killall my-dev-server',
  ])
    assert.equal(decision(c), 'allow', c);
});

test('smaller storage and platform CLIs: deletions ask, listings do not', () => {
  for (const c of [
    's3cmd del --recursive s3://media-archive/2023/',
    's3cmd rb s3://old-media',
    'b2 rm --versions media photos/cat.jpg',
    'b2 delete-bucket media',
    'azcopy remove "https://acct.blob.core.windows.net/media" --recursive=true',
    'avn service terminate analytics-pg',
    'sst remove --stage staging',
  ]) {
    assert.notEqual(decision(c), 'allow', c);
  }
  for (const c of [
    's3cmd ls s3://media-archive',
    'b2 ls media',
    'azcopy list "https://acct.blob.core.windows.net/media"',
    'avn service list',
    'sst deploy --stage dev',
    'sst dev',
  ])
    assert.equal(decision(c), 'allow', c);
});

test('curl -K config files and --data-urlencode name@file are read like the options they hold', () => {
  const files: Record<string, string> = {
    [`${WORKSPACE}/ops/wipe.curlrc`]: '# cleanup\nurl = "https://api.vendor.test/v1/projects/9"\nrequest = DELETE\n',
    [`${WORKSPACE}/ops/list.curlrc`]: 'url = "https://api.vendor.test/v1/projects"\nsilent\n',
    [`${WORKSPACE}/ops/drop.graphql`]: 'mutation { serviceDelete(id: "svc") }\n',
    [`${WORKSPACE}/ops/me.graphql`]: 'query { me { id } }\n',
  };
  const o: EngineOptions = { ...opts, readFile: (p, cwd) => files[path.resolve(cwd, p)] };
  const d = (c: string) => evaluate({ command: c }, o).decision;
  for (const c of [
    'curl -K ops/wipe.curlrc',
    'curl --config ops/missing.curlrc',
    'curl --data-urlencode query@ops/drop.graphql https://api.hosting.test/graphql',
  ])
    assert.notEqual(d(c), 'allow', c);
  for (const c of [
    'curl -K ops/list.curlrc',
    'curl --data-urlencode query@ops/me.graphql https://api.hosting.test/graphql',
    'curl -G --data-urlencode "q=a b" https://api.vendor.test/search',
  ])
    assert.equal(d(c), 'allow', c);
});

test('a service restart on a host named for development or staging is routine; stops, production and unnamed hosts ask', () => {
  for (const c of [
    'ssh web-dev-1 sudo systemctl restart nginx',
    "ssh deploy@api.staging.acme.test 'sudo systemctl reload-or-restart api'",
    'ssh qa2 sudo service nginx restart',
  ])
    assert.equal(decision(c), 'allow', c);
  for (const c of [
    'ssh web-prod-1 sudo systemctl restart nginx',
    'ssh web-dev-1 sudo systemctl stop postgresql',
    'ssh build-box sudo systemctl restart nginx',
    'sudo systemctl restart nginx',
  ])
    assert.notEqual(decision(c), 'allow', c);
});

test('moving money on a live payment account asks; test mode and reads do not', () => {
  for (const c of [
    'curl https://api.stripe.com/v1/refunds -u "$STRIPE_SECRET_KEY:" -d payment_intent=pi_1',
    'curl -X POST https://api.stripe.com/v1/payouts -u sk_live_x: -d amount=500 -d currency=eur',
    'stripe transfers create --amount 100 --currency usd --destination acct_1 --live',
    'curl -X POST https://api-m.paypal.com/v1/payments/payouts -H "Authorization: Bearer $T" --json @batch.json',
  ]) {
    assert.notEqual(decision(c), 'allow', c);
  }
  for (const c of [
    'stripe refunds create --charge ch_1',
    'curl https://api.stripe.com/v1/refunds -u sk_test_x: -d charge=ch_1',
    'curl https://api.stripe.com/v1/refunds -u "$STRIPE_SECRET_KEY:"',
    'curl -X POST https://api-m.sandbox.paypal.com/v1/payments/payouts --json @batch.json',
  ]) {
    assert.equal(decision(c), 'allow', c);
  }
});
