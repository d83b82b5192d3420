// MongoDB deletes without a delete verb (packs/common/sql/mongoOverwrites.ts):
// an aggregation whose $out names its own collection replaces it, and a TTL
// index under a minute on a date field deletes nearly every document, and a
// $merge that replaces or merges into matching documents overwrites them. $out
// to another collection, $merge keeping what exists, longer TTLs and expiry
// fields stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../../support/engineHarness';

test('$out over its own collection, $merge over matching documents and a TTL of 0 ask', () => {
  const { judge } = engine();
  for (const [code, id] of [
    [`db.users.aggregate([{$out:"users"}])`, 'sql.mongo-overwrite'],
    [`db.users.aggregate([{$match:{active:true}},{"$out":"users"}])`, 'sql.mongo-overwrite'],
    [`db.getCollection("users").aggregate([{$out:{db:"app",coll:"users"}}])`, 'sql.mongo-overwrite'],
    [`db.users.aggregate([{$match:{}},{$merge:{into:"orders",whenMatched:"replace"}}])`, 'sql.mongo-overwrite'],
    [`db.users.aggregate([{$merge:{into:{db:"app",coll:"orders"}}}])`, 'sql.mongo-overwrite'],
    [`db.users.aggregate([{$merge:"orders"}])`, 'sql.mongo-overwrite'],
    [`db.users.createIndex({a:1},{expireAfterSeconds:0})`, 'sql.mongo-ttl-delete'],
    [
      `db.runCommand({collMod:"events", index:{keyPattern:{createdAt:1}, expireAfterSeconds:0}})`,
      'sql.mongo-ttl-delete',
    ],
  ]) {
    const command = `mongosh "$MONGO_URL" --eval '${code}'`;
    const r = judge(command);
    assert.ok(r.decision === 'ask' && r.findings.some((f) => f.id === id), `${command}: ${JSON.stringify(r.findings)}`);
  }
});

test('$out to a new collection, reads, plain indexes, longer TTLs and expiry fields stay quiet', () => {
  const { decide } = engine();
  for (const code of [
    'db.users.find()',
    'db.users.aggregate([{$match:{a:1}},{$out:"users_report"}])',
    'db.users.aggregate([{$merge:{into:"orders",whenMatched:"keepExisting"}}])',
    'db.users.aggregate([{$project:{x:{$mergeObjects:["$a","$b"]}}}])',
    'db.users.createIndex({email:1},{unique:true})',
    'db.sessions.createIndex({createdAt:1},{expireAfterSeconds:3600})',
    'db.sessions.createIndex({expireAt:1},{expireAfterSeconds:0})',
  ])
    assert.equal(decide(`mongosh "$MONGO_URL" --eval '${code}'`), 'allow', code);
});
