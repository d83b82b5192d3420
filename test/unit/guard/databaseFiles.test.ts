// An embedded database's file changed by its SQL is a write of that file
// (guard/databaseFiles.ts): sqlite3, or code opening the file with a sqlite
// driver, changing AgentGuard's own state names it (path.agentguard). Reads,
// read-only opens and an application's own database stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { HOME } from '../support/helpers';

test("SQL that changes a database file of AgentGuard's state names it", () => {
  const { judge } = engine();
  for (const command of [
    "sqlite3 ~/.agentguard/state.db 'update x set a=1 where id=2'",
    "sqlite3 ~/.agentguard/state.db 'DELETE FROM x'",
    'sqlite3 ~/.agentguard/state.db < fix.sql',
    `python3 -c 'import sqlite3; sqlite3.connect("${HOME}/.agentguard/state.db").execute("update x set a=1 where id=2")'`,
    `node -e 'const Database = require("better-sqlite3"); new Database("${HOME}/.agentguard/state.db").exec("DELETE FROM x")'`,
  ]) {
    const r = judge(command);
    assert.ok(
      r.decision !== 'allow' && r.findings.some((f) => f.id === 'path.agentguard'),
      `${command}: ${JSON.stringify(r.findings)}`,
    );
  }
});

test('reads, read-only opens and the application database stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    'sqlite3 ~/.agentguard/state.db .dump',
    "sqlite3 ~/.agentguard/state.db 'select count(*) from x'",
    "sqlite3 -readonly ~/.agentguard/state.db 'select 1'",
    "sqlite3 app.db 'insert into x values (1)'",
    "duckdb analytics.duckdb -c 'create table t as select 1'",
    `python3 -c 'import sqlite3; sqlite3.connect("app.db").execute("update x set a=1 where id=2")'`,
  ])
    assert.equal(decide(command), 'allow', command);
});
