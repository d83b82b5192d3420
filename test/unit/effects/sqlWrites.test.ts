// SQL that names a file it writes is a write of that file (effects/sqlWrites.ts),
// judged like a redirect there: start-up files, keys and system folders gate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileEffects } from '../../../src/core/effects';
import { ctx, simple, HOME, WORKSPACE } from '../support/helpers';
import { engine } from '../support/engineHarness';
import { evaluate } from '../../../src/core/engine';

const writes = (argv: string[], extra = {}) =>
  fileEffects(simple(argv, extra), ctx())
    .filter((e) => e.kind === 'write')
    .map((e) => e.path);

test('COPY TO, INTO OUTFILE, VACUUM INTO, ATTACH and the clients’ output commands write their file', () => {
  assert.deepEqual(writes(['duckdb', '-c', "COPY (SELECT 1) TO '~/.bashrc'"]), [`${HOME}/.bashrc`]);
  assert.deepEqual(writes(['sqlite3', 'x.db', "ATTACH '~/.bashrc' AS x"]), [`${HOME}/.bashrc`]);
  assert.deepEqual(writes(['psql', '-c', "COPY t TO '/home/dev/.ssh/authorized_keys'"]), [
    '/home/dev/.ssh/authorized_keys',
  ]);
  assert.deepEqual(writes(['mysql', '-e', "SELECT * FROM t INTO OUTFILE '/etc/cron.d/x'"]), ['/etc/cron.d/x']);
  assert.deepEqual(writes(['sqlite3', 'x.db', "VACUUM INTO 'backup.db'"]), [`${WORKSPACE}/backup.db`]);
  assert.deepEqual(writes(['sqlite3', 'x.db'], { stdin: '.output out.txt\nselect 1;\n' }), [`${WORKSPACE}/out.txt`]);
  assert.deepEqual(writes(['psql'], { stdin: "\\copy t to 'dump.csv' csv\n" }), [`${WORKSPACE}/dump.csv`]);
});

test('reads, STDOUT, read-only attaches and a server on another host write nothing here', () => {
  assert.deepEqual(writes(['psql', '-c', 'COPY t TO STDOUT']), []);
  assert.deepEqual(writes(['psql', '-c', "COPY t FROM '/tmp/in.csv'"]), []);
  assert.deepEqual(writes(['duckdb', '-c', "ATTACH 'other.db' AS o (READ_ONLY)"]), []);
  assert.deepEqual(writes(['psql', '-h', 'db.example', '-c', "COPY t TO '/home/dev/.bashrc'"]), []);
  assert.deepEqual(writes(['sqlite3', 'x.db', "ATTACH ':memory:' AS m"]), []);
  assert.deepEqual(writes(['sqlite3', ':memory:', "ATTACH 'data/app.db' AS a; SELECT count(*) FROM a.users"]), []);
});

test('a SQL write into a protected file asks; into the project it stays quiet', () => {
  const { decide } = engine();
  for (const command of [
    `duckdb -c "COPY (SELECT 1) TO '~/.bashrc'"`,
    `psql -c "COPY t TO '${HOME}/.ssh/authorized_keys'"`,
    `mysql -e "SELECT 1 INTO OUTFILE '${HOME}/.bashrc'"`,
    `duckdb -c "COPY t TO '.git/hooks/pre-commit'"`,
  ])
    assert.equal(decide(command), 'ask', command);
  for (const command of [`duckdb -c "COPY t TO 'out.csv'"`, `sqlite3 x.db '.output report.txt' 'select 1'`])
    assert.equal(decide(command), 'allow', command);
});

test('SQL that may write files past what is read asks: a write past the bound is never left unjudged', () => {
  const hidden = "COPY (SELECT 'x') TO '~/.bashrc';\n";
  const at = (sql: string) =>
    evaluate(
      { command: 'duckdb x.duckdb < big.sql', cwd: WORKSPACE },
      { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: (p) => (p === 'big.sql' ? sql : undefined) },
    );
  const pad = (chars: number) => `SELECT '${'a'.repeat(chars - 11)}';\n`;
  // What is read: the words after the client's name, then its stdin (`x.duckdb\n` first).
  const room = 64 * 1024 - 'x.duckdb\n'.length - hidden.length;
  const tooComplex = (sql: string) => at(sql).findings.some((f) => f.id === 'parse.too-complex');
  // 64 KiB read: a write just past it asks; the same SQL just within it is judged as the write it is.
  const past = at(pad(room + 1) + hidden);
  assert.equal(past.decision, 'ask');
  assert.ok(past.findings.some((f) => f.id === 'parse.too-complex' && /64 KiB/.test(f.summary)));
  const within = at(pad(room) + hidden);
  assert.ok(within.findings.some((f) => f.target?.endsWith('.bashrc')));
  assert.ok(!within.findings.some((f) => f.id === 'parse.too-complex'));
  // Long SQL that names no way to write a file stays as it was.
  assert.equal(at(pad(200 * 1024)).decision, 'allow');
  // 32 files named: the 33rd is past the bound.
  const copies = (n: number) => Array.from({ length: n }, (_, i) => `COPY t TO 'out${i}.csv';`).join('\n');
  assert.ok(!tooComplex(copies(32)));
  assert.ok(tooComplex(copies(33)));
});
