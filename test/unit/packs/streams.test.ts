// Message brokers and streams: deleting topics, streams, queues and consumer
// groups, purging, deleting records, resetting offsets and cutting retention
// ask; listing, describing, producing and consuming stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { streamsPack } from '../../../src/core/packs/streams';
import { ctx, simple } from '../support/helpers';
import { engine } from '../support/engineHarness';

const ids = (line: string) => (streamsPack.analyze(simple(line.split(' ')), ctx()) ?? []).map((f) => f.id);
const { decide } = engine();
const BROKER = '--bootstrap-server kafka.acme.io:9092';

test('kafka tools: what their flags destroy', () => {
  assert.deepEqual(ids(`kafka-topics ${BROKER} --delete --topic orders`), ['stream.topic-delete']);
  assert.deepEqual(ids(`kafka-topics.sh ${BROKER} --delete --topic orders`), ['stream.topic-delete']);
  assert.deepEqual(
    ids(`kafka-consumer-groups ${BROKER} --group billing --reset-offsets --to-earliest --all-topics --execute`),
    ['stream.offsets-reset'],
  );
  assert.deepEqual(ids(`kafka-consumer-groups ${BROKER} --delete --group billing`), ['stream.group-delete']);
  assert.deepEqual(ids(`kafka-delete-records ${BROKER} --offset-json-file offsets.json`), ['stream.records-delete']);
  assert.deepEqual(
    ids(`kafka-configs ${BROKER} --entity-type topics --entity-name orders --alter --add-config retention.ms=1000`),
    ['stream.retention-cut'],
  );
});

test('kafka tools: looking and dry runs are quiet', () => {
  assert.deepEqual(ids(`kafka-topics ${BROKER} --list`), []);
  assert.deepEqual(ids(`kafka-topics ${BROKER} --describe --topic orders`), []);
  // --reset-offsets without --execute only prints the plan.
  assert.deepEqual(
    ids(`kafka-consumer-groups ${BROKER} --group billing --reset-offsets --to-earliest --topic orders`),
    [],
  );
  assert.deepEqual(
    ids(
      `kafka-configs ${BROKER} --entity-type topics --entity-name orders --alter --add-config retention.ms=604800000`,
    ),
    [],
  );
  assert.deepEqual(
    ids(`kafka-configs ${BROKER} --entity-type topics --entity-name orders --alter --add-config retention.ms=-1`),
    [],
  );
});

test('rpk, nats, rabbitmq, pulsar through the verb grammar and their own words', () => {
  for (const line of [
    'rpk topic delete events',
    'nats stream rm ORDERS -f',
    'nats stream purge EVENTS --force',
    'nats consumer rm ORDERS billing -f',
    'rabbitmqctl purge_queue invoices',
    'rabbitmqctl delete_queue orders',
    'rabbitmqctl force_reset',
    'rabbitmqadmin -H mq.acme.io delete queue name=emails',
    'pulsar-admin topics delete persistent://public/default/orders',
    'rpk topic trim-prefix orders --offset 100',
    'rpk group seek billing --to start',
    'pulsar-admin topics clear-backlog persistent://p/d/t -s sub',
  ]) {
    assert.equal(decide(line), 'ask', line);
  }
  for (const line of [
    'rpk topic list',
    'rpk topic create events -p 3',
    'nats stream ls',
    'nats stream info ORDERS',
    "nats sub 'orders.>'",
    'rabbitmqctl list_queues name messages',
    'pulsar-admin topics list public/default',
    'rpk topic consume orders -n 5',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('cloud queues and streams: SQS, Kinesis, Pub/Sub seek, Redis streams', () => {
  assert.equal(decide('aws sqs purge-queue --queue-url https://sqs.eu-west-1.amazonaws.com/1/orders'), 'ask');
  assert.equal(decide('aws kinesis delete-stream --stream-name clicks'), 'ask');
  assert.equal(decide('gcloud pubsub subscriptions seek billing-sub --time=2030-01-01T00:00:00Z'), 'ask');
  assert.equal(decide('redis-cli -h cache.acme.io XTRIM events MAXLEN 0'), 'ask');
  assert.equal(decide('redis-cli -h cache.acme.io XGROUP DESTROY orders billing'), 'ask');
  assert.equal(decide('redis-cli -h cache.acme.io XTRIM events MAXLEN 100000'), 'allow');
  assert.equal(
    decide('aws sqs send-message --queue-url https://sqs.eu-west-1.amazonaws.com/1/orders --message-body hi'),
    'allow',
  );
});
