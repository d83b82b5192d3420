// What the hook plans to copy, from the engine's own reading of a command:
// psql connections and destructive statements, file effects, and nothing
// at all for commands that destroy nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeContext } from '../../../src/core/engine';
import { normalize } from '../../../src/core/parse/normalize';
import { planSnapshot } from '../../../src/core/snapshot/before';
import { mcpConnection, planFromSql, planPostgres, withDatabase } from '../../../src/core/snapshot/pgPlan';
import { redact } from '../../../src/core/snapshot/postgres';

const ws = '/home/u/code/app';
const env = { HOME: '/home/u', PATH: '/usr/bin', PGHOST: 'db.local', PGPASSWORD: 'secret' };

function pgPlan(line: string) {
  const ctx = makeContext({ workspace: ws }, env);
  const cmd = normalize({ command: line, cwd: ws, env }, ctx).commands.find((c) => c.argv[0] === 'psql');
  return cmd ? planPostgres(cmd, ctx) : undefined;
}

test('psql: connection words as pg_dump takes them, tables per statement kind', () => {
  assert.deepEqual(pgPlan(`psql -h 127.0.0.1 -p 5433 -U app shop -c 'DROP TABLE orders, lines'`), {
    scope: 'tables',
    targets: ['orders', 'lines'],
    args: ['-h', '127.0.0.1', '-p', '5433', '-U', 'app', '-d', 'shop'],
    env: pgPlan(`psql -c 'TRUNCATE x'`)!.env,
  });
  assert.deepEqual(pgPlan(`psql -tAc 'TRUNCATE audit_events' postgres://app:pw@db/shop`)?.targets, ['audit_events']);
  assert.deepEqual(pgPlan(`psql -tAc 'TRUNCATE audit_events' postgres://app:pw@db/shop`)?.args, [
    '-d',
    'postgres://app:pw@db/shop',
  ]);
  assert.deepEqual(pgPlan(`psql --dbname=shop --command='DELETE FROM users'`)?.targets, ['users']);
  assert.deepEqual(pgPlan(`psql shop -c 'UPDATE users SET admin = true'`)?.targets, ['users']);
  assert.deepEqual(pgPlan(`psql shop -c 'ALTER TABLE users DROP COLUMN email'`)?.targets, ['users']);
  assert.equal(pgPlan(`psql shop -c 'DELETE FROM users WHERE id = 1'`), undefined);
  assert.equal(pgPlan(`psql shop -c 'SELECT * FROM users'`), undefined);
  assert.equal(pgPlan(`psql shop -c 'DROP INDEX users_email'`), undefined);
  assert.deepEqual(pgPlan(`psql shop -c 'DROP SCHEMA billing CASCADE'`)?.scope, 'schema');
  // DROP DATABASE: the whole database, reached over the same connection.
  const db = pgPlan(`psql postgres://app@db:5432/postgres -c 'DROP DATABASE shop'`);
  assert.deepEqual([db?.scope, db?.targets, db?.args], ['database', ['shop'], ['-d', 'postgres://app@db:5432/shop']]);
  assert.equal(
    pgPlan(`ssh prod psql shop -c 'DROP TABLE orders'`),
    undefined,
    'a remote psql is not reachable from here',
  );
});

test('connections are rewritten per database and kept without passwords', () => {
  assert.deepEqual(withDatabase(['-h', 'x'], 'shop'), ['-h', 'x', '-d', 'shop']);
  assert.deepEqual(withDatabase(['-d', 'host=db dbname=postgres user=app'], 'shop'), [
    '-d',
    'host=db dbname=shop user=app',
  ]);
  const plan = planFromSql(
    ['DROP TABLE t'],
    ['-d', 'postgresql://app:hunter2@db/shop', '-d2', 'host=db password=hunter2 dbname=shop'],
    env,
  )!;
  const kept = redact(plan);
  assert.doesNotMatch(JSON.stringify(kept), /hunter2|secret/);
  assert.equal(kept.env.PGHOST, 'db.local');
  assert.equal(
    mcpConnection('npx -y @modelcontextprotocol/server-postgres postgresql://ro@db/app'),
    'postgresql://ro@db/app',
  );
  assert.equal(mcpConnection('npx -y @supabase/mcp-server-supabase --project-ref=x'), undefined);
});

test('plans: nothing for commands that destroy nothing; file targets inside the workspace; globs reported', () => {
  const opts = { stateDir: '/home/u/.local/state/agentguard', workspace: ws, cwd: ws, env };
  const shell = (command: string) =>
    planSnapshot({ event: 'PreToolUse', kind: 'shell', toolName: 'Bash', command, workspaceRoots: [] }, opts);
  for (const quiet of ['ls -la', 'cat README.md', 'git status', 'npm test', 'echo hi >> /tmp/log', 'grep -r x .']) {
    const p = shell(quiet);
    assert.deepEqual([p.files, p.postgres, p.git, p.unknown], [[], [], [], []], quiet);
  }
  assert.deepEqual(shell('rm -rf build src/old.ts /etc/hosts').files, [`${ws}/build`, `${ws}/src/old.ts`]);
  assert.deepEqual(shell('mv a.txt b.txt').files, [`${ws}/a.txt`, `${ws}/b.txt`]);
  assert.deepEqual(shell('echo x > config.json').files, [`${ws}/config.json`]);
  assert.deepEqual(shell('rm *.log').unknown, [`${ws}/*.log`]);
  assert.deepEqual(shell('git reset --hard HEAD~1').git, [{ command: 'git reset --hard HEAD~1', cwd: ws, env: {} }]);
  assert.deepEqual(
    shell('git -C sub -c a.b=c reset --hard').git.map((g) => g.cwd),
    [`${ws}/sub`],
  );
  assert.deepEqual(
    shell('git --git-dir ../x/.git --work-tree=../x checkout -- .').git.map((g) => [g.gitDir, g.workTree]),
    [['/home/u/code/x/.git', '/home/u/code/x']],
  );
  assert.deepEqual(shell('git -c user.name=x status').git, []);
  assert.deepEqual(shell('git reset --soft HEAD~1').git, []);
  const edit = planSnapshot(
    {
      event: 'PreToolUse',
      kind: 'edit',
      toolName: 'Write',
      targets: [{ path: 'src/a.ts', op: 'write', content: 'x' }],
      workspaceRoots: [],
    },
    opts,
  );
  assert.deepEqual(edit.files, [`${ws}/src/a.ts`]);
});

test('copying into a folder does not copy the folder', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-plan-')));
  try {
    fs.mkdirSync(path.join(root, 'assets'));
    const opts = { stateDir: path.join(root, 'state'), workspace: root, cwd: root, env };
    const plan = planSnapshot(
      {
        event: 'PreToolUse',
        kind: 'shell',
        toolName: 'Bash',
        command: 'cp logo.png assets && mv old.txt assets',
        workspaceRoots: [],
      },
      opts,
    );
    assert.deepEqual(plan.files, [path.join(root, 'old.txt')]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
