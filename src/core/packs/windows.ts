// Windows itself: disks, volumes and recovery copies (windows/storage.ts),
// the registry (windows/registry.ts), protection switched off and tracks
// erased (windows/protection.ts), processes, services, accounts, scheduled
// tasks and credential dumps (windows/system.ts). Commands arrive from the
// PowerShell and cmd readers in one spelling: cmdlets by canonical name with
// full parameter names, programs by bare lower-case name with their `/`
// switches. File deletion, HTTP, SQL and cloud calls made from PowerShell or
// cmd reach the packs that judge them on every system.
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { protectionFindings } from './windows/protection';
import { registryFindings } from './windows/registry';
import { storageFindings } from './windows/storage';
import { systemFindings } from './windows/system';

const STORAGE = [
  'diskpart',
  'format',
  'Format-Volume',
  'Clear-Disk',
  'Remove-Partition',
  'Initialize-Disk',
  'Resize-Partition',
  'cipher',
  'sdelete',
  'sdelete64',
  'fsutil',
  'manage-bde',
  'mountvol',
  'vssadmin',
  'wmic',
  'wbadmin',
  'Disable-ComputerRestore',
  'Remove-CimInstance',
  'Remove-WmiObject',
];
const REGISTRY = [
  'reg',
  'regedit',
  'regini',
  'Remove-Item',
  'Remove-ItemProperty',
  'Set-ItemProperty',
  'New-ItemProperty',
  'Set-Item',
  'New-Item',
];
const PROTECTION = [
  'Remove-Item',
  'Clear-RecycleBin',
  'New-NetFirewallRule',
  'Set-NetFirewallRule',
  'Disable-NetAdapter',
  'Remove-NetIPAddress',
  'Remove-NetRoute',
  'Set-MpPreference',
  'Add-MpPreference',
  'Uninstall-WindowsFeature',
  'Remove-WindowsFeature',
  'Disable-WindowsOptionalFeature',
  'Set-NetFirewallProfile',
  'Disable-NetFirewallRule',
  'Remove-NetFirewallRule',
  'netsh',
  'Set-ExecutionPolicy',
  'wevtutil',
  'Clear-EventLog',
  'Remove-EventLog',
  'auditpol',
  'bcdedit',
  'takeown',
  'icacls',
  'cacls',
  'attrib',
  'sc',
];
const SYSTEM = [
  'taskkill',
  'pkill',
  'killall',
  'sc',
  'net',
  'net1',
  'Remove-LocalUser',
  'Disable-LocalUser',
  'Set-LocalUser',
  'Add-LocalGroupMember',
  'wsl',
  'schtasks',
  'Register-ScheduledTask',
  'Set-ScheduledTask',
  'Unregister-ScheduledTask',
  'setx',
  'procdump',
  'procdump64',
  'rundll32',
  'mimikatz',
  'ntdsutil',
  'mshta',
  'regsvr32',
  'bitsadmin',
];

const STORAGE_SET = new Set(STORAGE);
const REGISTRY_SET = new Set(REGISTRY);
const PROTECTION_SET = new Set(PROTECTION);
const SYSTEM_SET = new Set(SYSTEM);

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const name = cmd.argv[0] ?? '';
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => {
    if (f && !out.some((g) => g.id === f.id)) out.push(f);
  };
  if (STORAGE_SET.has(name)) push(storageFindings(cmd, ctx));
  if (REGISTRY_SET.has(name)) push(registryFindings(cmd));
  if (PROTECTION_SET.has(name)) push(protectionFindings(cmd, ctx));
  if (SYSTEM_SET.has(name)) push(systemFindings(cmd));
  return out.length ? out : undefined;
}

// Tools and cmdlets that only look; through a remote session to production they are still reads.
const READ_ONLY = new Set([
  'tasklist',
  'systeminfo',
  'ipconfig',
  'Get-Disk',
  'Get-Volume',
  'Get-Partition',
  'Get-Process',
  'Get-Service',
  'Get-ChildItem',
  'Get-ItemProperty',
  'Get-MpComputerStatus',
  'Get-MpPreference',
  'Get-ExecutionPolicy',
  'Get-WinEvent',
  'Get-EventLog',
  'Get-LocalUser',
  'Get-ScheduledTask',
  'Get-CimInstance',
  'Get-WmiObject',
  'Get-NetFirewallProfile',
  'Get-Acl',
]);

function effect(cmd: SimpleCommand, ctx: AnalysisContext): 'read' | 'write' | undefined {
  const name = cmd.argv[0] ?? '';
  if (READ_ONLY.has(name)) return 'read';
  return analyze(cmd, ctx) ? 'write' : undefined;
}

export const windowsPack: Pack = {
  id: 'windows',
  commands: [...new Set([...STORAGE, ...REGISTRY, ...PROTECTION, ...SYSTEM, ...READ_ONLY])],
  analyze,
  effect,
};
