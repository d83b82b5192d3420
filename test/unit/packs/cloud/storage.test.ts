import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudPack } from '../../../../src/core/packs/cloud';
import { ctx, simple } from '../../support/helpers';

const ASK = 40;
const w = (line: string): string[] => line.split(' ');
const run = (line: string) => cloudPack.analyze(simple(w(line)), ctx()) ?? [];
const ids = (line: string): string[] => run(line).map((f) => f.id);
const score = (line: string): number => run(line).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (line: string) => cloudPack.effect?.(simple(w(line)), ctx());

test('rclone: purge and delete ask, sync deletes at the destination, copy never does', () => {
  const [purge] = run('rclone purge s3:acme-backups/2024');
  assert.equal(purge.id, 'cloud.rclone-purge');
  assert.equal(purge.target, 's3:acme-backups/2024');
  assert.ok(purge.severity >= 80);
  assert.ok(score('rclone delete r2:site/old') >= ASK);
  assert.deepEqual(ids('rclone sync ./dist r2:site'), ['cloud.rclone-sync']);
  for (const line of [
    'rclone sync ./dist r2:site --dry-run',
    'rclone copy ./dist r2:site',
    'rclone ls s3:acme',
    'rclone purge x:y --help',
  ])
    assert.deepEqual(ids(line), [], line);
  assert.equal(effect('rclone ls s3:acme'), 'read');
  assert.equal(effect('rclone sync a b'), 'write');
});

test('mc (MinIO): rb and rm; recursive and forced go higher', () => {
  assert.ok(score('mc rb --force myminio/uploads') > score('mc rb myminio/uploads'));
  assert.ok(score('mc rm -r --force myminio/uploads/tmp') > score('mc rm myminio/uploads/a.png'));
  assert.ok(score('mc rm myminio/uploads/a.png') >= ASK);
  assert.deepEqual(ids('mc ls myminio'), []);
  assert.deepEqual(ids('mc /srv /tmp'), [], 'Midnight Commander shares the name');
});

test('backup tools: forgetting, pruning and deleting backups ask', () => {
  assert.ok(score('restic forget --keep-last 3 --prune') > score('restic forget --keep-last 3'));
  assert.ok(score('restic forget --keep-last 3') >= ASK);
  assert.equal(
    run('restic -r s3:s3.amazonaws.com/acme-backups forget --keep-daily 7')[0].target,
    's3:s3.amazonaws.com/acme-backups',
  );
  assert.ok(score('restic prune') >= ASK);
  assert.ok(score('borg delete /backups/repo') > score('borg delete /backups/repo::2024-01-01'));
  assert.ok(score('borg prune --keep-daily 7 /backups/repo') >= ASK);
  for (const line of [
    'restic snapshots',
    'restic backup ~/data',
    'restic forget --keep-last 3 --dry-run',
    'borg create /backups/repo::today ~/data',
    'borg list /backups/repo',
    'borg prune -n --keep-daily 7 /r',
  ]) {
    assert.deepEqual(ids(line), [], line);
  }
  assert.equal(effect('restic snapshots'), 'read');
  assert.equal(effect('borg list /r'), 'read');
});
