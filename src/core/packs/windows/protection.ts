// Windows' protection switched off or its tracks erased: Defender real-time
// protection and exclusions, the firewall, the machine's script execution
// policy, event logs and audit policy, the boot configuration, ownership and
// permissions of system folders. Looking (Get-MpComputerStatus, bcdedit
// /enum, netsh … show) and changes scoped to the user or the workspace stay quiet.
import { classifyPath } from '../../command/paths';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { hasSwitch, isWindowsHelp, operands, paramOn, paramValues, switchValue, truthy } from './common';
import { finding } from '../common/finding';

const ALT = 'ask the user to change Windows security settings themselves';

function defender(argv: readonly string[]): Finding | undefined {
  for (const p of [
    'DisableRealtimeMonitoring',
    'DisableBehaviorMonitoring',
    'DisableIOAVProtection',
    'DisableScriptScanning',
    'DisableIntrusionPreventionSystem',
    'DisableArchiveScanning',
    'DisableBlockAtFirstSeen',
  ]) {
    if (truthy(paramValues(argv, p)?.[0]) || (paramValues(argv, p)?.length === 0 && paramOn(argv, p))) {
      return finding(
        'windows.defender-off',
        90,
        `${argv[0]} -${p} switches part of Microsoft Defender off`,
        'Microsoft Defender',
        ALT,
      );
    }
  }
  for (const p of [
    'ExclusionPath',
    'ExclusionProcess',
    'ExclusionExtension',
    'ExclusionIpAddress',
    'ControlledFolderAccessAllowedApplications',
    'AttackSurfaceReductionOnlyExclusions',
  ]) {
    const v = paramValues(argv, p);
    if (v?.length)
      return finding(
        'windows.defender-exclusion',
        80,
        `${argv[0]} -${p} ${v.join(', ')}: Microsoft Defender stops scanning it`,
        v.join(', '),
        ALT,
      );
  }
  const folder = paramValues(argv, 'EnableControlledFolderAccess')?.[0];
  if (folder !== undefined && /^(?:disabled|0|auditmode)$/i.test(folder))
    return finding(
      'windows.defender-off',
      80,
      'switches Controlled Folder Access (ransomware protection) off',
      'Microsoft Defender',
      ALT,
    );
  if (
    /^0$|^disabled$/i.test(paramValues(argv, 'MAPSReporting')?.[0] ?? '') ||
    /^2$|^never/i.test(paramValues(argv, 'SubmitSamplesConsent')?.[0] ?? '')
  ) {
    return finding(
      'windows.defender-off',
      60,
      "switches Microsoft Defender's cloud protection off",
      'Microsoft Defender',
      ALT,
    );
  }
  return undefined;
}

function netsh(argv: readonly string[]): Finding | undefined {
  const w = operands(argv).map((x) => x.toLowerCase());
  const text = w.join(' ');
  if (/^(?:advfirewall\s+set\s+\S+\s+state\s+off|firewall\s+set\s+opmode\s+(?:mode=)?disable)/.test(text))
    return finding('windows.firewall-off', 85, 'netsh turns the Windows firewall off', 'Windows Firewall', ALT);
  if (/^advfirewall\s+reset/.test(text))
    return finding(
      'windows.firewall-off',
      60,
      'netsh advfirewall reset drops every firewall rule and setting',
      'Windows Firewall',
      ALT,
    );
  if (
    /^advfirewall\s+firewall\s+(?:delete|add)\s+rule/.test(text) &&
    (text.includes('delete') || (/action=allow/.test(text) && /dir=in/.test(text)))
  ) {
    return finding(
      'windows.firewall-rule',
      50,
      `netsh ${text.includes('delete') ? 'deletes firewall rules' : 'opens an inbound port in the firewall'}`,
      'Windows Firewall',
      ALT,
    );
  }
  return undefined;
}

