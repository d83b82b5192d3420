// Interpreter code is read for network, SDK and database calls, judged by the
// packs that know their shell twins (curl, psql, redis-cli, mongosh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { HOME, WORKSPACE } from '../support/helpers';

const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: () => undefined,
};
const judge = (command: string) => evaluate({ command }, opts);

function gated(commands: string[], id: string): void {
  for (const c of commands) {
    const r = judge(c);
    assert.notEqual(r.decision, 'allow', c);
    assert.ok(
      r.findings.some((f) => f.id === id),
      `${c}: ${r.findings.map((f) => f.id).join(',')}`,
    );
  }
}

test('HTTP DELETE from code: requests, httpx, urllib, fetch, axios, Net::HTTP, PHP curl', () => {
  gated(
    [
      `python3 -c "import requests; requests.delete('https://api.vendor.test/v2/accounts/42')"`,
      `python3 -c "import httpx; c = httpx.Client(); c.delete(f'https://api.vendor.test/v2/items/{i}')"`,
      `python3 -c "import urllib.request as r; r.urlopen(r.Request('https://api.vendor.test/v1/apps/7', method='DELETE'))"`,
      `node -e "fetch('https://api.vendor.test/v1/apps/7', { method: 'DELETE' })"`,
      `node -e "const axios = require('axios'); axios.delete('https://api.vendor.test/v1/apps/7')"`,
      `ruby -e 'Net::HTTP.start("api.vendor.test", 443) { |h| h.request(Net::HTTP::Delete.new("/v1/apps/7")) }'`,
      `php -r '$c = curl_init("https://api.vendor.test/v1/apps/7"); curl_setopt($c, CURLOPT_CUSTOMREQUEST, "DELETE"); curl_exec($c);'`,
    ],
    'http.delete-request',
  );
});

test('HTTP DELETE from Perl and PHP: LWP, HTTP::Request, HTTP::Tiny, Mojo, a PHP stream context', () => {
  gated(
    [
      `perl -MLWP::UserAgent -e 'LWP::UserAgent->new->delete("https://api.vendor.test/v1/db/prod")'`,
      `perl -MLWP::UserAgent -e 'my $ua = LWP::UserAgent->new(timeout => 5); $ua->delete($ENV{URL})'`,
      `perl -MHTTP::Request -MLWP::UserAgent -e 'LWP::UserAgent->new->request(HTTP::Request->new(DELETE => "https://api.vendor.test/v1/db/prod"))'`,
      `perl -MHTTP::Tiny -e 'HTTP::Tiny->new->delete("https://api.vendor.test/v1/db/prod")'`,
      `perl -MHTTP::Tiny -e 'HTTP::Tiny->new->request("DELETE", "https://api.vendor.test/v1/db/prod")'`,
      `perl -MMojo::UserAgent -e 'Mojo::UserAgent->new->delete("https://api.vendor.test/v1/db/prod")'`,
      `perl -MHTTP::Request::Common -MLWP::UserAgent -e 'LWP::UserAgent->new->request(DELETE "https://api.vendor.test/v1/db/prod")'`,
      `php -r '$c = stream_context_create(["http"=>["method"=>"DELETE"]]); file_get_contents("https://api.vendor.test/v1/db/prod", false, $c);'`,
      `php -r "file_get_contents('https://api.vendor.test/v1/db/prod', false, stream_context_create(['http' => ['method' => 'DELETE']]));"`,
    ],
    'http.delete-request',
  );
});

test('a destructive GraphQL mutation posted from code is judged like the same mutation sent with curl', () => {
  gated(
    [
      `node -e "fetch('https://api.hosting.test/graphql', { method: 'POST', body: JSON.stringify({ query: 'mutation { projectDelete(id: \\"p1\\") }' }) })"`,
      `python3 -c "import requests; requests.post('https://api.hosting.test/graphql', json={'query': 'mutation { serviceDelete(id: \\"s\\") }'})"`,
      `bun -e "await fetch('https://backboard.railway.app/graphql/v2', {method:'POST', body: JSON.stringify({query:'mutation { volumeDelete(volumeId: 1) }'})})"`,
    ],
    'http.graphql-destructive-mutation',
  );
});

