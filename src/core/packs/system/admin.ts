// Machine configuration: the crontab, the firewall, users, kernel modules and
// parameters, system packages, and the clock.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { Finding } from '../../types';
import { isHelp } from './common';
import { finding } from '../common/finding';

export function crontabFindings(argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (hasFlag(argv, ['-r', '--remove'])) {
    return finding(
      'system.crontab-remove',
      70,
      'crontab -r deletes every scheduled job of the user, with no undo',
      'crontab',
      'crontab -l > crontab.bak first, then edit with crontab -e',
    );
  }
  if (hasFlag(argv, ['-l', '-e', '--list', '--edit'])) return undefined;
  const file = positionals(argv, ['-u'])[0];
  // With a file, `-`, or nothing at all (stdin), crontab installs a new table over the old one.
  if (file !== undefined || argv.includes('-') || argv.length === 1) {
    return finding(
      'system.crontab-replace',
      45,
      `crontab ${file ?? '-'} replaces the user's whole crontab`,
      'crontab',
      'crontab -l > crontab.bak first',
    );
  }
  return undefined;
}

export const IPTABLES = new Set([
  'iptables',
  'ip6tables',
  'iptables-legacy',
  'ip6tables-legacy',
  'iptables-nft',
  'ip6tables-nft',
  'ebtables',
  'arptables',
]);

export function firewallFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const alt = 'ask the user to change the firewall';
  if (IPTABLES.has(name)) {
    if (hasFlag(argv, ['-F', '--flush', '-X', '--delete-chain']))
      return finding(
        'system.firewall-flush',
        70,
        `${name} flushes firewall rules: the machine is left open (or cut off)`,
        name,
        alt,
      );
    const policy = optionValue(argv, ['-P', '--policy']);
    if (policy !== undefined) {
      const target = argv[argv.indexOf(policy) + 1] ?? '';
      if (/^(?:DROP|REJECT)$/i.test(target))
        return finding(
          'system.firewall-policy',
          70,
          `${name} sets the ${policy} policy to ${target}: remote access can be cut off`,
          policy,
          alt,
        );
      return finding('system.firewall-policy', 60, `${name} changes the default ${policy} policy`, policy, alt);
    }
    return undefined;
  }
  if (name === 'iptables-restore' || name === 'ip6tables-restore')
    return finding('system.firewall-flush', 50, `${name} replaces every firewall rule`, name, alt);
  if (name === 'nft') {
    const verb = positionals(argv, ['-f', '--file', '-I', '--includepath'])[0];
    if (verb === 'flush' || verb === 'delete' || verb === 'destroy')
      return finding('system.firewall-flush', 70, `nft ${argv.slice(1).join(' ')} removes firewall rules`, 'nft', alt);
    return undefined;
  }
  if (name === 'ufw') {
    const verb = positionals(argv)[0];
    if (verb === 'disable' || verb === 'reset')
      return finding('system.firewall-flush', 70, `ufw ${verb} turns the firewall off`, 'ufw', alt);
    return undefined;
  }
  if (name === 'firewall-cmd') {
    if (argv.includes('--panic-on'))
      return finding(
        'system.firewall-policy',
        80,
        'firewall-cmd --panic-on drops all network traffic',
        'firewall-cmd',
        alt,
      );
    return undefined;
  }
  if (name === 'pfctl') {
    if (hasFlag(argv, ['-d']) || hasFlag(argv, ['-F']))
      return finding('system.firewall-flush', 70, 'pfctl disables or flushes the packet filter', 'pfctl', alt);
  }
  return undefined;
}

