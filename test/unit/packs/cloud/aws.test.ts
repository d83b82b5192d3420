import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudPack } from '../../../../src/core/packs/cloud';
import type { SimpleCommand } from '../../../../src/core/types';
import { ctx, simple, WORKSPACE } from '../../support/helpers';

const ASK = 40;
const DENY = 90;
/** Words split on spaces: enough for commands without quoted spaces. */
const w = (line: string): string[] => line.split(' ');
const run = (argv: string[], extra: Partial<SimpleCommand> = {}, files: Record<string, string> = {}) =>
  cloudPack.analyze(simple(argv, extra), ctx(files)) ?? [];
const score = (argv: string[], extra: Partial<SimpleCommand> = {}, files: Record<string, string> = {}): number =>
  run(argv, extra, files).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (line: string) => cloudPack.effect?.(simple(w(line)), ctx());

test('s3 rm --recursive and rb --force ask, with the bucket as target', () => {
  const [rm] = run(w('aws s3 rm s3://acme-uploads --recursive'));
  assert.equal(rm.id, 'cloud.aws-s3-delete-recursive');
  assert.equal(rm.target, 's3://acme-uploads');
  assert.match(rm.alternative ?? '', /--dryrun/);
  assert.ok(rm.severity >= ASK && rm.severity < DENY);
  const [rb] = run(w('aws s3 rb s3://acme-db-backups --force'));
  assert.equal(rb.id, 'cloud.aws-s3-bucket-delete');
  assert.ok(rb.severity > score(w('aws s3 rb s3://empty-bucket')), 'emptying the bucket first is worse');
  assert.ok(score(w('aws s3 rb s3://empty-bucket')) >= ASK);
});

test('a single s3 object asks lightly; a dry run, listing and copying stay quiet', () => {
  const one = score(w('aws s3 rm s3://bucket/key.txt'));
  assert.ok(one >= ASK && one < score(w('aws s3 rm s3://bucket/prefix --recursive')));
  for (const line of [
    'aws s3 rm s3://bucket/prefix --recursive --dryrun',
    'aws s3 ls s3://acme-prod-uploads',
    'aws s3 cp ./dist s3://acme-site --recursive',
    'aws s3 sync ./dist s3://acme-site',
    'aws s3 mb s3://new-bucket',
    'aws s3 presign s3://b/k',
    'aws s3 rm help',
    'aws s3 rm s3://b/k --help',
  ])
    assert.equal(score(w(line)), 0, line);
});

test('s3 sync --delete names the destination that loses files', () => {
  const [up] = run(w('aws s3 sync ./dist s3://acme-site --delete'));
  assert.equal(up.target, 's3://acme-site');
  assert.ok(up.severity >= ASK);
  const [down] = run(w('aws s3 sync s3://acme-site ./backup --delete --exclude *.tmp'));
  assert.equal(down.target, './backup');
  assert.ok(down.severity >= ASK);
});

test('rds: no final snapshot and automated backups deleted too is the one deny', () => {
  const [f] = run(w('aws rds delete-db-instance --db-instance-identifier prod-db --skip-final-snapshot'));
  assert.equal(f.id, 'cloud.aws-rds-delete-no-backup');
  assert.equal(f.target, 'prod-db');
  assert.ok(f.severity >= DENY);
  assert.match(f.alternative ?? '', /final-db-snapshot-identifier/);
  assert.ok(
    score(w('aws --profile prod rds delete-db-cluster --db-cluster-identifier main --skip-final-snapshot')) >= DENY,
  );
  // Keeping the automated backups, or taking a final snapshot, leaves a way back: ask.
  const kept = score(
    w('aws rds delete-db-instance --db-instance-identifier x --skip-final-snapshot --no-delete-automated-backups'),
  );
  assert.ok(kept >= ASK && kept < DENY);
  const snap = score(w('aws rds delete-db-instance --db-instance-identifier x --final-db-snapshot-identifier x-final'));
  assert.ok(snap >= ASK && snap < kept);
});

test('delete-, terminate-, deregister-, purge- operations in any service ask, weighed by what they hit', () => {
  const snapshot = score(w('aws rds delete-db-snapshot --db-snapshot-identifier nightly'));
  const table = score(w('aws dynamodb delete-table --table-name Orders'));
  const instances = score(w('aws ec2 terminate-instances --instance-ids i-0abc123'));
  const user = score(w('aws iam delete-user --user-name bob'));
  const item = score(w('aws dynamodb delete-item --table-name Orders --key k'));
  for (const s of [snapshot, table, instances, user, item]) assert.ok(s >= ASK && s < DENY);
  assert.ok(snapshot > table && table > instances && instances > user && user > item);
  // Services nobody listed are judged by the operation name.
  assert.ok(score(w('aws opensearch delete-domain --domain-name logs')) >= ASK);
  assert.ok(score(w('aws backup delete-recovery-point --backup-vault-name v --recovery-point-arn a')) >= 80);
  assert.ok(score(w('aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/1/jobs')) >= ASK);
  assert.ok(score(w('aws ec2 deregister-image --image-id ami-1')) >= ASK);
  // A bucket's policy is configuration, not the bucket.
  assert.ok(
    score(w('aws s3api delete-bucket-policy --bucket acme')) < score(w('aws s3api delete-bucket --bucket acme')),
  );
  assert.equal(run(w('aws ec2 terminate-instances --instance-ids i-1'))[0].target, 'i-1');
});

