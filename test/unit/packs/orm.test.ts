import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ormPack } from '../../../src/core/packs/orm';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import type { SimpleCommand } from '../../../src/core/types';
import { ctx, HOME, simple, WORKSPACE } from '../support/helpers';

const c = ctx({ [`${WORKSPACE}/prisma/wipe.sql`]: 'TRUNCATE "User" CASCADE;' });
const run = (argv: string[], extra: Partial<SimpleCommand> = {}) => ormPack.analyze(simple(argv, extra), c) ?? [];
const ids = (argv: string[], extra: Partial<SimpleCommand> = {}): string[] =>
  run(argv, extra)
    .map((f) => f.id)
    .sort();
const score = (argv: string[], extra: Partial<SimpleCommand> = {}): number =>
  run(argv, extra).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (argv: string[], extra: Partial<SimpleCommand> = {}) => ormPack.effect?.(simple(argv, extra), c);
const withEnv = (env: Record<string, string>): Partial<SimpleCommand> => ({ env: { HOME, ...env } });
const ASK = 40;
const DENY = 90;

test('prisma: reset, force-reset and accept-data-loss are gated', () => {
  const [f] = run(['prisma', 'migrate', 'reset', '--force']);
  assert.equal(f.id, 'orm.reset');
  assert.ok(f.severity >= ASK && f.severity < DENY);
  assert.match(f.summary, /prisma migrate reset/);
  assert.match(f.alternative ?? '', /migrate dev/);
  assert.deepEqual(ids(['prisma', 'migrate', 'reset']), ['orm.reset']);
  assert.deepEqual(ids(['prisma', 'db', 'push', '--force-reset']), ['orm.reset']);
  assert.deepEqual(ids(['prisma', 'db', 'push', '--accept-data-loss']), ['orm.data-loss']);
  assert.deepEqual(ids(['prisma', 'db', 'execute', '--file', 'prisma/wipe.sql']), ['sql.truncate']);
  assert.deepEqual(ids(['prisma', 'db', 'execute', '--stdin'], { stdin: 'DROP TABLE "Post";' }), ['sql.drop']);
});

test('prisma: everyday commands stay quiet', () => {
  for (const argv of [
    ['migrate', 'dev', '--name', 'add_users'],
    ['generate'],
    ['studio'],
    ['migrate', 'deploy'],
    ['db', 'push'],
    ['db', 'seed'],
    ['format'],
    ['migrate', 'status'],
  ]) {
    assert.deepEqual(ids(['prisma', ...argv]), [], argv.join(' '));
  }
  assert.equal(effect(['prisma', 'generate']), 'read');
  assert.equal(effect(['prisma', 'migrate', 'status']), 'read');
  assert.equal(effect(['prisma', 'migrate', 'deploy']), 'write');
});

test('the target database comes from DATABASE_URL', () => {
  const [f] = run(
    ['prisma', 'migrate', 'reset', '--force'],
    withEnv({ DATABASE_URL: 'postgresql://u@localhost:5432/acme_dev' }),
  );
  assert.equal(f.target, 'acme_dev');
});

test('production environment denies; a test or development database is weighed by the engine, not the pack', () => {
  assert.ok(score(['rails', 'db:drop'], withEnv({ RAILS_ENV: 'production' })) >= DENY);
  assert.ok(score(['rake', 'db:reset', 'RAILS_ENV=production']) >= DENY);
  assert.ok(score(['php', 'artisan', 'migrate:fresh', '--env=production']) >= DENY);
  assert.ok(score(['prisma', 'migrate', 'reset', '--force'], withEnv({ NODE_ENV: 'production' })) >= DENY);
  assert.ok(score(['python', 'manage.py', 'flush', '--settings=config.settings.production']) >= DENY);
  assert.match(run(['mix', 'ecto.reset'], withEnv({ MIX_ENV: 'prod' }))[0].summary, /prod environment/);
  // The pack reports what the command does; policy/weigh.ts decides that a test database is disposable.
  assert.ok(score(['rails', 'db:reset'], withEnv({ RAILS_ENV: 'test' })) >= ASK);
  assert.match(run(['rails', 'db:reset'], withEnv({ RAILS_ENV: 'test' }))[0].summary, /\(test database\)/);
});

