// The Windows registry: deleting keys and values, writing machine-wide keys,
// the autorun keys code hides in (Run, RunOnce, Winlogon, Image File
// Execution Options), policy keys that switch protection off, importing
// whole .reg files, and saving the hives that hold password hashes. Reading
// (reg query, Get-ItemProperty) and the user's own application keys stay quiet.
import type { Finding, SimpleCommand } from '../../types';
import { hasSwitch, operands, paramValues } from './common';
import { finding } from '../common/finding';
import { own } from '../../text/own';

const ALT = "ask the user to change the registry, or make the change in the application's own settings";

/** `HKLM:\X`, `HKEY_LOCAL_MACHINE\X`, `Registry::HKLM\X` → `{ hive: 'HKLM', path: 'X' }`. */
export function registryKey(word: string): { hive: string; path: string } | undefined {
  const w = word.replace(/^(?:Microsoft\.PowerShell\.Core\\)?Registry::/i, '').replace(/\//g, '\\');
  const m =
    /^(HKLM|HKCU|HKCR|HKU|HKCC|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG):?(?:\\(.*))?$/i.exec(
      w,
    );
  if (!m) return undefined;
  const long: Record<string, string> = {
    HKEY_LOCAL_MACHINE: 'HKLM',
    HKEY_CURRENT_USER: 'HKCU',
    HKEY_CLASSES_ROOT: 'HKCR',
    HKEY_USERS: 'HKU',
    HKEY_CURRENT_CONFIG: 'HKCC',
  };
  const hive = m[1].toUpperCase();
  return { hive: own(long, hive) ?? hive, path: (m[2] ?? '').replace(/\\+$/, '') };
}

/**
 * `"$h\Software\Microsoft\Windows\CurrentVersion\Run"`: a key under a hive known only at run time, judged
 * as under the worst one (HKLM) when what follows is plainly a registry path. Other paths under a variable are
 * folders as often as keys (`New-Item "$dir\logs"`) and stay unjudged here.
 */
function runTimeHiveKey(word: string): { hive: string; path: string } | undefined {
  const m = /^(?:%\w+%|\u0001[^\\]*|\$\{?[\w:]+\}?|\$\([^)]*\))\\(.+)$/.exec(word.replace(/\//g, '\\'));
  if (!m) return undefined;
  const path = m[1].replace(/\\+$/, '');
  if (!AUTORUN.test(path) && !PROTECTION.test(path) && !/^(?:Software|SYSTEM)\\/i.test(path)) return undefined;
  return { hive: 'HKLM', path };
}

// Keys whose values run programs or change how Windows protects itself.
const AUTORUN =
  /(?:^|\\)(?:Microsoft\\Windows\\CurrentVersion\\(?:Run|RunOnce|RunServices|RunServicesOnce|Policies\\Explorer\\Run)|Microsoft\\Windows NT\\CurrentVersion\\(?:Winlogon|Image File Execution Options|Windows)|Microsoft\\Active Setup\\Installed Components|Environment)(?:\\|$)/i;
const PROTECTION =
  /(?:^|\\)(?:Policies\\Microsoft\\Windows Defender|Microsoft\\Windows Defender|Policies\\Microsoft\\WindowsFirewall|Services\\(?:WinDefend|WdNisSvc|Sense|MpsSvc|EventLog|wscsvc|SecurityHealthService)|Control\\Lsa|Control\\SecurityProviders|Policies\\Microsoft\\Windows\\WindowsUpdate|Control\\Terminal Server|Policies\\System)(?:\\|$)/i;
/** Hives whose copy gives away every local password hash. */
const SECRET_HIVES = /^(?:SAM|SECURITY|SYSTEM)$/i;

function shown(k: { hive: string; path: string }): string {
  return k.path ? `${k.hive}\\${k.path}` : k.hive;
}

/** How a change to a key is judged: autorun and protection keys are the worst, then machine-wide ones. */
function judgeChange(
  verb: 'deletes' | 'writes',
  k: { hive: string; path: string },
  whole: boolean,
): Finding | undefined {
  const where = shown(k);
  if (PROTECTION.test(k.path))
    return finding(
      'windows.protection-off',
      85,
      `${verb} ${where}, a key that controls Windows' own protection (Defender, firewall, event log, logon security)`,
      where,
      ALT,
    );
  if (AUTORUN.test(k.path))
    return finding(
      'windows.autorun',
      verb === 'writes' ? 80 : 60,
      `${verb} ${where}, a key whose values Windows runs at start-up or logon`,
      where,
      ALT,
    );
  const machine = k.hive === 'HKLM' || k.hive === 'HKCR' || k.hive === 'HKU';
  if (verb === 'deletes') {
    if (!k.path || k.path.split('\\').length <= 1)
      return finding('windows.registry-delete', 95, `deletes ${where}, a whole registry hive branch`, where, ALT);
    return finding(
      'windows.registry-delete',
      machine ? 80 : whole ? 60 : 50,
      `deletes the registry ${whole ? 'key' : 'value'} ${where}${machine ? ', machine-wide' : ''}`,
      where,
      ALT,
    );
  }
  return machine
    ? finding('windows.registry-write', 70, `writes the machine-wide registry key ${where}`, where, ALT)
    : undefined;
}

function reg(argv: readonly string[]): Finding | undefined {
  const words = operands(argv);
  const verb = words[0]?.toLowerCase();
  const key = words[1] ? (registryKey(words[1]) ?? runTimeHiveKey(words[1])) : undefined;
  switch (verb) {
    case 'delete':
      return key ? judgeChange('deletes', key, !hasSwitch(argv, 'v') && !hasSwitch(argv, 've')) : undefined;
    case 'add':
      return key ? judgeChange('writes', key, false) : undefined;
    case 'import':
      return finding(
        'windows.registry-write',
        60,
        `reg import writes every key in ${words[1] ?? 'a .reg file'} into the registry`,
        words[1],
        ALT,
      );
    case 'restore':
    case 'load':
    case 'copy':
      return finding(
        'windows.registry-write',
        70,
        `reg ${verb} overwrites registry keys`,
        key ? shown(key) : words[1],
        ALT,
      );
    case 'save':
    case 'export': {
      if (key && key.hive === 'HKLM' && SECRET_HIVES.test(key.path.split('\\')[0])) {
        return finding(
          'windows.credential-dump',
          90,
          `reg ${verb} copies the ${key.path} hive, which holds every local account's password hash`,
          shown(key),
          'never copy the SAM, SECURITY or SYSTEM hives',
        );
      }
      return undefined;
    }
  }
  return undefined;
}

export function registryFindings(cmd: SimpleCommand): Finding | undefined {
  const argv = cmd.argv;
  switch (argv[0]) {
    case 'reg':
      return reg(argv);
    case 'regedit':
    case 'regini':
      return operands(argv).length || hasSwitch(argv, 's')
        ? finding(
            'windows.registry-write',
            60,
            `${argv[0]} imports ${operands(argv)[0] ?? 'a file'} into the registry`,
            operands(argv)[0],
            ALT,
          )
        : undefined;
    case 'Remove-Item':
    case 'Remove-ItemProperty':
    case 'Set-ItemProperty':
    case 'New-ItemProperty':
    case 'Set-Item':
    case 'New-Item': {
      const key = (paramValues(argv, 'Path') ?? paramValues(argv, 'LiteralPath') ?? [])
        .map((w) => registryKey(w) ?? runTimeHiveKey(w))
        .find((k) => k !== undefined);
      if (!key) return undefined;
      const deletes = argv[0].startsWith('Remove');
      return judgeChange(deletes ? 'deletes' : 'writes', key, argv[0] === 'Remove-Item');
    }
  }
  return undefined;
}
