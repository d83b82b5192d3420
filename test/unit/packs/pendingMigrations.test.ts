// Migration runners apply the SQL of their migration folder, which the command
// line does not show: a destructive statement there (DROP TABLE, TRUNCATE,
// DELETE without WHERE) asks as `psql -f FILE` would. Benign migrations, the
// down sections a runner does not apply, a local D1 database, a test database
// on this machine and a missing folder stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';

const DESTRUCTIVE: [string, Record<string, string>][] = [
  [
    'supabase db push',
    {
      'supabase/migrations/20240101000000_init.sql': 'CREATE TABLE users (id int);\n',
      'supabase/migrations/20240202000000_drop.sql': 'DROP TABLE users;\n',
    },
  ],
  ['npx prisma migrate deploy', { 'prisma/migrations/20240202_wipe/migration.sql': 'TRUNCATE "User";\n' }],
  ['npx drizzle-kit migrate', { 'drizzle/0001_wipe.sql': 'DELETE FROM users;\n' }],
  [
    'npx drizzle-kit migrate',
    {
      'drizzle.config.ts': "export default { out: './db/out', dialect: 'postgresql' };\n",
      'db/out/0001.sql': 'DROP TABLE users;\n',
    },
  ],
  ['dbmate up', { 'db/migrations/20240202_b.sql': '-- migrate:up\nDROP TABLE accounts;\n-- migrate:down\n' }],
  ['npx wrangler d1 migrations apply DB --remote', { 'migrations/0002_drop.sql': 'DROP TABLE users;\n' }],
  ['goose -dir db postgres "$DB" up', { 'db/3_g.sql': '-- +goose Up\nDROP TABLE users;\n-- +goose Down\n' }],
  ['migrate -path db -database "$DATABASE_URL" up', { 'db/2_drop.up.sql': 'DROP TABLE users;\n' }],
  ['flyway migrate', { 'sql/V2__drop.sql': 'DROP TABLE users;\n' }],
  ['sqitch deploy', { 'deploy/drop.sql': 'DROP TABLE users;\n' }],
];

const BENIGN: Record<string, string> = {
  'supabase/migrations/20240101000000_init.sql': 'CREATE TABLE users (id int);\n',
  'prisma/migrations/20240101_init/migration.sql': 'CREATE TABLE "User" (id int);\n-- DropIndex\nDROP INDEX "x";\n',
  'drizzle/0001.sql': 'ALTER TABLE a ADD COLUMN b int;\n',
  'db/migrations/20240101_a.sql': '-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n',
  'migrations/0001_init.sql': 'CREATE TABLE users (id int);\n',
  'gm/1_init.up.sql': 'CREATE TABLE users (id int);\n',
  'gm/1_init.down.sql': 'DROP TABLE users;\n',
  'goose/1_init.sql': '-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n',
  'sql/V1__init.sql': 'CREATE TABLE users (id int);\n',
  'deploy/init.sql': 'CREATE TABLE users (id int);\n',
  'revert/init.sql': 'DROP TABLE users;\n',
};

test('a migration runner applying a destructive migration asks', () => {
  for (const [command, files] of DESTRUCTIVE) {
    const { judge, done } = diskWorkspace('pending-', files);
    try {
      const r = judge(command);
      assert.equal(r.decision, 'ask', `${command}: ${JSON.stringify(r.findings)}`);
      assert.ok(
        r.findings.some((f) => f.id.startsWith('sql.')),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    } finally {
      done();
    }
  }
});

test('benign migrations, down sections and everyday migration commands stay quiet', () => {
  const { judge, done } = diskWorkspace('pending-', BENIGN);
  try {
    for (const command of [
      'supabase db push',
      'npx prisma migrate deploy',
      'npx drizzle-kit migrate',
      'dbmate up',
      'npx wrangler d1 migrations apply DB --remote',
      'goose -dir goose postgres "$DB" up',
      'migrate -path gm -database "$DATABASE_URL" up',
      'flyway migrate',
      'sqitch deploy',
      'npx prisma migrate status',
      'npx prisma generate',
      'supabase db diff',
      'dbmate status',
      'npx drizzle-kit generate',
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

test('a local target, a test database on this machine or a missing folder keeps today’s judgment', () => {
  const { judge, done } = diskWorkspace('pending-', {
    'db/migrations/20240202_b.sql': '-- migrate:up\nDROP TABLE accounts;\n-- migrate:down\n',
    'migrations/0002_drop.sql': 'DROP TABLE users;\n',
    'supabase/migrations/20240202000000_drop.sql': 'DROP TABLE users;\n',
  });
  try {
    assert.equal(judge('dbmate --url postgres://localhost:5432/app_test up').decision, 'allow');
    assert.equal(judge('npx wrangler d1 migrations apply DB').decision, 'allow');
    assert.equal(judge('supabase db push --local').decision, 'allow');
    assert.equal(judge('npx prisma migrate deploy').decision, 'allow');
  } finally {
    done();
  }
});