function executionPolicy(argv: readonly string[]): Finding | undefined {
  const policy = (paramValues(argv, 'ExecutionPolicy')?.[0] ?? '').toLowerCase();
  const scope = (paramValues(argv, 'Scope')?.[0] ?? 'LocalMachine').toLowerCase();
  // The process scope ends with this PowerShell; RemoteSigned is what Microsoft recommends.
  if (scope === 'process' || !/^(?:unrestricted|bypass)$/.test(policy)) return undefined;
  return finding(
    'windows.execution-policy',
    scope === 'currentuser' ? 50 : 60,
    `Set-ExecutionPolicy ${policy} for ${scope}: any script runs without a signature check, from now on`,
    'execution policy',
    'use -Scope Process for one session, or RemoteSigned for the user',
  );
}

function bcdedit(argv: readonly string[]): Finding | undefined {
  if (isWindowsHelp(argv)) return undefined;
  const a = argv.slice(1).map((w) => w.toLowerCase());
  if (
    a.includes('/delete') ||
    a.includes('/deletevalue') ||
    a.includes('/import') ||
    a.includes('/set') ||
    a.includes('/deletevalue') ||
    a.includes('/bootsequence') ||
    a.includes('/clean')
  ) {
    const what = a.filter((w) => !w.startsWith('/')).join(' ');
    return finding(
      'windows.boot-config',
      85,
      `bcdedit changes the boot configuration (${what || a.join(' ')}): Windows may not start, or start with protection off`,
      'boot configuration',
      ALT,
    );
  }
  return undefined;
}

const SYSTEM_LOCATIONS = new Set(['root', 'system-top', 'system', 'other-home', 'home']);

function ownership(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  if (isWindowsHelp(argv)) return undefined;
  const target = cmd.argv[0] === 'takeown' ? switchValue(argv, 'f') : operands(argv)[0];
  if (!target) return undefined;
  const p = classifyPath(target.replace(/\\/g, '/'), cmd.cwd, cmd.env, ctx);
  if (!SYSTEM_LOCATIONS.has(p.location)) return undefined;
  if (
    cmd.argv[0] === 'icacls' &&
    !argv.slice(2).some((a) => /^\/(?:grant|reset|setowner|inheritance|deny|remove|restore|setintegritylevel)/i.test(a))
  )
    return undefined;
  const tree = hasSwitch(argv, 'r') || hasSwitch(argv, 't');
  return finding(
    'windows.take-ownership',
    tree ? 80 : 70,
    `${argv[0]} changes the owner or permissions of ${target}${tree ? ' and everything below it' : ''}, a system location`,
    target,
    ALT,
  );
}

const SECURITY_SERVICES =
  /^(?:WinDefend|WdNisSvc|WdFilter|Sense|MpsSvc|wscsvc|EventLog|SecurityHealthService|BFE|mpssvc|wuauserv|WdBoot)$/i;

