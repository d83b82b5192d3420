// Ways back thrown away by tools' own retention verbs: `zfs rollback -r`
// destroys the snapshots newer than its target, `kopia snapshot expire
// --delete` and `rdiff-backup --remove-older-than` drop backups, and SQL fed to
// `psql -f /dev/stdin` is read as the file it names. Their listing and dry-run
// forms stay quiet. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../support/hookHarness';

test('rollbacks and expiries that delete backups ask; listings and dry runs stay quiet', async () => {
  await withSandbox(async (sb) => {
    const decide = (c: string) =>
      (JSON.parse(runCli(sb, ['check', '--json', '--', c]).stdout) as { decision: string }).decision;
    for (const c of [
      'zfs rollback -r tank/data@old',
      'kopia snapshot expire --all --delete',
      'rdiff-backup --remove-older-than 0B /backup',
      'rdiff-backup remove increments --older-than 2W /backup',
      `psql "$DATABASE_URL" -f /dev/stdin <<< 'DROP TABLE users'`,
    ])
      assert.notEqual(decide(c), 'allow', c);
    for (const c of [
      'zfs rollback tank/data@latest',
      'kopia snapshot expire --all',
      'rdiff-backup --list-increments /backup',
      `psql "$DATABASE_URL" -f /dev/stdin <<< 'SELECT 1'`,
    ])
      assert.equal(decide(c), 'allow', c);
  });
});
