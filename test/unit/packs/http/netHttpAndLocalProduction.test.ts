// Ruby's Net::HTTP hands its connection to a block or a variable under any
// name, and Ruby calls need no parentheses: `h.delete(path)` and
// `c.delete "/v1/users/7"` are DELETE requests, in `ruby -e` and in a .rb
// file run later. A DELETE on a local port of a resource named as production
// (`/api/envs/production`) asks, as one to a local data store does; a dev
// server's routes, production as a namespace on the way, and reads stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

test("a Net::HTTP connection's delete asks under any name; its get and a Hash's delete stay quiet", () => {
  const script = `require "net/http"\nuri = URI("https://api.acme.io/v1/projects/42")\nNet::HTTP.start(uri.host, uri.port, use_ssl: true) do |conn|\n  conn.delete uri.path\nend\n`;
  const { decide, ids } = engine({ [path.join(WORKSPACE, 'scripts/cleanup.rb')]: script });
  for (const command of [
    `ruby -e 'require "net/http"; u=URI("https://api.example.com/v1/projects/42"); Net::HTTP.start(u.host,u.port,use_ssl:true){|h| h.delete(u.path)}'`,
    `ruby -e 'require "net/http"; c = Net::HTTP.new("api.acme.io", 443); c.use_ssl = true; c.delete "/v1/users/7"'`,
    `ruby -e 'require "net/http"; Net::HTTP.new("api.acme.io", 443).delete("/v1/users/7")'`,
    'ruby scripts/cleanup.rb',
  ]) {
    assert.notEqual(decide(command), 'allow', command);
    assert.ok(ids(command).includes('http.delete-request'), `${command}: ${ids(command)}`);
  }
  for (const command of [
    `ruby -e 'require "net/http"; u=URI("https://api.example.com/x"); Net::HTTP.start(u.host,u.port,use_ssl:true){|h| puts h.get(u.path).body}'`,
    `ruby -e 'require "net/http"; puts Net::HTTP.get(URI("https://api.example.com/v1/projects"))'`,
    `ruby -e 'h = {a: 1}; h.delete(:a); p h'`,
    `ruby -e 'require "net/http"; http = Net::HTTP.new("api.acme.io"); cache = {}; cache.delete(:x)'`,
  ])
    assert.equal(decide(command), 'allow', command);
});

test('a DELETE on a local port of a resource named production asks; dev resources stay quiet', () => {
  const { decide, judge } = engine();
  for (const command of [
    'curl -X DELETE localhost:8080/api/envs/production',
    'curl -X DELETE http://127.0.0.1:3000/api/databases/prod/',
    'http DELETE localhost:8080/api/envs/production',
    `curl -X DELETE 'http://localhost:4000/v1/clusters/orders-prod?force=true'`,
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    const f = r.findings.find((x) => x.id === 'http.delete-request');
    assert.match(f?.summary ?? '', /a local server whose path names production/, command);
  }
  for (const command of [
    'curl -X DELETE localhost:8080/api/todos/3',
    'http DELETE localhost:3000/api/items/1',
    'curl -X DELETE http://localhost:8080/api/envs/dev',
    'curl localhost:8080/api/envs/production',
    'curl -X DELETE http://localhost:8080/api/production/users/1',
    'curl -X DELETE http://localhost:3000/api/products/1',
  ])
    assert.equal(decide(command), 'allow', command);
});
