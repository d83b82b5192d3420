// macOS itself: Time Machine backups and local snapshots, keychains,
// FileVault, System Integrity Protection and Gatekeeper, the quarantine mark
// on downloaded apps, whole preference domains, configuration profiles,
// NVRAM, local accounts and Homebrew removing everything. Disk erasure
// (diskutil) is the filesystem pack's; launchctl and csrutil are also judged
// by the system pack. Status and listing forms stay quiet.
import { classifyPath } from '../command/paths';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { finding } from './common/finding';

const ALT_BACKUP = 'leave backups and snapshots alone; ask the user to manage Time Machine';
const ALT_SECURITY = 'ask the user to change macOS security settings themselves';
const sub = (argv: readonly string[]) => argv.slice(1).filter((a) => !a.startsWith('-'));

function tmutil(argv: readonly string[]): Finding | undefined {
  const verb = sub(argv)[0];
  switch (verb) {
    case 'delete':
    case 'deletelocalsnapshots':
    case 'thinlocalsnapshots':
    case 'deleteinprogress':
      return finding(
        'macos.time-machine-delete',
        90,
        `tmutil ${verb} deletes Time Machine backups or local snapshots`,
        sub(argv)[1] ?? 'Time Machine',
        ALT_BACKUP,
      );
    case 'disable':
    case 'disablelocal':
      return finding(
        'macos.time-machine-off',
        80,
        `tmutil ${verb} turns Time Machine backups off`,
        'Time Machine',
        ALT_BACKUP,
      );
    case 'removedestination':
      return finding(
        'macos.time-machine-off',
        80,
        'tmutil removedestination stops backing up to that disk',
        sub(argv)[1],
        ALT_BACKUP,
      );
    case 'addexclusion':
      return finding(
        'macos.time-machine-off',
        45,
        `tmutil addexclusion leaves ${sub(argv)[1] ?? 'a path'} out of every backup`,
        sub(argv)[1],
        ALT_BACKUP,
      );
  }
  return undefined;
}

function security(argv: readonly string[]): Finding | undefined {
  const verb = sub(argv)[0];
  const target = sub(argv)[1];
  switch (verb) {
    case 'delete-keychain':
      return finding(
        'macos.keychain-delete',
        90,
        `security delete-keychain deletes ${target ?? 'a keychain'} and every password, key and certificate in it`,
        target,
        'ask the user to manage keychains',
      );
    case 'delete-generic-password':
    case 'delete-internet-password':
    case 'delete-certificate':
    case 'delete-identity':
      return finding(
        'macos.keychain-delete',
        60,
        `security ${verb} deletes an item from the keychain`,
        target,
        'ask the user to manage keychains',
      );
    case 'dump-keychain':
      return finding(
        'secrets.keychain-dump',
        argv.includes('-d') ? 90 : 70,
        `security dump-keychain prints the keychain${argv.includes('-d') ? ', passwords decrypted,' : ''} into the agent's transcript`,
        target ?? 'keychain',
        'look items up in Keychain Access yourself',
      );
    case 'find-generic-password':
    case 'find-internet-password':
      return argv.some((a) => a === '-w' || a === '-g' || /^-[a-z]*[wg]$/.test(a))
        ? finding(
            'secrets.print-token',
            70,
            `security ${verb} prints a saved password into the agent's transcript`,
            'keychain',
            'let the tool read the keychain itself',
          )
        : undefined;
    case 'export':
      return finding(
        'secrets.keychain-dump',
        80,
        'security export writes keychain items (private keys included) to a file',
        'keychain',
        'ask the user to export keys',
      );
    case 'add-trusted-cert':
      return finding(
        'macos.trust-change',
        70,
        'security add-trusted-cert makes the machine trust a certificate (a root CA can intercept every TLS connection)',
        sub(argv).pop(),
        ALT_SECURITY,
      );
    case 'authorizationdb':
      return sub(argv)[1] === 'write'
        ? finding(
            'macos.trust-change',
            70,
            'security authorizationdb write changes who may do administrative actions',
            sub(argv)[2],
            ALT_SECURITY,
          )
        : undefined;
  }
  return undefined;
}

function xattr(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  const opts = argv
    .slice(1)
    .filter((a) => a.startsWith('-'))
    .join('');
  const clears = /c/.test(opts) || (/d/.test(opts) && argv.includes('com.apple.quarantine'));
  if (!clears) return undefined;
  const targets = argv.slice(1).filter((a) => !a.startsWith('-') && a !== 'com.apple.quarantine');
  // A tool the build just produced or installed in the workspace is routine to unblock; an app elsewhere is not.
  const outside = targets.filter((t) => {
    const p = classifyPath(t, cmd.cwd, cmd.env, ctx);
    return p.location !== 'workspace-inside' && p.location !== 'workspace' && p.location !== 'temp';
  });
  if (!outside.length) return undefined;
  return finding(
    'macos.quarantine-strip',
    60,
    `xattr strips the quarantine mark from ${outside.join(' ')}: Gatekeeper will not check it before it runs`,
    outside.join(' '),
    'open it once from Finder so Gatekeeper checks it',
  );
}