export function protectionFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  switch (argv[0]) {
    case 'Set-MpPreference':
    case 'Add-MpPreference':
      return defender(argv);
    case 'Uninstall-WindowsFeature':
    case 'Remove-WindowsFeature':
    case 'Disable-WindowsOptionalFeature':
      return /defender/i.test(argv.join(' '))
        ? finding('windows.defender-off', 90, `${argv[0]} removes Microsoft Defender`, 'Microsoft Defender', ALT)
        : undefined;
    case 'Set-NetFirewallProfile':
      return /^(?:false|0|\$false)$/i.test(paramValues(argv, 'Enabled')?.[0] ?? '')
        ? finding(
            'windows.firewall-off',
            85,
            'Set-NetFirewallProfile turns the Windows firewall off',
            'Windows Firewall',
            ALT,
          )
        : undefined;
    case 'Disable-NetFirewallRule':
    case 'Remove-NetFirewallRule':
      return finding('windows.firewall-rule', 50, `${argv[0]} removes firewall protection`, 'Windows Firewall', ALT);
    case 'New-NetFirewallRule':
    case 'Set-NetFirewallRule': {
      const inbound = /^inbound$/i.test(paramValues(argv, 'Direction')?.[0] ?? 'Inbound');
      const allow = /^allow$/i.test(paramValues(argv, 'Action')?.[0] ?? 'Allow');
      return inbound && allow
        ? finding(
            'windows.firewall-rule',
            50,
            `${argv[0]} lets inbound connections through the firewall`,
            paramValues(argv, 'DisplayName')?.join(' ') ?? 'Windows Firewall',
            ALT,
          )
        : undefined;
    }
    case 'Disable-NetAdapter':
    case 'Remove-NetIPAddress':
    case 'Remove-NetRoute':
      return finding(
        'windows.network-off',
        60,
        `${argv[0]} takes the machine off the network (a remote session to it is cut)`,
        paramValues(argv, 'Name')?.join(' '),
        ALT,
      );
    case 'netsh':
      return netsh(argv);
    case 'Set-ExecutionPolicy':
      return executionPolicy(argv);
    case 'Remove-Item': {
      // The certificate stores: a root removed breaks TLS; one added elsewhere is the registry's or a human's.
      const store = (paramValues(argv, 'Path') ?? []).find((p) => /^Cert:/i.test(p));
      return store
        ? finding(
            'windows.certificate-delete',
            /\\Root(?:\\|$)/i.test(store) ? 80 : 70,
            `Remove-Item deletes the certificate ${store}${paramOn(argv, 'DeleteKey') ? ' and its private key' : ''}`,
            store,
            ALT,
          )
        : undefined;
    }
    case 'Clear-RecycleBin':
      return finding(
        'windows.recycle-bin-empty',
        60,
        'Clear-RecycleBin empties the Recycle Bin: files deleted earlier can no longer be restored',
        'Recycle Bin',
        'leave the Recycle Bin to the user',
      );
    case 'wevtutil': {
      const verb = operands(argv)[0]?.toLowerCase();
      if (verb === 'cl' || verb === 'clear-log')
        return finding(
          'windows.event-log-clear',
          90,
          `wevtutil clears the ${operands(argv)[1] ?? ''} event log: what happened on this machine is erased`.replace(
            '  ',
            ' ',
          ),
          operands(argv)[1],
          'export the log first (wevtutil epl), and ask the user',
        );
      if ((verb === 'sl' || verb === 'set-log') && argv.some((a) => /^\/e(?:nabled)?:false$/i.test(a)))
        return finding(
          'windows.event-log-clear',
          80,
          `wevtutil disables the ${operands(argv)[1] ?? ''} event log`.replace('  ', ' '),
          operands(argv)[1],
          ALT,
        );
      if (verb === 'um' || verb === 'uninstall-manifest')
        return finding('windows.event-log-clear', 60, 'wevtutil uninstalls an event provider', operands(argv)[1], ALT);
      return undefined;
    }
    case 'Clear-EventLog':
    case 'Remove-EventLog': {
      const logs = paramValues(argv, 'LogName')?.join(', ') || 'event logs';
      return finding(
        'windows.event-log-clear',
        argv[0] === 'Clear-EventLog' ? 90 : 80,
        `${argv[0]} ${argv[0] === 'Clear-EventLog' ? 'clears' : 'deletes'} ${logs}: what happened on this machine is erased`,
        logs,
        'export the log first, and ask the user',
      );
    }
    case 'auditpol':
      if (
        hasSwitch(argv, 'clear') ||
        hasSwitch(argv, 'remove') ||
        argv.some((a) => /^\/(?:success|failure):disable$/i.test(a))
      )
        return finding('windows.audit-off', 80, 'auditpol switches security auditing off', 'audit policy', ALT);
      return undefined;
    case 'bcdedit':
      return bcdedit(argv);
    case 'takeown':
    case 'icacls':
    case 'cacls':
      return ownership(cmd, ctx);
    case 'attrib': {
      const target = operands(argv).find((a) => !/^[+-][rahsiox]$/i.test(a));
      if (!target || !argv.some((a) => /^-[sh]$/i.test(a))) return undefined;
      const p = classifyPath(target.replace(/\\/g, '/'), cmd.cwd, cmd.env, ctx);
      return p.location === 'system' || p.location === 'system-top' || p.location === 'root'
        ? finding(
            'windows.system-attributes',
            60,
            `attrib removes the system or hidden mark from ${target}`,
            target,
            ALT,
          )
        : undefined;
    }
    case 'sc': {
      const w = operands(argv);
      if (w[0]?.toLowerCase() === 'config' && SECURITY_SERVICES.test(w[1] ?? '') && /disabled/i.test(argv.join(' '))) {
        return finding('windows.defender-off', 90, `sc config ${w[1]} disables a Windows security service`, w[1], ALT);
      }
      return undefined;
    }
  }
  return undefined;
}
