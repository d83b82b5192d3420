// Orchestration and IaC: GitOps syncs that prune, job purges, admission and
// pod-security policy switched off, deploys that skip approval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

const { decide, ids } = engine();

test('GitOps prune syncs and deletions ask; plain syncs, diffs and dry runs do not', () => {
  assert.equal(decide('argocd app sync shop --prune'), 'ask');
  assert.ok(ids('argocd app sync shop --prune').includes('deploy.gitops-prune'));
  assert.equal(decide('argocd app sync payments --force --replace'), 'ask');
  assert.equal(decide('argocd app set shop --auto-prune'), 'ask');
  assert.equal(decide('argocd app delete shop --cascade'), 'ask');
  assert.equal(decide('flux delete kustomization apps --silent'), 'ask');
  assert.equal(decide('helmfile destroy'), 'ask');
  assert.equal(decide('helmfile -e production sync'), 'ask');
  for (const line of [
    'argocd app sync shop',
    'argocd app diff shop',
    'argocd app sync shop --dry-run --prune',
    'helmfile diff',
    'helmfile -e dev apply',
    'flux reconcile kustomization apps',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('job purges ask; status and plans do not', () => {
  assert.equal(decide('nomad job stop -purge api'), 'ask');
  assert.equal(decide('nomad system gc'), 'ask');
  assert.equal(decide('nomad namespace delete payments'), 'ask');
  assert.equal(decide('nomad job status api'), 'allow');
  assert.equal(decide('nomad job plan api.nomad.hcl'), 'allow');
});

test('admission and pod-security policy switched off asks; ordinary labels do not', () => {
  assert.equal(
    decide('kubectl label namespace payments pod-security.kubernetes.io/enforce=privileged --overwrite'),
    'ask',
  );
  assert.equal(decide('kubectl label ns default policy.sigstore.dev/include=false --overwrite'), 'ask');
  assert.equal(decide('kubectl label ns payments pod-security.kubernetes.io/enforce-'), 'ask');
  assert.equal(decide('kubectl annotate ns default admission.datadoghq.com/enabled=false --overwrite'), 'ask');
  assert.equal(
    decide('kubectl delete validatingwebhookconfiguration gatekeeper-validating-webhook-configuration'),
    'ask',
  );
  assert.equal(decide('kubectl label namespace payments team=billing'), 'allow');
  assert.equal(decide('kubectl label ns payments pod-security.kubernetes.io/enforce=restricted --overwrite'), 'allow');
});

test('deploys that skip their approval step ask', () => {
  assert.equal(decide('gh workflow run deploy.yml -f environment=production -f skip_approval=true'), 'ask');
  assert.equal(decide('gh workflow run release.yml -f bypass_checks=true'), 'ask');
  assert.equal(decide('cdk deploy --require-approval never'), 'ask');
  assert.equal(decide('pulumi up --yes --skip-preview --stack production'), 'ask');
  assert.equal(decide('gh workflow run ci.yml -f debug=true'), 'allow');
  assert.equal(decide('cdk diff'), 'allow');
});
