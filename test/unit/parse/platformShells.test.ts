// Platforms' database shells fed SQL or Redis commands (a `<` file, a heredoc, a here-string, a pipe, a query
// option) run them on the platform's database: read as psql, mysql or redis-cli aimed there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const files = {
  [`${WORKSPACE}/migrations/001_drop.sql`]: 'DROP TABLE users;\n',
  [`${WORKSPACE}/x.sql`]: 'TRUNCATE orders;\n',
  [`${WORKSPACE}/report.sql`]: 'SELECT count(*) FROM users;\n',
};

test('SQL and Redis commands fed to a platform database shell ask', () => {
  const { decide, ids } = engine(files);
  const cases: [string, string][] = [
    ['railway connect postgres < migrations/001_drop.sql', 'sql.drop'],
    [`echo 'FLUSHALL' | railway connect redis`, 'db.redis-flush'],
    ['heroku pg:psql -a acme < x.sql', 'sql.truncate'],
    ['heroku pg:psql -a acme -f x.sql', 'sql.truncate'],
    [`gcloud sql connect prod-db --user=postgres <<< 'DROP TABLE users;'`, 'sql.drop'],
    [`echo 'DROP TABLE users;' | fly postgres connect -a acme-db`, 'sql.drop'],
    ['echo FLUSHALL | heroku redis:cli -a acme --confirm acme', 'db.redis-flush'],
    [
      `az postgres flexible-server execute --name acme-db --admin-user u --admin-password p --querytext 'DROP TABLE users'`,
      'sql.drop',
    ],
    [`az postgres flexible-server execute -n acme-db -u u -p p -q 'DROP TABLE users'`, 'sql.drop'],
    [`az mysql flexible-server execute -n acme-db -u u -p p -q 'DROP TABLE users'`, 'sql.drop'],
    ['az mysql flexible-server execute -n acme-db -u u -p p --file-path migrations/001_drop.sql', 'sql.drop'],
    // A service whose name does not say what it is: its input is read as SQL and as Redis commands.
    ['echo FLUSHALL | railway connect', 'db.redis-flush'],
    [`railway connect main-db <<'EOF'\nDROP TABLE users;\nEOF`, 'sql.drop'],
  ];
  for (const [c, id] of cases) {
    assert.equal(decide(c), 'ask', c);
    assert.ok(
      ids(c).some((i) => i.startsWith(id)),
      `${c}: ${ids(c).join(',')}`,
    );
  }
});

test('interactive sessions and reads fed to platform database shells stay allowed', () => {
  const { decide } = engine(files);
  for (const c of [
    'railway connect postgres',
    'railway connect',
    'heroku pg:psql -a acme',
    `heroku pg:psql -a acme -c 'SELECT 1'`,
    'heroku pg:psql -a acme < report.sql',
    `echo 'SELECT count(*) FROM users;' | heroku pg:psql -a acme`,
    'gcloud sql connect db --user=postgres',
    'gcloud sql instances list',
    'fly postgres connect -a acme-db',
    `echo 'SELECT 1;' | fly pg connect -a acme-db`,
    'echo PING | heroku redis:cli -a acme --confirm acme',
    `echo 'INFO' | railway connect redis`,
    `az postgres flexible-server execute -n db -u u -p p -q 'SELECT 1'`,
    'az postgres flexible-server show -n db --query name',
    'railway run npm test',
  ]) {
    assert.equal(decide(c), 'allow', c);
  }
});
