import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseCliPack, parseConnection } from '../../../src/core/packs/databaseCli';
import type { SimpleCommand } from '../../../src/core/types';
import { ctx, simple, WORKSPACE } from '../support/helpers';

const FILES = {
  [`${WORKSPACE}/db/teardown.sql`]: '-- wipe\nDROP SCHEMA app CASCADE;',
  [`${WORKSPACE}/db/schema.sql`]: 'CREATE TABLE users (id serial primary key);\nINSERT INTO users DEFAULT VALUES;',
  [`${WORKSPACE}/db/main.sql`]: '\\i db/teardown.sql\nSELECT 1;',
  [`${WORKSPACE}/scripts/purge.js`]: 'db.events.deleteMany({})',
  [`${WORKSPACE}/cmds.txt`]: 'SET a 1\nFLUSHALL\n',
};
const c = ctx(FILES);
const run = (argv: string[], extra: Partial<SimpleCommand> = {}) =>
  databaseCliPack.analyze(simple(argv, extra), c) ?? [];
const ids = (argv: string[], extra: Partial<SimpleCommand> = {}): string[] =>
  run(argv, extra)
    .map((f) => f.id)
    .sort();
const score = (argv: string[], extra: Partial<SimpleCommand> = {}): number =>
  run(argv, extra).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (argv: string[], extra: Partial<SimpleCommand> = {}) => databaseCliPack.effect?.(simple(argv, extra), c);

test('psql -c / --command= run SQL that is judged', () => {
  assert.deepEqual(ids(['psql', '-c', 'DROP DATABASE app']), ['sql.drop']);
  assert.deepEqual(ids(['psql', 'postgres://u@db.internal/app', '-c', 'TRUNCATE TABLE users CASCADE']), [
    'sql.truncate',
  ]);
  assert.deepEqual(ids(['psql', '-d', 'app', '--command=DELETE FROM orders']), ['sql.delete-without-where']);
  assert.deepEqual(ids(['psql', '-d', 'app', '-c', 'UPDATE users SET email = NULL']), ['sql.update-without-where']);
  const [f] = run(['psql', '-h', 'db.internal', '-d', 'app', '-c', 'DROP TABLE users']);
  assert.equal(f.target, 'users');
  assert.match(f.summary, /app on db\.internal/);
});

test('flag clusters that end in a valued option are read', () => {
  assert.deepEqual(ids(['psql', '-tAc', 'DROP TABLE users', 'app']), ['sql.drop']);
  assert.match(run(['psql', '-tAc', 'DROP TABLE users', 'app'])[0].summary, /in app$/);
  assert.deepEqual(ids(['psql', '-qAtf', 'db/teardown.sql']), ['sql.drop']);
  assert.deepEqual(ids(['mysql', '-sNe', 'TRUNCATE orders', 'shop']), ['sql.truncate']);
  assert.deepEqual(ids(['psql', '-tAc', 'SELECT 1']), []);
  // `-psecret` is a password, not a cluster: stdin is still what runs.
  assert.deepEqual(ids(['mysql', '-uroot', '-psecrete', 'shop'], { stdin: 'DROP TABLE t;' }), ['sql.drop']);
});

test('psql reads -f files, `<` redirects, stdin, and \\i includes', () => {
  assert.deepEqual(ids(['psql', '-f', 'db/teardown.sql']), ['sql.drop']);
  assert.match(run(['psql', '-f', 'db/teardown.sql'])[0].summary, /db\/teardown\.sql/);
  assert.deepEqual(ids(['psql', 'app'], { redirects: [{ op: '<', fd: 0, target: 'db/teardown.sql' }] }), ['sql.drop']);
  assert.deepEqual(ids(['psql', '$DATABASE_URL'], { stdin: 'DROP SCHEMA public CASCADE;\n' }), ['sql.drop']);
  assert.deepEqual(ids(['psql', '-f', 'db/main.sql']), ['sql.drop']);
  assert.deepEqual(ids(['psql', '-f', 'db/schema.sql']), []);
  // -c wins over stdin: psql ignores stdin then.
  assert.deepEqual(ids(['psql', '-c', 'SELECT 1'], { stdin: 'DROP TABLE x;' }), []);
});