test('engine: a framework reset against its test or development database stays quiet, anything unproven asks', () => {
  const opts: EngineOptions = { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined };
  const decide = (command: string, env: Record<string, string> = {}) =>
    evaluate({ command, cwd: WORKSPACE, env: { HOME, ...env } }, opts).decision;
  assert.equal(decide('rails db:reset', { RAILS_ENV: 'test' }), 'allow');
  assert.equal(decide('mix ecto.reset', { MIX_ENV: 'test' }), 'allow');
  assert.equal(decide('bin/rails db:reset', { RAILS_ENV: 'development' }), 'allow');
  assert.equal(decide('prisma migrate reset --force', { DATABASE_URL: 'postgres://localhost/acme_test' }), 'allow');
  assert.equal(decide('DJANGO_SETTINGS_MODULE=acme.settings.test python manage.py flush --noinput'), 'allow');
  // No evidence, a remote database, or a name that only contains "test": a human decides.
  assert.equal(decide('rails db:reset'), 'ask');
  assert.equal(
    decide('rails db:reset', { RAILS_ENV: 'development', DATABASE_URL: 'postgres://app@db.acme.io/app' }),
    'ask',
  );
  assert.equal(decide('prisma migrate reset --force', { DATABASE_URL: 'postgres://app@db.acme.io/acme_test' }), 'ask');
  assert.equal(decide('prisma migrate reset', { DATABASE_URL: 'postgres://localhost/contest_app' }), 'ask');
  assert.equal(decide('rails db:drop', { RAILS_ENV: 'production' }), 'deny');
});

test('django: flush, reset_db, migrate zero, shell deletes; every spelling of manage.py', () => {
  assert.deepEqual(ids(['python', 'manage.py', 'flush', '--noinput']), ['orm.flush']);
  assert.deepEqual(ids(['python3', './manage.py', 'flush']), ['orm.flush']);
  assert.deepEqual(ids(['manage.py', 'flush']), ['orm.flush']);
  assert.deepEqual(ids(['django-admin', 'flush', '--database', 'legacy']), ['orm.flush']);
  assert.deepEqual(ids(['python', '-m', 'django', 'flush']), ['orm.flush']);
  assert.deepEqual(ids(['uv', 'run', 'python', 'manage.py', 'flush']), ['orm.flush']);
  assert.deepEqual(ids(['poetry', 'run', 'python', 'manage.py', 'reset_db']), ['orm.reset']);
  assert.deepEqual(ids(['python', 'manage.py', 'migrate', 'billing', 'zero']), ['orm.rollback-all']);
  assert.deepEqual(
    ids(['python', 'manage.py', 'shell', '-c', 'from app.models import User; User.objects.all().delete()']),
    ['orm.mass-delete'],
  );
  assert.deepEqual(ids(['python', 'manage.py', 'dbshell', '--', '-c', 'DROP TABLE auth_user']), ['sql.drop']);
});

test('django: everyday commands stay quiet', () => {
  for (const argv of [
    ['migrate'],
    ['makemigrations'],
    ['migrate', 'billing', '0004'],
    ['showmigrations'],
    ['sqlflush'],
    ['runserver'],
    ['test'],
    ['shell', '-c', 'User.objects.filter(id=3).delete()'],
    ['createsuperuser'],
  ]) {
    assert.deepEqual(ids(['python', 'manage.py', ...argv]), [], argv.join(' '));
  }
  assert.deepEqual(ids(['python', 'script.py', 'flush']), []);
  assert.deepEqual(ids(['python', '-m', 'pytest']), []);
  assert.equal(effect(['python', 'manage.py', 'makemigrations']), 'read');
  assert.equal(effect(['python', 'manage.py', 'migrate']), 'write');
});

test('rails / rake database tasks', () => {
  for (const task of [
    'db:drop',
    'db:reset',
    'db:purge',
    'db:migrate:reset',
    'db:schema:load',
    'db:truncate_all',
    'db:seed:replant',
  ]) {
    assert.ok(score(['rails', task]) >= ASK, task);
    assert.ok(score(['rake', task]) >= ASK, task);
  }
  assert.deepEqual(ids(['bundle', 'exec', 'rails', 'db:drop', 'db:create', 'db:migrate']), ['orm.drop-database']);
  assert.deepEqual(ids(['rails', 'db:migrate', 'VERSION=0']), ['orm.rollback-all']);
  assert.deepEqual(ids(['rails', 'runner', 'Session.delete_all']), ['orm.mass-delete']);
  assert.deepEqual(ids(['rails', 'runner', 'ActiveRecord::Base.connection.execute("TRUNCATE users")']), [
    'sql.truncate',
  ]);
  for (const argv of [
    ['db:migrate'],
    ['db:rollback'],
    ['db:prepare'],
    ['db:seed'],
    ['routes'],
    ['runner', 'User.where(active: false).delete_all'],
    ['generate', 'model', 'User'],
    ['db:migrate:status'],
  ]) {
    assert.deepEqual(ids(['rails', ...argv]), [], argv.join(' '));
  }
  assert.equal(effect(['rails', 'routes']), 'read');
  assert.equal(effect(['rails', 'db:migrate']), 'write');
});

