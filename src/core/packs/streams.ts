// Message brokers and streams: Kafka's tools, Redpanda's rpk, NATS,
// RabbitMQ, Pulsar. Deleting a topic, stream or queue deletes the messages
// in it; purging empties it; deleting records or cutting retention drops
// history consumers have not read; resetting a consumer group's offsets makes
// it skip or replay messages. Listing, describing, producing and consuming
// stay quiet. Kafka's tools say what they do with flags (`--delete`,
// `--reset-offsets --execute`); the others follow the shared verb grammar.
import { hasFlag, optionValue, optionValues } from '../command/args';
import type { Finding, Pack, SimpleCommand } from '../types';
import { asksForHelp, SEV, weigh, type CliAnalyzer } from './common/deletion';
import { analyzer } from './common/verbSpec';
import { retentionCut, settingPairs } from './common/retention';
import { finding } from './common/finding';
import { own } from '../text/own';

const ALT =
  'describe it first (messages, consumers, lag) and keep a copy of what you need; delete from the console or with a human';

function kafkaTool(name: string): string {
  return name.replace(/\.sh$/, '').replace(/^kafka-/, '');
}

function retentionFindings(settings: readonly string[], what: string, target: string | undefined): Finding[] {
  for (const s of settings) {
    for (const [k, v] of settingPairs(s)) {
      if (retentionCut(k, v)) {
        return [
          finding(
            'stream.retention-cut',
            70,
            `${what} sets ${k}=${v} on ${target ?? 'the topic'}: messages older than that are deleted at the next cleanup`,
            target,
            'keep retention as it is; copy the messages you need elsewhere first',
          ),
        ];
      }
    }
  }
  return [];
}

/** kafka-topics, kafka-configs, kafka-consumer-groups, kafka-delete-records (with or without `.sh`). */
function kafka(cmd: SimpleCommand): Finding[] | undefined {
  const argv = cmd.argv;
  if (asksForHelp(argv)) return undefined;
  const tool = kafkaTool(argv[0]);
  const topic = optionValue(argv, ['--topic']);
  const group = optionValue(argv, ['--group']);
  switch (tool) {
    case 'topics':
      if (hasFlag(argv, ['--delete']))
        return [
          finding(
            'stream.topic-delete',
            weigh(SEV.data, topic),
            `kafka-topics --delete deletes the topic ${topic ?? ''} and every message in it`.replace('  ', ' '),
            topic,
            ALT,
          ),
        ];
      if (hasFlag(argv, ['--alter']))
        return retentionFindings(optionValues(argv, ['--config']), 'kafka-topics --alter', topic);
      return undefined;
    case 'configs':
      if (!hasFlag(argv, ['--alter'])) return undefined;
      return retentionFindings(
        optionValues(argv, ['--add-config']),
        'kafka-configs --alter',
        optionValue(argv, ['--entity-name']) ?? topic,
      );
    case 'consumer-groups':
      if (hasFlag(argv, ['--reset-offsets']) && hasFlag(argv, ['--execute'])) {
        return [
          finding(
            'stream.offsets-reset',
            60,
            `kafka-consumer-groups --reset-offsets --execute moves the consumer group ${group ?? ''} to other offsets: its consumers skip or replay messages`.replace(
              '  ',
              ' ',
            ),
            group,
            'run it without --execute (a dry run) and read the plan first',
          ),
        ];
      }
      if (hasFlag(argv, ['--delete-offsets']))
        return [
          finding(
            'stream.offsets-reset',
            55,
            `kafka-consumer-groups --delete-offsets forgets where the group ${group ?? ''} was reading`.replace(
              '  ',
              ' ',
            ),
            group,
            ALT,
          ),
        ];
      if (hasFlag(argv, ['--delete']))
        return [
          finding(
            'stream.group-delete',
            55,
            `kafka-consumer-groups --delete deletes the consumer group ${group ?? ''} and its committed offsets`.replace(
              '  ',
              ' ',
            ),
            group,
            ALT,
          ),
        ];
      return undefined;
    case 'delete-records':
      return [
        finding(
          'stream.records-delete',
          SEV.data,
          `kafka-delete-records deletes messages from the partitions listed in ${optionValue(argv, ['--offset-json-file']) ?? 'its offsets file'}`,
          optionValue(argv, ['--offset-json-file']),
          ALT,
        ),
      ];
    default:
      return undefined;
  }
}