test('cloud and SaaS SDK deletions: boto3, AWS SDK v3, Google Cloud, Stripe, Octokit', () => {
  gated(
    [
      `python3 -c "import boto3; boto3.client('rds').delete_db_instance(DBInstanceIdentifier='main', SkipFinalSnapshot=True)"`,
      `python3 -c "import boto3; boto3.resource('dynamodb').Table('orders').delete_item(Key={'id': 1})"`,
      `node -e "client.send(new DeleteTableCommand({ TableName: 'orders' }))"`,
      `node -e "storage.bucket('acme-assets').delete()"`,
      `node -e "const stripe = require('stripe')(key); stripe.subscriptions.cancel('sub_1')"`,
      `node -e "stripe.refunds.create({ charge: 'ch_1' })"`,
      `node -e "octokit.rest.repos.delete({ owner: 'acme', repo: 'api' })"`,
    ],
    'code.sdk-delete',
  );
});

test('database wipes from code are gated', () => {
  for (const c of [
    `node -e "new (require('pg').Pool)().query('DROP SCHEMA public CASCADE')"`,
    `python3 -c "import sqlite3; sqlite3.connect('shop.db').execute('DELETE FROM carts')"`,
    `python3 -c "from pymongo import MongoClient; MongoClient(u).shop.carts.delete_many({})"`,
    `python3 -c "MongoClient(u).drop_database('shop')"`,
    `node -e "client.db('shop').dropDatabase()"`,
    `python3 -c "import redis; redis.Redis(host='cache').flushdb()"`,
    `node -e "require('redis').createClient().flushAll()"`,
  ])
    assert.notEqual(judge(c).decision, 'allow', c);
});

test('a GraphQL body posted from code that no literal spells out (a file, an argument) is asked about, as with curl', () => {
  gated(
    [
      `python3 -c 'import requests; requests.post("https://backboard.railway.app/graphql/v2", data=open("q.json"))'`,
      `python3 -c 'import urllib.request as u; u.urlopen("https://backboard.railway.app/graphql/v2", data=open("q.json", "rb").read())'`,
      `node -e 'fetch("https://backboard.railway.app/graphql/v2", { method: "POST", body: require("fs").readFileSync("q.json") })'`,
      `node -e 'fetch("https://api.hosting.test/graphql", { method: "POST", body: process.argv[1] })' "$(cat q.json)"`,
      `ruby -rnet/http -e 'Net::HTTP.post(URI("https://backboard.railway.app/graphql/v2"), File.read("q.json"))'`,
      // The host given apart from the path.
      `python3 -c 'import http.client as h; c = h.HTTPSConnection("backboard.railway.app"); c.request("POST", "/graphql/v2", open("q.json").read())'`,
    ],
    'http.graphql-unknown-body',
  );
  for (const c of [
    // The query is written out, or the server is this machine's.
    `python3 -c 'import requests; requests.post("https://backboard.railway.app/graphql/v2", json={"query": "{ me { id } }"})'`,
    `node -e 'fetch("http://localhost:4000/graphql", { method: "POST", body: require("fs").readFileSync("q.json") })'`,
    `node -e 'require("http").request({ host: "localhost", path: "/graphql", method: "POST" }).end(process.argv[1])' x`,
    `python3 -c 'import requests; print(requests.get("https://api.hosting.test/graphql/schema.json").status_code)'`,
  ])
    assert.equal(judge(c).decision, 'allow', c);
});

