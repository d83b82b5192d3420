// Changes that quietly remove the protection data relies on: versioning
// suspended, lifecycle rules that expire objects, public-access blocks lifted,
// bucket policies replaced, deletion protection or point-in-time recovery
// turned off, a volume's reclaim policy set to Delete, storage made public.
// Nothing is deleted yet, but the way back is gone (or the data exposed).
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';

function protectionRemoved(what: string, target: string | undefined, alternative: string, severity = 60): Finding {
  return finding(
    'cloud.protection-removed',
    severity,
    `${what}: nothing is deleted yet, but the protection against losing (or exposing) the data is gone`,
    target,
    alternative,
  );
}

function value(argv: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    for (const n of names) {
      if (argv[i] === n) return argv[i + 1];
      if (argv[i].startsWith(n + '=')) return argv[i].slice(n.length + 1);
    }
  }
  return undefined;
}

function readDoc(v: string | undefined, cmd: SimpleCommand, ctx: AnalysisContext): string {
  if (!v) return '';
  if (v.startsWith('file://')) return ctx.readFile(v.slice(7), cmd.cwd) ?? '$UNREADABLE';
  return v;
}

function aws(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const [, svc, op] = cmd.argv;
  const bucket = value(cmd.argv, ['--bucket']);
  if (svc === 's3api') {
    if (
      op === 'put-bucket-versioning' &&
      /Suspended/i.test(readDoc(value(cmd.argv, ['--versioning-configuration']), cmd, ctx))
    ) {
      return protectionRemoved(
        `suspends versioning of bucket ${bucket ?? ''}: overwritten and deleted objects can no longer be recovered`,
        bucket,
        'keep versioning enabled; expire old versions with a lifecycle rule you review',
      );
    }
    if (op === 'put-bucket-lifecycle-configuration' || op === 'put-bucket-lifecycle') {
      const doc = readDoc(value(cmd.argv, ['--lifecycle-configuration']), cmd, ctx);
      if (/Expiration|NoncurrentVersionExpiration|\$UNREADABLE/.test(doc))
        return protectionRemoved(
          `sets a lifecycle rule on bucket ${bucket ?? ''} that expires (deletes) objects or their versions`,
          bucket,
          'review the rule (prefix, days) with get-bucket-lifecycle-configuration first',
        );
    }
    if (
      op === 'delete-public-access-block' ||
      (op === 'put-public-access-block' &&
        /false/i.test(readDoc(value(cmd.argv, ['--public-access-block-configuration']), cmd, ctx)))
    ) {
      return protectionRemoved(
        `lifts the public-access block of bucket ${bucket ?? ''}: its objects can become public`,
        bucket,
        'keep the block on; share objects with presigned URLs',
      );
    }
    if (op === 'put-object-lock-configuration') {
      // Object Lock cannot be switched off once on; dropping its default rule, or shortening it, removes the immutability backups rely on.
      const doc = readDoc(value(cmd.argv, ['--object-lock-configuration']), cmd, ctx);
      if (!/"?Rule"?\s*[:=]/.test(doc) || /"?Days"?\s*[:=]\s*[01]\b/.test(doc))
        return protectionRemoved(
          `removes or shortens the default Object Lock retention of bucket ${bucket ?? ''}: new objects can be deleted or overwritten`,
          bucket,
          'keep the default retention; change it only with the people who set it',
        );
    }
    if (cmd.argv.includes('--bypass-governance-retention')) {
      return protectionRemoved(
        `bypasses the Object Lock governance retention of ${bucket ?? 'a bucket'}: locked objects or versions can be deleted`,
        bucket,
        'let the retention run out, or have a human with the right to bypass it do so',
      );
    }
    if (op === 'put-bucket-policy' || op === 'delete-bucket-policy' || op === 'put-bucket-acl') {
      return protectionRemoved(
        `replaces the access policy of bucket ${bucket ?? ''}`,
        bucket,
        'diff the new policy against get-bucket-policy and apply it by hand',
      );
    }
  }
  if (
    svc === 'rds' &&
    /^modify-db-(?:instance|cluster)$/.test(op ?? '') &&
    cmd.argv.includes('--no-deletion-protection')
  ) {
    return protectionRemoved(
      'turns off RDS deletion protection',
      value(cmd.argv, ['--db-instance-identifier', '--db-cluster-identifier']),
      'leave deletion protection on unless the database is really being retired',
    );
  }
  if (
    svc === 'dynamodb' &&
    op === 'update-continuous-backups' &&
    /PointInTimeRecoveryEnabled\s*=\s*false|"PointInTimeRecoveryEnabled"\s*:\s*false/i.test(cmd.argv.join(' '))
  ) {
    return protectionRemoved(
      'turns off DynamoDB point-in-time recovery',
      value(cmd.argv, ['--table-name']),
      'keep point-in-time recovery on',
    );
  }
  if (svc === 'dynamodb' && op === 'update-table' && cmd.argv.includes('--no-deletion-protection-enabled')) {
    return protectionRemoved(
      'turns off DynamoDB deletion protection',
      value(cmd.argv, ['--table-name']),
      'keep deletion protection on',
    );
  }
  if (
    svc === 'ec2' &&
    op === 'modify-instance-attribute' &&
    cmd.argv.some((a) => a === '--no-disable-api-termination')
  ) {
    return protectionRemoved(
      'turns off EC2 termination protection',
      value(cmd.argv, ['--instance-id']),
      'keep termination protection on',
    );
  }
  return undefined;
}