const KAFKA_TOOLS = ['topics', 'configs', 'consumer-groups', 'delete-records'].flatMap((t) => [
  `kafka-${t}`,
  `kafka-${t}.sh`,
]);

const rpk = analyzer({
  id: 'rpk',
  family: 'stream',
  product: 'Redpanda',
  valueOptions: [
    '-X',
    '--brokers',
    '--config',
    '--profile',
    '-p',
    '--partitions',
    '-r',
    '--replicas',
    '-c',
    '--topic-config',
  ],
  special(cmd, words) {
    if (words[0] === 'topic' && words[1] === 'trim-prefix')
      return [
        finding(
          'stream.records-delete',
          SEV.data,
          `rpk topic trim-prefix deletes the oldest messages of ${words[2] ?? 'the topic'}`,
          words[2],
          ALT,
        ),
      ];
    if (words[0] === 'group' && words[1] === 'seek')
      return [
        finding(
          'stream.offsets-reset',
          60,
          `rpk group seek moves the consumer group ${words[2] ?? ''} to other offsets: its consumers skip or replay messages`.replace(
            '  ',
            ' ',
          ),
          words[2],
          ALT,
        ),
      ];
    if (words[0] === 'topic' && (words[1] === 'alter-config' || words[1] === 'create')) {
      const found = retentionFindings(
        optionValues(cmd.argv, ['--set', '-s', '-c', '--topic-config']),
        `rpk topic ${words[1]}`,
        words[2],
      );
      return found.length ? found : null;
    }
    return undefined;
  },
});

const nats = analyzer({
  id: 'nats',
  family: 'stream',
  product: 'NATS',
  valueOptions: [
    '-s',
    '--server',
    '--creds',
    '--context',
    '--user',
    '--password',
    '--nkey',
    '--tlscert',
    '--tlskey',
    '--tlsca',
    '--timeout',
    '--js-domain',
    '--js-api-prefix',
    '--subject',
    '--filter',
    '--seq',
    '--keep',
    '--max-age',
  ],
  aliases: { str: 'stream', con: 'consumer', obj: 'object' },
  special(cmd, words) {
    if (words[0] === 'stream' && (words[1] === 'edit' || words[1] === 'update')) {
      const found = retentionFindings(
        optionValues(cmd.argv, ['--max-age', '--max-msgs', '--max-bytes']).map((v) => `max-age=${v}`),
        `nats stream ${words[1]}`,
        words[2],
      );
      return found.length ? found : null;
    }
    return undefined;
  },
});

const rabbitmqctl = analyzer({
  id: 'rabbitmq',
  family: 'stream',
  product: 'RabbitMQ',
  valueOptions: ['-n', '--node', '-p', '--vhost', '-t', '--timeout', '-l', '--longnames'],
  special(_cmd, words) {
    const w = words[0];
    // `reset` and `force_reset` return the node to a blank state: every queue, message, user and vhost on it.
    if (w === 'reset' || w === 'force_reset' || w === 'force-reset')
      return [
        finding(
          'stream.node-reset',
          SEV.critical,
          `rabbitmqctl ${w} wipes the RabbitMQ node: its queues, messages, users and virtual hosts`,
          'RabbitMQ node',
          'export definitions first (rabbitmqctl export_definitions) and let a human do it',
        ),
      ];
    if (w === 'purge_queue' || w === 'purge-queue')
      return [
        finding(
          'stream.queue-purge',
          weigh(75, words[1]),
          `rabbitmqctl ${w} deletes every message in the queue ${words[1] ?? ''}`.replace('  ', ' '),
          words[1],
          ALT,
        ),
      ];
    return undefined;
  },
});

