// A DROP TABLE the hook lets through as ask, against a real PostgreSQL
// holding rows: the hook dumps the table first, the statement really drops
// it, and `agentguard snapshot restore` brings back every row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, fixture, ROOT, runHook, sandbox, withInput, type Sandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

const claudeBash = (sb: Sandbox, command: string) => withInput(fixture('claude/bash', sb), { command });

interface Cluster {
  conn: string[];
  host: string;
  port: string;
  user: string;
  bin: string;
  psql(sql: string): string;
  stop(): void;
}

async function cluster(): Promise<Cluster | { missing: string }> {
  const mod = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'pg-cluster.mjs')).href)) as {
    startCluster(o?: object): Cluster | { missing: string };
  };
  return mod.startCluster({ database: 'shop' });
}

const CHECKSUM = "SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY id)) FROM orders t";

test('DROP TABLE on a real PostgreSQL: dumped before the ask, dropped for real, restored with every row', async (t) => {
  const pg = await cluster();
  if ('missing' in pg) {
    // CI on Linux installs PostgreSQL (.ci/run, and GitHub's Ubuntu runners ship it), so there this test must run.
    if (process.env.CI && process.platform === 'linux')
      assert.fail(`PostgreSQL is not installed in CI (${pg.missing})`);
    t.skip(`PostgreSQL is not installed: ${pg.missing}`);
    return;
  }
  const sb = sandbox();
  try {
    pg.psql(
      "CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, total numeric(10,2), note text); INSERT INTO orders SELECT g, 'customer ' || g, g * 1.25, CASE WHEN g % 7 = 0 THEN NULL ELSE E'multi\\nline ''quoted''' END FROM generate_series(1, 2500) g",
    );
    const before = pg.psql(CHECKSUM);
    assert.match(before, /^2500:[0-9a-f]{32}$/);

    const command = `psql -h ${pg.host} -p ${pg.port} -U ${pg.user} shop -c 'DROP TABLE orders'`;
    const env = { PATH: `${pg.bin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
    const r = await runHook('claude', claudeBash(sb, command), sb, env);
    const out = r.json?.hookSpecificOutput as { permissionDecision: string; permissionDecisionReason: string };
    assert.equal(out.permissionDecision, 'ask', r.stdout + r.stderr);
    assert.match(out.permissionDecisionReason, /database snapshot \S+: pg_dump of table orders/);
    const id = /restore (\S+)/.exec(out.permissionDecisionReason)?.[1];
    assert.ok(id);

    // The host's prompt said yes: the statement runs for real.
    const dropped = spawnSync(
      'psql',
      ['-X', '-h', pg.host, '-p', pg.port, '-U', pg.user, 'shop', '-c', 'DROP TABLE orders'],
      { env: { ...process.env, ...env }, encoding: 'utf8' },
    );
    assert.equal(dropped.status, 0, dropped.stderr);
    assert.throws(() => pg.psql('SELECT count(*) FROM orders'), /does not exist/);

    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'snapshot', ...args], {
        env: { ...process.env, ...env, AGENTGUARD_STATE_DIR: confirmedState(sb.state), HOME: sb.home },
        encoding: 'utf8',
      });
    const list = JSON.parse(cli('list', '--json').stdout) as Array<{ id: string; kind: string; targets: string[] }>;
    assert.deepEqual(
      list.map((s) => ({ id: s.id, kind: s.kind, targets: s.targets })),
      [{ id, kind: 'database', targets: ['orders'] }],
    );
    const restored = cli('restore', id!);
    assert.equal(restored.status, 0, restored.stderr);
    assert.equal(pg.psql(CHECKSUM), before);

    // The audit entry carries the snapshot id.
    const audit = spawnSync(process.execPath, [CLI, 'audit', 'tail', '-n', '1'], {
      env: { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
      encoding: 'utf8',
    });
    assert.equal((JSON.parse(audit.stdout) as { snapshot: { id: string } }).snapshot.id, id);

    // An MCP SQL tool whose server was started with the connection URL (Cursor names the server by its command line).
    const url = `postgresql://${pg.user}@/shop?host=${encodeURIComponent(pg.host)}&port=${pg.port}`;
    const mcp = {
      ...fixture('cursor/before-mcp', sb),
      tool_input: JSON.stringify({ query: 'TRUNCATE orders' }),
      command: `npx -y @modelcontextprotocol/server-postgres ${url}`,
    };
    await runHook('cursor', mcp, sb, env);
    const after = JSON.parse(cli('list', '--json').stdout) as Array<{ id: string; kind: string; targets: string[] }>;
    assert.equal(after.length, 2);
    assert.deepEqual([after[0].kind, after[0].targets], ['database', ['orders']]);
    pg.psql('TRUNCATE orders');
    assert.equal(pg.psql('SELECT count(*) FROM orders'), '0');
    assert.equal(cli('restore', after[0].id).status, 0);
    assert.equal(pg.psql(CHECKSUM), before);
  } finally {
    sb.cleanup();
    pg.stop();
  }
});
