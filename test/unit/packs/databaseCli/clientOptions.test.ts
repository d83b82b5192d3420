// psql's and mysql's words are read with each client's whole option table (command/databaseClients.ts), so the SQL
// they run is found however the option that carries it is written: in a cluster with its value attached
// (`-qAtc"SQL"`), as a unique beginning of its long name (`--comm`, `--exe`), with MySQL's `--loose-` before it or
// `_` for `-`. Each of those ran the SQL unread before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';
import {
  MYSQL_CLIENT_NAMES,
  mysqlNameIn,
  mysqlTakesValue,
  spelledOut,
} from '../../../../src/core/command/databaseClients';
import { PSQL_OPTIONS, MYSQL_OPTIONS } from '../../../../src/core/command/databaseClients';

const DROP = 'DROP TABLE users';

test('the SQL an option carries is judged however the option is written', () => {
  const { judge } = engine();
  for (const command of [
    `psql --comm "${DROP}"`,
    `psql --comman="${DROP}"`,
    `psql -qAtc"${DROP}"`,
    `psql -X -v ON_ERROR_STOP=1 -Atqc "${DROP}"`,
    `psql app --com "${DROP}"`,
    `mysql --exec "${DROP}"`,
    `mysql --exe="${DROP}"`,
    `mysql --loose-execute="${DROP}"`,
    `mysql --loose_exe "${DROP}"`,
    `mysql -sNe"${DROP}"`,
    `mysql -uroot -psecret app --ex "${DROP}"`,
    `mariadb --execu "${DROP}"`,
  ])
    assertGated(judge, command, 'sql.drop', 'ask');
});

test('a file named by a shortened --file is read as -f reads it', () => {
  const { judge } = engine({ [`${WORKSPACE}/drop.sql`]: `${DROP};\n` });
  assertGated(judge, 'psql --fil drop.sql', 'sql.drop', 'ask');
  assertGated(judge, 'psql -Xqf drop.sql', 'sql.drop', 'ask');
});

test('a file the line wrote before is read as the line left it, also when the options are spelled out', () => {
  const { judge } = engine();
  assertGated(judge, `echo '${DROP}' > /tmp/x.sql && psql -Xqf /tmp/x.sql`, 'sql.drop', 'ask');
  assertGated(judge, `echo '${DROP}' > /tmp/x.sql && psql --fil=/tmp/x.sql app`, 'sql.drop', 'ask');
});

test('values are never read as options, and harmless lines stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    'psql -c "select 1"',
    'psql -h localhost -U postgres -d app -c "select count(*) from users"',
    'mysql -uroot -psecret app -e "select * from users"',
    // The value of --prompt is `-e`: the words after it are the database, not SQL.
    `mysql --prompt -e app`,
    'mysql --e "select 1"',
  ])
    assert.equal(decide(command), 'allow', command);
});

test('spelled out: each option in a word of its own, full names, values after their option, operands kept', () => {
  const spell = (argv: string[], style = PSQL_OPTIONS) => spelledOut(argv, [], style).argv;
  assert.deepEqual(spell(['psql', '-qAtcSELECT 1', 'app']), ['psql', '-q', '-A', '-t', '-c', 'SELECT 1', 'app']);
  assert.deepEqual(spell(['psql', '--comm', 'x', '--out=f', '-o']), ['psql', '--command', 'x', '--output', 'f', '-o']);
  assert.deepEqual(spell(['psql', 'app', '--', '-c', 'x']), ['psql', 'app', '--', '-c', 'x']);
  assert.deepEqual(spell(['mysql', '-psecret', '--loose_tee', 't.log', '-#d:t'], MYSQL_OPTIONS), [
    'mysql',
    '-psecret',
    '--tee',
    't.log',
    '-#d:t',
  ]);
  // The flags of the dynamic words follow them.
  assert.deepEqual(spelledOut(['psql', '-c', '$Q', 'app'], [false, false, true, false], PSQL_OPTIONS).dynamic, [
    false,
    false,
    true,
    false,
  ]);
});

test('no beginning of a name is a flag in one mysql client and an option with a value in the other', () => {
  // The reader takes the valued reading where MariaDB and MySQL differ; that is sound only while no beginning is read
  // as a flag by one client and as a valued name by the other (a flag's next word would be swallowed).
  const names = new Set([...MYSQL_CLIENT_NAMES.mariadb, ...MYSQL_CLIENT_NAMES.mysql]);
  const mismatched: string[] = [];
  for (const name of names)
    for (let n = 1; n <= name.length; n++) {
      const begun = name.slice(0, n);
      const a = mysqlNameIn(MYSQL_CLIENT_NAMES.mariadb, begun);
      const b = mysqlNameIn(MYSQL_CLIENT_NAMES.mysql, begun);
      if (a && b && mysqlTakesValue(a) !== mysqlTakesValue(b)) mismatched.push(`${begun}: ${a} / ${b}`);
    }
  assert.deepEqual(mismatched, []);
});
