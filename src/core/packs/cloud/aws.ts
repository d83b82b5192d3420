// aws CLI: `aws [global options] <service> <operation> [options]`. Operation
// names say what they do (`delete-db-instance`, `terminate-instances`), so
// the verb and nouns of the operation name carry the judgment, with the few
// options that change how much survives (`--skip-final-snapshot`,
// `--force-delete-without-recovery`, `--recursive`).
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import {
  ALT_LIST_FIRST,
  SEV,
  asksForHelp,
  classSeverity,
  deletesPhrase,
  deletionClass,
  isDryRun,
  weigh,
  type CliAnalyzer,
  type Effect,
} from '../common/deletion';
import { isLocalHostUrl } from '../common/urls';
import { destructiveSql } from '../common/sqlText';
import { finding } from '../common/finding';
import { awsRequestDocFindings } from './awsRequestDocs';
import { awsOversightFindings } from './awsOversight';
import { awsDeletingOptionFindings } from './awsDeleteFlags';
import { findStopVerb, stopFinding } from '../common/stopVerbs';
import { AWS_GLOBAL_VALUE_OPTIONS, AWS_S3_VALUE_OPTIONS } from '../common/awsOptions';

/** Leading verb of operation names that delete. */
const DELETING_OPERATION = /^(?:batch-)?(?:delete|terminate|deregister|remove|purge|destroy)-/;
const READING_OPERATION =
  /^(?:describe|list|get|head|batch-get|scan|query|lookup|search|filter|select|validate|estimate|test|wait|tail|ls|presign|help|simulate|preview|check|detect|view|download|decode|decrypt|verify|generate-presigned)(?:-|$)/;
/** Options that name the resource an operation acts on. */
const TARGET_OPTION = /^--(?:[a-z0-9-]+-)?(?:identifier|name|names|id|ids|arn|bucket|key-id|secret-id)$/;
const SKIP_FINAL_SNAPSHOT = /^--skip-final-(?:cluster-)?snapshot$/;

interface AwsCall {
  service: string;
  operation: string;
  /** argv index of the operation word. */
  at: number;
}

function parseCall(argv: readonly string[]): AwsCall | undefined {
  let service: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      if (AWS_GLOBAL_VALUE_OPTIONS.includes(a)) i++;
      continue;
    }
    if (!service) service = a;
    else return { service, operation: a, at: i };
  }
  return undefined;
}

/** A local emulator (LocalStack, MinIO, DynamoDB Local) is scratch space. */
function targetsLocalEmulator(cmd: SimpleCommand): boolean {
  const endpoint = optionValue(cmd.argv, ['--endpoint-url']) ?? cmd.env.AWS_ENDPOINT_URL;
  return endpoint !== undefined && isLocalHostUrl(endpoint);
}

function resourceName(argv: readonly string[], from: number): string | undefined {
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      if (a.startsWith('s3://')) return a;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    if (TARGET_OPTION.test(name)) return eq === -1 ? argv[i + 1] : a.slice(eq + 1);
  }
  return undefined;
}

function s3Uris(argv: readonly string[], from: number): string[] {
  return argv.slice(from).filter((a) => a.startsWith('s3://'));
}

