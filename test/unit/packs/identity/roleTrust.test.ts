// Replacing who may assume an existing role with a trust policy that cannot be read asks: the role keeps every
// permission it holds, and a document AgentGuard cannot see is not taken to name one narrow principal. A trust
// document written earlier on the same line is read as the line left it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const ONE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const ANYONE = '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}';
const { judge, decide } = engine({ [`${WORKSPACE}/trust.json`]: ONE });

test('a trust policy that cannot be read asks', () => {
  for (const command of [
    'aws iam update-assume-role-policy --role-name Admin --policy-document file://missing.json',
    'aws iam update-assume-role-policy --role-name Admin --policy-document "$TRUST"',
    'aws iam update-assume-role-policy --role-name Admin --policy-document file:///dev/stdin < t.json',
  ])
    assertGated(judge, command, 'identity.role-trust-unread', 'ask');
});

test('a trust policy written on the same line is read as written', () => {
  assertGated(
    judge,
    `printf '%s' '${ANYONE}' > t.json && aws iam update-assume-role-policy --role-name deploy --policy-document file://t.json`,
    'identity.broad-grant',
  );
  assert.equal(
    decide(
      `printf '%s' '${ONE}' > t2.json && aws iam update-assume-role-policy --role-name fn --policy-document file://t2.json`,
    ),
    'allow',
  );
});

test('a readable narrow trust and a new role stay quiet', () => {
  for (const command of [
    'aws iam update-assume-role-policy --role-name fn --policy-document file://trust.json',
    'aws iam create-role --role-name fn --assume-role-policy-document file://missing.json',
    'aws iam get-role --role-name Admin',
  ])
    assert.equal(decide(command), 'allow', command);
});
