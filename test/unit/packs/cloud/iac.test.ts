import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudPack } from '../../../../src/core/packs/cloud';
import type { SimpleCommand } from '../../../../src/core/types';
import { ctx, simple } from '../../support/helpers';

const ASK = 40;
const DENY = 90;
const w = (line: string): string[] => line.split(' ');
const run = (line: string, extra: Partial<SimpleCommand> = {}) =>
  cloudPack.analyze(simple(w(line), extra), ctx()) ?? [];
const ids = (line: string): string[] => run(line).map((f) => f.id);
const score = (line: string): number => run(line).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (line: string) => cloudPack.effect?.(simple(w(line)), ctx());

test('terraform destroy in every spelling asks, with plan -destroy as the alternative', () => {
  const [f] = run('terraform destroy -auto-approve');
  assert.equal(f.id, 'cloud.terraform-destroy');
  assert.match(f.alternative ?? '', /plan -destroy/);
  assert.ok(f.severity >= 80 && f.severity < DENY);
  for (const line of [
    'terraform apply -destroy',
    'terraform apply --destroy -auto-approve',
    'terraform apply -destroy=true',
    'tofu destroy',
    'terraform -chdir=infra destroy',
  ]) {
    assert.ok(
      ids(line).some((id) => id.endsWith('-destroy')),
      line,
    );
  }
  assert.equal(run('terraform -chdir=infra/prod destroy')[0].target, 'infra/prod');
  assert.equal(run('terraform destroy', { env: { TF_WORKSPACE: 'prod' } })[0].target, 'prod');
});

test('a targeted destroy asks less than a full one', () => {
  const [f] = run('terraform destroy -target=aws_instance.web');
  assert.equal(f.target, 'aws_instance.web');
  assert.ok(f.severity >= ASK && f.severity < score('terraform destroy'));
});

test('terragrunt reaches destroy through run-all, run --all and destroy-all', () => {
  for (const line of [
    'terragrunt run-all destroy',
    'terragrunt run --all -- destroy',
    'terragrunt destroy-all',
    'terragrunt destroy',
  ]) {
    assert.deepEqual(ids(line), ['cloud.terragrunt-destroy'], line);
  }
  assert.match(run('terragrunt run-all destroy')[0].summary, /every module/);
  assert.deepEqual(ids('terragrunt run-all plan'), []);
});

test('state surgery and forced replacement ask', () => {
  assert.deepEqual(ids('terraform state rm aws_s3_bucket.logs'), ['cloud.terraform-state-rm']);
  assert.deepEqual(ids('terraform force-unlock 1234'), ['cloud.terraform-force-unlock']);
  assert.deepEqual(ids('terraform taint aws_instance.web'), ['cloud.terraform-taint']);
  assert.deepEqual(ids('terraform workspace delete staging'), ['cloud.terraform-workspace-delete']);
  assert.deepEqual(ids('terraform apply -replace=aws_db_instance.main'), ['cloud.terraform-replace']);
  assert.ok(score('terraform state push -force backup.tfstate') > score('terraform state push backup.tfstate'));
});

test('apply -auto-approve without a reviewed plan asks; a saved plan does not', () => {
  assert.deepEqual(ids('terraform apply -auto-approve'), ['cloud.terraform-apply-unreviewed']);
  assert.deepEqual(ids('terraform apply -var env=prod -auto-approve'), ['cloud.terraform-apply-unreviewed']);
  assert.ok(score('terraform apply -auto-approve') >= ASK);
  assert.deepEqual(ids('terraform apply -auto-approve tfplan'), []);
  assert.deepEqual(ids('terraform apply tfplan'), []);
  assert.deepEqual(ids('terraform apply'), []);
  assert.deepEqual(ids('terraform apply -auto-approve=false'), []);
});

test('terraform reads stay quiet and say read', () => {
  for (const line of [
    'terraform plan',
    'terraform plan -destroy',
    'terraform fmt -recursive',
    'terraform validate',
    'terraform init -upgrade',
    'terraform output -json',
    'terraform state list',
    'terraform show',
    'terraform destroy -help',
  ]) {
    assert.deepEqual(ids(line), [], line);
  }
  for (const line of [
    'terraform plan',
    'terraform plan -destroy',
    'terraform state list',
    'terraform output',
    'terraform init',
  ])
    assert.equal(effect(line), 'read', line);
  for (const line of ['terraform apply', 'terraform destroy', 'terraform state rm x', 'terraform import a b'])
    assert.equal(effect(line), 'write', line);
});

test('pulumi destroy, stack rm and unreviewed up', () => {
  const [f] = run('pulumi destroy -s prod --yes');
  assert.equal(f.id, 'cloud.pulumi-destroy');
  assert.equal(f.target, 'prod');
  assert.ok(f.severity >= 80 && f.severity < DENY);
  assert.deepEqual(ids('pulumi destroy --preview-only'), []);
  assert.ok(score('pulumi destroy --target urn:x --yes') < f.severity);
  assert.ok(score('pulumi stack rm dev --force') > score('pulumi stack rm dev'));
  assert.ok(score('pulumi stack rm dev') >= ASK);
  assert.deepEqual(ids('pulumi up --yes'), ['cloud.pulumi-up-unreviewed']);
  for (const line of ['pulumi up', 'pulumi preview', 'pulumi stack ls', 'pulumi config set aws:region us-east-1'])
    assert.deepEqual(ids(line), [], line);
  assert.equal(effect('pulumi preview'), 'read');
  assert.equal(effect('pulumi stack output'), 'read');
  assert.equal(effect('pulumi up'), 'write');
});

test('cdk, cdktf, serverless and sam tear-downs ask; deploys and diffs do not', () => {
  assert.deepEqual(ids('cdk destroy --all --force'), ['cloud.cdk-destroy']);
  assert.equal(run('cdk destroy ApiStack')[0].target, 'ApiStack');
  assert.deepEqual(ids('cdktf destroy'), ['cloud.cdktf-destroy']);
  assert.deepEqual(ids('serverless remove --stage prod'), ['cloud.serverless-remove']);
  assert.deepEqual(ids('sls remove'), ['cloud.serverless-remove']);
  assert.deepEqual(ids('sam delete --stack-name app --no-prompts'), ['cloud.sam-delete']);
  for (const line of ['cdk deploy', 'cdk diff', 'cdk synth', 'sls deploy', 'sam build', 'cdk destroy --help'])
    assert.deepEqual(ids(line), [], line);
  assert.equal(effect('cdk diff'), 'read');
  assert.equal(effect('cdk deploy'), 'write');
});
