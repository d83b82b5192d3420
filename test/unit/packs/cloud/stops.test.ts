// A cloud CLI call that switches off a database or an instance (`aws rds
// stop-db-instance`, `az vm deallocate`, `gcloud sql instances patch
// --activation-policy=NEVER`) was allowed: the verb deletes nothing. What it
// served is down until someone starts it again, so it asks, as a provider
// API's pause does. A stopped query, build or task, and start, describe and
// list, stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { findStopVerb } from '../../../../src/core/packs/common/stopVerbs';

test('the stopping verb is found as a word or in a joined operation name, not after another verb', () => {
  const none = () => false;
  assert.deepEqual(findStopVerb(['rds', 'stop-db-instance'], 2, none), {
    verb: 'stop',
    index: 1,
    nouns: ['rds', 'db', 'instance'],
  });
  assert.equal(findStopVerb(['compute', 'droplet-action', 'power-off'], 5, none)?.verb, 'poweroff');
  assert.equal(findStopVerb(['redshift', 'pause-cluster'], 2, none)?.verb, 'pause');
  assert.equal(
    findStopVerb(['compute', 'instances', 'describe', 'stop-me'], 5, (w) => w === 'describe'),
    undefined,
  );
});

test('stopping a cloud database or instance asks; start, describe, list and a stopped job stay quiet', () => {
  const { decide, ids } = engine();
  const gated: [string, string][] = [
    ['aws rds stop-db-instance --db-instance-identifier prod', 'cloud.aws-stop'],
    ['aws rds stop-db-cluster --db-cluster-identifier prod', 'cloud.aws-stop'],
    ['aws ec2 stop-instances --instance-ids i-0abc', 'cloud.aws-stop'],
    ['aws redshift pause-cluster --cluster-identifier dw', 'cloud.aws-stop'],
    ['gcloud sql instances patch prod --activation-policy=NEVER', 'cloud.gcloud-stop'],
    ['gcloud compute instances stop web-1 --zone us-east1-b', 'cloud.gcloud-stop'],
    ['az postgres flexible-server stop --name prod -g rg', 'cloud.az-stop'],
    ['az vm deallocate --name prod -g rg', 'cloud.az-stop'],
    ['doctl compute droplet-action power-off 123', 'cloud.doctl-stop'],
  ];
  for (const [command, id] of gated) {
    assert.equal(decide(command), 'ask', command);
    assert.ok(ids(command).includes(id), `${command}: ${ids(command)}`);
  }
  for (const command of [
    'aws rds describe-db-instances',
    'aws rds start-db-instance --db-instance-identifier prod',
    'gcloud sql instances patch prod --activation-policy=ALWAYS',
    'gcloud compute instances describe stop-me',
    'az postgres flexible-server start --name prod -g rg',
    'az vm list',
    'aws logs stop-query --query-id 1',
    'aws ecs stop-task --cluster c --task t',
    'aws codebuild stop-build --id x',
    'aws ec2 stop-instances --instance-ids i-1 --dry-run',
    'az vm stop --help',
  ]) {
    assert.equal(decide(command), 'allow', command);
  }
});