function brew(cmd: SimpleCommand): Finding | undefined {
  const argv = cmd.argv;
  const verb = sub(argv)[0];
  if (verb !== 'uninstall' && verb !== 'remove' && verb !== 'rm') return undefined;
  const names = sub(argv).slice(1);
  // `brew uninstall $(brew list)`, `brew list | xargs brew uninstall`: whatever brew lists.
  const everything =
    /\$\(brew (?:list|ls|leaves)\b/.test(argv.join(' ')) ||
    (cmd.stdinFrom?.[0] === 'brew' && /^(?:list|ls|leaves)$/.test(cmd.stdinFrom[1] ?? ''));
  if (everything)
    return finding(
      'macos.brew-remove-all',
      70,
      'brew uninstalls every installed package',
      'Homebrew',
      'uninstall the packages you mean by name',
    );
  if (argv.includes('--zap'))
    return finding(
      'macos.brew-zap',
      55,
      `brew uninstall --zap removes ${names.join(' ')} and every file of its data and settings`,
      names.join(' '),
      'uninstall without --zap to keep its data',
    );
  return undefined;
}

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const argv = cmd.argv;
  let f: Finding | undefined;
  switch (argv[0]) {
    case 'tmutil':
      f = tmutil(argv);
      break;
    case 'security':
      f = security(argv);
      break;
    case 'fdesetup': {
      const verb = sub(argv)[0];
      if (verb === 'disable')
        f = finding(
          'macos.filevault-off',
          90,
          'fdesetup disable decrypts the disk: FileVault is switched off',
          'FileVault',
          ALT_SECURITY,
        );
      else if (verb === 'removerecovery')
        f = finding(
          'macos.filevault-off',
          70,
          'fdesetup removerecovery deletes the FileVault recovery key: a forgotten password loses the disk',
          'FileVault',
          ALT_SECURITY,
        );
      break;
    }
    case 'spctl':
      // `spctl --disable` (macOS 15's spelling); --master-disable and --global-disable are the system pack's.
      if (argv.includes('--disable') && !argv.includes('--label'))
        f = finding('system.security-disable', 60, 'spctl --disable turns Gatekeeper off', 'gatekeeper', ALT_SECURITY);
      break;
    case 'csrutil':
      if (sub(argv).join(' ') === 'authenticated-root disable')
        f = finding(
          'system.security-disable',
          70,
          'csrutil authenticated-root disable lets the system volume be modified',
          'SIP',
          ALT_SECURITY,
        );
      break;
    case 'xattr':
      f = xattr(cmd, ctx);
      break;
    case 'defaults': {
      const [verb, domain, key] = sub(argv);
      const global = argv.includes('-g') || argv.includes('-globalDomain');
      if (verb === 'delete' && ((domain && !key && !global) || (global && !domain)))
        f = finding(
          'macos.defaults-domain-delete',
          60,
          `defaults delete ${domain ?? 'NSGlobalDomain'} deletes every setting of that domain`,
          domain ?? 'NSGlobalDomain',
          'delete the one key you mean (defaults delete DOMAIN KEY)',
        );
      break;
    }
    case 'profiles': {
      const verb = sub(argv)[0];
      if (verb === 'remove' || argv.includes('-R') || argv.includes('-D'))
        f = finding(
          'macos.profile-remove',
          80,
          'profiles remove deletes configuration profiles: the security policies and certificates they install go with them',
          argv.includes('-all') ? 'all profiles' : 'profile',
          ALT_SECURITY,
        );
      break;
    }
    case 'nvram':
      if (argv.includes('-c'))
        f = finding(
          'macos.nvram-clear',
          70,
          'nvram -c clears every firmware variable (startup disk, boot arguments)',
          'NVRAM',
          ALT_SECURITY,
        );
      break;
    case 'dscl':
      if (argv.some((a) => a === '-delete') && argv.some((a) => /^\/Users\/[^/]+$/.test(a)))
        f = finding(
          'macos.user-delete',
          80,
          `dscl deletes the account ${argv.find((a) => /^\/Users\//.test(a))}`,
          argv.find((a) => /^\/Users\//.test(a)),
          'ask the user to manage accounts',
        );
      break;
    case 'sysadminctl':
      if (argv.includes('-deleteUser'))
        f = finding(
          'macos.user-delete',
          80,
          `sysadminctl -deleteUser ${argv[argv.indexOf('-deleteUser') + 1] ?? ''} deletes the account and its home folder`.trim(),
          argv[argv.indexOf('-deleteUser') + 1],
          'ask the user to manage accounts',
        );
      break;
    case 'brew':
      f = brew(cmd);
      break;
    case 'osascript':
      // The Finder's trash emptied: what was deleted earlier can no longer be put back.
      if (/empty\s+(?:the\s+)?trash/i.test(argv.join(' ')))
        f = finding(
          'macos.trash-empty',
          60,
          'osascript empties the Trash: files deleted earlier can no longer be put back',
          'Trash',
          'leave the Trash to the user',
        );
      break;
  }
  return f ? [f] : undefined;
}

const READ_ONLY = new Set([
  'sw_vers',
  'system_profiler',
  'tmutil',
  'fdesetup',
  'profiles',
  'nvram',
  'dscl',
  'security',
]);

export const macosPack: Pack = {
  id: 'macos',
  commands: [
    'tmutil',
    'security',
    'fdesetup',
    'csrutil',
    'spctl',
    'osascript',
    'xcrun',
    'xattr',
    'defaults',
    'profiles',
    'nvram',
    'dscl',
    'sysadminctl',
    'brew',
    'sw_vers',
    'system_profiler',
  ],
  analyze,
  effect(cmd, ctx) {
    if (analyze(cmd, ctx)) return 'write';
    return READ_ONLY.has(cmd.argv[0] ?? '') ? 'read' : undefined;
  },
};
