// Disks, volumes and the ways back on Windows: formatting and partitioning
// (format, diskpart scripts, Format-Volume, Clear-Disk, Remove-Partition),
// wiping (cipher /w, sdelete, fsutil setzerodata), BitLocker off, and the
// recovery copies ransomware deletes first (shadow copies, restore points,
// Windows Server Backup catalogs). Listing and status stay quiet.
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { hasSwitch, isWindowsHelp, operands, paramOn, paramValues, switchValue } from './common';
import { finding } from '../common/finding';

const ALT_DISK = 'ask the user to change disks and volumes themselves, after a backup';
const ALT_RECOVERY = 'leave shadow copies, restore points and backup catalogs alone; ask the user';

// diskpart commands that destroy or rewrite what is on a disk.
const DISKPART_DESTROY =
  /^\s*(?:clean(?:\s+all)?|delete\s+(?:partition|volume|disk)|format\b|create\s+partition|convert\s+(?:gpt|mbr|dynamic|basic)|set\s+id|shrink|uniqueid\s+disk\s+id)/im;

function diskpart(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  if (isWindowsHelp(argv)) return undefined;
  const file = switchValue(argv, 's');
  const script = file !== undefined ? ctx.readFile(file.replace(/\\/g, '/'), cmd.cwd) : cmd.stdin;
  if (script !== undefined) {
    const m = DISKPART_DESTROY.exec(script);
    if (!m) return undefined;
    return finding(
      'windows.disk-erase',
      95,
      `diskpart runs '${m[0].trim()}': the partitions and data on that disk are destroyed`,
      'disk',
      ALT_DISK,
    );
  }
  return finding(
    'windows.disk-erase',
    70,
    `diskpart ${file !== undefined ? `runs the script ${file}, which could not be read` : 'opens the disk partitioner on commands nobody can read here'}`,
    'disk',
    ALT_DISK,
  );
}

function target(values: string[] | undefined, fallback: string): string {
  return values?.join(' ') || fallback;
}

export function storageFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  const name = argv[0];
  switch (name) {
    case 'diskpart':
      return diskpart(cmd, ctx);
    case 'format': {
      if (isWindowsHelp(argv)) return undefined;
      const drive = operands(argv)[0] ?? 'a volume';
      return finding('windows.disk-format', 95, `format ${drive} erases every file on that volume`, drive, ALT_DISK);
    }
    case 'Format-Volume': {
      const drive = target(
        paramValues(argv, 'DriveLetter') ?? paramValues(argv, 'Path') ?? paramValues(argv, 'FileSystemLabel'),
        'a volume',
      );
      return finding(
        'windows.disk-format',
        95,
        `Format-Volume formats ${drive}: every file on it is erased`,
        drive,
        ALT_DISK,
      );
    }
    case 'Clear-Disk':
      return finding(
        'windows.disk-erase',
        95,
        `Clear-Disk removes every partition${paramOn(argv, 'RemoveData') ? ' and all data' : ''} from disk ${target(paramValues(argv, 'Number') ?? paramValues(argv, 'FriendlyName'), '(piped in)')}`,
        'disk',
        ALT_DISK,
      );
    case 'Remove-Partition':
      return finding(
        'windows.disk-erase',
        90,
        `Remove-Partition deletes the partition ${target(paramValues(argv, 'DriveLetter') ?? paramValues(argv, 'PartitionNumber'), '')} and everything on it`.trim(),
        'partition',
        ALT_DISK,
      );
    case 'Initialize-Disk':
      return finding(
        'windows.disk-erase',
        70,
        'Initialize-Disk writes a new partition table to a disk',
        target(paramValues(argv, 'Number'), 'disk'),
        ALT_DISK,
      );
    case 'Resize-Partition':
      return finding(
        'windows.disk-resize',
        60,
        'Resize-Partition shrinks or grows a partition in place: a wrong size loses data',
        'partition',
        ALT_DISK,
      );
    case 'cipher': {
      const wipe = switchValue(argv, 'w');
      if (wipe !== undefined)
        return finding(
          'windows.free-space-wipe',
          70,
          `cipher /w overwrites the free space of ${wipe || 'the volume'}: deleted files there can never be recovered`,
          wipe || 'volume',
          'ask the user before wiping free space',
        );
      if ((hasSwitch(argv, 'e') || hasSwitch(argv, 'd')) && hasSwitch(argv, 's'))
        return finding(
          'windows.encrypt-tree',
          55,
          'cipher encrypts or decrypts every file of a folder tree in place',
          switchValue(argv, 's') ?? 'folder',
        );
      return undefined;
    }
    case 'sdelete':
    case 'sdelete64': {
      const targets = operands(argv).filter((a) => !a.startsWith('-'));
      if (!targets.length) return undefined;
      return finding(
        'windows.secure-delete',
        argv.some((a) => /^-[a-z]*[zc]/i.test(a)) ? 70 : 80,
        `sdelete overwrites ${targets.join(' ')} so it can never be recovered`,
        targets.join(' '),
        'delete normally (it stays recoverable), or ask the user',
      );
    }
    case 'fsutil': {
      const words = operands(argv).map((w) => w.toLowerCase());
      if (words[0] === 'file' && words[1] === 'setzerodata')
        return finding(
          'windows.zero-file',
          80,
          `fsutil file setzerodata overwrites a range of ${operands(argv).pop()} with zeros`,
          operands(argv).pop(),
        );
      if (words[0] === 'usn' && words[1] === 'deletejournal')
        return finding(
          'windows.journal-delete',
          70,
          "fsutil usn deletejournal deletes the volume's change journal (backup and search tools rely on it)",
          operands(argv).pop(),
        );
      if (words[0] === 'repair' && words[1] === 'initiate')
        return finding(
          'windows.disk-repair',
          60,
          'fsutil repair initiate repairs a file in place',
          operands(argv).pop(),
        );
      return undefined;
    }
    case 'manage-bde': {
      const a = argv.slice(1).map((w) => w.toLowerCase());
      if (a.includes('-off'))
        return finding(
          'windows.bitlocker-off',
          70,
          `manage-bde -off decrypts ${operands(argv).find((w) => !w.startsWith('-')) ?? 'the volume'}: BitLocker protection is switched off`,
          'BitLocker',
          'ask the user to change disk encryption',
        );
      if (a.includes('-forcerecovery') || (a.includes('-protectors') && a.includes('-delete')))
        return finding(
          'windows.bitlocker-off',
          70,
          'manage-bde removes BitLocker key protectors or forces recovery: the volume may not unlock at the next start',
          'BitLocker',
          'ask the user to change disk encryption',
        );
      return undefined;
    }
    case 'mountvol': {
      if (hasSwitch(argv, 'd') || hasSwitch(argv, 'p'))
        return finding(
          'windows.unmount',
          60,
          `mountvol removes the mount point ${operands(argv)[0] ?? ''}: programs lose the drive`.trim(),
          operands(argv)[0],
        );
      return undefined;
    }
  }
  return recoveryFindings(cmd);
}