test('laravel and symfony', () => {
  assert.deepEqual(ids(['php', 'artisan', 'migrate:fresh', '--seed']), ['orm.reset']);
  assert.deepEqual(ids(['php', 'artisan', 'migrate:reset']), ['orm.rollback-all']);
  assert.deepEqual(ids(['php', 'artisan', 'migrate:refresh']), ['orm.rollback-all']);
  assert.deepEqual(ids(['php', 'artisan', 'db:wipe']), ['orm.drop-schema']);
  assert.deepEqual(ids(['artisan', 'db:wipe']), ['orm.drop-schema']);
  assert.deepEqual(ids(['php', 'artisan', 'tinker', '--execute=App\\Models\\Order::truncate()']), ['orm.mass-delete']);
  assert.deepEqual(ids(['php', 'bin/console', 'doctrine:database:drop', '--force']), ['orm.drop-database']);
  assert.deepEqual(ids(['php', 'bin/console', 'doctrine:schema:drop', '--force', '--full-database']), [
    'orm.drop-schema',
  ]);
  assert.deepEqual(ids(['php', 'bin/console', 'doctrine:fixtures:load', '-n']), ['orm.flush']);
  for (const argv of [
    ['artisan', 'migrate'],
    ['artisan', 'migrate:rollback'],
    ['artisan', 'make:migration', 'x'],
    ['bin/console', 'doctrine:database:drop'],
    ['bin/console', 'doctrine:fixtures:load', '--append'],
    ['bin/console', 'cache:clear'],
  ]) {
    assert.deepEqual(ids(['php', ...argv]), [], argv.join(' '));
  }
});

test('node migration tools: knex, sequelize, typeorm, drizzle, mikro-orm', () => {
  assert.deepEqual(ids(['knex', 'migrate:rollback', '--all']), ['orm.rollback-all']);
  assert.deepEqual(ids(['knex', 'migrate:rollback']), []);
  assert.deepEqual(ids(['sequelize-cli', 'db:drop']), ['orm.drop-database']);
  assert.deepEqual(ids(['sequelize', 'db:migrate:undo:all']), ['orm.rollback-all']);
  assert.deepEqual(ids(['sequelize', 'db:migrate:undo']), []);
  assert.ok(score(['sequelize-cli', 'db:drop', '--env', 'production']) >= DENY);
  assert.deepEqual(ids(['typeorm', 'schema:drop']), ['orm.drop-schema']);
  assert.deepEqual(ids(['typeorm-ts-node-commonjs', 'schema:drop', '-d', 'src/data-source.ts']), ['orm.drop-schema']);
  assert.deepEqual(ids(['typeorm', 'query', 'DELETE FROM "user"']), ['sql.delete-without-where']);
  assert.deepEqual(ids(['typeorm', 'migration:run']), []);
  assert.deepEqual(ids(['drizzle-kit', 'push', '--force']), ['orm.data-loss']);
  assert.deepEqual(ids(['drizzle-kit', 'push']), []);
  assert.deepEqual(ids(['drizzle-kit', 'generate']), []);
  assert.deepEqual(ids(['mikro-orm', 'schema:fresh', '--seed']), ['orm.reset']);
  assert.deepEqual(ids(['pnpm', 'exec', 'prisma', 'migrate', 'reset']), ['orm.reset']);
  assert.deepEqual(ids(['yarn', 'sequelize-cli', 'db:drop']), ['orm.drop-database']);
  assert.deepEqual(ids(['bun', 'prisma', 'migrate', 'reset']), ['orm.reset']);
  assert.deepEqual(ids(['pnpm', 'run', 'prisma', 'db', 'push', '--force-reset']), ['orm.reset']);
  assert.deepEqual(ids(['hasura', 'migrate', 'apply', '--down', 'all']), ['orm.rollback-all']);
  assert.deepEqual(ids(['payload', 'migrate:fresh']), ['orm.reset']);
  assert.deepEqual(ids(['payload', 'migrate']), []);
  assert.deepEqual(ids(['npm', 'install']), []);
  assert.equal(effect(['npm', 'install']), undefined, 'not an ORM command');
});

