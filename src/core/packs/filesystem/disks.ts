// Disk, partition and volume tools, and mkfs: whether they only list or
// rewrite a device.
import { hasFlag, positionals } from '../../command/args';
import { type FileEffect } from '../../effects';
import { classifyPath } from '../../command/paths';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';

const DISK_READ_FLAGS = [
  '-l',
  '--list',
  '-d',
  '--dump',
  '-s',
  '--show-size',
  '-V',
  '--verify',
  '-p',
  '--print',
  '-h',
  '--help',
  '--version',
];
const PARTED_WRITE_RE =
  /^(?:mklabel|mktable|mkpart|mkpartfs|rm|resizepart|resize|name|set|toggle|rescue|move|cp|mkfs)$/;
const DISKUTIL_WRITE_RE =
  /^(?:erase(?:Disk|Volume)|reformat|zeroDisk|randomDisk|secureErase|partitionDisk|splitPartition|mergePartitions|deleteContainer|deleteVolume|resizeVolume|addPartition)$/;

export function judgeDiskTool(name: string, argv: readonly string[]): Finding | undefined {
  if (argv.includes('--help') || argv.includes('--version')) return undefined;
  const devices = argv.slice(1).filter((a) => a.startsWith('/dev/') || /^disk\d/.test(a));
  const target =
    devices[0] ??
    argv
      .slice(1)
      .filter((a) => !a.startsWith('-'))
      .pop() ??
    name;
  let destructive: boolean;
  switch (name) {
    case 'diskutil':
      destructive = argv.some((a) => DISKUTIL_WRITE_RE.test(a));
      break;
    case 'parted':
      destructive =
        argv.some((a) => PARTED_WRITE_RE.test(a)) ||
        (!hasFlag(argv, ['-l', '--list']) && !argv.includes('print') && !argv.includes('p'));
      break;
    case 'wipefs':
      destructive = hasFlag(argv, ['-a', '--all', '-o', '--offset']);
      break;
    case 'blkdiscard':
      destructive = true;
      break;
    case 'cryptsetup':
      destructive = argv.some((a) => /^(?:luksFormat|erase|luksErase|luksKillSlot|reencrypt)$/.test(a));
      break;
    case 'fsck':
    case 'e2fsck':
    case 'xfs_repair':
      // Repairs rewrite metadata (and lose what they cannot fix); -n / -N only check.
      destructive =
        !hasFlag(argv, ['-n', '-N']) &&
        (argv.some((a) => a.startsWith('/dev/')) || hasFlag(argv, ['-y', '-p', '-a', '-f', '-L']));
      break;
    case 'mdadm':
      destructive = hasFlag(argv, [
        '--zero-superblock',
        '--create',
        '-C',
        '--remove',
        '-r',
        '--fail',
        '-f',
        '--stop',
        '-S',
        '--grow',
        '-G',
      ]);
      break;
    case 'sgdisk':
      destructive =
        !hasFlag(argv, DISK_READ_FLAGS) ||
        hasFlag(argv, ['-Z', '--zap-all', '-z', '--zap', '-o', '--clear', '-n', '--new', '-d', '--delete']);
      break;
    default: // fdisk, sfdisk, gdisk, cfdisk: interactive or scripted editors of the partition table.
      destructive = !hasFlag(argv, DISK_READ_FLAGS);
  }
  if (!destructive) return undefined;
  const onDevice = devices.length > 0;
  if (name === 'fsck' || name === 'e2fsck' || name === 'xfs_repair') {
    return finding(
      'fs.repair-device',
      70,
      `${name} repairs the filesystem on ${target} in place: what it cannot fix is dropped, and a mounted one is corrupted`,
      target,
      'run it with -n first, on an unmounted device; ask the user',
    );
  }
  if (name === 'mdadm') {
    return finding(
      'fs.partition-device',
      80,
      `mdadm changes the RAID array or member ${target}: its data can become unreadable`,
      target,
      'ask the user',
    );
  }
  return finding(
    'fs.partition-device',
    onDevice ? 95 : 70,
    `${name} rewrites the partitions or signatures of ${target}: everything on it is lost`,
    target,
    'work on a disk image file, or ask the user',
  );
}

export function judgeVolumeTool(name: string, argv: readonly string[]): Finding | undefined {
  const sub = argv[1];
  if (name === 'zfs' || name === 'zpool') {
    // `zfs rollback -r|-R ds@snap` destroys every snapshot (and, -R, clone) newer than the one rolled back to.
    if (name === 'zfs' && sub === 'rollback' && argv.slice(2).some((a) => /^-[a-zA-Z]*[rR]/.test(a))) {
      const to = positionals(argv, [], 2)[0] ?? 'a snapshot';
      return finding(
        'fs.volume-destroy',
        80,
        `zfs rollback -r destroys every snapshot of ${to.split('@')[0]} taken after ${to}, and the data written since`,
        to,
        'zfs clone the snapshot and copy back what you need',
      );
    }
    if (sub !== 'destroy' && sub !== 'labelclear') return undefined;
    const target = positionals(argv, [], 2)[0] ?? name;
    return finding(
      'fs.volume-destroy',
      85,
      `${name} ${sub} destroys ${target} and every snapshot of it`,
      target,
      'take and keep a snapshot; ask the user',
    );
  }
  const target = positionals(argv)[0] ?? name;
  return finding(
    'fs.volume-destroy',
    80,
    `${name} removes the volume ${target} and the data on it`,
    target,
    'ask the user',
  );
}

export function judgeMkfs(
  name: string,
  effects: FileEffect[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): Finding | undefined {
  const e = effects.find((x) => x.kind === 'truncate');
  if (!e) return undefined;
  const p = classifyPath(e.path, cmd.cwd, cmd.env, ctx);
  if (p.location === 'device' || p.abs.startsWith('/dev/')) {
    return finding(
      'fs.mkfs-device',
      95,
      `${name} formats ${p.abs}: everything on it is destroyed`,
      p.abs,
      'format a disk image file instead',
    );
  }
  if (p.location === 'workspace-inside' || p.location === 'temp') return undefined;
  return finding(
    'fs.mkfs-device',
    60,
    `${name} formats ${p.dynamic ? p.word : p.abs}, outside the workspace`,
    p.dynamic ? p.word : p.abs,
  );
}
