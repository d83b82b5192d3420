// `cp db.sqlite backups/db.sqlite.bak` asked as if a backup were replaced: a backup folder's finding asks for
// new copies beside the old, and a name no file holds yet is one. A backup there now, a name not known before
// the command runs, a delete or a move still ask. Real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';

const FILES = {
  'db.sqlite': 'SQLite format 3\n',
  'data/app.db': 'SQLite format 3\n',
  'backups/db.sqlite.bak': 'old\n',
  'backups/app.db': 'old\n',
};

test('a new backup under a name no file holds yet is made quietly', () => {
  const { judge, done } = diskWorkspace('ag-newbackup-', FILES);
  try {
    for (const command of [
      'cp db.sqlite backups/db.sqlite.2.bak',
      'cp -p data/app.db backups/app-before-migration.db',
      'pg_dump app > backups/app.sql',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});

test('a backup that is there, or a name not known before the command runs, still asks', () => {
  const { judge, done } = diskWorkspace('ag-newbackup-gate-', FILES);
  try {
    for (const command of [
      'cp db.sqlite backups/db.sqlite.bak',
      'cp data/app.db backups/app.db',
      'echo x > backups/db.sqlite.bak',
      'truncate -s 0 backups/app.db',
      'cp db.sqlite "backups/$NAME"',
      'cp db.sqlite backups/*.bak',
      'mv db.sqlite backups/app.db',
      'rm backups/db.sqlite.bak',
      'cp db.sqlite data/app.db',
    ])
      assert.notEqual(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});
