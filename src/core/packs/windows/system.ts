// The Windows machine itself: processes Windows cannot live without, every
// process at once, services deleted or stopped, local accounts deleted or
// made administrators, a WSL distribution unregistered, tasks scheduled to
// run later, credentials dumped from memory, and code fetched by the
// programs Windows keeps for it (mshta, regsvr32). Looking stays quiet.
import type { Finding, SimpleCommand } from '../../types';
import { hasSwitch, isWindowsHelp, operands, paramValues, switchValue } from './common';
import { finding } from '../common/finding';

// Processes whose death stops Windows (a blue screen, or a logon that never comes back), and Defender's engine.
/** Variables that say where programs and modules are found. */
const PROGRAM_LOOKUP = /^(?:PATH|PATHEXT|PSModulePath|ComSpec)$/i;
const CRITICAL =
  /^(?:lsass|csrss|wininit|winlogon|smss|services|svchost|system|dwm|MsMpEng|SecurityHealthService|lsaiso|fontdrvhost|sihost)(?:\.exe)?$/i;
const RUNTIMES =
  /^(?:node|python|pythonw|java|javaw|dotnet|pwsh|powershell|cmd|conhost|code|cursor|electron)(?:\.exe)?$/i;

function criticalFinding(tool: string, names: readonly string[]): Finding | undefined {
  const critical = names.find((n) => CRITICAL.test(n.trim()));
  return critical
    ? finding(
        'windows.kill-critical',
        90,
        `${tool} kills ${critical}, a process Windows cannot run without: the machine crashes or logs everyone off`,
        critical,
        'kill the one process you mean, by its id',
      )
    : undefined;
}

function desktopFinding(tool: string, names: readonly string[]): Finding | undefined {
  const desktop = names.find((n) => /^explorer(?:\.exe)?$/i.test(n.trim()));
  return desktop
    ? finding(
        'windows.kill-desktop',
        60,
        `${tool} ${desktop} kills the Windows desktop shell: the taskbar, Start menu and open folders go away`,
        desktop,
        'ask the user to restart Explorer',
      )
    : undefined;
}

function processFinding(tool: string, names: readonly string[]): Finding | undefined {
  const critical = criticalFinding(tool, names);
  if (critical) return critical;
  const broad = names.find((n) => /^\*|^\*\.exe$/.test(n.trim()));
  if (broad)
    return finding(
      'windows.kill-broad',
      80,
      `${tool} ${broad} kills every process`,
      broad,
      'kill the one process you mean, by its id',
    );
  const desktop = desktopFinding(tool, names);
  if (desktop) return desktop;
  const runtime = names.find((n) => RUNTIMES.test(n.trim()));
  if (runtime)
    return finding(
      'windows.kill-runtime',
      60,
      `${tool} ${runtime} kills every ${runtime.replace(/\.exe$/i, '')} process, the editor's helpers and the agents included`,
      runtime,
      'kill the one process by its id (tasklist first)',
    );
  return undefined;
}

function taskkill(argv: readonly string[]): Finding | undefined {
  if (isWindowsHelp(argv)) return undefined;
  const images: string[] = [];
  for (let i = 1; i < argv.length; i++) if (/^\/im$/i.test(argv[i]) && argv[i + 1]) images.push(argv[i + 1]);
  const filter = switchValue(argv, 'fi');
  if (filter !== undefined && !images.length && !hasSwitch(argv, 'pid'))
    return finding(
      'windows.kill-broad',
      80,
      `taskkill /fi "${filter}" kills every process the filter matches`,
      filter,
      'kill the one process you mean, by its id',
    );
  return processFinding('taskkill', images);
}

function sc(argv: readonly string[]): Finding | undefined {
  const w = operands(argv);
  // `sc \\server stop X`: another machine's services.
  if (w[0]?.startsWith('\\\\')) w.shift();
  const verb = w[0]?.toLowerCase();
  const service = w[1] ?? 'a service';
  switch (verb) {
    case 'delete':
      return finding(
        'windows.service-delete',
        80,
        `sc delete removes the service ${service}`,
        service,
        'stop it instead, and ask the user before removing services',
      );
    case 'stop':
    case 'pause':
      return finding(
        'system.service-stop',
        60,
        `sc ${verb} ${service}: the service goes down`,
        service,
        'ask the user before stopping services',
      );
    case 'create':
      return finding(
        'windows.service-create',
        60,
        `sc create installs ${service} as a service that runs as the system, now and at every start`,
        service,
        'ask the user to install services',
      );
    case 'config':
    case 'failure':
      return /start=?\s*(?:disabled|demand)/i.test(argv.join(' ')) || /binpath=/i.test(argv.join(' '))
        ? finding(
            'windows.service-change',
            60,
            `sc ${verb} changes how the service ${service} starts or what it runs`,
            service,
            'ask the user before changing services',
          )
        : undefined;
  }
  return undefined;
}

