// Backups and recovery: the tools that keep the way back. Deleting or
// expiring backups, cutting their retention to nothing, switching off the
// immutability that keeps them, and restoring over a live target are gated:
// each leaves no way back after the next mistake (PocketOS lost the volume
// backups with the volume). Listing, checking and taking backups stay
// quiet, and so do the tools' own dry runs (wal-g, kopia and duplicity only
// report unless told to confirm).
import { hasFlag, optionValue, optionValues, positionals } from '../command/args';
import { remoteHostsOf } from '../environment';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { asksForHelp, SEV, weigh } from './common/deletion';
import { retentionOption } from './common/retention';
import { finding } from './common/finding';
import { own } from '../text/own';

const ALT = 'list the backups first, keep at least one copy elsewhere, and let a human delete backups';
const ALT_RESTORE = 'restore into a new location (a scratch directory or a new instance), check it, then switch over';

type Judge = (cmd: SimpleCommand, words: string[]) => Finding[] | undefined;

function deleted(tool: string, what: string, target: string | undefined, severity: number = SEV.critical): Finding[] {
  return [
    finding(
      'backup.delete',
      weigh(severity, target),
      `${tool} deletes ${what}: the way back after a mistake`,
      target ?? tool,
      ALT,
    ),
  ];
}

function restoreOver(tool: string, target: string, severity = 75): Finding[] {
  return [
    finding(
      'backup.restore-over-live',
      severity,
      `${tool} restores over ${target}: what is there now is overwritten`,
      target,
      ALT_RESTORE,
    ),
  ];
}

/** `sub` abbreviates `word` (btrfs accepts any unique prefix of at least `min` letters). */
function prefixOf(sub: string | undefined, word: string, min: number): boolean {
  return sub !== undefined && sub.length >= min && word.startsWith(sub);
}

/** A path that holds a snapshot (`/.snapshots/12/snapshot`, `/mnt/snap-2024`, `@snapshots`). */
const SNAPSHOT_PATH = /snap/i;

/** A restore target that is live data: the filesystem root or a system folder, not a scratch directory. */
const LIVE_PATH = /^\/(?:$|var\/lib|srv|home|etc|opt|usr|data|mnt\/data)(?:\/|$)/;

