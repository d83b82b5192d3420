// Google Cloud: gcloud (`gcloud [alpha|beta] GROUP… VERB NAME`), gsutil and bq.
// gcloud follows the platform grammar, so the shared verb analyzer judges
// it; the few commands whose consequences the words do not show (a Cloud SQL
// instance takes its backups with it, a destroyed KMS key version makes data
// unreadable) are named here.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { ALT_LIST_FIRST, SEV, asksForHelp, isDryRun, weigh, type CliAnalyzer } from '../common/deletion';
import { destructiveSql } from '../common/sqlText';
import { commandWords, findDeleteVerb, judgeDeleteVerb, verbEffect, type VerbCliSpec } from '../common/verbs';
import { finding } from '../common/finding';
import { stopFinding } from '../common/stopVerbs';

const GCLOUD: VerbCliSpec = {
  id: 'gcloud',
  product: 'Google Cloud',
  valueOptions: [
    '--project',
    '--account',
    '--configuration',
    '--format',
    '--filter',
    '--flags-file',
    '--verbosity',
    '--impersonate-service-account',
    '--zone',
    '--region',
    '--billing-project',
    '--limit',
    '--sort-by',
    '--page-size',
    '--trace-token',
    '--location',
    '--instance',
    '--cluster',
    '--database',
    '--keyring',
    '--key',
    '--dataset',
    '--bucket',
    '--service',
    '--machine-type',
    '--image',
    '--network',
    '--subnet',
  ],
  depth: 6,
};