function net(argv: readonly string[]): Finding | undefined {
  const w = operands(argv).map((x) => x.toLowerCase());
  const verb = w[0];
  if ((verb === 'stop' || verb === 'pause') && w[1])
    return finding(
      'system.service-stop',
      60,
      `net ${verb} ${operands(argv)[1]}: the service goes down`,
      operands(argv)[1],
      'ask the user before stopping services',
    );
  if (verb === 'user' && w[1] && hasSwitch(argv, 'delete'))
    return finding(
      'windows.user-delete',
      80,
      `net user ${operands(argv)[1]} /delete removes a local account`,
      operands(argv)[1],
      'ask the user to manage accounts',
    );
  if (verb === 'user' && w[1] && (hasSwitch(argv, 'add') || (w.length >= 3 && !w[2].startsWith('/'))))
    return finding(
      'windows.user-change',
      60,
      `net user ${operands(argv)[1]} creates an account or sets its password`,
      operands(argv)[1],
      'ask the user to manage accounts',
    );
  if (
    verb === 'localgroup' &&
    /^(?:administrators|remote desktop users|administratoren|administrateurs)$/i.test(operands(argv)[1] ?? '') &&
    hasSwitch(argv, 'add')
  ) {
    return finding(
      'windows.admin-grant',
      80,
      `net localgroup ${operands(argv)[1]} /add gives ${operands(argv)[2] ?? 'an account'} administrator rights`,
      operands(argv)[2],
      'ask the user to manage accounts',
    );
  }
  if (verb === 'share' && hasSwitch(argv, 'delete'))
    return finding(
      'windows.share-delete',
      50,
      `net share ${operands(argv)[1]} /delete stops sharing a folder`,
      operands(argv)[1],
    );
  return undefined;
}

