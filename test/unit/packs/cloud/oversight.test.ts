// Cloud and cluster calls that delete nothing by name yet take away what was
// there or what watches it: the account's audit trail and threat detection
// switched off, the account taken out of its organization, a bucket's prefix
// moved out whole, a deployment patched to zero replicas, and SQL run through
// PlanetScale's CLI. Each asks; its harmless neighbours stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';

const { judge } = engine({ '/home/dev/code/acme-api/drop.sql': 'DROP TABLE users;\n' });

test('switching off what records or watches an AWS account asks', () => {
  for (const command of [
    'aws cloudtrail stop-logging --name main-trail',
    'aws guardduty update-detector --detector-id abc --no-enable',
    'aws configservice stop-configuration-recorder --configuration-recorder-name default',
    'aws securityhub disable-security-hub',
    'aws --profile prod macie2 disable-macie',
    'aws organizations leave-organization',
  ])
    assertGated(judge, command, 'cloud.aws-oversight-off', 'ask');
  assert.match(judge('aws cloudtrail stop-logging --name t').findings[0].summary, /unrecorded/);
});

test('turning oversight on, reading it, and its help stay quiet', () => {
  for (const command of [
    'aws cloudtrail start-logging --name main-trail',
    'aws cloudtrail describe-trails',
    'aws guardduty update-detector --detector-id abc --enable',
    'aws guardduty update-detector --detector-id abc --finding-publishing-frequency SIX_HOURS',
    'aws securityhub enable-security-hub',
    'aws organizations describe-organization',
    'aws cloudtrail stop-logging help',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});

test("a recursive move out of a bucket asks as emptying it; a single object's rename and uploads stay quiet", () => {
  assertGated(judge, 'aws s3 mv s3://prod-data/ s3://tmp-bucket/ --recursive', 'cloud.aws-s3-move-out', 'ask');
  assertGated(judge, 'aws s3 mv --recursive s3://prod-data/exports ./exports', 'cloud.aws-s3-move-out', 'ask');
  for (const command of [
    'aws s3 mv s3://prod-data/a.csv s3://prod-data/archive/a.csv',
    'aws s3 mv ./dist s3://acme-site/ --recursive',
    'aws s3 mv s3://prod-data/ s3://tmp-bucket/ --recursive --dryrun',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});

test('kubectl patch to zero replicas asks as kubectl scale --replicas=0 does', () => {
  for (const command of [
    `kubectl patch deploy api -p '{"spec":{"replicas":0}}'`,
    `kubectl patch statefulset db --patch 'spec: {replicas: 0}'`,
    `kubectl patch deploy api --type json -p '[{"op":"replace","path":"/spec/replicas","value":0}]'`,
  ])
    assertGated(judge, command, 'cloud.kubectl-scale-to-zero', 'ask');
  for (const command of [
    `kubectl patch deploy api -p '{"spec":{"replicas":10}}'`,
    `kubectl patch deploy api -p '{"spec":{"replicas":0.5}}'`,
    `kubectl patch deploy api -p '{"spec":{"template":{"metadata":{"labels":{"v":"0"}}}}}'`,
    `kubectl patch deploy api -p '{"spec":{"replicas":0}}' --dry-run=server`,
  ])
    assert.equal(judge(command).decision, 'allow', command);
});

test("SQL run through PlanetScale's CLI is judged by what it runs", () => {
  for (const command of [
    'pscale sql db main --org acme --query "DROP TABLE users" --force',
    'echo "DROP TABLE users" | pscale shell db main',
    'pscale shell db main < drop.sql',
  ])
    assertGated(judge, command, 'sql.drop');
  for (const command of ['pscale sql db main --org acme --query "SELECT count(*) FROM users"', 'pscale shell db main'])
    assert.equal(judge(command).decision, 'allow', command);
});
