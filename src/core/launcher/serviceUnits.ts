// The AgentGuard service's definition for each system's service manager, as
// `agentguard install --managed --service` writes it: a systemd unit (Linux),
// a launchd daemon (macOS) and a Windows service (a PowerShell script that
// registers it). Each runs `agentguard service run` as the service's own OS
// user; systemd first runs `service prepare` as root (`+`), since /run is
// emptied at every boot. Only the systemd unit is run by the tests; the other
// two are checked as text.
import { adminPath, MANAGED_ROOT } from '../config/adminPaths';

export interface ServiceUnitSpec {
  /** The runtime and the CLI the service runs: both must be files only root can write. */
  node: string;
  cli: string;
  user: string;
  socketDir: string;
  stateDir: string;
}

export const SERVICE_LABEL = 'dev.agentguard.service';

/** Where each system keeps the service's definition (under the test root in a test build). */
export function serviceUnitFile(platform: NodeJS.Platform = process.platform, root = MANAGED_ROOT): string | undefined {
  return adminPath(
    {
      unix: '/etc/systemd/system/agentguard.service',
      mac: `/Library/LaunchDaemons/${SERVICE_LABEL}.plist`,
      windows: 'C:\\ProgramData\\AgentGuard\\install-service.ps1',
    },
    platform,
    root,
  );
}

/** systemd quotes an argument with spaces in double quotes, and `%` and `$` are its own specifiers. */
function systemdArg(arg: string): string {
  const escaped = arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return /[\s"']/.test(arg) ? `"${escaped}"` : escaped;
}

export function systemdUnit(s: ServiceUnitSpec): string {
  const run = (sub: string) => [s.node, s.cli, 'service', sub].map(systemdArg).join(' ');
  return `# Written by agentguard install --managed --service.
[Unit]
Description=AgentGuard service: the kill switch, audit log and circuit breaker no developer process can write
After=local-fs.target

[Service]
Type=simple
User=${s.user}
Group=${s.user}
# As root ("+"): the socket folders, one per developer, each entered only by that developer's group.
ExecStartPre=+${run('prepare')}
ExecStart=${run('run')}
Restart=on-failure
RestartSec=1
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
ReadWritePaths=${s.stateDir} ${s.socketDir}
PrivateTmp=yes
PrivateDevices=yes
# The service ships the logs it keeps to the managed policy's syslog (UDP, TCP, TLS) and OTLP (HTTPS)
# destinations, which an admin may name after install: the network stays, every other address family goes.
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
# AF_NETLINK: the kernel's socket table (sock_diag, read by ss), where the service finds who connected.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
# Two capabilities, to see which process of a developer records an approval or confirms a policy, and
# what it runs (/proc/PID/fd, exe, environ of another user): only the editor's record counts. The second
# also lets the service read any file: the price of that check (docs/security.md).
CapabilityBoundingSet=CAP_SYS_PTRACE CAP_DAC_READ_SEARCH
AmbientCapabilities=CAP_SYS_PTRACE CAP_DAC_READ_SEARCH

[Install]
WantedBy=multi-user.target
`;
}

/**
 * A developer the service has no socket for asks to be enrolled by leaving a
 * file in `<socketDir>/enrol/` (channels/service/enrol.ts); this path unit
 * runs `service prepare --enrolled` as root when one appears, so a user added
 * after install, or known only to LDAP, is served within seconds.
 */
export function systemdEnrolUnits(s: ServiceUnitSpec): { path: string; service: string } {
  const run = [s.node, s.cli, 'service', 'prepare', '--enrolled'].map(systemdArg).join(' ');
  return {
    path: `# Written by agentguard install --managed --service.
[Unit]
Description=AgentGuard service: developers asking for a socket of their own

[Path]
DirectoryNotEmpty=${s.socketDir}/enrol
Unit=agentguard-enrol.service

[Install]
WantedBy=multi-user.target
`,
    service: `# Written by agentguard install --managed --service.
[Unit]
Description=AgentGuard service: socket folders for the developers who asked
After=agentguard.service

[Service]
Type=oneshot
ExecStart=${run}
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=${s.socketDir} ${s.stateDir}
PrivateNetwork=yes
`,
  };
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** launchd runs no command before the daemon as another user: `service prepare` is run by install, and again by the admin after adding a developer. */
export function launchdPlist(s: ServiceUnitSpec): string {
  const args = [s.node, s.cli, 'service', 'run'].map((a) => `    <string>${xml(a)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${SERVICE_LABEL}</string>
  <key>UserName</key>
  <string>${xml(s.user)}</string>
  <key>GroupName</key>
  <string>${xml(s.user)}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>Umask</key>
  <integer>63</integer>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
</dict>
</plist>
`;
}

function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Windows: a virtual service account (`NT SERVICE\\AgentGuard`) runs the
 * service. Node does not answer the service control manager by itself, so
 * the script registers it through the `sc.exe` definition only; it is
 * written, not run, by install (and not tested on Windows here).
 */
export function windowsServiceScript(s: ServiceUnitSpec): string {
  const bin = `"${s.node}" "${s.cli}" service run`;
  return `# Written by agentguard install --managed --service. Run as an administrator.
$ErrorActionPreference = 'Stop'
New-Service -Name 'AgentGuard' -DisplayName 'AgentGuard service' -StartupType Automatic -BinaryPathName ${psQuote(bin)}
sc.exe config AgentGuard obj= 'NT SERVICE\\AgentGuard'
sc.exe failure AgentGuard reset= 60 actions= restart/1000
Start-Service -Name 'AgentGuard'
`;
}