export function systemFindings(cmd: SimpleCommand): Finding | undefined {
  const argv = cmd.argv;
  switch (argv[0]) {
    case 'taskkill':
      return taskkill(argv);
    case 'pkill':
    case 'killall': {
      // Stop-Process -Name lsass reaches here as pkill lsass; runtimes and broad patterns are the system pack's.
      const names = operands(argv).filter((a) => !a.startsWith('-'));
      return criticalFinding(argv[0], names) ?? desktopFinding(argv[0], names);
    }
    case 'sc':
      return isWindowsHelp(argv) ? undefined : sc(argv);
    case 'net':
    case 'net1':
      return net(argv);
    case 'Remove-LocalUser':
      return finding(
        'windows.user-delete',
        80,
        `Remove-LocalUser removes the local account ${paramValues(argv, 'Name')?.join(', ') ?? ''}`.trim(),
        paramValues(argv, 'Name')?.join(', '),
        'ask the user to manage accounts',
      );
    case 'Disable-LocalUser':
    case 'Set-LocalUser':
      return finding(
        'windows.user-change',
        60,
        `${argv[0]} changes the local account ${paramValues(argv, 'Name')?.join(', ') ?? ''}`.trim(),
        paramValues(argv, 'Name')?.join(', '),
        'ask the user to manage accounts',
      );
    case 'Add-LocalGroupMember': {
      const group = paramValues(argv, 'Group')?.join(' ') ?? paramValues(argv, 'Name')?.join(' ') ?? '';
      return /administrators|remote desktop/i.test(group)
        ? finding(
            'windows.admin-grant',
            80,
            `Add-LocalGroupMember gives ${paramValues(argv, 'Member')?.join(', ') ?? 'an account'} ${group} rights`,
            group,
            'ask the user to manage accounts',
          )
        : undefined;
    }
    case 'wsl': {
      const a = argv.slice(1).map((x) => x.toLowerCase());
      if (a.includes('--unregister'))
        return finding(
          'windows.wsl-unregister',
          90,
          `wsl --unregister ${argv[a.indexOf('--unregister') + 2] ?? ''} deletes that Linux distribution and every file in it`.trim(),
          argv[a.indexOf('--unregister') + 2],
          'export it first (wsl --export), and ask the user',
        );
      return undefined;
    }
    case 'schtasks':
      if (hasSwitch(argv, 'create'))
        return finding(
          'windows.scheduled-task',
          60,
          `schtasks /create schedules ${switchValue(argv, 'tr') ?? 'a program'} to run later, unattended`,
          switchValue(argv, 'tn'),
          'run it now instead, or ask the user to schedule it',
        );
      if (hasSwitch(argv, 'delete'))
        return finding(
          'windows.scheduled-task',
          45,
          `schtasks /delete removes the scheduled task ${switchValue(argv, 'tn') ?? ''}`.trim(),
          switchValue(argv, 'tn'),
        );
      return undefined;
    case 'Register-ScheduledTask':
    case 'Set-ScheduledTask':
      return finding(
        'windows.scheduled-task',
        60,
        `${argv[0]} schedules ${paramValues(argv, 'TaskName')?.join(' ') ?? 'a task'} to run later, unattended`,
        paramValues(argv, 'TaskName')?.join(' '),
        'run it now instead, or ask the user to schedule it',
      );
    case 'Unregister-ScheduledTask':
      return finding(
        'windows.scheduled-task',
        45,
        'Unregister-ScheduledTask removes a scheduled task',
        paramValues(argv, 'TaskName')?.join(' '),
      );
    case 'setx': {
      if (hasSwitch(argv, 'm'))
        return finding(
          'windows.machine-environment',
          60,
          `setx /M sets ${operands(argv)[0] ?? 'a variable'} for every user and program on the machine, permanently`,
          operands(argv)[0],
          'set it for this session only',
        );
      // The user's own lookup variables decide which program every later name runs, in every new shell.
      const name = operands(argv)[0];
      return name && PROGRAM_LOOKUP.test(name)
        ? finding(
            'windows.user-environment',
            55,
            `setx sets ${name} for every program the user starts from now on, permanently: it decides which program a name runs`,
            name,
            'set it for this session only ($env:' + name + ')',
          )
        : undefined;
    }
  }
  return credentialsAndCode(cmd);
}

function credentialsAndCode(cmd: SimpleCommand): Finding | undefined {
  const argv = cmd.argv;
  const text = argv.join(' ');
  switch (argv[0]) {
    case 'procdump':
    case 'procdump64':
      return /lsass/i.test(text)
        ? finding(
            'windows.credential-dump',
            95,
            'procdump copies the memory of lsass, which holds the credentials of everyone logged on',
            'lsass',
          )
        : undefined;
    case 'rundll32':
      if (/comsvcs(?:\.dll)?\s*,?\s*#?(?:MiniDump|24)/i.test(text))
        return finding(
          'windows.credential-dump',
          95,
          "rundll32 comsvcs MiniDump copies a process's memory (lsass: every logged-on credential)",
          'lsass',
        );
      if (/javascript:|vbscript:|https?:/i.test(text))
        return finding(
          'exec.remote-code',
          70,
          'rundll32 runs script or code fetched from a URL',
          argv.slice(1).join(' ').slice(0, 80),
        );
      return undefined;
    case 'mimikatz':
    case 'ntdsutil':
      return finding('windows.credential-dump', 95, `${argv[0]} extracts password hashes and credentials`, argv[0]);
    case 'mshta':
      return operands(argv).some((a) => /^(?:https?:|javascript:|vbscript:|\\\\)/i.test(a))
        ? finding(
            'exec.remote-code',
            70,
            'mshta runs an HTML application fetched from the network or given inline',
            operands(argv)[0],
            'download the file, read it, then run it',
          )
        : undefined;
    case 'regsvr32':
      return argv.some((a) => /^\/i:(?:https?:|\\\\)/i.test(a))
        ? finding(
            'exec.remote-code',
            70,
            'regsvr32 /i: runs a scriptlet fetched from the network',
            argv.find((a) => /^\/i:/i.test(a)),
            'download the file, read it, then run it',
          )
        : undefined;
    case 'bitsadmin':
      return hasSwitch(argv, 'transfer') && hasSwitch(argv, 'setnotifycmdline')
        ? finding('exec.remote-code', 70, 'bitsadmin downloads a file and runs a command when it arrives', 'bitsadmin')
        : undefined;
  }
  return undefined;
}