function gcloudSpecial(cmd: SimpleCommand, words: string[]): Finding[] | undefined | null {
  const argv = cmd.argv;
  const hit = findDeleteVerb(words, GCLOUD.depth);
  const has = (w: string) => words.slice(0, hit ? hit.index : words.length).includes(w);
  if (hit && hit.verb === 'delete' && has('sql') && has('instances')) {
    return [
      finding(
        'cloud.gcloud-sql-instance-delete',
        weigh(SEV.critical, hit.target),
        `gcloud sql instances delete deletes the Cloud SQL instance ${hit.target ?? ''} and every automated backup it has`.replace(
          '  ',
          ' ',
        ),
        hit.target,
        'export the databases first (gcloud sql export sql …) and take an on-demand backup to keep',
      ),
    ];
  }
  if (hit && hit.verb === 'destroy' && has('kms')) {
    return [
      finding(
        'cloud.gcloud-kms-key-destroy',
        SEV.critical,
        'gcloud kms … destroy destroys key material: data encrypted with it becomes unreadable',
        hit.target,
        'disable the key version instead and watch for failures',
      ),
    ];
  }
  if (hit && hit.verb === 'rm' && words[0] === 'storage') {
    const recursive =
      hasFlag(argv, ['-r', '-R', '--recursive']) || words.slice(hit.index + 1).some((w) => w.includes('*'));
    return [
      recursive
        ? finding(
            'cloud.gcloud-storage-delete-recursive',
            weigh(SEV.data, hit.target),
            `gcloud storage rm deletes every object under ${hit.target ?? 'the prefix'}`,
            hit.target,
            'list what would be deleted first (gcloud storage ls -r) and check object versioning',
          )
        : finding(
            'cloud.gcloud-storage-delete-object',
            weigh(SEV.small, hit.target),
            `gcloud storage rm deletes ${hit.target ?? 'an object'}`,
            hit.target,
            ALT_LIST_FIRST,
          ),
    ];
  }
  // `gcloud storage rsync --delete-unmatched-destination-objects`: what the source lacks is deleted at the destination.
  if (
    words[0] === 'storage' &&
    words[1] === 'rsync' &&
    hasFlag(argv, ['--delete-unmatched-destination-objects']) &&
    !hasFlag(argv, ['--dry-run'])
  ) {
    const dest = words[words.length - 1];
    return [
      finding(
        'cloud.gsutil-rsync-delete',
        weigh(60, dest),
        `gcloud storage rsync --delete-unmatched-destination-objects deletes objects at ${dest} that are not in the source`,
        dest,
        'run with --dry-run first, or drop --delete-unmatched-destination-objects',
      ),
    ];
  }
  if (words[0] === 'sql' && words[1] === 'backups' && words[2] === 'restore') {
    const into = optionValue(argv, ['--restore-instance']);
    return [
      finding(
        'cloud.gcloud-sql-restore',
        weigh(75, into),
        `gcloud sql backups restore overwrites every database of the instance ${into ?? ''} with the backup`.replace(
          '  ',
          ' ',
        ),
        into,
        'restore into a new instance (gcloud sql instances clone or a new --restore-instance), check it, then switch over',
      ),
    ];
  }
  if (words[0] === 'pubsub' && words[1] === 'subscriptions' && words[2] === 'seek') {
    return [
      finding(
        'cloud.gcloud-pubsub-seek',
        60,
        `gcloud pubsub subscriptions seek moves the subscription ${words[3] ?? ''}: messages are skipped (acknowledged unread) or delivered again`.replace(
          '  ',
          ' ',
        ),
        words[3],
        'take a snapshot of the subscription first (gcloud pubsub snapshots create) and seek to it if needed',
      ),
    ];
  }
  // `--activation-policy=NEVER` stops the Cloud SQL instance (ALWAYS starts it again).
  if (
    words[0] === 'sql' &&
    words.includes('patch') &&
    optionValue(argv, ['--activation-policy'])?.toUpperCase() === 'NEVER'
  ) {
    const instance = words[words.indexOf('patch') + 1];
    return stopFinding(
      'cloud.gcloud-stop',
      { verb: 'stop', index: 2, nouns: ['sql', 'instances'] },
      'gcloud sql instances patch --activation-policy=NEVER',
      instance,
      'Google Cloud',
    );
  }
  if (words[0] === 'sql' && words.includes('patch') && hasFlag(argv, ['--no-backup'])) {
    return [
      finding(
        'cloud.gcloud-sql-backups-off',
        70,
        'gcloud sql instances patch --no-backup turns off automated backups',
        words[words.indexOf('patch') + 1],
        'keep automated backups on',
      ),
    ];
  }
  if (words.includes('execute-sql')) {
    const sql = optionValue(argv, ['--sql']);
    const what = sql ? destructiveSql(sql) : undefined;
    if (what)
      return [
        finding(
          'cloud.gcloud-destructive-sql',
          SEV.data,
          `gcloud … execute-sql runs ${what} against a cloud database`,
          undefined,
          'run a SELECT of the same rows first and take a backup',
        ),
      ];
  }
  // Local CLI settings, not cloud resources.
  if (words[0] === 'config' || words[0] === 'auth' || words[0] === 'components') return null;
  return undefined;
}

const gcloud: CliAnalyzer = {
  analyze(cmd) {
    if (asksForHelp(cmd.argv) || isDryRun(cmd.argv)) return undefined;
    const words = commandWords(cmd, GCLOUD.valueOptions);
    if (words[0] === 'help') return undefined;
    const special = gcloudSpecial(cmd, words);
    if (special !== undefined) return special ?? undefined;
    return judgeDeleteVerb(cmd, GCLOUD, words);
  },
  effect(cmd) {
    const words = commandWords(cmd, GCLOUD.valueOptions);
    if (words[0] === 'config' || words[0] === 'auth' || words[0] === 'info' || words[0] === 'version') return 'read';
    return verbEffect(words, 6);
  },
};

// gsutil [-m] [-o opt] COMMAND [flags] URL…
const GSUTIL_VALUE_OPTIONS = ['-o', '-h', '-u', '-i'];
const GSUTIL_READS = new Set([
  'ls',
  'cat',
  'du',
  'stat',
  'hash',
  'version',
  'help',
  'acl',
  'iam',
  'logging',
  'versioning',
  'lifecycle',
  'cors',
  'label',
  'web',
]);

