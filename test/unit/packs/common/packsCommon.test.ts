// What the packs share (src/core/packs/common/): one finding() in one
// argument order, and one rule for which hosts are this machine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLocalHost as environmentIsLocalHost } from '../../../../src/core/environment/clues';
import { finding } from '../../../../src/core/packs/common/finding';
import { isLocalHost, isLocalHostUrl } from '../../../../src/core/packs/common/urls';
import { findDeleteVerb } from '../../../../src/core/packs/common/verbs';
import { engine } from '../../support/engineHarness';

test('finding() takes id, severity, summary, target, alternative, and leaves an empty target or alternative out', () => {
  assert.deepEqual(finding('x.y', 60, 'deletes it', 'bucket', 'do not'), {
    id: 'x.y',
    severity: 60,
    summary: 'deletes it',
    target: 'bucket',
    alternative: 'do not',
  });
  const bare = finding('x.y', 50, 'deletes it', '', undefined);
  assert.deepEqual(bare, { id: 'x.y', severity: 50, summary: 'deletes it' });
  assert.ok(!('target' in bare) && !('alternative' in bare));
});

test('the packs and the environment read this machine by the same rule', () => {
  assert.equal(isLocalHost, environmentIsLocalHost, 'one function, not two with different rules');
  // What only the environment's rule knew: upper case and unix socket paths (PGHOST=/var/run/postgresql).
  for (const h of ['LOCALHOST', 'Api.Localhost', '/var/run/postgresql']) assert.ok(isLocalHost(h), h);
  for (const h of ['localhost.acme.io', '10.0.0.5', 'db.prod.internal']) assert.ok(!isLocalHost(h), h);
  assert.ok(isLocalHostUrl('http://LOCALHOST:4566'));
  assert.ok(!isLocalHostUrl('https://s3.amazonaws.com'));
});

test('an API action in PascalCase is read word by word, as the CLIs of Alibaba, Tencent and Huawei Cloud take them', () => {
  assert.equal(findDeleteVerb(['ecs', 'DeleteInstance'])?.verb, 'delete');
  assert.deepEqual(findDeleteVerb(['cvm', 'TerminateInstances'])?.nouns, ['cvm', 'instances']);
  assert.equal(findDeleteVerb(['ecs', 'DescribeInstances']), undefined);
  assert.equal(findDeleteVerb(['run', 'migrations:wipeUsers']), undefined, 'a camelCase name is one of the project');
  const { decide } = engine();
  for (const c of [
    'aliyun ecs DeleteInstance --InstanceId i-123 --Force true',
    `tccli cvm TerminateInstances --InstanceIds '["ins-1"]'`,
    'huaweicloud ecs DeleteServers --servers x',
  ])
    assert.equal(decide(c), 'ask', c);
  for (const c of ['aliyun ecs DescribeInstances --RegionId cn-hangzhou', 'tccli cvm DescribeInstances'])
    assert.equal(decide(c), 'allow', c);
});