test('SQL that cannot be read leans to ask only when it may destroy', () => {
  assert.ok(score(['psql', '-f', 'db/drop_all.sql']) >= 40, 'missing file named like a wipe');
  assert.ok(score(['psql', '-f', 'db/seed.sql']) < 40, 'missing ordinary file');
  assert.ok(score(['psql', '-c', '$SQL']) >= 40, 'SQL only known at run time');
  assert.ok(score(['psql', 'app'], { stdinFrom: ['curl', '-s', 'https://example.com/x.sql'] }) >= 40);
  assert.ok(
    score(['mysql', 'shop'], { stdinFrom: ['mysqldump', '-h', 'db.prod', 'shop'] }) >= 40,
    'mysqldump drops tables by default',
  );
  assert.ok(score(['psql', 'app'], { stdinFrom: ['pg_dump', 'app_prod'] }) < 40, 'plain pg_dump only creates');
  assert.ok(score(['psql', 'app'], { stdinFrom: ['pg_dump', '--clean', 'app_prod'] }) >= 40);
});

test('read-only psql stays quiet and reads', () => {
  for (const argv of [
    ['psql', '-c', 'SELECT count(*) FROM users'],
    ['psql', '-d', 'app', '-c', "SELECT id, email FROM users WHERE created_at > now() - interval '1 day'"],
    ['psql', '-d', 'app', '-c', 'DELETE FROM sessions WHERE expires_at < now()'],
    ['psql', '-U', 'postgres', '-c', 'SELECT 1'],
    ['psql', '--version'],
    ['psql', '-l'],
  ])
    assert.deepEqual(ids(argv), [], argv.join(' '));
  assert.equal(effect(['psql', '-c', 'SELECT 1']), 'read');
  assert.equal(effect(['psql', '-c', 'INSERT INTO t VALUES (1)']), 'write');
  assert.equal(effect(['psql', '$DATABASE_URL']), 'write', 'an interactive session can do anything');
  assert.equal(effect(['psql', '-l']), 'read');
});

test('mysql / mariadb: -e, --execute, stdin', () => {
  assert.deepEqual(ids(['mysql', '-u', 'root', '-e', 'DROP DATABASE shop']), ['sql.drop']);
  assert.deepEqual(ids(['mysql', 'shop', '-e', 'ALTER TABLE customers DROP COLUMN phone']), ['sql.alter-drop']);
  assert.deepEqual(ids(['mariadb', '--execute=TRUNCATE logs', 'shop']), ['sql.truncate']);
  assert.deepEqual(ids(['mysql', '-u', 'root', '-p', 'shop'], { stdin: 'DELETE FROM carts;' }), [
    'sql.delete-without-where',
  ]);
  assert.match(run(['mysql', '-u', 'root', '-p', 'shop'], { stdin: 'DELETE FROM carts;' })[0].summary, /shop/);
  assert.deepEqual(ids(['mysql', '-e', 'SHOW TABLES', 'shop']), []);
  assert.equal(effect(['mysql', '-e', 'SHOW TABLES', 'shop']), 'read');
});

test('DROP DATABASE named production through a client is denied', () => {
  assert.ok(score(['psql', '-c', 'DROP DATABASE app_production']) >= 90);
  assert.ok(score(['mysql', '-e', 'DROP DATABASE shop']) < 90);
});

test('sqlite3: positional SQL after the db file, dot-commands, stdin', () => {
  assert.deepEqual(ids(['sqlite3', 'app.db', 'DELETE FROM sessions']), ['sql.delete-without-where']);
  assert.deepEqual(ids(['sqlite3', 'app.db', 'DROP TABLE users;']), ['sql.drop']);
  assert.deepEqual(ids(['sqlite3', '-cmd', 'DROP TABLE t', 'app.db']), ['sql.drop']);
  assert.deepEqual(ids(['sqlite3', 'app.db'], { stdin: '.tables\nDROP TABLE users;\n' }), ['sql.drop']);
  assert.deepEqual(ids(['sqlite3', 'app.db', '.tables']), []);
  assert.deepEqual(ids(['sqlite3', 'app.db', '.schema users']), []);
  assert.deepEqual(ids(['sqlite3', 'app.db', 'SELECT * FROM users LIMIT 5']), []);
  assert.deepEqual(ids(['sqlite3', 'app.db', '.shell rm -rf data']), ['sql.shell-escape']);
  assert.equal(effect(['sqlite3', 'app.db', '.tables']), 'read');
  assert.equal(effect(['sqlite3', 'app.db', 'INSERT INTO t VALUES (1)']), 'write');
});

