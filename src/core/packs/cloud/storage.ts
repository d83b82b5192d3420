// Object storage and backup tools: rclone, MinIO's mc, restic, borg. They
// delete buckets and — for backup tools — the backups themselves, which is
// what turned PocketOS from an outage into a loss.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { Finding } from '../../types';
import { SEV, asksForHelp, isDryRun, weigh, type CliAnalyzer } from '../common/deletion';
import { finding } from '../common/finding';

const RCLONE_VALUE_OPTIONS = [
  '--config',
  '--include',
  '--exclude',
  '--filter',
  '--min-age',
  '--max-age',
  '--transfers',
  '--checkers',
  '--log-file',
  '--log-level',
  '--bwlimit',
  '--backup-dir',
  '-c',
];
const RCLONE_READS = new Set([
  'ls',
  'lsd',
  'lsl',
  'lsf',
  'lsjson',
  'size',
  'cat',
  'check',
  'config',
  'version',
  'listremotes',
  'about',
  'tree',
  'ncdu',
  'md5sum',
  'sha1sum',
  'hashsum',
  'copy',
  'copyto',
  'mount',
  'serve',
]);

const rclone: CliAnalyzer = {
  analyze(cmd) {
    const argv = cmd.argv;
    if (asksForHelp(argv) || isDryRun(argv) || hasFlag(argv, ['-n'])) return undefined;
    const [sub, ...rest] = positionals(argv, RCLONE_VALUE_OPTIONS);
    const target = rest[rest.length - 1];
    switch (sub) {
      case 'purge':
        return [
          finding(
            'cloud.rclone-purge',
            weigh(SEV.data, target),
            `rclone purge deletes ${target ?? 'the path'} and everything under it`,
            target,
            'run it with --dry-run first',
          ),
        ];
      case 'delete':
        return [
          finding(
            'cloud.rclone-delete',
            weigh(70, target),
            `rclone delete deletes the files under ${target ?? 'the path'}`,
            target,
            'run it with --dry-run first',
          ),
        ];
      case 'deletefile':
      case 'rmdirs':
      case 'rmdir':
        return [
          finding(
            'cloud.rclone-delete',
            weigh(SEV.small, target),
            `rclone ${sub} deletes ${target ?? 'a file'}`,
            target,
            'run it with --dry-run first',
          ),
        ];
      case 'sync':
      case 'bisync':
        // sync makes the destination match the source: files only at the destination are deleted.
        return [
          finding(
            'cloud.rclone-sync',
            weigh(55, target),
            `rclone ${sub} deletes files at ${target ?? 'the destination'} that are not in the source`,
            target,
            'run it with --dry-run first, or use rclone copy, which never deletes',
          ),
        ];
      default:
        return undefined;
    }
  },
  effect(cmd) {
    const sub = positionals(cmd.argv, RCLONE_VALUE_OPTIONS)[0];
    return sub === undefined || RCLONE_READS.has(sub) ? 'read' : 'write';
  },
};

const mc: CliAnalyzer = {
  analyze(cmd) {
    const argv = cmd.argv;
    if (asksForHelp(argv) || hasFlag(argv, ['--dry-run'])) return undefined;
    const [sub, ...rest] = positionals(argv, ['--config-dir', '-C', '--older-than', '--newer-than']);
    const target = rest[0];
    // Midnight Commander shares the name; only MinIO's subcommands are judged.
    if (sub === 'rb') {
      const force = hasFlag(argv, ['--force']);
      return [
        finding(
          'cloud.mc-bucket-delete',
          weigh(force ? SEV.data : 60, target),
          `mc rb deletes the bucket ${target ?? ''}${force ? ' and every object in it' : ''}`.replace('  ', ' '),
          target,
          'mirror it elsewhere first (mc mirror)',
        ),
      ];
    }
    if (sub === 'rm') {
      const recursive = hasFlag(argv, ['-r', '--recursive']);
      return [
        finding(
          'cloud.mc-delete',
          weigh(recursive ? SEV.data : SEV.small, target),
          `mc rm deletes ${recursive ? 'every object under ' : ''}${target ?? 'objects'}`,
          target,
          'preview with --dry-run first',
        ),
      ];
    }
    return undefined;
  },
  effect(cmd) {
    const sub = positionals(cmd.argv, ['--config-dir', '-C'])[0];
    return sub === 'ls' ||
      sub === 'cat' ||
      sub === 'stat' ||
      sub === 'du' ||
      sub === 'find' ||
      sub === 'tree' ||
      sub === 'diff' ||
      sub === 'alias'
      ? 'read'
      : undefined;
  },
};

