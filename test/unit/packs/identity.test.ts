// Identity and secrets: broad power granted, trust opened to anyone,
// long-lived keys minted, secrets and engines destroyed, production secrets
// written into CI ask; narrow grants, reads and ordinary CI variables do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { HOME } from '../support/helpers';

const { decide, ids } = engine({ [`${HOME}/.aws/credentials`]: '[default]\naws_secret_access_key = x\n' });
const TRUST_ANYONE = `'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}'`;
const TRUST_ONE = `'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'`;

test('broad grants ask; narrow ones do not', () => {
  const gated = [
    'az role assignment create --role Owner --assignee ci@acme.com --scope /subscriptions/0000',
    "az role assignment create --assignee 1111 --role 'User Access Administrator' --scope /",
    'gcloud projects add-iam-policy-binding acme --member=user:x@gmail.com --role=roles/owner',
    'gcloud projects add-iam-policy-binding acme --member=allUsers --role=roles/storage.objectViewer',
    'aws iam attach-user-policy --user-name deploy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    `aws iam update-assume-role-policy --role-name deploy --policy-document ${TRUST_ANYONE}`,
    `aws iam put-user-policy --user-name dev --policy-name all --policy-document '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'`,
    'kubectl create clusterrolebinding dev-admin --clusterrole=cluster-admin --user=dev@acme.com',
    'gh api -X PUT repos/acme/api/collaborators/outsider -f permission=admin',
    'gsutil iam ch allUsers:objectViewer gs://acme-data',
  ];
  for (const line of gated) assert.equal(decide(line), 'ask', line);
  const quiet = [
    'az role assignment create --role Reader --assignee ci@acme.com --scope /subscriptions/0000/resourceGroups/dev',
    'gcloud projects add-iam-policy-binding acme-dev --member=serviceAccount:ci@x.iam.gserviceaccount.com --role=roles/logging.viewer',
    'aws iam attach-role-policy --role-name lambda --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    `aws iam update-assume-role-policy --role-name fn --policy-document ${TRUST_ONE}`,
    'kubectl create rolebinding view-bot --clusterrole=view --serviceaccount=dev:bot -n dev',
    'gh api repos/acme/api/collaborators',
  ];
  for (const line of quiet) assert.equal(decide(line), 'allow', line);
  assert.ok(
    ids('az role assignment create --role Owner --assignee a --scope /subscriptions/0').includes(
      'identity.broad-grant',
    ),
  );
});

test('long-lived credentials minted ask', () => {
  for (const line of [
    'aws iam create-access-key --user-name deploy-bot',
    'aws iam create-access-key',
    'gcloud iam service-accounts keys create key.json --iam-account d@acme.iam.gserviceaccount.com',
    'az ad sp create-for-rbac --name ci --role Owner --scopes /subscriptions/0',
    'vault token create -policy=root -period=0',
    'vault token create -orphan -policy=admin',
  ]) {
    assert.equal(decide(line), 'ask', line);
  }
  assert.equal(decide('vault token create -policy=deploy -ttl=1h'), 'allow');
});

test('secrets and secret engines destroyed ask; reading lists and writing dev secrets do not', () => {
  for (const line of [
    'vault secrets disable secret/',
    'vault kv metadata delete secret/prod/db',
    'vault kv destroy -versions=1 secret/app',
    'vault auth disable userpass',
    'doppler secrets delete STRIPE_KEY --project api --config prd -y',
    'infisical secrets delete DB_PASSWORD --env=prod',
    "op item delete 'Production DB' --vault Ops",
    'aws secretsmanager delete-secret --secret-id prod/db --force-delete-without-recovery',
    'az keyvault purge --name acme-kv',
  ]) {
    assert.equal(decide(line), 'ask', line);
  }
  for (const line of [
    'vault kv list secret/',
    'vault secrets list',
    'vault status',
    'doppler secrets --only-names',
    'vault kv put secret/dev/app feature=on',
    'op vault list',
    'aws secretsmanager list-secrets',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('production secrets written into CI settings ask; ordinary CI variables do not', () => {
  for (const line of [
    'gh secret set PROD_DATABASE_URL --body "$DATABASE_URL"',
    'gh secret set AWS_SECRET_ACCESS_KEY < ~/.aws/credentials',
    'gh secret set -f .env.production',
    'glab variable set PROD_TOKEN --value x',
    'glab variable set DEPLOY_TOKEN --value x --masked=false',
    'vercel env add DATABASE_URL production',
  ]) {
    assert.equal(decide(line), 'ask', line);
  }
  for (const line of [
    'gh secret list',
    'gh secret set NPM_REGISTRY --body https://registry.npmjs.org',
    'gh variable set NODE_VERSION --body 20',
    'vercel env add API_URL preview',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('Vault: the raw sys/ API paths read as the commands they stand for; broad token revokes ask', () => {
  for (const [line, id] of [
    ['vault write -f sys/seal', 'identity.vault-operator'],
    ['vault write sys/step-down', 'identity.vault-operator'],
    ['vault delete sys/mounts/secret', 'identity.secret-engine-disable'],
    ['vault delete /v1/sys/auth/userpass', 'identity.auth-disable'],
    ['vault delete sys/policies/acl/admins', 'identity.policy-delete'],
    ['vault write -f sys/leases/revoke-prefix/aws/creds', 'identity.credential-revoke'],
    ['vault token revoke -mode=path auth/', 'identity.credential-revoke'],
    ['vault token revoke -mode path auth/github/', 'identity.credential-revoke'],
  ]) {
    assert.equal(decide(line), 'ask', line);
    assert.deepEqual(ids(line), [id], line);
  }
  for (const line of [
    'vault token revoke -self',
    'vault token revoke s.abc123',
    'vault write secret/app foo=bar',
    'vault write sys/policies/acl/dev policy=@dev.hcl',
    'vault token lookup',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});
