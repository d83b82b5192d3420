// Cloud SDK deletions written in forms the SDK readers missed: boto3's resource
// objects (`Bucket(b).objects.all().delete()`), BigQuery's `delete_dataset`,
// Azure's `delete_container` and `begin_delete`, an AWS SDK v3 command class
// fetched inside `new (…)`, and Ruby's `bucket(b).delete!`. Each asks as
// `code.sdk-delete`; listing, uploading and a dict's or Map's delete stay quiet.
// The built CLI is run as users meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../support/hookHarness';

function check(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string) {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return JSON.parse(r.stdout) as { decision: string; findings: { id: string }[] };
}

test('SDK resource deletions ask; reads and container deletes stay quiet', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      `python3 -c "import boto3;boto3.resource('s3').Bucket('acme-backups').objects.all().delete()"`,
      `python3 -c "import boto3;boto3.resource('ec2').Volume('vol-1').delete()"`,
      `python3 -c "from google.cloud import bigquery;bigquery.Client().delete_dataset('acme.prod',delete_contents=True)"`,
      `python3 -c "from azure.mgmt.resource import ResourceManagementClient as R;R(c,s).resource_groups.begin_delete('rg')"`,
      `node -e "new (require('@aws-sdk/client-s3').S3Client)().send(new (require('@aws-sdk/client-s3').DeleteBucketCommand)({Bucket:'b'}))"`,
      `ruby -e 'require "aws-sdk-s3"; Aws::S3::Resource.new.bucket("backups").delete!'`,
    ]) {
      const r = check(sb, command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'code.sdk-delete'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      `python3 -c "import boto3;print(boto3.client('s3').list_buckets())"`,
      `python3 -c "import boto3;boto3.resource('s3').Bucket('acme-assets').upload_file('a.txt','a.txt')"`,
      `python3 -c "import boto3;[print(o.key) for o in boto3.resource('s3').Bucket('b').objects.all()]"`,
      `ruby -e 'h={a: 1}; h.delete(:a); p h'`,
      `node -e "const m=new Map();m.set(1,2);m.delete(1)"`,
    ]) {
      assert.equal(check(sb, command).decision, 'allow', command);
    }
  });
});