function judgeS3(cmd: SimpleCommand, call: AwsCall): Finding[] | undefined {
  const argv = cmd.argv;
  const uris = s3Uris(argv, call.at + 1);
  const target = uris[0];
  switch (call.operation) {
    case 'rm': {
      const recursive = hasFlag(argv, ['--recursive'], call.at + 1);
      return [
        recursive
          ? finding(
              'cloud.aws-s3-delete-recursive',
              weigh(SEV.data, target),
              `aws s3 rm --recursive deletes every object under ${target ?? 'the prefix'}`,
              target,
              'preview with --dryrun and check the bucket has versioning before deleting',
            )
          : finding(
              'cloud.aws-s3-delete-object',
              weigh(SEV.small, target),
              `aws s3 rm deletes ${target ?? 'an object'}`,
              target,
              'preview with --dryrun',
            ),
      ];
    }
    case 'rb': {
      const force = hasFlag(argv, ['--force'], call.at + 1);
      return [
        force
          ? finding(
              'cloud.aws-s3-bucket-delete',
              weigh(SEV.data, target),
              `aws s3 rb --force deletes every object in ${target ?? 'the bucket'} and then the bucket`,
              target,
              'copy the bucket elsewhere first (aws s3 sync) and delete objects with --dryrun to preview',
            )
          : finding(
              'cloud.aws-s3-bucket-delete',
              weigh(60, target),
              `aws s3 rb deletes the bucket ${target ?? ''}`.trim(),
              target,
              ALT_LIST_FIRST,
            ),
      ];
    }
    case 'mv': {
      // A move out of a bucket's prefix deletes each object there once it is copied: one object is a rename,
      // `--recursive` empties the prefix of everything that serves from it.
      if (!hasFlag(argv, ['--recursive'], call.at + 1)) return undefined;
      const [src, dest] = positionals(argv, AWS_S3_VALUE_OPTIONS, call.at + 1);
      if (!src?.startsWith('s3://')) return undefined;
      return [
        finding(
          'cloud.aws-s3-move-out',
          weigh(60, src),
          `aws s3 mv --recursive empties ${src}: every object under it is deleted there once it is copied to ${dest ?? 'the destination'}`,
          src,
          'copy with aws s3 cp --recursive (or sync), check the copy, and delete the source only then',
        ),
      ];
    }
    case 'sync': {
      if (!hasFlag(argv, ['--delete'], call.at + 1)) return undefined;
      // `sync SRC DEST`: the destination is the side that loses files.
      const [, dest] = positionals(argv, AWS_S3_VALUE_OPTIONS, call.at + 1);
      return [
        finding(
          'cloud.aws-s3-sync-delete',
          weigh(dest?.startsWith('s3://') ? 60 : 50, dest),
          `aws s3 sync --delete deletes files at ${dest ?? 'the destination'} that are not in the source`,
          dest ?? target,
          'run it with --dryrun first to see what would be deleted',
        ),
      ];
    }
    default:
      return undefined;
  }
}