const TOOLS: Record<string, { values?: string[]; judge: Judge }> = {
  barman: {
    values: ['-c', '--config', '--remote-ssh-command', '--target-time', '--target-xid', '--target-name'],
    judge(cmd, w) {
      if (w[0] === 'delete')
        return deleted('barman delete', `the ${w[2] ?? ''} backup of ${w[1] ?? 'the server'}`.replace('  ', ' '), w[1]);
      if (w[0] === 'recover' && (optionValue(cmd.argv, ['--remote-ssh-command']) || LIVE_PATH.test(w[3] ?? '')))
        return restoreOver('barman recover', w[3] ?? 'a live data directory');
      return undefined;
    },
  },
  pgbackrest: {
    values: ['--stanza', '--config', '--repo', '--type', '--set', '--target', '--pg1-path'],
    judge(cmd, w) {
      if (w.includes('stanza-delete'))
        return deleted(
          'pgbackrest stanza-delete',
          `every backup and archived WAL of stanza ${optionValue(cmd.argv, ['--stanza']) ?? ''}`.trim(),
          optionValue(cmd.argv, ['--stanza']),
        );
      if (w.includes('expire'))
        return deleted(
          'pgbackrest expire',
          'the backups outside the retention policy',
          optionValue(cmd.argv, ['--stanza']),
          80,
        );
      if (w.includes('restore') && hasFlag(cmd.argv, ['--delta', '--force']))
        return restoreOver(
          'pgbackrest restore --delta',
          optionValue(cmd.argv, ['--pg1-path']) ?? 'the PostgreSQL data directory',
          70,
        );
      return undefined;
    },
  },
  'wal-g': {
    judge(cmd, w) {
      // Without --confirm, wal-g delete only prints what it would delete.
      if (w[0] === 'delete' && hasFlag(cmd.argv, ['--confirm']))
        return deleted(`wal-g delete ${w.slice(1, 3).join(' ')}`.trim(), 'base backups and WAL', w[1]);
      return undefined;
    },
  },
  'wal-e': {
    judge(cmd, w) {
      if (w.includes('delete') && hasFlag(cmd.argv, ['--confirm']))
        return deleted('wal-e delete', 'base backups and WAL', w[w.indexOf('delete') + 1]);
      return undefined;
    },
  },
  kopia: {
    values: ['--config-file', '--password'],
    judge(cmd, w) {
      // `kopia snapshot delete` needs --delete to act; without it, it lists.
      if (
        (w[0] === 'snapshot' || w[0] === 'snap') &&
        (w[1] === 'delete' || w[1] === 'rm') &&
        hasFlag(cmd.argv, ['--delete'])
      )
        return deleted('kopia snapshot delete', `snapshot ${w[2] ?? ''}`.trim(), w[2], 80);
      // `kopia snapshot expire --delete` applies the retention policy now; without --delete it lists.
      if ((w[0] === 'snapshot' || w[0] === 'snap') && w[1] === 'expire' && hasFlag(cmd.argv, ['--delete']))
        return deleted('kopia snapshot expire --delete', 'the snapshots outside the retention policy', w[2], 80);
      if (w[0] === 'repository' && w[1] === 'delete')
        return deleted('kopia repository delete', 'the whole backup repository', w[2]);
      if (w[0] === 'snapshot' && w[1] === 'restore' && LIVE_PATH.test(w[3] ?? ''))
        return restoreOver('kopia snapshot restore', w[3]);
      return undefined;
    },
  },
  // `rdiff-backup --remove-older-than TIME REPO`, `rdiff-backup remove increments --older-than TIME REPO`.
  'rdiff-backup': {
    values: ['--remove-older-than', '--older-than', '--api-version'],
    judge(cmd, w) {
      const older =
        optionValue(cmd.argv, ['--remove-older-than']) ??
        (w[0] === 'remove' ? optionValue(cmd.argv, ['--older-than']) : undefined);
      return older === undefined
        ? undefined
        : deleted('rdiff-backup --remove-older-than', `the increments older than ${older}`, w[w.length - 1], 80);
    },
  },
  duplicity: {
    values: ['--name', '--archive-dir', '--encrypt-key', '--sign-key', '-t', '--time'],
    judge(cmd, w) {
      // The remove commands only list what they would remove unless --force is given.
      if (/^remove-/.test(w[0] ?? '') || w[0] === 'cleanup') {
        if (!hasFlag(cmd.argv, ['--force'])) return undefined;
        return deleted(`duplicity ${w[0]}`, 'backup sets', w[w.length - 1], 80);
      }
      if (w[0] === 'restore' && LIVE_PATH.test(w[w.length - 1] ?? '') && hasFlag(cmd.argv, ['--force']))
        return restoreOver('duplicity restore --force', w[w.length - 1]);
      return undefined;
    },
  },
  tarsnap: {
    judge(cmd) {
      if (hasFlag(cmd.argv, ['--nuke']))
        return deleted('tarsnap --nuke', 'every archive of this machine', 'tarsnap', SEV.irrecoverable - 1);
      if (hasFlag(cmd.argv, ['-d']))
        return deleted(
          'tarsnap -d',
          `the archive ${optionValue(cmd.argv, ['-f']) ?? ''}`.trim(),
          optionValue(cmd.argv, ['-f']),
          80,
        );
      return undefined;
    },
  },
  restic: {
    values: [
      '-r',
      '--repo',
      '--repository-file',
      '-p',
      '--password-file',
      '--password-command',
      '--cache-dir',
      '--target',
      '-t',
      '--host',
      '--path',
      '--tag',
      '-o',
      '--option',
      '--include',
      '--exclude',
    ],
    judge(cmd, w) {
      if (w[0] !== 'restore') return undefined;
      const target = optionValue(cmd.argv, ['--target', '-t']);
      return target && LIVE_PATH.test(target) ? restoreOver('restic restore', target) : undefined;
    },
  },
  velero: {
    values: [
      '-n',
      '--namespace',
      '--kubecontext',
      '--kubeconfig',
      '--from-backup',
      '--from-schedule',
      '--include-namespaces',
      '--existing-resource-policy',
      '--selector',
      '-l',
    ],
    judge(cmd, w) {
      if (
        w[0] === 'restore' &&
        w[1] === 'create' &&
        optionValue(cmd.argv, ['--existing-resource-policy']) === 'update'
      ) {
        return restoreOver(
          'velero restore create --existing-resource-policy update',
          'the live resources in the cluster',
          70,
        );
      }
      return undefined;
    },
  },
  // btrfs takes any unique prefix of a command word (`btrfs sub del`).
  btrfs: {
    values: ['--commit-after', '-c', '-C', '--commit-each'],
    judge(_cmd, w) {
      if (!prefixOf(w[0], 'subvolume', 2) || !prefixOf(w[1], 'delete', 1)) return undefined;
      const paths = w.slice(2);
      const shown = paths.slice(0, 3).join(' ') || 'the subvolume';
      if (paths.some((p) => SNAPSHOT_PATH.test(p)))
        return deleted('btrfs subvolume delete', `the snapshot ${shown}`, paths[0]);
      return [
        finding(
          'backup.subvolume-delete',
          weigh(SEV.data, paths[0]),
          `btrfs subvolume delete deletes ${shown} and every file in it at once; there is no trash to take them back from`,
          paths[0] ?? 'btrfs subvolume',
          'take a read-only snapshot first (btrfs subvolume snapshot -r), and delete the subvolume you mean by its path',
        ),
      ];
    },
  },
  snapper: {
    values: ['-c', '--config', '-r', '--root', '--machine-readable', '--csvout-separator'],
    judge(cmd, w) {
      if (w[0] === 'delete' || w[0] === 'remove' || w[0] === 'rm')
        return deleted(
          'snapper delete',
          `snapshots ${w.slice(1).join(' ') || ''}`.trim(),
          optionValue(cmd.argv, ['-c', '--config']),
        );
      if (w[0] === 'delete-config')
        return deleted(
          'snapper delete-config',
          'the snapshot configuration and every snapshot it keeps',
          optionValue(cmd.argv, ['-c', '--config']),
        );
      return undefined;
    },
  },
  // Timeshift's options are its commands.
  timeshift: {
    values: ['--snapshot', '--snapshot-device', '--target-device', '--comments', '--tags'],
    judge(cmd) {
      if (hasFlag(cmd.argv, ['--delete-all']))
        return deleted('timeshift --delete-all', 'every system snapshot', 'Timeshift');
      if (hasFlag(cmd.argv, ['--delete']))
        return deleted(
          'timeshift --delete',
          `the snapshot ${optionValue(cmd.argv, ['--snapshot']) ?? 'it is given'}`,
          optionValue(cmd.argv, ['--snapshot']),
        );
      if (hasFlag(cmd.argv, ['--restore'])) return restoreOver('timeshift --restore', 'the running system');
      return undefined;
    },
  },
  // `-force ROOT`: that replica wins every difference, deletions included, like `rsync --delete` onto the other.
  unison: {
    values: ['-force', '-prefer', '-path', '-ignore', '-root', '-logfile', '-backupdir', '-nodeletion'],
    judge(cmd, w) {
      const from = optionValue(cmd.argv, ['-force']);
      if (!from) return undefined;
      const other = w.find((r) => r !== from) ?? 'the other replica';
      // `-nodeletion ROOT` keeps every file on that replica.
      if (optionValues(cmd.argv, ['-nodeletion']).includes(other)) return undefined;
      return [
        finding(
          'backup.mirror-overwrite',
          60,
          `unison -force ${from} makes ${other} a copy of ${from}: files only ${other} has are deleted and its newer changes overwritten`,
          other,
          'run unison without -force and review the differences, or add -backup to keep what is replaced',
        ),
      ];
    },
  },
  // The desktop trash (freedesktop trash-cli, GNOME's gio) is the way back from a file deleted by mistake.
  'trash-empty': {
    values: ['--trash-dir'],
    judge: (cmd) =>
      hasFlag(cmd.argv, ['--dry-run']) ? undefined : deleted('trash-empty', 'the files in the trash', 'Trash', 60),
  },
  'trash-rm': {
    values: ['--trash-dir'],
    judge: (_cmd, w) => deleted('trash-rm', `the trashed files matching ${w[0] ?? 'a pattern'}`, 'Trash', 60),
  },
  gio: {
    judge: (cmd, w) =>
      w[0] === 'trash' && hasFlag(cmd.argv, ['--empty'])
        ? deleted('gio trash --empty', 'the files in the trash', 'Trash', 60)
        : undefined,
  },
};

