// `npm run demo` is the README's first command: the PocketOS replay must run
// on a fresh machine and say what the README says it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../support/hookHarness';

function demo(env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'demo.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 90_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** `decision` of each summary row, by step label. */
function summary(out: string): Array<[string, string, string]> {
  const table = out.slice(out.indexOf('\nSummary\n'));
  return [...table.matchAll(/^\s*\d+ {2}(.+?) +(allow|defer|ask|deny) +(\S+)/gm)].map((m) => [m[1].trim(), m[2], m[3]]);
}

test(
  "npm run demo replays PocketOS: exploration left to Claude Code's own permissions, token hunt and mutation asked, DROP TABLE snapshotted and restored, backups denied, the burst trips the breaker",
  { timeout: 120_000 },
  (t) => {
    const hasPostgres = spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb']).status === 0;
    // CI on Linux installs PostgreSQL (.ci/run, and GitHub's Ubuntu runners ship it); macOS and Windows runners do not.
    if (!hasPostgres && !(process.env.CI && process.platform === 'linux')) {
      t.skip('PostgreSQL is not installed (apt-get install postgresql); the no-PostgreSQL replay is tested below');
      return;
    }
    const out = demo();
    const rows = summary(out);
    assert.deepEqual(
      rows.map(([label, decision]) => [label, decision]),
      [
        // Harmless: no decision from AgentGuard, never an allow.
        ['explore', 'defer'],
        ['explore', 'defer'],
        ['explore', 'defer'],
        ['token hunt', 'ask'],
        ['API mutation', 'ask'],
        ['DROP TABLE', 'ask'],
        ['delete backups', 'deny'],
        ['retry 1', 'ask'],
        ['retry 2', 'deny'],
        ['retry 3', 'deny'],
        ['after the trip', 'deny'],
      ],
    );
    assert.deepEqual(
      rows.slice(3, 7).map((r) => r[2]),
      ['secrets.read-credential-file', 'http.graphql-destructive-mutation', 'sql.drop', 'fs.rm-backup'],
    );
    assert.deepEqual(
      rows.slice(8).map((r) => r[2]),
      ['killswitch.engaged', 'killswitch.engaged', 'killswitch.engaged'],
    );
    assert.match(out, /table bookings holds 1284 rows/);
    assert.match(out, /database snapshot \S+: pg_dump of table bookings/);
    assert.match(out, /psql ran DROP TABLE bookings \(exit 0\); bookings: table gone/);
    assert.match(out, /bookings: table gone before the restore, 1284 rows after/);
    assert.match(out, /audit verify → exit 0: audit log intact: 13 entries/);
    assert.match(out, /Claude's own "ask"/);
    assert.match(out, /^ 1  defer  explore +ls -la$/m);
    assert.match(out, /11 agent calls: 3 left to Claude Code's own permissions, 4 asked, 4 denied/);
    const seconds = Number(/Finished in ([\d.]+) s/.exec(out)?.[1]);
    assert.ok(seconds < 60, `the demo took ${seconds} s`);
  },
);

test('without PostgreSQL the demo replays the rest and says what to install', { timeout: 120_000 }, () => {
  const out = demo({ AGENTGUARD_DEMO_NO_POSTGRES: '1' });
  assert.match(out, /DROP TABLE step is skipped \(to replay it: apt-get install postgresql\)/);
  const rows = summary(out);
  assert.equal(rows.find((r) => r[0] === 'API mutation')?.[1], 'ask');
  assert.equal(rows.find((r) => r[0] === 'delete backups')?.[1], 'deny');
  assert.equal(rows.at(-1)?.[2], 'killswitch.engaged');
  assert.ok(!rows.some((r) => r[0] === 'DROP TABLE'));
});
