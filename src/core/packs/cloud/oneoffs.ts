// Destructive commands of smaller storage and platform CLIs: s3cmd, Backblaze
// b2, azcopy, Aiven, SST. Each deletes data or tears down a service the way
// the big clouds' equivalents do.
import { positionals } from '../../command/args';
import type { SimpleCommand } from '../../types';
import { SEV, type CliAnalyzer } from '../common/deletion';
import { finding } from '../common/finding';

function words(cmd: SimpleCommand, values: readonly string[] = []): string[] {
  return positionals(cmd.argv, values);
}

const s3cmd: CliAnalyzer = {
  analyze(cmd) {
    const [sub, ...rest] = words(cmd, ['-c', '--config', '--exclude', '--include', '--rexclude', '--rinclude']);
    const target = rest[0];
    if (sub === 'del' || sub === 'rm')
      return [
        finding(
          'cloud.s3cmd-delete',
          SEV.data,
          `s3cmd ${sub} deletes ${cmd.argv.includes('--recursive') || cmd.argv.includes('-r') ? 'everything under ' : ''}${target ?? 'objects'}`,
          target,
          'list first (s3cmd ls --recursive) and check the bucket keeps versions',
        ),
      ];
    if (sub === 'rb')
      return [
        finding(
          'cloud.s3cmd-delete',
          SEV.data,
          `s3cmd rb removes bucket ${target ?? ''}`,
          target,
          'empty and remove it by hand after a backup',
        ),
      ];
    if (sub === 'sync' && cmd.argv.includes('--delete-removed'))
      return [
        finding(
          'cloud.s3cmd-delete',
          SEV.data,
          's3cmd sync --delete-removed deletes remote objects missing locally',
          rest[1],
          'run with --dry-run first',
        ),
      ];
    return undefined;
  },
};

const b2: CliAnalyzer = {
  analyze(cmd) {
    const [sub, ...rest] = words(cmd, ['--threads']);
    if (sub === 'rm' || sub === 'delete-file-version' || sub === 'delete-bucket' || sub === 'hide-file') {
      const versions = cmd.argv.includes('--versions') || sub === 'delete-file-version';
      return [
        finding(
          'cloud.b2-delete',
          versions || sub === 'delete-bucket' ? SEV.data : SEV.small,
          `b2 ${sub} deletes ${versions ? 'every version of ' : ''}${rest.join(' ') || 'files'}${versions ? ': nothing is left to restore' : ''}`,
          rest[0],
          'list what would go (b2 ls --versions) first',
        ),
      ];
    }
    if (sub === 'sync' && cmd.argv.some((a) => a === '--delete' || a === '--replace-newer'))
      return [
        finding(
          'cloud.b2-delete',
          SEV.data,
          'b2 sync --delete removes files missing at the source',
          rest[1],
          'run with --dry-run first',
        ),
      ];
    return undefined;
  },
};

const azcopy: CliAnalyzer = {
  analyze(cmd) {
    const [sub, target] = words(cmd, ['--include-pattern', '--exclude-pattern', '--list-of-files', '--log-level']);
    if (sub === 'remove' || sub === 'rm')
      return [
        finding(
          'cloud.azcopy-remove',
          SEV.data,
          `azcopy remove deletes ${cmd.argv.some((a) => a.startsWith('--recursive')) ? 'everything under ' : ''}${target ?? 'blobs'}`,
          target,
          'list first (azcopy list) and check soft delete is on',
        ),
      ];
    if (sub === 'sync' && cmd.argv.some((a) => /^--delete-destination(?:=true)?$/.test(a)))
      return [
        finding(
          'cloud.azcopy-remove',
          SEV.data,
          'azcopy sync --delete-destination deletes what the source lacks',
          undefined,
          'run with --dry-run first',
        ),
      ];
    return undefined;
  },
};

const avn: CliAnalyzer = {
  analyze(cmd) {
    const w = words(cmd, ['--project', '--cloud', '--plan']);
    if (w[0] === 'service' && (w[1] === 'terminate' || w[1] === 'delete'))
      return [
        finding(
          'cloud.aiven-terminate',
          SEV.data,
          `avn service terminate deletes the Aiven service ${w[2] ?? ''} and its data`,
          w[2],
          'take a backup (avn service backup-list) and terminate it from the console',
        ),
      ];
    if (w[0] === 'service' && /^(?:database|topic|user|index|connection-pool)-delete$/.test(w[1] ?? ''))
      return [finding('cloud.aiven-terminate', SEV.data, `avn service ${w[1]} deletes ${w.slice(2).join(' ')}`, w[2])];
    return undefined;
  },
};

const sst: CliAnalyzer = {
  analyze(cmd) {
    const w = words(cmd, ['--stage', '--region']);
    if (w[0] === 'remove')
      return [
        finding(
          'cloud.sst-remove',
          SEV.service,
          'sst remove tears down every resource of the stage (databases and buckets included, unless retained)',
          cmd.argv[cmd.argv.indexOf('--stage') + 1],
          'check the stage and the removal policy of its data resources first',
        ),
      ];
    return undefined;
  },
};

export const oneoffAnalyzers: Record<string, CliAnalyzer> = { s3cmd, b2, azcopy, avn, sst };