function gcloud(cmd: SimpleCommand): Finding | undefined {
  const a = cmd.argv;
  if (
    a[0] === 'gsutil' &&
    a.includes('retention') &&
    (a.includes('clear') || (a.includes('set') && /^0[smhd]?$/.test(a[a.indexOf('set') + 1] ?? '')))
  ) {
    return protectionRemoved(
      'removes the retention policy of a bucket: its objects can be deleted before their time',
      a.find((x) => x.startsWith('gs://')),
      'keep the retention policy',
    );
  }
  if (a.includes('--clear-retention-period') || a.includes('--no-retention-period'))
    return protectionRemoved(
      "removes a bucket's retention period: its objects can be deleted at any time",
      a.find((x) => x.startsWith('gs://')),
      'keep the retention period',
    );
  if (a.includes('--no-deletion-protection'))
    return protectionRemoved(
      'turns off Google Cloud deletion protection',
      a.find((x, i) => i > 2 && !x.startsWith('-')),
      'leave deletion protection on',
    );
  if (a.includes('--no-versioning') || (a.includes('versioning') && a.includes('suspend')))
    return protectionRemoved('turns off object versioning', undefined, 'keep versioning on');
  if (a.includes('--clear-soft-delete') || a.includes('--no-retain-backups-on-delete'))
    return protectionRemoved(
      'removes soft-delete or backup retention',
      undefined,
      'keep soft delete and backup retention',
    );
  return undefined;
}

function az(cmd: SimpleCommand): Finding | undefined {
  const text = cmd.argv.join(' ');
  if (/--allow-blob-public-access(?:=|\s+)true/i.test(text) || /--public-access\s+(?:blob|container)\b/.test(text))
    return protectionRemoved(
      'makes Azure storage publicly readable',
      value(cmd.argv, ['--name', '-n']),
      'keep public access off; use SAS tokens',
    );
  if (
    /--soft-delete-feature-state(?:=|\s+)disable|--immutability-state(?:=|\s+)disabled|--enable-purge-protection(?:=|\s+)false/i.test(
      text,
    )
  )
    return protectionRemoved(
      'turns off soft delete, immutability or purge protection',
      value(cmd.argv, ['--name', '-n', '--vault-name']),
      'keep soft delete and immutability on',
    );
  if (
    /--enable-versioning(?:=|\s+)false|--enable-delete-retention(?:=|\s+)false|--enable-container-delete-retention(?:=|\s+)false/i.test(
      text,
    )
  )
    return protectionRemoved(
      'turns off Azure blob versioning or soft delete',
      value(cmd.argv, ['--account-name', '-n']),
      'keep versioning and soft delete on',
    );
  if (cmd.argv[1] === 'lock' && cmd.argv[2] === 'delete')
    return protectionRemoved(
      'removes an Azure resource lock',
      value(cmd.argv, ['--name', '-n']),
      'keep the lock; remove it only for the one change that needs it',
    );
  return undefined;
}

function kubectl(cmd: SimpleCommand): Finding | undefined {
  const text = cmd.argv.join(' ');
  if (/persistentVolumeReclaimPolicy["']?\s*:\s*["']?Delete/.test(text))
    return protectionRemoved(
      "sets a persistent volume's reclaim policy to Delete: deleting its claim now deletes the data",
      cmd.argv.find((a, i) => i > 2 && !a.startsWith('-')),
      'keep the reclaim policy Retain',
    );
  return undefined;
}

/** Findings for protection-removing changes, per CLI; undefined when the command removes none. */
export function protectionFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  switch (cmd.argv[0]) {
    case 'aws':
      return aws(cmd, ctx);
    case 'gcloud':
    case 'gsutil':
      return gcloud(cmd);
    case 'az':
      return az(cmd);
    case 'kubectl':
    case 'oc':
      return kubectl(cmd);
    default:
      return undefined;
  }
}