test('python, elixir, go, rust, .NET and java migration tools', () => {
  assert.deepEqual(ids(['alembic', 'downgrade', 'base']), ['orm.rollback-all']);
  assert.deepEqual(ids(['alembic', '-c', 'alembic.ini', 'downgrade', 'base']), ['orm.rollback-all']);
  assert.deepEqual(ids(['alembic', 'downgrade', '-1']), []);
  assert.deepEqual(ids(['alembic', 'downgrade', 'base', '--sql']), []);
  assert.deepEqual(ids(['alembic', 'upgrade', 'head']), []);
  assert.deepEqual(ids(['flask', 'db', 'downgrade', 'base']), ['orm.rollback-all']);
  assert.deepEqual(ids(['mix', 'ecto.drop']), ['orm.drop-database']);
  assert.deepEqual(ids(['mix', 'ecto.reset']), ['orm.reset']);
  assert.deepEqual(ids(['mix', 'ecto.rollback', '--all']), ['orm.rollback-all']);
  assert.deepEqual(ids(['mix', 'ecto.migrate']), []);
  assert.deepEqual(ids(['supabase', 'db', 'reset', '--linked']), ['orm.reset']);
  assert.ok(score(['supabase', 'db', 'reset', '--linked']) > score(['supabase', 'db', 'reset']));
  assert.deepEqual(ids(['flyway', '-url=jdbc:postgresql://db/app', 'clean']), ['orm.drop-schema']);
  assert.deepEqual(ids(['flyway', 'migrate']), []);
  assert.deepEqual(ids(['liquibase', '--changelog-file=db.xml', 'dropAll']), ['orm.drop-schema']);
  assert.deepEqual(ids(['liquibase', 'update']), []);
  assert.deepEqual(ids(['dotnet', 'ef', 'database', 'drop', '--force']), ['orm.drop-database']);
  assert.deepEqual(ids(['dotnet', 'ef', 'database', 'update', '0']), ['orm.rollback-all']);
  assert.deepEqual(ids(['dotnet', 'ef', 'database', 'update']), []);
  assert.deepEqual(ids(['dotnet', 'build']), []);
  assert.deepEqual(ids(['goose', '-dir', 'db/migrations', 'postgres', 'dbname=app', 'reset']), ['orm.rollback-all']);
  assert.deepEqual(ids(['goose', 'up']), []);
  assert.deepEqual(ids(['migrate', '-path', 'db', '-database', 'postgres://h/app', 'drop', '-f']), ['orm.drop-schema']);
  assert.deepEqual(ids(['migrate', '-path', 'db', '-database', 'postgres://h/app', 'down']), ['orm.rollback-all']);
  assert.deepEqual(ids(['migrate', '-path', 'db', '-database', 'postgres://h/app', 'down', '1']), []);
  assert.deepEqual(ids(['dbmate', 'drop']), ['orm.drop-database']);
  assert.deepEqual(ids(['sqlx', 'database', 'drop', '-y']), ['orm.drop-database']);
  assert.deepEqual(ids(['diesel', 'database', 'reset']), ['orm.reset']);
  assert.deepEqual(ids(['atlas', 'schema', 'clean', '-u', 'postgres://h/app']), ['orm.drop-schema']);
  // Applied without the plan shown: what the desired schema lacks is dropped with its data.
  assert.deepEqual(
    ids(['atlas', 'schema', 'apply', '-u', 'postgres://h/app', '--to', 'file://schema.hcl', '--auto-approve']),
    ['orm.data-loss'],
  );
  assert.deepEqual(ids(['atlas', 'schema', 'apply', '-u', 'postgres://h/app', '--to', 'file://schema.hcl']), []);
  assert.deepEqual(ids(['atlas', 'migrate', 'apply', '-u', 'postgres://h/app']), []);
  assert.deepEqual(ids(['sqitch', 'revert']), ['orm.rollback-all']);
  assert.deepEqual(ids(['sqitch', 'revert', '--to', '@HEAD^']), []);
});

test('help is never gated', () => {
  assert.deepEqual(ids(['prisma', 'migrate', 'reset', '--help']), []);
  assert.deepEqual(ids(['python', 'manage.py', 'flush', '--help']), []);
});

test('a data script run with the framework environment set to production asks; other scripts and environments stay quiet', () => {
  const prod = withEnv({ NODE_ENV: 'production' });
  const [f] = run(['node', 'scripts/migrate.js'], prod);
  assert.equal(f.id, 'orm.production-script');
  assert.ok(f.severity >= ASK && f.severity < DENY);
  for (const argv of [
    ['tsx', 'scripts/seed-users.ts'],
    ['node', 'scripts/backfill-orders.js'],
    ['python3', 'db/run_migrations.py'],
    ['ruby', 'script/purge_sessions.rb'],
  ]) {
    assert.deepEqual(ids(argv, prod), ['orm.production-script'], argv.join(' '));
  }
  assert.deepEqual(ids(['node', 'dist/server.js'], prod), []);
  assert.deepEqual(ids(['node', 'scripts/report.js'], prod), []);
  assert.deepEqual(ids(['node', 'scripts/migrate.js'], withEnv({ NODE_ENV: 'development' })), []);
  assert.deepEqual(ids(['node', '-e', 'migrate()'], prod), []);
});

test('artisan commands that only compile local caches are reads', () => {
  for (const sub of ['config:cache', 'route:cache', 'view:clear', 'optimize'])
    assert.equal(effect(['php', 'artisan', sub]), 'read', sub);
  assert.equal(effect(['php', 'artisan', 'migrate', '--force']), 'write');
  assert.equal(effect(['php', 'artisan', 'cache:clear']), 'write');
});