test('mongosh / mongo: --eval, script files, stdin; the database is the target', () => {
  const [f] = run(['mongosh', 'app', '--eval', 'db.dropDatabase()']);
  assert.equal(f.id, 'sql.mongo-drop-database');
  assert.equal(f.target, 'app');
  assert.equal(
    run(['mongosh', 'mongodb://db.internal:27017/billing', '--eval', 'db.dropDatabase()'])[0].target,
    'billing',
  );
  assert.equal(run(['mongo', 'localhost:27017/shop', '--eval', 'db.dropDatabase()'])[0].target, 'shop');
  assert.ok(score(['mongosh', 'app_prod', '--eval', 'db.dropDatabase()']) >= 90);
  assert.deepEqual(ids(['mongosh', 'app', 'scripts/purge.js']), ['sql.mongo-delete-all']);
  assert.deepEqual(ids(['mongosh', 'app', '--file', 'scripts/purge.js']), ['sql.mongo-delete-all']);
  assert.deepEqual(ids(['mongosh', 'app'], { stdin: 'db.users.drop()\n' }), ['sql.mongo-drop']);
  assert.deepEqual(ids(['mongosh', 'app', '--eval', 'db.users.countDocuments()']), []);
  assert.equal(effect(['mongosh', 'app', '--eval', 'db.users.countDocuments()']), 'read');
  assert.equal(effect(['mongosh', 'app', '--eval', 'db.users.insertOne({a: 1})']), 'write');
});

test('redis-cli: flushes and mass deletes are gated', () => {
  const [all] = run(['redis-cli', 'FLUSHALL']);
  assert.equal(all.id, 'db.redis-flush');
  assert.equal(all.target, 'localhost');
  assert.deepEqual(ids(['redis-cli', '-n', '0', 'flushdb']), ['db.redis-flush']);
  assert.equal(
    run(['redis-cli', '-h', 'cache.internal', '-n', '3', 'FLUSHDB', 'ASYNC'])[0].target,
    'cache.internal db 3',
  );
  assert.ok(score(['redis-cli', '-h', 'redis.prod.acme.io', 'FLUSHALL']) >= 90);
  assert.ok(score(['redis-cli', '-h', 'localhost', 'FLUSHALL']) < 90);
  assert.deepEqual(ids(['redis-cli', '-u', 'redis://:pw@cache.internal:6379/0', 'flushall']), ['db.redis-flush']);
  assert.deepEqual(ids(['redis-cli', 'SHUTDOWN', 'NOSAVE']), ['db.redis-shutdown']);
  assert.deepEqual(ids(['redis-cli', 'CONFIG', 'SET', 'dir', '/var/www']), ['db.redis-writes-files']);
  assert.deepEqual(ids(['redis-cli', 'CONFIG', 'SET', 'maxmemory', '100mb']), ['db.redis-config']);
  assert.deepEqual(ids(['redis-cli', 'REPLICAOF', '10.0.0.9', '6379']), ['db.redis-replicaof']);
  assert.deepEqual(ids(['redis-cli', 'DEL'], { via: ['xargs'], stdinFrom: ['redis-cli', 'KEYS', 'session:*'] }), [
    'db.redis-delete-pattern',
  ]);
  assert.deepEqual(ids(['redis-cli', 'UNLINK', '$(redis-cli KEYS cache:*)']), ['db.redis-delete-pattern']);
  assert.deepEqual(
    ids(['redis-cli', 'EVAL', "return redis.call('del', unpack(redis.call('keys', ARGV[1])))", '0', 'user:*']),
    ['db.redis-delete-pattern'],
  );
  assert.deepEqual(ids(['redis-cli'], { stdin: 'FLUSHALL\n' }), ['db.redis-flush']);
  assert.deepEqual(ids(['redis-cli'], { redirects: [{ op: '<', fd: 0, target: 'cmds.txt' }] }), ['db.redis-flush']);
  assert.deepEqual(ids(['redis-cli', '--cluster', 'call', 'h:6379', 'FLUSHALL']), ['db.redis-flush']);
});