/** A file named like a backup or dump: `backup.sql`, `dump-2024.sql`, `prod.dump`, `db.bak`. */
const DUMP_FILE = /(?:^|[/_.-])(?:backups?|dumps?|snapshots?|restore)(?:[/_.-]|$)|\.(?:dump|bak)$/i;
const SQL_LOADERS = new Set(['psql', 'mysql', 'mariadb', 'sqlcmd', 'clickhouse-client']);

/**
 * `mysql -h db.acme.io app < backup.sql`: a dump loaded into a database on
 * another host. When the file can be read, its statements are judged by the
 * SQL pack (a mysqldump drops each table before recreating it); when it
 * cannot, its name says it replaces what is there.
 */
function dumpLoad(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const files = [
    ...cmd.redirects.filter((r) => r.op === '<').map((r) => r.target),
    ...optionValues(cmd.argv, cmd.argv[0] === 'sqlcmd' ? ['-i'] : ['-f', '--file']),
  ];
  const dump = files.find((f) => DUMP_FILE.test(f) && ctx.readFile(f, cmd.cwd) === undefined);
  if (!dump) return undefined;
  const hosts = remoteHostsOf(cmd, ctx);
  return hosts.length ? restoreOver(`${cmd.argv[0]} loading ${dump}`, `the database on ${hosts[0]}`, 70) : undefined;
}

