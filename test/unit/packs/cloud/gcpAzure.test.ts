import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudPack } from '../../../../src/core/packs/cloud';
import { ctx, simple } from '../../support/helpers';

const ASK = 40;
const DENY = 90;
const w = (line: string): string[] => line.split(' ');
const run = (argv: string[]) => cloudPack.analyze(simple(argv), ctx()) ?? [];
const score = (argv: string[]): number => run(argv).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (line: string) => cloudPack.effect?.(simple(w(line)), ctx());

test('gcloud: a Cloud SQL instance takes its backups with it', () => {
  const [f] = run(w('gcloud sql instances delete prod-primary --quiet'));
  assert.equal(f.id, 'cloud.gcloud-sql-instance-delete');
  assert.equal(f.target, 'prod-primary');
  assert.match(f.summary, /backup/);
  assert.ok(f.severity >= 85 && f.severity < DENY);
  assert.equal(run(w('gcloud beta sql instances delete db --project acme'))[0].id, 'cloud.gcloud-sql-instance-delete');
});

test('gcloud deletions are weighed by what the command path names', () => {
  const project = score(w('gcloud projects delete acme'));
  const cluster = score(w('gcloud container clusters delete main --region us-central1'));
  const vm = score(w('gcloud compute instances delete vm-1 --zone us-east1-b'));
  const secret = score(w('gcloud secrets delete api-key'));
  assert.ok(project > cluster && cluster > vm && vm > secret && secret >= ASK);
  assert.ok(score(w('gcloud compute snapshots delete snap-1')) >= 85);
  assert.equal(run(w('gcloud run services delete api --region us-east1'))[0].target, 'api');
  assert.ok(score(w('gcloud kms keys versions destroy 1 --key k --keyring r --location global')) >= 85);
  assert.ok(score(w('gcloud sql instances patch prod --no-backup')) >= ASK);
  assert.ok(
    score(['gcloud', 'spanner', 'databases', 'execute-sql', 'db', '--instance', 'i', '--sql', 'DROP TABLE users']) >=
      ASK,
  );
});

test('gcloud storage rm: one object asks lightly, recursive asks more', () => {
  const one = score(w('gcloud storage rm gs://bucket/file.txt'));
  const all = score(w('gcloud storage rm -r gs://bucket'));
  assert.ok(one >= ASK && all > one);
  assert.ok(score(w('gcloud storage rm gs://bucket/**')) > one);
});

test('gcloud reads and local configuration stay quiet', () => {
  for (const line of [
    'gcloud config list',
    'gcloud config set project acme',
    'gcloud config unset project',
    'gcloud auth login',
    'gcloud compute instances list',
    'gcloud sql instances describe prod',
    'gcloud storage ls gs://b',
    'gcloud config configurations delete old',
    'gcloud sql instances delete prod --help',
    'gcloud help sql instances delete',
  ])
    assert.equal(score(w(line)), 0, line);
  assert.equal(effect('gcloud config list'), 'read');
  assert.equal(effect('gcloud compute instances list --project prod'), 'read');
  assert.equal(effect('gcloud sql instances describe prod'), 'read');
  assert.equal(effect('gcloud compute instances delete vm-1'), 'write');
  assert.equal(effect('gcloud run deploy api --image x'), 'write');
});

test('gsutil and bq', () => {
  assert.equal(run(w('gsutil -m rm -r gs://acme-backups'))[0].id, 'cloud.gsutil-delete-recursive');
  assert.ok(score(w('gsutil rm gs://b/o.txt')) >= ASK);
  assert.ok(score(w('gsutil rb gs://b')) >= ASK);
  assert.ok(score(w('gsutil rsync -d ./dist gs://site')) >= ASK);
  assert.equal(score(w('gsutil rsync -d -n ./dist gs://site')), 0);
  assert.equal(score(w('gsutil ls gs://b')), 0);
  assert.equal(score(w('gsutil cp gs://b/o ./o')), 0);
  assert.equal(effect('gsutil ls gs://b'), 'read');
  assert.ok(score(w('bq rm -r -f -d acme:analytics')) >= ASK);
  assert.ok(score(['bq', 'query', '--use_legacy_sql=false', 'DELETE FROM ds.t']) >= ASK);
  assert.equal(score(['bq', 'query', '--use_legacy_sql=false', 'SELECT * FROM ds.t']), 0);
});

test('az group delete takes every resource in the group', () => {
  const [f] = run(w('az group delete --name prod-rg --yes'));
  assert.equal(f.id, 'cloud.az-group-delete');
  assert.equal(f.target, 'prod-rg');
  assert.ok(f.severity >= 85 && f.severity < DENY);
  assert.equal(run(w('az group delete -g staging-rg'))[0].target, 'staging-rg');
});

test('az deletions by kind, with the resource name as target', () => {
  const db = run(w('az sql db delete -g rg -s srv -n orders'));
  assert.equal(db[0].target, 'orders');
  const vm = score(w('az vm delete -g rg -n vm1 --yes'));
  const blob = score(w('az storage blob delete --account-name a -c c -n file.txt'));
  assert.ok(db[0].severity > vm && vm > blob && blob >= ASK);
  assert.ok(score(w('az storage blob delete-batch --account-name a --source uploads')) > blob);
  assert.ok(score(w('az aks delete -g rg -n main')) >= 80);
  assert.ok(
    score(w('az backup protection disable --container-name c --item-name i --delete-backup-data true -g rg -v v')) >=
      85,
  );
  assert.equal(
    score(w('az backup protection disable --container-name c --item-name i --delete-backup-data false -g rg -v v')),
    0,
  );
});

test('az Complete-mode deployments delete what the template omits', () => {
  assert.equal(
    run(w('az deployment group create -g rg --template-file main.bicep --mode Complete'))[0].id,
    'cloud.az-deployment-complete-mode',
  );
  assert.equal(score(w('az deployment group create -g rg --template-file main.bicep')), 0);
  assert.equal(score(w('az deployment group create -g rg --template-file main.bicep --mode Complete --what-if')), 0);
});

test('az reads and local settings stay quiet', () => {
  for (const line of [
    'az group list',
    'az account set --subscription x',
    'az config unset defaults.group',
    'az vm list -g rg',
    'az vm delete --help',
  ]) {
    assert.equal(score(w(line)), 0, line);
  }
  assert.equal(effect('az vm show -g rg -n vm1'), 'read');
  assert.equal(effect('az account show'), 'read');
  assert.equal(effect('az vm restart -g rg -n vm1'), 'write');
});