// ---- recovery copies -------------------------------------------------------------

function recoveryFindings(cmd: SimpleCommand): Finding | undefined {
  const argv = cmd.argv;
  const words = operands(argv).map((w) => w.toLowerCase());
  switch (argv[0]) {
    case 'vssadmin':
      if (words[0] === 'delete' && words[1] === 'shadows')
        return finding(
          'windows.shadow-delete',
          95,
          'vssadmin delete shadows deletes Volume Shadow Copies, the snapshots previous versions and restores come from',
          'shadow copies',
          ALT_RECOVERY,
        );
      if (words[0] === 'resize' && words[1] === 'shadowstorage')
        return finding(
          'windows.shadow-delete',
          80,
          'vssadmin resize shadowstorage shrinks shadow storage: the oldest shadow copies are deleted to fit',
          'shadow copies',
          ALT_RECOVERY,
        );
      return undefined;
    case 'wmic':
      if (words.includes('shadowcopy') && words.includes('delete'))
        return finding(
          'windows.shadow-delete',
          95,
          'wmic shadowcopy delete deletes every Volume Shadow Copy',
          'shadow copies',
          ALT_RECOVERY,
        );
      // `wmic process where … delete`, `wmic useraccount … delete`, `… call terminate`: what the query matched goes.
      if (words.includes('delete') || (words.includes('call') && words.includes('terminate')))
        return finding(
          'windows.wmi-delete',
          60,
          `wmic ${words[0] ?? ''} deletes or terminates every object its query matches`.replace('  ', ' '),
          words[0],
          'name the one object you mean, or ask the user',
        );
      return undefined;
    case 'wbadmin':
      if (words[0] === 'delete')
        return finding(
          'windows.backup-delete',
          95,
          `wbadmin delete ${words[1] ?? ''} deletes Windows backups or their catalog`.trim(),
          'backups',
          ALT_RECOVERY,
        );
      if (words[0] === 'disable' && words[1] === 'backup')
        return finding(
          'windows.backup-delete',
          70,
          'wbadmin disable backup stops the scheduled backups',
          'backups',
          ALT_RECOVERY,
        );
      return undefined;
    case 'Disable-ComputerRestore':
      return finding(
        'windows.restore-off',
        80,
        'Disable-ComputerRestore turns System Restore off and deletes its restore points',
        paramValues(argv, 'Drive')?.join(' ') ?? 'System Restore',
        ALT_RECOVERY,
      );
    case 'Remove-CimInstance':
    case 'Remove-WmiObject': {
      const about = [...(cmd.stdinFrom ?? []), ...argv].join(' ');
      if (/Win32_ShadowCopy/i.test(about))
        return finding(
          'windows.shadow-delete',
          95,
          `${argv[0]} deletes Volume Shadow Copies`,
          'shadow copies',
          ALT_RECOVERY,
        );
      const cls = /Win32_\w+/i.exec(about)?.[0];
      return finding(
        'windows.wmi-delete',
        60,
        `${argv[0]} deletes ${cls ? `the ${cls} objects it is given` : 'the WMI objects it is given'} (accounts, processes, shares, services)`,
        cls,
        'name the one object you mean, or ask the user',
      );
    }
  }
  return undefined;
}
