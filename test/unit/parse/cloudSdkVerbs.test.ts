// Code that loads a cloud or hosted-database SDK and calls a deleting verb on
// any of its clients asks (`boto3.client("backup").delete_recovery_point`,
// `DisksClient().delete`, `bucket.deleteFiles`, `firestore().recursiveDelete`,
// `supabase.from(t).delete()`, `volume.destroy()`, `deregister_image`). Reads, and
// a list's or Map's own delete without an SDK, stay quiet. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../support/hookHarness';

test('a deleting verb on any cloud SDK client asks; reads and plain collections stay quiet', async () => {
  await withSandbox(async (sb) => {
    const check = (c: string) =>
      JSON.parse(runCli(sb, ['check', '--json', '--', c]).stdout) as { decision: string; findings: { id: string }[] };
    for (const command of [
      `python3 -c 'import boto3; boto3.client("backup").delete_recovery_point(BackupVaultName="v", RecoveryPointArn="a")'`,
      `python3 -c 'import boto3; boto3.client("ec2").deregister_image(ImageId="ami-1")'`,
      `python3 -c 'from google.cloud import compute_v1; compute_v1.DisksClient().delete(project="p", zone="z", disk="d")'`,
      `python3 -c 'import digitalocean; digitalocean.Manager(token="x").get_all_volumes()[0].destroy()'`,
      `node -e 'new (require("@google-cloud/storage").Storage)().bucket("prod").deleteFiles({force:true})'`,
      `node -e 'require("firebase-admin").firestore().recursiveDelete(ref)'`,
      `node -e 'require("@supabase/supabase-js").createClient(u,k).from("users").delete().neq("id",0)'`,
    ]) {
      const r = check(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'code.sdk-delete'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      `python3 -c 'import boto3; print(boto3.client("backup").list_backup_vaults())'`,
      `node -e 'require("@supabase/supabase-js").createClient(u,k).from("users").select("*").then(console.log)'`,
      `python3 -c 'import boto3; s=set([1]); s.remove(1); print(boto3.__version__)'`,
      `python3 -c 'l=[1]; l.remove(1); d={"a":1}; d.pop("a")'`,
      `node -e 'const m=new Map(); m.set(1,2); m.delete(1)'`,
    ])
      assert.equal(check(command).decision, 'allow', command);
  });
});
