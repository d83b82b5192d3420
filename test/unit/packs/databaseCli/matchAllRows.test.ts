// A WHERE that matches every row anyway (`id > 0`, `id IS NOT NULL`, `name LIKE '%'`), a MERGE whose ON matches
// every row, and a MongoDB filter every document matches are judged as the delete-everything they are
// (packs/common/sql/matchAll.ts, mongoFilters.ts); conditions that restrict rows stay as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';

const psql = (sql: string) => `psql "$DATABASE_URL" -c "${sql}"`;

test('DELETE and UPDATE with a WHERE every row meets ask as they do without one; a WHERE that restricts rows stays quiet', () => {
  const { judge, decide } = engine();
  for (const where of [
    'id > 0',
    'id IS NOT NULL',
    'id >= 0',
    'id >= 1',
    'id <> -1',
    'id != -1',
    'id > -1',
    'users.id > 0',
    'user_id IS NOT NULL',
    'users_id > 0',
    'uuid IS NOT NULL',
    "email LIKE '%'",
    "'a' = 'a'",
    'NOT FALSE',
    'name = name',
    'id = 5 OR TRUE',
    '(id = 5 OR 1 = 1)',
    'id > 0 AND 1 = 1',
    '0 < id',
  ]) {
    assertGated(judge, psql(`DELETE FROM users WHERE ${where}`), 'sql.delete-without-where', 'ask');
    assertGated(judge, psql(`UPDATE users SET active = false WHERE ${where}`), 'sql.update-without-where', 'ask');
  }
  for (const sql of [
    'DELETE FROM sessions WHERE expires_at < now()',
    'DELETE FROM users WHERE id > 100',
    'DELETE FROM users WHERE id = 5',
    'DELETE FROM users WHERE id > 0 AND created_at < now()',
    'DELETE FROM users WHERE id BETWEEN 1 AND 10',
    'DELETE FROM users WHERE email IS NOT NULL',
    'DELETE FROM users u USING stale s WHERE u.id = s.id',
    "DELETE FROM users WHERE email LIKE '%@example.com'",
    'DELETE FROM orders WHERE customer_id > 0',
    'UPDATE users SET active = false WHERE last_login < now()',
  ])
    assert.equal(decide(psql(sql)), 'allow', sql);
});

test('MERGE … THEN DELETE is weighed as the DELETE it is', () => {
  const { judge, decide } = engine();
  assertGated(
    judge,
    psql('MERGE INTO users u USING stale s ON TRUE WHEN MATCHED THEN DELETE'),
    'sql.delete-without-where',
    'ask',
  );
  assertGated(
    judge,
    psql('MERGE INTO users USING stale ON 1 = 1 WHEN MATCHED THEN DELETE'),
    'sql.delete-without-where',
    'ask',
  );
  // With ON pairing rows (or an AND narrowing the branch), it is a DELETE with a WHERE: asked on production, quiet locally.
  for (const host of ['prod-db', 'localhost']) {
    const merge = `psql -h ${host} -c "MERGE INTO users u USING stale s ON u.id = s.id WHEN MATCHED THEN DELETE"`;
    const del = `psql -h ${host} -c "DELETE FROM users WHERE id IN (SELECT id FROM stale)"`;
    assert.equal(decide(merge), decide(del), merge);
  }
  assert.equal(
    decide('psql -h prod-db -c "MERGE INTO users u USING stale s ON u.id = s.id WHEN MATCHED THEN DELETE"'),
    'ask',
  );
  assert.equal(
    decide(psql('MERGE INTO users u USING stale s ON TRUE WHEN MATCHED AND u.id = s.id THEN DELETE')),
    'allow',
  );
});

test('MERGE … WHEN NOT MATCHED BY SOURCE THEN DELETE / UPDATE reaches every row the source lacks, whatever the ON', () => {
  const { judge, decide } = engine();
  for (const sql of [
    'MERGE INTO users u USING incoming s ON u.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE',
    'MERGE users AS t USING incoming AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED BY TARGET THEN INSERT (id) VALUES (s.id) WHEN NOT MATCHED BY SOURCE THEN DELETE',
    'MERGE INTO users u USING incoming s ON u.id = s.id WHEN NOT MATCHED BY SOURCE AND 1 = 1 THEN DELETE',
    'WITH s AS (SELECT 1 AS id) MERGE INTO users u USING s ON u.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE',
  ]) {
    assertGated(judge, psql(sql), 'sql.delete-without-where', 'ask');
    assert.ok(
      judge(psql(sql)).findings.some((f) => f.summary.includes('NOT MATCHED BY SOURCE')),
      `${sql}: the reason names the clause`,
    );
  }
  assertGated(
    judge,
    psql(
      'MERGE INTO users u USING incoming s ON u.id = s.id WHEN NOT MATCHED BY SOURCE THEN UPDATE SET active = false',
    ),
    'sql.update-without-where',
    'ask',
  );
  // An AND on the clause that restricts rows narrows it; NOT MATCHED [BY TARGET] only inserts.
  for (const sql of [
    'MERGE INTO users u USING incoming s ON u.id = s.id WHEN NOT MATCHED BY SOURCE AND u.tenant_id = 7 THEN DELETE',
    'MERGE INTO users u USING incoming s ON u.id = s.id WHEN NOT MATCHED BY SOURCE AND u.active THEN UPDATE SET active = false',
    'MERGE INTO users u USING incoming s ON u.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)',
    'MERGE INTO users u USING incoming s ON u.id = s.id WHEN NOT MATCHED BY TARGET THEN INSERT (id) VALUES (s.id)',
  ])
    assert.equal(decide(psql(sql)), 'allow', sql);
});

test('deleteMany and updateMany with a filter every document matches ask as with {}; a filter that selects stays quiet', () => {
  const { judge, decide } = engine();
  const mongo = (code: string) => `mongosh "$MONGO_URL" --eval '${code}'`;
  for (const filter of [
    '{_id: {$exists: true}}',
    '{ "_id" : { "$ne" : null } }',
    '{$where: "true"}',
    '{$expr: true}',
    '{ }',
    '{$or: [{}]}',
    '{$or: [{status: "old"}, {}]}',
  ]) {
    assertGated(judge, mongo(`db.users.deleteMany(${filter})`), 'sql.mongo-delete-all', 'ask');
    assertGated(judge, mongo(`db.users.remove(${filter})`), 'sql.mongo-delete-all', 'ask');
    assertGated(judge, mongo(`db.users.updateMany(${filter}, {$set: {a: 1}})`), 'sql.mongo-update-all', 'ask');
  }
  for (const code of [
    'db.users.deleteMany({email: {$exists: true}})',
    'db.users.deleteMany({_id: {$exists: false}})',
    'db.users.deleteMany({_id: {$ne: null}, status: "old"})',
    'db.users.deleteMany({$where: "this.age > 90"})',
    'db.users.deleteMany({$or: [{a: 1}, {b: {$in: [{}]}}]})',
    'db.users.find({_id: {$exists: true}})',
  ])
    assert.equal(decide(mongo(code)), 'allow', code);
});