/** CLIs whose options can cut a retention: the backup tools and the clouds that keep backups for databases and buckets. */
const RETENTION_CLIS = [
  'aws',
  'gcloud',
  'az',
  'bq',
  'doctl',
  'pgbackrest',
  'barman',
  'wal-g',
  'kopia',
  'restic',
  'borg',
  'velero',
  'linode-cli',
  'scw',
  'oci',
  'ibmcloud',
  'hcloud',
];

export const backupPack: Pack = {
  id: 'backup',
  commands: [...new Set([...Object.keys(TOOLS), ...RETENTION_CLIS, ...SQL_LOADERS])],
  analyze(cmd, ctx) {
    const argv = cmd.argv;
    const out: Finding[] = [];
    // `-h` is a host for SQL clients, help for the rest.
    if (SQL_LOADERS.has(argv[0])) return dumpLoad(cmd, ctx);
    if (asksForHelp(argv)) return undefined;
    const tool = own(TOOLS, argv[0]);
    if (tool) out.push(...(tool.judge(cmd, positionals(argv, tool.values ?? [])) ?? []));
    const cut = retentionOption(cmd);
    if (cut) out.push(cut);
    return out.length ? out : undefined;
  },
  effect(cmd) {
    const tool = own(TOOLS, cmd.argv[0]);
    return tool?.judge(cmd, positionals(cmd.argv, tool.values ?? []))?.length || retentionOption(cmd)
      ? 'write'
      : undefined;
  },
};