export function userFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const who = positionals(argv, ['-R', '--root', '-P', '--prefix'])[0] ?? '?';
  switch (name) {
    case 'userdel':
    case 'deluser': {
      const withHome = hasFlag(argv, ['-r', '--remove', '--remove-home', '--remove-all-files']);
      return finding(
        'system.user-delete',
        withHome ? 80 : 70,
        `${name} deletes the account ${who}${withHome ? ' and its home directory' : ''}`,
        who,
        'ask the user to manage accounts',
      );
    }
    case 'groupdel':
    case 'delgroup':
      return finding(
        'system.user-delete',
        60,
        `${name} deletes the group ${who}`,
        who,
        'ask the user to manage accounts',
      );
    case 'passwd':
      if (hasFlag(argv, ['-d', '--delete']))
        return finding(
          'system.user-lockout',
          70,
          `passwd -d removes the password of ${who}: anyone can log in as it`,
          who,
        );
      if (hasFlag(argv, ['-l', '--lock', '-e', '--expire']))
        return finding('system.user-lockout', 60, `passwd locks or expires the account ${who}`, who);
      return undefined;
    case 'usermod':
      if (hasFlag(argv, ['-L', '--lock', '-e', '--expiredate']))
        return finding('system.user-lockout', 60, `usermod locks or expires the account ${who}`, who);
      if (hasFlag(argv, ['-G', '--groups']) && !hasFlag(argv, ['-a', '--append']))
        return finding(
          'system.user-lockout',
          45,
          `usermod -G without -a replaces every group of ${who} (sudo included)`,
          who,
          'usermod -aG GROUP USER',
        );
      return undefined;
    case 'chpasswd':
      return finding('system.user-lockout', 50, 'chpasswd changes account passwords', undefined);
  }
  return undefined;
}

export function kernelFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  switch (name) {
    case 'sysctl': {
      const writes =
        hasFlag(argv, ['-w', '--write', '-p', '--load', '--system']) || positionals(argv).some((w) => w.includes('='));
      return writes
        ? finding(
            'system.sysctl-write',
            50,
            'sysctl changes live kernel parameters',
            'sysctl',
            'ask the user to tune the kernel',
          )
        : undefined;
    }
    case 'swapoff':
      return argv.length > 1
        ? finding('system.swapoff', 50, 'swapoff disables swap: memory-hungry processes get killed', 'swap')
        : undefined;
    case 'rmmod':
      return finding(
        'system.kernel-module',
        50,
        `rmmod unloads the kernel module ${argv[argv.length - 1]}`,
        argv[argv.length - 1],
      );
    case 'modprobe':
      return hasFlag(argv, ['-r', '--remove'])
        ? finding('system.kernel-module', 50, 'modprobe -r unloads kernel modules', argv[argv.length - 1])
        : undefined;
    case 'umount': {
      if (hasFlag(argv, ['-a', '--all']))
        return finding('system.unmount', 70, 'umount -a unmounts every filesystem', 'all');
      const target = positionals(argv, ['-t', '--types', '-O', '--test-opts', '-N', '--namespace'])[0];
      if (target && /^\/(?:$|boot|home|usr|var|etc|opt|srv|nix|System|Volumes\/Macintosh)/.test(target)) {
        return finding('system.unmount', 60, `umount ${target} detaches a system filesystem`, target);
      }
      return undefined;
    }
    case 'mount': {
      const opts = optionValue(argv, ['-o', '--options']);
      if (opts && /(?:^|,)remount(?:,|$)/.test(opts))
        return finding(
          'system.mount',
          50,
          `mount -o ${opts} remounts a filesystem with new options`,
          positionals(argv, ['-o', '--options', '-t', '--types'])[0],
        );
      return undefined;
    }
    case 'setenforce':
      return argv[1] === '0' || /^permissive$/i.test(argv[1] ?? '')
        ? finding('system.security-disable', 60, 'setenforce 0 turns SELinux enforcement off', 'selinux')
        : undefined;
    case 'csrutil':
      return argv[1] === 'disable'
        ? finding('system.security-disable', 70, 'csrutil disable turns off System Integrity Protection', 'SIP')
        : undefined;
    case 'spctl':
      return argv.includes('--master-disable') || argv.includes('--global-disable')
        ? finding('system.security-disable', 60, 'spctl disables Gatekeeper', 'gatekeeper')
        : undefined;
    case 'history':
      // Not destructive to data, but it hides what was run: worth a note, not a prompt.
      return hasFlag(argv, ['-c'])
        ? finding('system.history-clear', 30, 'clears the shell history', 'history')
        : undefined;
  }
  return undefined;
}