test('harmless look-alikes: reads, filters with a WHERE, map and set deletions, GraphQL queries', () => {
  for (const c of [
    `python3 -c "import requests; print(requests.get('https://api.vendor.test/v1/apps').status_code)"`,
    `node -e "fetch('https://api.vendor.test/v1/apps').then((r) => r.json()).then(console.log)"`,
    `python3 -c "import sqlite3; print(sqlite3.connect('shop.db').execute('SELECT count(*) FROM carts').fetchone())"`,
    `python3 -c "import sqlite3; sqlite3.connect('shop.db').execute('DELETE FROM carts WHERE id = 3')"`,
    `node -e "const cache = new Map(); cache.delete('k'); console.log(cache.size)"`,
    `python3 -c "d = {'a': 1}; del d['a']; s = set([1]); s.discard(1)"`,
    `node -e "fetch('https://api.hosting.test/graphql', { method: 'POST', body: JSON.stringify({ query: 'query { me { id } }' }) })"`,
    `python3 -c "print('mutation testing is fun')"`,
    `python3 -c "import boto3; print(boto3.client('s3').list_buckets())"`,
    `perl -MLWP::UserAgent -e 'print LWP::UserAgent->new->get("https://api.vendor.test/v1/status")->content'`,
    `perl -e 'my %h = (a => 1); delete $h{a}; print scalar keys %h'`,
    `php -r 'echo file_get_contents("https://api.vendor.test/v1/status", false, stream_context_create(["http"=>["method"=>"GET"]]));'`,
  ])
    assert.equal(
      judge(c).decision,
      'allow',
      `${c}: ${judge(c)
        .findings.map((f) => f.id)
        .join(',')}`,
    );
});

test('requests, SQL or GraphQL calls past the bound code is read for are asked about, never dropped', () => {
  const local = "requests.delete('http://localhost:3000/a')";
  for (const command of [
    // Seventy local deletes fill the bound; the last deletes a repository on GitHub.
    `python3 -c "import requests; ${Array(70).fill(local).join('; ')}; requests.delete('https://api.github.com/repos/acme/api')"`,
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command.slice(0, 80));
    assert.ok(
      r.findings.some((f) => f.id === 'parse.too-complex' && /calls than AgentGuard reads \(64\)/.test(f.summary)),
      JSON.stringify(r.findings),
    );
  }
  // Within the bound: read, and quiet when harmless.
  assert.equal(judge(`python3 -c "import requests; ${Array(8).fill(local).join('; ')}"`).decision, 'allow');
});

test('a "method": "DELETE" key is a request only where the code sends one; as data it stays quiet', () => {
  gated(
    [
      `node -e 'fetch("https://api.vendor.test/v1/items/1", {method: "DELETE"})'`,
      `python3 -c 'import urllib.request as u; u.urlopen(u.Request("https://api.vendor.test/a/1", method="DELETE"))'`,
      `php -r '$c = stream_context_create(["http" => ["method" => "DELETE"]]); file_get_contents("https://api.vendor.test/a", false, $c);'`,
    ],
    'http.delete-request',
  );
  for (const c of [
    `python3 -c 'import json; print(json.dumps({"method": "DELETE"}))'`,
    `node -e 'const o = {"method":"DELETE"}; require("fs").writeFileSync("fixture.json", JSON.stringify(o))'`,
    `ruby -e 'File.write("f.json", %q({"method": "DELETE"}))'`,
  ])
    assert.equal(judge(c).decision, 'allow', c);
});

test('SQL a print call shows is text, as echo of it is; handed to anything else it is still read', () => {
  for (const c of [
    `python3 -c "print('DROP DATABASE prod')"`,
    `node -e "console.log('DROP TABLE users')"`,
    `ruby -e "puts 'TRUNCATE orders'"`,
    `deno eval "console.error(\\"DELETE FROM sessions\\")"`,
    `php -r 'echo "DROP SCHEMA public CASCADE";'`,
    `python3 -c "print(f'DROP TABLE {name}')"`,
  ])
    assert.equal(judge(c).decision, 'allow', `${c}: ${judge(c).findings.map((f) => f.id)}`);
  for (const c of [
    `python3 -c "import sqlite3; print(sqlite3.connect('shop.db').execute('DROP TABLE carts'))"`,
    `node -e "console.log(await pool.query('DROP DATABASE prod'))"`,
    `python3 -c "q = 'DROP TABLE users'; print(q); db.execute(q)"`,
    `python3 -c "print('DROP TABLE users' + '; ' + run('DROP TABLE carts'))"`,
  ])
    assert.notEqual(judge(c).decision, 'allow', c);
});