function judgeChangeBatch(cmd: SimpleCommand, ctx: AnalysisContext, call: AwsCall): Finding[] | undefined {
  let batch = optionValue(cmd.argv, ['--change-batch'], call.at + 1);
  if (batch === undefined) return undefined;
  if (batch.startsWith('file://')) batch = ctx.readFile(batch.slice('file://'.length), cmd.cwd);
  if (batch === undefined) {
    return [
      finding(
        'cloud.aws-dns-change',
        SEV.small,
        'aws route53 change-resource-record-sets applies a change batch that could not be read (it may delete records)',
        resourceName(cmd.argv, call.at + 1),
        'review the change batch file first',
      ),
    ];
  }
  if (!/"?Action"?\s*[:=]\s*"?DELETE/i.test(batch)) return undefined;
  return [
    finding(
      'cloud.aws-dns-record-delete',
      SEV.config,
      'aws route53 change-resource-record-sets deletes DNS records',
      resourceName(cmd.argv, call.at + 1),
      'export the zone first (aws route53 list-resource-record-sets)',
    ),
  ];
}

const SQL_OPTIONS = ['--query-string', '--sql', '--statement', '--statements'];

function judgeEmbeddedSql(cmd: SimpleCommand, call: AwsCall): Finding[] | undefined {
  const sql = optionValue(cmd.argv, SQL_OPTIONS, call.at + 1);
  if (!sql) return undefined;
  const what = destructiveSql(sql);
  if (!what) return undefined;
  return [
    finding(
      'cloud.aws-destructive-sql',
      SEV.data,
      `aws ${call.service} ${call.operation} runs ${what} against a cloud database`,
      resourceName(cmd.argv, call.at + 1),
      'run a SELECT of the same rows first and take a backup',
    ),
  ];
}

function judgeDatabaseDelete(cmd: SimpleCommand, call: AwsCall, target: string | undefined): Finding {
  const argv = cmd.argv;
  const skipFinal = hasFlag(argv, ['--skip-final-snapshot'], call.at + 1);
  const keepBackups = hasFlag(argv, ['--no-delete-automated-backups'], call.at + 1);
  const what = call.operation === 'delete-db-cluster' ? 'database cluster' : 'database';
  const alternative =
    'drop --skip-final-snapshot and pass --final-db-snapshot-identifier, and keep automated backups (--no-delete-automated-backups)';
  if (skipFinal && !keepBackups) {
    // No final snapshot, and automated backups go with the instance by default:
    // nothing remains to restore from. This is the PocketOS outcome.
    return finding(
      'cloud.aws-rds-delete-no-backup',
      SEV.irrecoverable,
      `aws ${call.service} ${call.operation} deletes the ${what} ${target ?? ''} with no final snapshot and deletes its automated backups: nothing is left to restore`.replace(
        '  ',
        ' ',
      ),
      target,
      alternative,
    );
  }
  if (skipFinal) {
    return finding(
      'cloud.aws-rds-delete',
      weigh(SEV.critical, target),
      `aws ${call.service} ${call.operation} deletes the ${what} ${target ?? ''} without a final snapshot`.replace(
        '  ',
        ' ',
      ),
      target,
      alternative,
    );
  }
  return finding(
    'cloud.aws-rds-delete',
    weigh(75, target),
    `aws ${call.service} ${call.operation} deletes the ${what} ${target ?? ''}`.replace('  ', ' '),
    target,
    alternative,
  );
}

function judgeOperation(cmd: SimpleCommand, call: AwsCall): Finding[] | undefined {
  const argv = cmd.argv;
  const op = call.operation;
  const target = resourceName(argv, call.at + 1);
  const shown = `aws ${call.service} ${op}`;

  if ((op === 'delete-db-instance' || op === 'delete-db-cluster') && call.service !== 'redshift') {
    return [judgeDatabaseDelete(cmd, call, target)];
  }
  if (op === 'close-account') {
    return [
      finding(
        'cloud.aws-account-close',
        SEV.critical,
        `${shown} closes the AWS account${target ? ` ${target}` : ''}: every resource in it stops, and is deleted for good after 90 days`,
        target ?? 'AWS account',
        'let the account owner close it from the console, after exporting what it holds',
      ),
    ];
  }
  if (op === 'schedule-key-deletion') {
    return [
      finding(
        'cloud.aws-kms-key-deletion',
        SEV.critical,
        `${shown} schedules deletion of a KMS key: everything encrypted with it becomes unreadable`,
        target,
        'disable the key instead (aws kms disable-key) and watch for failures before deleting',
      ),
    ];
  }
  if (op === 'modify-db-instance' || op === 'modify-db-cluster') {
    if (optionValue(argv, ['--backup-retention-period'], call.at + 1) === '0') {
      return [
        finding(
          'cloud.aws-rds-backups-off',
          75,
          `${shown} --backup-retention-period 0 turns off automated backups and deletes the existing ones`,
          target,
          'keep a retention period of at least 1 day',
        ),
      ];
    }
    return undefined;
  }
  if (op === 'change-resource-record-sets') return undefined; // judged with the context (reads the batch file)
  if (op === 'update-service' || op === 'update-auto-scaling-group') {
    const zero = optionValue(argv, ['--desired-count', '--desired-capacity', '--max-size'], call.at + 1) === '0';
    if (!zero) return undefined;
    const name = optionValue(argv, ['--service', '--auto-scaling-group-name'], call.at + 1);
    return [
      finding(
        'cloud.aws-scale-to-zero',
        weigh(50, name),
        `${shown} scales ${name ?? 'the service'} to zero: everything it serves goes offline`,
        name,
        'scale down gradually, or put the service in maintenance mode',
      ),
    ];
  }

  const m = DELETING_OPERATION.exec(op);
  if (!m) {
    // `stop-db-instance`, `stop-instances`, `pause-cluster`: what serves is off until started again.
    const stop = findStopVerb([call.service, op], 2, () => false);
    const deleting = awsDeletingOptionFindings(argv, shown, call.at, target);
    return deleting ?? (stop ? stopFinding('cloud.aws-stop', stop, shown, target, 'AWS') : undefined);
  }
  const words = op.slice(m[0].length).split('-');
  const cls = deletionClass([call.service, ...words], words[words.length - 1]);
  let severity = classSeverity(cls);
  let summary = `${shown} ${deletesPhrase(cls, target)}`;
  let alternative = ALT_LIST_FIRST;

  if (op === 'delete-stack') {
    severity = SEV.data;
    summary =
      `${shown} deletes the CloudFormation stack ${target ?? ''} and every resource it created, databases included`.replace(
        '  ',
        ' ',
      );
    alternative = 'list the stack resources first and use --retain-resources for anything holding data';
  } else if (op === 'delete-secret') {
    if (hasFlag(argv, ['--force-delete-without-recovery'], call.at + 1)) {
      severity = SEV.data;
      summary =
        `${shown} --force-delete-without-recovery deletes the secret ${target ?? ''} with no recovery window`.replace(
          '  ',
          ' ',
        );
      alternative = 'delete with a recovery window (--recovery-window-in-days 7) instead';
    }
  } else if (op === 'delete-objects') {
    severity = 60;
  }
  if (argv.slice(call.at + 1).some((a) => SKIP_FINAL_SNAPSHOT.test(a))) {
    severity = Math.max(severity, SEV.critical);
    summary += ' without a final snapshot';
    alternative = 'remove the skip-final-snapshot option so a final snapshot is kept';
  }
  return [
    finding(
      `cloud.aws-${severity >= SEV.data ? 'data-delete' : 'delete'}`,
      weigh(severity, target),
      summary,
      target,
      alternative,
    ),
  ];
}

export const aws: CliAnalyzer = {
  analyze(cmd, ctx) {
    const argv = cmd.argv;
    if (asksForHelp(argv) || argv.includes('help') || isDryRun(argv)) return undefined;
    const call = parseCall(argv);
    if (!call || targetsLocalEmulator(cmd)) return undefined;
    const out: Finding[] = [];
    const parts = [
      call.service === 's3' ? judgeS3(cmd, call) : judgeOperation(cmd, call),
      call.operation === 'change-resource-record-sets' ? judgeChangeBatch(cmd, ctx, call) : undefined,
      judgeEmbeddedSql(cmd, call),
      awsRequestDocFindings(cmd, ctx, call.service, call.operation, call.at),
      awsOversightFindings(argv, call.service, call.operation, call.at),
    ];
    for (const p of parts) if (p) out.push(...p);
    return out.length ? out : undefined;
  },

  effect(cmd): Effect | undefined {
    const call = parseCall(cmd.argv);
    if (!call) return cmd.argv.length <= 2 ? 'read' : undefined;
    const { service, operation } = call;
    if (operation === 'help') return 'read';
    if (service === 'sts' || service === 'configure' || service === 'help') return 'read';
    if (service === 's3') {
      if (operation === 'ls' || operation === 'presign') return 'read';
      if (operation === 'cp' || operation === 'sync') {
        // A download only reads the bucket.
        const words = cmd.argv.slice(call.at + 1).filter((a) => !a.startsWith('-'));
        const dest = words[1];
        return dest !== undefined && !dest.startsWith('s3://') ? 'read' : 'write';
      }
      return 'write';
    }
    if (operation === 'help' || READING_OPERATION.test(operation)) return 'read';
    return 'write';
  },
};