// ---- system packages -------------------------------------------------------------

// Packages the machine cannot run (or be reached) without.
const CRITICAL_PACKAGE_RE =
  /^(?:openssh(?:-server|-client)?|ssh|sudo|systemd(?:-.+)?|libc6|glibc|libc-bin|coreutils|bash|dash|util-linux|login|passwd|apt|dpkg|rpm|dnf|yum|pacman|python3?(?:\.\d+)?|python3?-minimal|perl-base|linux(?:-image.*|-generic|-lts|-zen|-hardened|-firmware)?|kernel(?:-.+)?|grub.*|shim.*|network-manager|netplan\.io|iproute2|ifupdown|init|base-files|e2fsprogs|docker-ce|containerd(?:\.io)?|postgresql(?:-\d+)?|mysql-server|mariadb-server)$/i;
const APT_REMOVE_RE = /^(?:remove|purge|autopurge)$/;

/** The packages a package manager is told to remove, or undefined when it is not a removal. */
function removedPackages(name: string, argv: readonly string[]): string[] | undefined {
  const pos = positionals(argv, [
    '-o',
    '-c',
    '-t',
    '--target-release',
    '--root',
    '-r',
    '--installroot',
    '--releasever',
  ]);
  switch (name) {
    case 'apt':
    case 'apt-get':
    case 'aptitude':
      return APT_REMOVE_RE.test(pos[0] ?? '') ||
        (name !== 'aptitude' && pos[0] === 'install' && pos.slice(1).some((p) => p.endsWith('-') && p.length > 1))
        ? pos.slice(1)
        : undefined;
    case 'dnf':
    case 'yum':
    case 'microdnf':
    case 'zypper':
      return /^(?:remove|erase|rm|autoremove)$/.test(pos[0] ?? '') && pos.length > 1 ? pos.slice(1) : undefined;
    case 'apk':
      return pos[0] === 'del' ? pos.slice(1) : undefined;
    case 'snap':
      return pos[0] === 'remove' ? pos.slice(1) : undefined;
    case 'pacman':
      // -R, -Rs, -Rns …; -Rdd skips dependency checks.
      return argv.some((a) => /^-R[a-z]*$/.test(a) || a === '--remove') ? pos : undefined;
    case 'dpkg':
      return hasFlag(argv, ['-r', '--remove', '-P', '--purge']) ? pos : undefined;
    case 'rpm':
      return hasFlag(argv, ['-e', '--erase']) ? pos : undefined;
  }
  return undefined;
}

export function packageFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const pkgs = removedPackages(name, argv);
  if (!pkgs || pkgs.length === 0) return undefined;
  const list = pkgs.slice(0, 4).join(' ');
  const critical = pkgs.some(
    (p) => /[*?]/.test(p) || CRITICAL_PACKAGE_RE.test(p.replace(/[-+]$/, '').replace(/:[a-z0-9]+$/, '')),
  );
  return finding(
    'system.package-remove',
    critical ? 70 : 45,
    critical
      ? `${name} removes ${list}, which the machine needs to boot, log in or be reached`
      : `${name} removes the system package ${list}`,
    list,
    'ask the user to remove system packages',
  );
}

// ---- the clock -------------------------------------------------------------------------

export function clockFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (name === 'date') {
    return hasFlag(argv, ['-s', '--set'])
      ? finding(
          'system.clock',
          50,
          'date --set changes the system clock: TLS, tokens, builds and cron all depend on it',
          'clock',
          'leave the clock to NTP',
        )
      : undefined;
  }
  const [verb, value] = positionals(argv);
  if (verb === 'set-time' || (verb === 'set-ntp' && /^(?:false|0|no|off)$/i.test(value ?? ''))) {
    return finding(
      'system.clock',
      50,
      `timedatectl ${verb} ${value ?? ''} changes how the system keeps time`.trim(),
      'clock',
      'leave the clock to NTP',
    );
  }
  return undefined;
}
