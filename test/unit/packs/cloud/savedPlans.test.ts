// A saved Terraform plan counts as reviewed only when someone could have read it: one made earlier on the
// same line and applied at once is applied unreviewed, and a destroy or replace plan made that way destroys
// as `terraform destroy` does. A plan saved by an earlier call, or a plan the line only makes, stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';

const { judge, decide } = engine();

test('a destroy plan saved and applied on one line is a destroy', () => {
  for (const command of [
    'terraform plan -destroy -out p && terraform apply p',
    'terraform plan -destroy -out=tf.plan; terraform apply -auto-approve tf.plan',
    'tofu plan -out plan.bin -destroy && tofu apply plan.bin',
    'terraform -chdir=infra plan -destroy -out=../d.plan && terraform apply ../d.plan',
  ])
    assertGated(judge, command, 'cloud.terraform-destroy');
});

test('a replace plan saved and applied on one line is a replacement', () => {
  assertGated(
    judge,
    'terraform plan -replace=aws_db_instance.main -out p && terraform apply p',
    'cloud.terraform-replace',
  );
});

test('any plan saved and applied on one line is applied unreviewed', () => {
  const r = judge('terraform plan -out p && terraform apply p');
  assert.equal(r.decision, 'ask');
  assert.ok(
    r.findings.some((f) => f.id === 'cloud.terraform-apply-unreviewed' && /earlier on this line/.test(f.summary)),
  );
});

test('a plan saved earlier, another file, or one only made stays quiet', () => {
  for (const command of [
    'terraform apply p',
    'terraform apply -auto-approve tfplan',
    'terraform plan -destroy -out p',
    'terraform plan -destroy -out p && terraform show p',
    'terraform plan -destroy -out p && terraform apply other.plan',
  ])
    assert.equal(decide(command), 'allow', command);
});