const gsutil: CliAnalyzer = {
  analyze(cmd) {
    const argv = cmd.argv;
    if (asksForHelp(argv)) return undefined;
    const words = positionals(argv, GSUTIL_VALUE_OPTIONS);
    const sub = words[0];
    const urls = words.slice(1).filter((w) => w.startsWith('gs://'));
    const target = urls[0];
    const at = argv.indexOf(sub);
    if (sub === 'rm') {
      const recursive =
        hasFlag(argv, ['-r', '-R'], at + 1) || urls.some((u) => u.includes('*') || /^gs:\/\/[^/]+\/?$/.test(u));
      return [
        recursive
          ? finding(
              'cloud.gsutil-delete-recursive',
              weigh(SEV.data, target),
              `gsutil rm -r deletes every object under ${target ?? 'the URL'}`,
              target,
              'list what would be deleted first (gsutil ls -r) and check object versioning',
            )
          : finding(
              'cloud.gsutil-delete-object',
              weigh(hasFlag(argv, ['-a'], at + 1) ? SEV.config : SEV.small, target),
              `gsutil rm deletes ${target ?? 'an object'}`,
              target,
              ALT_LIST_FIRST,
            ),
      ];
    }
    if (sub === 'rb') {
      return [
        finding(
          'cloud.gsutil-bucket-delete',
          weigh(60, target),
          `gsutil rb deletes the bucket ${target ?? ''}`.trim(),
          target,
          ALT_LIST_FIRST,
        ),
      ];
    }
    if (sub === 'rsync' && hasFlag(argv, ['-d'], at + 1) && !hasFlag(argv, ['-n'], at + 1)) {
      const dest = words[words.length - 1];
      return [
        finding(
          'cloud.gsutil-rsync-delete',
          weigh(60, dest),
          `gsutil rsync -d deletes files at ${dest} that are not in the source`,
          dest,
          'run it with -n first to see what would be deleted',
        ),
      ];
    }
    return undefined;
  },
  effect(cmd) {
    const sub = positionals(cmd.argv, GSUTIL_VALUE_OPTIONS)[0];
    return sub !== undefined && GSUTIL_READS.has(sub) ? 'read' : 'write';
  },
};

// bq [global flags] COMMAND [flags] ARGS
const BQ_VALUE_OPTIONS = [
  '--project_id',
  '--dataset_id',
  '--location',
  '--format',
  '--max_rows',
  '-n',
  '--api',
  '--parameter',
  '--destination_table',
];

const bq: CliAnalyzer = {
  analyze(cmd) {
    const argv = cmd.argv;
    if (asksForHelp(argv) || hasFlag(argv, ['--dry_run'])) return undefined;
    const words = positionals(argv, BQ_VALUE_OPTIONS);
    if (words[0] === 'rm') {
      const target = words[1];
      const dataset = hasFlag(argv, ['-d', '--dataset']) || hasFlag(argv, ['-r', '--recursive']);
      return [
        finding(
          'cloud.bq-delete',
          weigh(SEV.data, target),
          `bq rm deletes the ${dataset ? 'dataset' : 'table'} ${target ?? ''}${hasFlag(argv, ['-r', '--recursive']) ? ' and every table in it' : ''}`.replace(
            '  ',
            ' ',
          ),
          target,
          'copy or snapshot the table first (bq cp)',
        ),
      ];
    }
    if (words[0] === 'query') {
      const sql = [...words.slice(1), cmd.stdin ?? ''].join(' ');
      const what = destructiveSql(sql);
      if (what)
        return [
          finding(
            'cloud.bq-destructive-sql',
            SEV.data,
            `bq query runs ${what} in BigQuery`,
            undefined,
            'run a SELECT of the same rows first and snapshot the table',
          ),
        ];
    }
    return undefined;
  },
  effect(cmd) {
    const sub = positionals(cmd.argv, BQ_VALUE_OPTIONS)[0];
    return sub === 'ls' || sub === 'show' || sub === 'head' || sub === 'help' || sub === 'version' ? 'read' : undefined;
  },
};

export const gcpAnalyzers: Record<string, CliAnalyzer> = { gcloud, gsutil, bq };
