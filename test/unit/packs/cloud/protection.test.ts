// Changes that remove the protection data relies on ask, though nothing is deleted yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { evaluate, type EngineOptions } from '../../../../src/core/engine';
import { HOME, WORKSPACE } from '../../support/helpers';

const FILES: Record<string, string> = {
  [`${WORKSPACE}/infra/expire.json`]:
    '{"Rules":[{"ID":"old","Status":"Enabled","Filter":{},"NoncurrentVersionExpiration":{"NoncurrentDays":1}}]}',
  [`${WORKSPACE}/infra/transition.json`]:
    '{"Rules":[{"ID":"ia","Status":"Enabled","Filter":{},"Transitions":[{"Days":30,"StorageClass":"STANDARD_IA"}]}]}',
};
const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: (p, cwd) => FILES[path.resolve(cwd, p)],
};

test('protection-removing changes ask', () => {
  for (const c of [
    'aws s3api put-bucket-versioning --bucket media --versioning-configuration Status=Suspended',
    'aws s3api put-bucket-lifecycle-configuration --bucket media --lifecycle-configuration file://infra/expire.json',
    'aws s3api put-public-access-block --bucket media --public-access-block-configuration BlockPublicAcls=false,IgnorePublicAcls=false,BlockPublicPolicy=false,RestrictPublicBuckets=false',
    'aws s3api delete-public-access-block --bucket media',
    'aws s3api put-bucket-policy --bucket media --policy file://infra/open.json',
    'aws rds modify-db-cluster --db-cluster-identifier core --no-deletion-protection',
    'aws dynamodb update-continuous-backups --table-name carts --point-in-time-recovery-specification PointInTimeRecoveryEnabled=false',
    'aws dynamodb update-table --table-name carts --no-deletion-protection-enabled',
    'aws ec2 modify-instance-attribute --instance-id i-1 --no-disable-api-termination',
    'gcloud sql instances patch core --no-deletion-protection',
    'gcloud storage buckets update gs://media --clear-soft-delete',
    'az storage account update -n media --allow-blob-public-access true',
    'az lock delete --name keep --resource-group rg',
    `kubectl patch pv data-0 --type merge -p '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}'`,
  ]) {
    const r = evaluate({ command: c }, opts);
    assert.notEqual(r.decision, 'allow', c);
    assert.ok(
      r.findings.some((f) => f.id === 'cloud.protection-removed'),
      `${c}: ${r.findings.map((f) => f.id).join(',')}`,
    );
  }
});

test('changes that add or keep protection stay allowed', () => {
  for (const c of [
    'aws s3api put-bucket-versioning --bucket media --versioning-configuration Status=Enabled',
    'aws s3api put-bucket-lifecycle-configuration --bucket media --lifecycle-configuration file://infra/transition.json',
    'aws s3api put-public-access-block --bucket media --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    'aws rds modify-db-instance --db-instance-identifier core --deletion-protection',
    'aws dynamodb update-continuous-backups --table-name carts --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true',
    'gcloud sql instances patch core --deletion-protection',
    `kubectl patch pv data-0 --type merge -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'`,
    'aws s3api get-bucket-policy --bucket media',
  ])
    assert.equal(evaluate({ command: c }, opts).decision, 'allow', c);
});
