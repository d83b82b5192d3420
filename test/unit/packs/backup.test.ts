// Backups and recovery: deleting or expiring backups, cutting retention to
// nothing, switching immutability off and restoring over a live target ask;
// listing, checking, taking backups and the tools' own dry runs are quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retentionCut } from '../../../src/core/packs/common/retention';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const { decide, ids } = engine({ [`${WORKSPACE}/migrations/001.sql`]: 'CREATE TABLE t (id int);' });

test('backup tools deleting or expiring backups ask', () => {
  for (const line of [
    'barman delete pg-main oldest',
    'pgbackrest --stanza=main expire',
    'pgbackrest --stanza=main stanza-delete',
    'wal-g delete retain FULL 1 --confirm',
    'kopia snapshot delete k1234 --delete',
    'duplicity remove-all-but-n-full 1 --force s3://b/h',
    'tarsnap -d -f nightly',
    'tarsnap --nuke',
    'velero backup delete nightly --confirm',
    'restic forget --keep-last 1 --prune',
    'borg delete /mnt/backup/repo::a1',
    'aws backup delete-recovery-point --backup-vault-name v --recovery-point-arn arn:x',
  ]) {
    assert.notEqual(decide(line), 'allow', line);
  }
  // Every archive of the machine, with nothing kept: no approval makes that the agent's call.
  assert.equal(decide('tarsnap --nuke'), 'deny');
});

test('their dry runs and looking commands are quiet', () => {
  for (const line of [
    'wal-g delete retain FULL 1',
    'kopia snapshot delete k1234',
    'duplicity remove-all-but-n-full 1 s3://b/h',
    'barman list-backup pg-main',
    'pgbackrest --stanza=main info',
    'restic snapshots',
    'restic forget --keep-daily 7 --dry-run',
    'borg prune --dry-run --list --keep-daily 7 /mnt/repo',
    'velero backup get',
    'kopia snapshot list',
    'wal-g backup-list',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('retention cut to nothing: in options, SQL and request bodies', () => {
  assert.equal(retentionCut('backup-retention-period', '0'), true);
  assert.equal(retentionCut('backup-retention-period', '1'), true);
  assert.equal(retentionCut('backup-retention-period', '14'), false);
  assert.equal(retentionCut('retention.ms', '1000'), true);
  assert.equal(retentionCut('retention.ms', '-1'), false);
  assert.equal(retentionCut('repo1-retention-full', '1'), true);
  assert.equal(retentionCut('repo1-retention-full', '4'), false);
  // An expiry of 0 means "never expires" (BigQuery, NATS): only a short positive expiry cuts.
  assert.equal(retentionCut('default_table_expiration', '0'), false);
  assert.equal(retentionCut('time_partitioning_expiration', '1'), true);
  assert.equal(retentionCut('delta.logRetentionDuration', '"interval 0 days"'), true);
  assert.equal(decide('gcloud sql instances patch orders --retained-backups-count=1'), 'ask');
  assert.equal(decide('az postgres flexible-server update -g rg -n orders --backup-retention 0'), 'ask');
  assert.equal(decide("snowsql -c prod -q 'ALTER DATABASE analytics SET DATA_RETENTION_TIME_IN_DAYS = 0'"), 'ask');
  assert.equal(
    decide('aws rds modify-db-instance --db-instance-identifier orders --backup-retention-period 14'),
    'allow',
  );
});

test('immutability off: versioning, object lock, retention policies, soft delete', () => {
  assert.equal(decide('aws s3api put-bucket-versioning --bucket b --versioning-configuration Status=Suspended'), 'ask');
  assert.equal(
    decide(
      'aws s3api put-object-lock-configuration --bucket b --object-lock-configuration {"ObjectLockEnabled":"Enabled"}',
    ),
    'ask',
  );
  assert.equal(
    decide('aws s3api delete-object --bucket b --key k --version-id v --bypass-governance-retention'),
    'ask',
  );
  assert.equal(decide('gsutil retention clear gs://acme-backups'), 'ask');
  assert.equal(decide('az backup vault backup-properties set -n v -g rg --soft-delete-feature-state Disable'), 'ask');
  assert.equal(decide('aws s3api get-bucket-versioning --bucket b'), 'allow');
});

test('restores over live targets ask; restores into a scratch place do not', () => {
  assert.equal(decide('restic restore latest --target / --host web-1'), 'ask');
  assert.equal(decide('restic restore latest --target /var/lib/postgresql/data'), 'ask');
  assert.equal(decide('velero restore create --from-backup nightly --existing-resource-policy update'), 'ask');
  assert.equal(decide('gcloud sql backups restore 123 --restore-instance=orders-prod'), 'ask');
  assert.equal(decide('mysql -h db.acme.io -u admin app < backup.sql'), 'ask');
  assert.equal(ids('mysql -h db.acme.io -u admin app < backup.sql').includes('backup.restore-over-live'), true);
  assert.equal(decide('restic restore latest --target ./restore-test'), 'allow');
  assert.equal(decide('velero restore create --from-backup nightly --namespace-mappings shop:shop-restore'), 'allow');
  assert.equal(decide('mysql -h 127.0.0.1 -u root app < backup.sql'), 'allow');
  assert.equal(decide('psql -h db.acme.io -d app -f migrations/001.sql'), 'allow');
});

test('emptying the desktop trash asks: it is the way back from a file deleted by mistake', () => {
  for (const line of ['trash-empty', 'trash-empty 30', "trash-rm '*.sql'", 'gio trash --empty']) {
    assert.equal(decide(line), 'ask', line);
    assert.ok(ids(line).includes('backup.delete'), line);
  }
  for (const line of ['trash-put old.log', 'trash-list', 'gio trash old.log', 'trash-empty --dry-run', 'trash-restore'])
    assert.equal(decide(line), 'allow', line);
});

test('snapshot tools: deleting snapshots, restoring over the system and forcing one replica over another ask', () => {
  for (const [line, id] of [
    ['btrfs subvolume delete /.snapshots/12/snapshot', 'backup.delete'],
    ['btrfs sub del /mnt/snap-2024', 'backup.delete'],
    ['btrfs subvolume delete /mnt/data/@home', 'backup.subvolume-delete'],
    ['snapper delete 3-10', 'backup.delete'],
    ['snapper -c home rm 5', 'backup.delete'],
    ['snapper -c root delete-config', 'backup.delete'],
    ['timeshift --delete-all', 'backup.delete'],
    ["timeshift --delete --snapshot '2024-01-01_00-00-01'", 'backup.delete'],
    ['timeshift --restore', 'backup.restore-over-live'],
    ['unison -force /home/me/docs /home/me/docs ssh://nas//backup/docs -batch', 'backup.mirror-overwrite'],
  ]) {
    assert.equal(decide(line), 'ask', line);
    assert.deepEqual(ids(line), [id], line);
  }
  for (const line of [
    'btrfs subvolume list /',
    'btrfs subvolume snapshot -r / /.snapshots/new',
    'btrfs filesystem df /',
    'snapper list',
    'snapper create -d before-upgrade',
    'timeshift --list',
    "timeshift --create --comments 'before upgrade'",
    'unison /home/me/docs ssh://nas//backup/docs -batch',
    'unison -force /a /a ssh://host//b -nodeletion ssh://host//b',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});