const RESTIC_VALUE_OPTIONS = [
  '-r',
  '--repo',
  '--repository-file',
  '-p',
  '--password-file',
  '--password-command',
  '--cache-dir',
  '--keep-last',
  '--keep-hourly',
  '--keep-daily',
  '--keep-weekly',
  '--keep-monthly',
  '--keep-yearly',
  '--keep-within',
  '--keep-tag',
  '--tag',
  '--host',
  '--path',
  '-o',
  '--option',
];

const restic: CliAnalyzer = {
  analyze(cmd) {
    const argv = cmd.argv;
    if (asksForHelp(argv) || isDryRun(argv) || hasFlag(argv, ['-n'])) return undefined;
    const sub = positionals(argv, RESTIC_VALUE_OPTIONS)[0];
    const repo = optionValue(argv, ['-r', '--repo']) ?? cmd.env.RESTIC_REPOSITORY;
    if (sub === 'forget') {
      const prune = hasFlag(argv, ['--prune']);
      return [
        finding(
          'cloud.restic-forget',
          prune ? SEV.critical : 70,
          `restic forget removes backup snapshots${prune ? ' and --prune deletes their data' : ''}`,
          repo ?? 'backup repository',
          'run it with --dry-run first and check the --keep-* policy',
        ),
      ];
    }
    if (sub === 'prune') {
      return [
        finding(
          'cloud.restic-prune',
          60,
          'restic prune deletes the data of forgotten backup snapshots for good',
          repo ?? 'backup repository',
          'run it with --dry-run first',
        ),
      ];
    }
    return undefined;
  },
  effect(cmd) {
    const sub = positionals(cmd.argv, RESTIC_VALUE_OPTIONS)[0];
    return sub === 'snapshots' ||
      sub === 'ls' ||
      sub === 'check' ||
      sub === 'stats' ||
      sub === 'diff' ||
      sub === 'find' ||
      sub === 'cat' ||
      sub === 'version' ||
      sub === 'restore' ||
      sub === 'dump'
      ? 'read'
      : 'write';
  },
};

const BORG_VALUE_OPTIONS = [
  '--keep-last',
  '--keep-hourly',
  '--keep-daily',
  '--keep-weekly',
  '--keep-monthly',
  '--keep-yearly',
  '--keep-within',
  '-a',
  '--glob-archives',
  '--prefix',
  '--remote-path',
  '--rsh',
];

function borgFindings(argv: readonly string[], env: Record<string, string>): Finding[] | undefined {
  if (asksForHelp(argv) || isDryRun(argv) || hasFlag(argv, ['-n'])) return undefined;
  const [sub, target] = positionals(argv, BORG_VALUE_OPTIONS);
  const where = target ?? env.BORG_REPO ?? 'backup repository';
  if (sub === 'delete') {
    const whole = target !== undefined && !target.includes('::');
    return [
      finding(
        'cloud.borg-delete',
        whole ? SEV.critical : 80,
        `borg delete deletes ${whole ? 'the whole backup repository' : 'backup archives'} (${where})`,
        where,
        'list the archives first (borg list) and run with --dry-run',
      ),
    ];
  }
  if (sub === 'prune') {
    return [
      finding(
        'cloud.borg-prune',
        70,
        `borg prune deletes backup archives outside the --keep-* policy (${where})`,
        where,
        'run it with --dry-run --list first',
      ),
    ];
  }
  return undefined;
}

const borg: CliAnalyzer = {
  analyze: (cmd) => borgFindings(cmd.argv, cmd.env),
  effect(cmd) {
    const sub = positionals(cmd.argv, BORG_VALUE_OPTIONS)[0];
    return sub === 'list' ||
      sub === 'info' ||
      sub === 'check' ||
      sub === 'diff' ||
      sub === 'extract' ||
      sub === 'export-tar' ||
      sub === 'mount'
      ? 'read'
      : 'write';
  },
};

export const storageAnalyzers: Record<string, CliAnalyzer> = { rclone, mc, mcli: mc, restic, borg };
