// The machine itself: killing every process, stopping databases and
// services, powering off, wiping the crontab or the firewall, deleting users.
// Looking (ps, lsof, systemctl status, crontab -l, iptables -L) stays quiet.
// Fork bombs are caught by the normalizer, which sees function definitions.
import { hasFlag, positionals } from '../command/args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import {
  initFindings,
  killFindings,
  pkillFindings,
  POWER_TOOLS,
  powerFindings,
  serviceFindings,
  SYSTEMCTL_VALUE_OPTS,
  systemctlFindings,
} from './system/processes';
import {
  clockFindings,
  crontabFindings,
  firewallFindings,
  IPTABLES,
  kernelFindings,
  packageFindings,
  userFindings,
} from './system/admin';
import { interpreterShellFindings, netcatFindings, SCRIPT_RUNNERS, unreadScriptFindings } from './system/shells';
import { runTimeScriptOperand, SCRIPT_RUNTIMES } from './system/runTimeScripts';
import { inlineDebuggerSignalFinding } from './system/debugSignal';
import { inlineCode } from './system/common';
import { logWipeFindings } from './system/logs';
import { PLAIN_HTTP_INSTALLERS, plainHttpEnvSourceFinding, plainHttpInstallFindings } from './system/plainHttpInstall';
import { NIX_TOOLS, nixFindings } from './system/nix';

type Handler = (name: string, argv: readonly string[]) => Finding | undefined;
const HANDLERS = new Map<string, Handler>();
const on = (names: readonly string[], h: Handler) => {
  for (const n of names) HANDLERS.set(n, h);
};
on(['kill'], (_n, a) => killFindings(a));
on(['pkill', 'killall', 'killall5'], pkillFindings);
on([...POWER_TOOLS], powerFindings);
on(['init', 'telinit'], (_n, a) => initFindings(a));
on(['systemctl'], (_n, a) => systemctlFindings(a));
on(['service', 'rc-service', 'launchctl', 'brew'], serviceFindings);
on(['crontab'], (_n, a) => crontabFindings(a));
on(['userdel', 'deluser', 'groupdel', 'delgroup', 'passwd', 'usermod', 'chpasswd'], userFindings);
on(
  ['sysctl', 'swapoff', 'rmmod', 'modprobe', 'umount', 'mount', 'setenforce', 'csrutil', 'spctl', 'history'],
  kernelFindings,
);
on([...IPTABLES, 'iptables-restore', 'ip6tables-restore', 'nft', 'ufw', 'firewall-cmd', 'pfctl'], firewallFindings);
on(
  ['apt', 'apt-get', 'aptitude', 'dnf', 'yum', 'microdnf', 'zypper', 'apk', 'snap', 'pacman', 'dpkg', 'rpm'],
  packageFindings,
);
on(['nc', 'ncat', 'netcat', 'socat'], netcatFindings);
on(
  ['python', 'python3', 'perl', 'ruby', 'php', 'node', 'nodejs', 'bun'],
  (n, a) =>
    interpreterShellFindings(n, a) ??
    inlineDebuggerSignalFinding(n, inlineCode(n, a)) ??
    plainHttpInstallFindings(n, a),
);
on(PLAIN_HTTP_INSTALLERS, plainHttpInstallFindings);
on(['date', 'timedatectl'], clockFindings);
on(['journalctl', 'dmesg'], logWipeFindings);
on(NIX_TOOLS, nixFindings);

// Commands that only look at the machine; through ssh to a production host they are still reads.
const READ_ONLY = new Set([
  'ps',
  'top',
  'htop',
  'uptime',
  'free',
  'vmstat',
  'iostat',
  'lsof',
  'netstat',
  'ss',
  'whoami',
  'id',
  'uname',
  'journalctl',
  'pgrep',
  'pidof',
  'w',
  'who',
  'last',
  'df',
]);
const SYSTEMCTL_READ_RE = /^(?:status|show|cat|list-.+|is-.+|help)$/;

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const name = cmd.argv[0] ?? '';
  const h = HANDLERS.get(name);
  let f = h ? h(name, cmd.argv) : undefined;
  if (!f && h) f = plainHttpEnvSourceFinding(name, cmd.argv, cmd.env);
  // `pgrep -f postgres | xargs kill -9`: the pids come from a lookup by name.
  const from = cmd.stdinFrom;
  if (
    !f &&
    name === 'kill' &&
    from &&
    (from[0] === 'pgrep' || from[0] === 'pidof') &&
    cmd.argv.includes('$XARGS_INPUT')
  )
    f = pkillFindings('kill', from);
  if (!f && SCRIPT_RUNNERS.has(name) && cmd.argv.length > 1) f = unreadScriptFindings(cmd, ctx);
  if (!f && !SCRIPT_RUNNERS.has(name)) f = runTimeScriptOperand(cmd);
  // A restart (not a stop) on a remote host whose name says development or staging is routine,
  // like `kubectl rollout restart` in dev; production hosts are judged by the environment.
  if (
    f?.id === 'system.service-stop' &&
    /restart|reload/.test(f.summary) &&
    cmd.remote?.kind === 'ssh' &&
    NON_PRODUCTION_HOST.test(cmd.remote.target)
  )
    return undefined;
  // `trap 'kill 0' EXIT`: the shell, as it ends, stops the background jobs it started (a dev server, a watcher).
  if (f?.id === 'system.kill-group' && cmd.via[cmd.via.length - 1] === 'trap' && !cmd.remote) return undefined;
  return f ? [f] : undefined;
}

const NON_PRODUCTION_HOST =
  /(?:^|[.\-_@])(?:dev|develop|development|staging|stage|stg|test|testing|qa|sandbox|preview|local)\d*(?=$|[.\-_])/i;

function effect(cmd: SimpleCommand): 'read' | 'write' | undefined {
  const name = cmd.argv[0] ?? '';
  if (READ_ONLY.has(name))
    return name === 'journalctl' && (cmd.argv.includes('--rotate') || logWipeFindings(name, cmd.argv))
      ? 'write'
      : 'read';
  if (name === 'systemctl') {
    const verb = positionals(cmd.argv, SYSTEMCTL_VALUE_OPTS)[0];
    return verb === undefined || SYSTEMCTL_READ_RE.test(verb) ? 'read' : 'write';
  }
  if (name === 'crontab') return hasFlag(cmd.argv, ['-l']) ? 'read' : 'write';
  const h = HANDLERS.get(name);
  if (h && h(name, cmd.argv)) return 'write';
  return undefined;
}

export const systemPack: Pack = {
  id: 'system',
  commands: [...new Set([...HANDLERS.keys(), ...READ_ONLY, ...SCRIPT_RUNNERS, ...SCRIPT_RUNTIMES])],
  // Other runtimes are read here for the script they are handed only: their own verbs keep the generic reading.
  partly: SCRIPT_RUNTIMES.filter((n) => !SCRIPT_RUNNERS.has(n) && !HANDLERS.has(n)),
  analyze,
  effect,
};
