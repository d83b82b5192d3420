// No file says which migrations a database has applied, so a runner reaching a
// remote or unknown database has its recent migrations judged. One whose
// connection names only this machine is bringing a development copy up to the
// project's schema: the old migrations there (a DROP TABLE applied long ago)
// stay quiet, and only a migration the agent wrote itself is judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../../src/core/engine';
import { isLocalConnection } from '../../../src/core/packs/orm/migrationTarget';
import { diskWorkspace } from '../support/engineHarness';

const SCHEMA = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
const OLD_DROPS: Record<string, string> = {
  'prisma/schema.prisma': SCHEMA,
  'prisma/migrations/20200101_init/migration.sql': 'CREATE TABLE a (id int);\n',
  'prisma/migrations/20200201_drop/migration.sql': 'DROP TABLE old_users;\n',
  'db/migrations/20200201_drop.sql': '-- migrate:up\nDROP TABLE old_users;\n-- migrate:down\n',
  'gm/1_drop.sql': '-- +goose Up\nDROP TABLE old_users;\n',
  'gm/2_drop.up.sql': 'DROP TABLE old_users;\n',
  'supabase/migrations/20200201_drop.sql': 'DROP TABLE old_users;\n',
};

test('a connection is local only when every host it names is this machine', () => {
  assert.equal(isLocalConnection('postgres://u:p@localhost:5432/app'), true);
  assert.equal(isLocalConnection('jdbc:postgresql://127.0.0.1:5432/app'), true);
  assert.equal(isLocalConnection('host=localhost user=u dbname=app'), true);
  assert.equal(isLocalConnection('postgres://u:p@db.acme.io:5432/app'), false);
  assert.equal(isLocalConnection('postgres://localhost/app?host=db.acme.io'), false);
  assert.equal(isLocalConnection('host=localhost,db.acme.io dbname=app'), false);
  assert.equal(isLocalConnection('postgres:///app'), false);
  assert.equal(isLocalConnection('dbname=app'), false);
});

test('applying old migrations to a database on this machine stays quiet', () => {
  const { judge, done } = diskWorkspace('migtarget-', OLD_DROPS);
  try {
    for (const command of [
      'DATABASE_URL=postgres://u:p@localhost:5432/app npx prisma migrate deploy',
      'dbmate -u postgres://127.0.0.1/app_development up',
      'DATABASE_URL=postgres://localhost/myapp_dev dbmate up',
      'goose -dir gm postgres "host=localhost user=u dbname=app" up',
      'goose -dir gm sqlite3 ./app.db up',
      'GOOSE_DBSTRING=postgres://localhost/app goose -dir gm up',
      'migrate -path gm -database postgres://localhost:5432/app up',
      'supabase db push --db-url postgres://postgres:postgres@127.0.0.1:54322/postgres',
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

test('the .env a tool reads names its database when the command sets none', () => {
  const local = diskWorkspace('migtarget-', { ...OLD_DROPS, '.env': 'DATABASE_URL="postgres://u@localhost/app"\n' });
  const remote = diskWorkspace('migtarget-', { ...OLD_DROPS, '.env': 'DATABASE_URL=postgres://u@db.acme.io/app\n' });
  try {
    for (const command of ['npx prisma migrate deploy', 'dbmate up']) {
      assert.equal(local.judge(command).decision, 'allow', command);
      assert.equal(remote.judge(command).decision, 'ask', command);
    }
  } finally {
    local.done();
    remote.done();
  }
});

test('a remote, unknown or forwarded database still has every recent migration judged', () => {
  const { judge, ws, done } = diskWorkspace('migtarget-', OLD_DROPS);
  try {
    for (const command of [
      'npx prisma migrate deploy',
      'DATABASE_URL=postgres://u:p@db.acme.io:5432/app npx prisma migrate deploy',
      "DATABASE_URL='postgres://u@localhost/app?host=db.acme.io' npx prisma migrate deploy",
      'dbmate up',
      'DATABASE_URL=postgres://db.prod.acme.io/app dbmate up',
      'goose -dir gm postgres "host=db.acme.io dbname=app" up',
      'supabase db push',
      "ssh box 'DATABASE_URL=postgres://localhost/app dbmate up'",
      'kubectl port-forward -n production svc/db 5432 & DATABASE_URL=postgres://localhost:5432/app dbmate up',
      'ssh -fNL 5432:db.internal:5432 bastion && DATABASE_URL=postgres://localhost:5432/app dbmate up',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.ok(
        r.findings.some((f) => f.id === 'sql.drop'),
        command,
      );
    }
    // Migrate uses the directUrl when there is one; a config file can name another: neither is this machine's here.
    fs.writeFileSync(path.join(ws, 'prisma/schema.prisma'), SCHEMA.replace('}', '  directUrl = env("DIRECT_URL")\n}'));
    const direct =
      'DATABASE_URL=postgres://localhost/app DIRECT_URL=postgres://db.acme.io/app npx prisma migrate deploy';
    assert.equal(judge(direct).decision, 'ask');
    fs.writeFileSync(path.join(ws, 'prisma/schema.prisma'), SCHEMA);
    fs.writeFileSync(path.join(ws, 'prisma.config.ts'), 'export default {};\n');
    assert.equal(judge('DATABASE_URL=postgres://localhost/app npx prisma migrate deploy').decision, 'ask');
  } finally {
    done();
  }
});

test('on a database on this machine, a migration the agent wrote is still judged', () => {
  const { ws, done } = diskWorkspace('migtarget-', OLD_DROPS);
  try {
    const env = { HOME: path.dirname(path.dirname(ws)), PATH: '/usr/bin:/bin' };
    const written = path.join(ws, 'prisma/migrations/20200201_drop/migration.sql');
    const judge = (agentWritten: (p: string) => boolean) =>
      evaluate(
        { command: 'DATABASE_URL=postgres://localhost/app npx prisma migrate deploy', cwd: ws, env },
        { workspace: ws, home: env.HOME, env, platform: 'linux', agentWritten },
      );
    assert.equal(judge((p) => p === written).decision, 'ask');
    assert.equal(judge(() => false).decision, 'allow');
  } finally {
    done();
  }
});