test('redis-cli: reads and single-key writes stay quiet', () => {
  for (const argv of [
    ['redis-cli', 'GET', 'session:42'],
    ['redis-cli', 'DEL', 'session:42'],
    ['redis-cli', 'SET', 'feature:x', 'on'],
    ['redis-cli', '--scan', '--pattern', 'session:*'],
    ['redis-cli', 'CONFIG', 'GET', 'maxmemory'],
    ['redis-cli', 'DEBUG', 'OBJECT', 'k'],
    ['redis-cli', 'REPLICAOF', 'NO', 'ONE'],
    ['redis-cli', 'PING'],
  ])
    assert.deepEqual(ids(argv), [], argv.join(' '));
  assert.equal(effect(['redis-cli', 'GET', 'k']), 'read');
  assert.equal(effect(['redis-cli', '--scan', '--pattern', 'x*']), 'read');
  assert.equal(effect(['redis-cli', 'SET', 'k', 'v']), 'write');
  assert.equal(effect(['redis-cli']), 'write');
});

test('dropdb, dropuser, pg_dropcluster, pg_restore --clean, mysqladmin drop', () => {
  const [d] = run(['dropdb', 'app_dev']);
  assert.equal(d.id, 'db.dropdb');
  assert.equal(d.target, 'app_dev');
  assert.ok(d.severity >= 40 && d.severity < 90);
  assert.match(d.alternative ?? '', /pg_dump/);
  assert.ok(score(['dropdb', 'app_production']) >= 90);
  assert.ok(score(['dropdb', '-h', 'db.prod.acme.io', '--if-exists', 'app']) >= 90);
  assert.deepEqual(ids(['dropuser', 'report_ro']), ['db.dropuser']);
  assert.deepEqual(ids(['pg_dropcluster', '--stop', '16', 'main']), ['db.dropcluster']);
  assert.deepEqual(ids(['pg_restore', '--clean', '-d', 'app', 'backup.dump']), ['db.restore-clean']);
  assert.deepEqual(ids(['pg_restore', '-c', '--if-exists', '-d', 'postgres://h/app', 'backup.dump']), [
    'db.restore-clean',
  ]);
  assert.deepEqual(ids(['mysqladmin', '-u', 'root', '-f', 'drop', 'shop']), ['db.dropdb']);
  assert.deepEqual(ids(['mysqladmin', 'shutdown']), ['db.server-shutdown']);
  assert.deepEqual(ids(['mongorestore', '--drop', '--db', 'app', 'dump/app']), ['db.restore-clean']);
  assert.deepEqual(ids(['influx', 'bucket', 'delete', '--name', 'metrics']), ['db.influx-delete']);
  assert.deepEqual(ids(['influx', '-database', 'metrics', '-execute', 'DROP MEASUREMENT cpu']), ['sql.drop']);
  assert.deepEqual(ids(['clickhouse-client', '--query', 'TRUNCATE TABLE events']), ['sql.truncate']);
  assert.deepEqual(ids(['clickhouse', 'client', '-q', 'DROP TABLE events']), ['sql.drop']);
  assert.deepEqual(ids(['cqlsh', '-e', 'DROP KEYSPACE metrics']), ['sql.drop']);
});

test('admin tools that create, dump or restore without --clean stay quiet', () => {
  for (const argv of [
    ['createdb', 'app_test'],
    ['pg_dump', '-Fc', 'app'],
    ['pg_restore', '-d', 'app_copy', 'backup.dump'],
    ['pg_restore', '-l', 'backup.dump'],
    ['mysqladmin', 'status'],
    ['mysqladmin', 'flush-logs'],
    ['mongorestore', '--db', 'app', 'dump/app'],
    ['dropdb', '--help'],
    ['clickhouse-client', '--query', 'SELECT count() FROM events'],
    ['influx', 'query', 'from(bucket:"x") |> range(start: -1h)'],
  ])
    assert.deepEqual(ids(argv), [], argv.join(' '));
  assert.equal(effect(['pg_dump', 'app']), 'read');
  assert.equal(effect(['pg_restore', '-d', 'app', 'x.dump']), 'write');
  assert.equal(effect(['dropdb', 'x']), 'write');
  assert.equal(effect(['mysqladmin', 'status']), 'read');
});

test('connection strings', () => {
  assert.deepEqual(parseConnection('postgresql://u:p@db.acme.io:5432/app?sslmode=require'), {
    host: 'db.acme.io',
    db: 'app',
  });
  assert.deepEqual(parseConnection('host=db.acme.io dbname=app user=x'), { host: 'db.acme.io', db: 'app' });
  assert.deepEqual(parseConnection('app'), { db: 'app' });
  assert.deepEqual(parseConnection(undefined), {});
});

