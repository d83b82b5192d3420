import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseCliPack } from '../../../../src/core/packs/databaseCli';
import { ctx, simple } from '../../support/helpers';

// `psql -f "$F"` and `.read $F` ran a file named only when the line runs, any file a wipe among them, at a severity
// that allowed. A file whose folder alone is run-time (`"$DIR/seed.sql"`) is judged by its name, as before.
test('a SQL file named only when the line runs asks; one whose folder alone is known at run time is judged by name', () => {
  const c = ctx();
  const worstOf = (argv: string[]) =>
    (databaseCliPack.analyze(simple(argv), c) ?? []).reduce((s, f) => Math.max(s, f.severity), 0);
  for (const argv of [
    ['psql', '-f', '$F'],
    ['psql', 'app', '--file=${SQL_FILE}'],
    ['sqlite3', 'app.db', '.read $F'],
    ['mysql', 'app', '-e', 'source $DIR/$NAME.sql'],
    ['mongosh', '$DIR/$SCRIPT.js'],
  ])
    assert.ok(worstOf(argv) >= 50, argv.join(' '));
  for (const argv of [
    ['psql', '-f', '$DIR/seed.sql'],
    ['psql', '-f', 'missing.sql'],
  ])
    assert.ok(worstOf(argv) < 50, argv.join(' '));
  const [f] = databaseCliPack.analyze(simple(['psql', '-f', '$F']), c) ?? [];
  assert.equal(f.id, 'sql.unread-file');
  assert.match(f.summary, /named only when the line runs/);
  assert.ok(f.alternative);
});