const rabbitmqadmin = analyzer({
  id: 'rabbitmq',
  family: 'stream',
  product: 'RabbitMQ',
  valueOptions: [
    '-H',
    '--host',
    '-P',
    '--port',
    '-V',
    '--vhost',
    '-u',
    '--username',
    '-p',
    '--password',
    '-c',
    '--config',
    '-N',
    '--node',
    '-f',
    '--format',
    '-d',
    '--depth',
    '-U',
    '--base-uri',
  ],
  special(_cmd, words) {
    if (words[0] === 'purge')
      return [
        finding(
          'stream.queue-purge',
          75,
          `rabbitmqadmin purge deletes every message in ${words.slice(1).join(' ') || 'the queue'}`,
          words[2] ?? words[1],
          ALT,
        ),
      ];
    return undefined;
  },
});

const pulsarAdmin = analyzer({
  id: 'pulsar',
  family: 'stream',
  product: 'Pulsar',
  valueOptions: ['--admin-url', '--auth-plugin', '--auth-params', '-s', '--subscription', '--size', '--time', '-t'],
  special(cmd, words) {
    if (
      words[0] === 'topics' &&
      (words[1] === 'clear-backlog' ||
        words[1] === 'skip-all' ||
        words[1] === 'skip' ||
        words[1] === 'expire-messages-all-subscriptions')
    ) {
      return [
        finding(
          'stream.offsets-reset',
          65,
          `pulsar-admin topics ${words[1]} drops the unread messages of ${words[2] ?? 'the topic'} for its subscriptions`,
          words[2],
          ALT,
        ),
      ];
    }
    if (words[0] === 'namespaces' && words[1] === 'set-retention') {
      const size = optionValue(cmd.argv, ['--size', '-s']);
      const time = optionValue(cmd.argv, ['--time', '-t']);
      if ((size === '0' || size === '0M') && (time === '0' || time === '0m' || time === '0s'))
        return [
          finding(
            'stream.retention-cut',
            65,
            `pulsar-admin namespaces set-retention keeps nothing in ${words[2] ?? 'the namespace'}: acknowledged messages are deleted at once`,
            words[2],
            ALT,
          ),
        ];
      return null;
    }
    return undefined;
  },
});

const analyzers: Record<string, CliAnalyzer> = {
  rpk,
  nats,
  rabbitmqctl,
  'rabbitmq-plugins': { analyze: () => undefined },
  rabbitmqadmin,
  'pulsar-admin': pulsarAdmin,
  kafkactl: analyzer({
    id: 'kafka',
    family: 'stream',
    product: 'Kafka',
    valueOptions: ['--context', '-o', '--output'],
  }),
  kaf: analyzer({
    id: 'kafka',
    family: 'stream',
    product: 'Kafka',
    valueOptions: ['-b', '--brokers', '-c', '--cluster', '--config'],
  }),
};

export const streamsPack: Pack = {
  id: 'stream',
  commands: [...KAFKA_TOOLS, ...Object.keys(analyzers)],
  analyze(cmd, ctx) {
    const name = cmd.argv[0];
    const out = name.startsWith('kafka-') ? kafka(cmd) : own(analyzers, name)?.analyze(cmd, ctx);
    return out?.length ? out : undefined;
  },
  effect(cmd, ctx) {
    const name = cmd.argv[0];
    if (name.startsWith('kafka-'))
      return kafka(cmd)?.length ? 'write' : hasFlag(cmd.argv, ['--list', '--describe']) ? 'read' : undefined;
    return own(analyzers, name)?.effect?.(cmd, ctx);
  },
};