test('etcd and Consul: a prefix or range delete asks, everything more; one key and reads stay quiet', () => {
  assert.deepEqual(ids(['etcdctl', 'del', '/services', '--prefix']), ['db.kv-delete-prefix']);
  assert.ok(score(['etcdctl', 'del', '', '--prefix']) > score(['etcdctl', 'del', '/services', '--prefix']));
  assert.ok(score(['etcdctl', 'del', '', '--from-key=true']) >= 40);
  assert.ok(score(['consul', 'kv', 'delete', '-recurse', 'app/']) >= 40);
  assert.ok(score(['consul', 'kv', 'delete', '-recurse']) > score(['consul', 'kv', 'delete', '-recurse', 'app/']));
  assert.deepEqual(run(['etcdctl', 'del', '/locks/job-42']), []);
  assert.deepEqual(run(['consul', 'kv', 'delete', 'app/flags/beta']), []);
  assert.equal(effect(['etcdctl', 'get', '/config', '--prefix']), 'read');
  assert.equal(effect(['etcdctl', 'put', '/config/a', '1']), 'write');
  assert.equal(effect(['consul', 'kv', 'get', '-recurse', 'app/']), 'read');
});

// Files written earlier on the same line: the SQL judged is what the line wrote, not the copy on disk.
import { normalize } from '../../../src/core/parse/normalize';

const onLine = (line: string): string[] => {
  const { commands } = normalize({ command: line, cwd: WORKSPACE, env: { HOME: '/home/dev' } }, c);
  return commands
    .flatMap((cmd) => databaseCliPack.analyze(cmd, c) ?? [])
    .map((f) => f.id)
    .sort();
};

test('a SQL file written earlier on the line is judged by what was written', () => {
  assert.deepEqual(onLine("echo 'DROP TABLE users' > /tmp/x.sql && psql -f /tmp/x.sql"), ['sql.drop']);
  assert.deepEqual(onLine('cat > db/new.sql <<EOF\nDROP TABLE users;\nEOF\npsql -d app -f db/new.sql'), ['sql.drop']);
  assert.deepEqual(onLine("printf 'DELETE FROM orders;' > q.sql; mysql app < q.sql"), ['sql.delete-without-where']);
  assert.deepEqual(onLine("echo 'TRUNCATE users' > q.sql && sqlite3 app.db < q.sql"), ['sql.truncate']);
  assert.deepEqual(onLine("echo 'DROP TABLE users' > q.sql; psql < q.sql"), ['sql.drop']);
  // An include of a file written on the line is read the same way.
  assert.deepEqual(
    onLine("echo 'DROP TABLE users;' > inner.sql && echo '\\i inner.sql' > outer.sql && psql -f outer.sql"),
    ['sql.drop'],
  );
});

test('what the line wrote replaces the file on disk, in both directions', () => {
  // On disk db/teardown.sql drops a schema; the line overwrote it with a read.
  assert.deepEqual(onLine("echo 'SELECT 1' > db/teardown.sql && psql -f db/teardown.sql"), []);
  assert.deepEqual(onLine("echo 'DROP TABLE a' > x.sql && echo 'SELECT 1' > x.sql && psql -f x.sql"), []);
  assert.deepEqual(onLine("echo 'SELECT 1;' > x.sql && echo 'DROP TABLE a;' >> x.sql && psql -f x.sql"), ['sql.drop']);
});

test('a file written on the line with content not known before it runs is unknown input, not the copy on disk', () => {
  assert.deepEqual(onLine('curl -s https://example.com/q.sql > db/schema.sql && psql -f db/schema.sql'), [
    'sql.unknown-input',
  ]);
  // Known text appended to unknown text is still unknown; overwriting it with known text makes it known.
  assert.deepEqual(onLine("curl -s https://example.com/q > q.sql; echo 'SELECT 1' >> q.sql; psql -f q.sql"), [
    'sql.unknown-input',
  ]);
  assert.deepEqual(onLine("curl -s https://example.com/q > q.sql; echo 'SELECT 1' > q.sql; psql -f q.sql"), []);
  // Untouched files are still read from disk.
  assert.deepEqual(onLine('psql -f db/teardown.sql'), ['sql.drop']);
});