test('options that remove the way back raise the severity', () => {
  assert.ok(
    score(w('aws secretsmanager delete-secret --secret-id prod/db --force-delete-without-recovery')) >
      score(w('aws secretsmanager delete-secret --secret-id prod/db')),
  );
  assert.ok(
    score(w('aws redshift delete-cluster --cluster-identifier dw --skip-final-cluster-snapshot')) >
      score(w('aws redshift delete-cluster --cluster-identifier dw --final-cluster-snapshot-identifier s')),
  );
  const [kms] = run(w('aws kms schedule-key-deletion --key-id abc --pending-window-in-days 7'));
  assert.equal(kms.id, 'cloud.aws-kms-key-deletion');
  assert.ok(kms.severity >= 80 && kms.severity < DENY);
  assert.equal(
    run(w('aws rds modify-db-instance --db-instance-identifier prod --backup-retention-period 0'))[0].id,
    'cloud.aws-rds-backups-off',
  );
  assert.equal(score(w('aws rds modify-db-instance --db-instance-identifier prod --backup-retention-period 7')), 0);
  const [stack] = run(w('aws cloudformation delete-stack --stack-name api'));
  assert.match(stack.summary, /every resource/);
  assert.ok(stack.severity >= 80);
});

test('scaling a service or group to zero asks', () => {
  assert.equal(
    run(w('aws ecs update-service --cluster prod --service api --desired-count 0'))[0].id,
    'cloud.aws-scale-to-zero',
  );
  assert.equal(run(w('aws ecs update-service --cluster prod --service api --desired-count 0'))[0].target, 'api');
  assert.ok(
    score(w('aws autoscaling update-auto-scaling-group --auto-scaling-group-name web --desired-capacity 0')) >= ASK,
  );
  assert.equal(score(w('aws ecs update-service --cluster prod --service api --desired-count 3')), 0);
  assert.equal(score(w('aws ecs update-service --cluster prod --service api --force-new-deployment')), 0);
});

test('SQL run by aws against cloud databases is read for destructive statements', () => {
  assert.equal(
    run(['aws', 'athena', 'start-query-execution', '--query-string', 'DROP TABLE events'])[0].id,
    'cloud.aws-destructive-sql',
  );
  assert.ok(
    score(['aws', 'rds-data', 'execute-statement', '--resource-arn', 'arn', '--sql', 'DELETE FROM users']) >= ASK,
  );
  assert.equal(
    score(['aws', 'rds-data', 'execute-statement', '--resource-arn', 'arn', '--sql', 'DELETE FROM users WHERE id = 3']),
    0,
  );
  assert.equal(score(['aws', 'athena', 'start-query-execution', '--query-string', 'SELECT * FROM events']), 0);
});

test('route53 change batches that DELETE records ask, read from file:// too', () => {
  const batch = '{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"api.acme.io"}}]}';
  assert.equal(
    run(['aws', 'route53', 'change-resource-record-sets', '--hosted-zone-id', 'Z1', '--change-batch', batch])[0].id,
    'cloud.aws-dns-record-delete',
  );
  const files = { [`${WORKSPACE}/dns.json`]: batch, [`${WORKSPACE}/upsert.json`]: batch.replace('DELETE', 'UPSERT') };
  assert.ok(
    score(w('aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://dns.json'), {}, files) >=
      ASK,
  );
  assert.equal(
    score(
      w('aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://upsert.json'),
      {},
      files,
    ),
    0,
  );
});

test('local emulators (LocalStack) and dry runs are scratch space', () => {
  assert.equal(score(w('aws --endpoint-url http://localhost:4566 s3 rb s3://test --force')), 0);
  assert.equal(
    score(w('aws dynamodb delete-table --table-name T'), { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:8000' } }),
    0,
  );
  assert.ok(score(w('aws --endpoint-url https://s3.eu-west-1.amazonaws.com s3 rb s3://b --force')) >= ASK);
  assert.equal(score(w('aws ec2 terminate-instances --instance-ids i-1 --dry-run')), 0);
});

test('effect: reads are reads, so production can be inspected without a prompt', () => {
  for (const line of [
    'aws sts get-caller-identity',
    'aws s3 ls s3://acme-prod-uploads',
    'aws ec2 describe-instances',
    'aws rds describe-db-instances',
    'aws logs tail /aws/lambda/x --follow',
    'aws dynamodb scan --table-name T',
    'aws s3 cp s3://b/k ./k',
    'aws configure list',
    'aws --profile prod secretsmanager get-secret-value --secret-id x',
    'aws s3 help',
  ])
    assert.equal(effect(line), 'read', line);
  for (const line of [
    'aws s3 cp ./k s3://b/k',
    'aws ec2 start-instances --instance-ids i-1',
    'aws rds delete-db-instance --db-instance-identifier x',
    'aws lambda update-function-code --function-name f',
    'aws s3 rm s3://b/k',
  ])
    assert.equal(effect(line), 'write', line);
});

test('closing an AWS account is critical; looking at the organization is not', () => {
  const [f] = run(w('aws organizations close-account --account-id 123456789012'));
  assert.equal(f.id, 'cloud.aws-account-close');
  assert.ok(f.severity >= 85 && f.severity < DENY);
  assert.equal(f.target, '123456789012');
  assert.deepEqual(run(w('aws organizations list-accounts')), []);
  assert.deepEqual(run(w('aws organizations describe-account --account-id 123456789012')), []);
});
