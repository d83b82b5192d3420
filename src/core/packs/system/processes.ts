// Processes and services: killing every process or one that holds data,
// powering off, stopping or disabling services.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { Finding } from '../../types';
import { isHelp } from './common';
import { finding } from '../common/finding';
import { debuggerSignalFinding } from './debugSignal';
import { wholeRunTimeValue } from '../../text/runTimeMarks';

// Long-lived processes that hold data or keep the machine reachable: killing them loses writes or access.
const CRITICAL_PROCESS_RE =
  /(?:^|[^a-z0-9])(?:postgres(?:ql)?|postmaster|pg_ctl|mysqld?|mariadbd?|mongod|mongos|redis(?:-server)?|valkey|elasticsearch|opensearch|clickhouse(?:-server)?|cockroach|cassandra|etcd|rabbitmq(?:-server)?|beam\.smp|kafka|zookeeper|memcached|influxd|neo4j|couchdb|minio|dockerd|containerd|kubelet|sshd|systemd|launchd|init|xorg|gnome-shell|windowserver|loginwindow|code|cursor|code-server)(?:$|[^a-z0-9])/i;
// Patterns that match (nearly) every process.
const BROAD_PATTERN_RE = /^(?:\.?\*?|\.\+|\^|\$|\^\.\*|\.\*\$|[a-z0-9]|-)$/i;

export function killFindings(argv: readonly string[]): Finding | undefined {
  if (argv.length < 2 || argv[1] === '-l' || argv[1] === '-L' || argv[1] === '--list' || isHelp(argv)) return undefined;
  let i = 1;
  if (argv[1] === '-s' || argv[1] === '-n' || argv[1] === '--signal') i = 3;
  else if (argv.length > 2 && /^-(?:\d+|[A-Za-z][A-Za-z0-9+-]*)$/.test(argv[1])) i = 2;
  if (argv[i] === '--') i++;
  // A lone `kill -1` is ambiguous (signal or pid); read it the dangerous way.
  const pids = argv.length === 2 ? [argv[1]] : argv.slice(i);
  if (pids.includes('-1')) {
    return finding(
      'system.kill-all',
      95,
      'kills every process the user can signal (pid -1): the session, editor and servers all die',
      '-1',
      'kill the specific process id',
    );
  }
  if (pids.includes('1'))
    return finding(
      'system.kill-init',
      80,
      'signals pid 1 (init): the system or container goes down',
      '1',
      'kill the specific process id',
    );
  if (pids.includes('0'))
    return finding(
      'system.kill-group',
      50,
      "kills every process in the current process group, the agent's own shell included",
      '0',
      'kill the specific process id',
    );
  const looked = pids.map((w) => PID_LOOKUP_RE.exec(w));
  const debug = debuggerSignalFinding(
    argv,
    looked.length > 0 && looked.every(Boolean) ? looked.flatMap((m) => m![2].trim().split(/\s+/)) : undefined,
  );
  if (debug) return debug;
  // `kill -9 $(pgrep postgres)`, `kill $(pidof mysqld)`: the pids of named processes, as pkill NAME.
  for (const w of pids) {
    const m = PID_LOOKUP_RE.exec(w);
    if (m) return pkillFindings('kill', [m[1], ...m[2].trim().split(/\s+/)]);
  }
  return undefined;
}

// `$(pgrep [-f] NAME)`, `` `pidof NAME` ``: a pid list looked up by process name.
const PID_LOOKUP_RE = /^(?:\$\(|`)\s*(pgrep|pidof)\s+([^)`]*?)\s*(?:\)|`)$/;

const PKILL_VALUE_OPTS = [
  '-s',
  '--signal',
  '-u',
  '--euid',
  '-U',
  '--uid',
  '-G',
  '--group',
  '-g',
  '--pgroup',
  '-P',
  '--parent',
  '-t',
  '--terminal',
  '-F',
  '--pidfile',
  '--session',
  '--ns',
  '--nslist',
  '-o',
  '--older-than',
  '-y',
  '--younger-than',
  '-O',
  '--older',
  '-c',
  '-n',
];

/** Also judges `kill $(pgrep …)` and `pgrep … | xargs kill`, where pgrep or pidof picks the processes. */
export function pkillFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv) || (hasFlag(argv, ['-l', '--list']) && name === 'killall' && argv.length === 2)) return undefined;
  if (name === 'killall5')
    return finding(
      'system.kill-all',
      95,
      'killall5 signals every process on the machine',
      undefined,
      'kill the specific process',
    );
  // Signal spellings like `-9` or `-KILL` are options; only names remain.
  const names = positionals(argv, PKILL_VALUE_OPTS).filter((w) => w.length > 0);
  const debug = debuggerSignalFinding(argv, names);
  if (debug) return debug;
  const user = optionValue(argv, ['-u', '--euid', '-U', '--uid', '--user']);
  if (names.length === 0) {
    if (user)
      return finding('system.kill-broad', 80, `kills every process of user ${user}`, user, 'kill the specific process');
    return undefined;
  }
  // `pkill -f "$NAME"`: a pattern known only when the line runs may match any process, the editor and the guard too.
  const runTime = names.find((n) => wholeRunTimeValue(n.trim().replace(/^(["'])(.*)\1$/s, '$2')));
  if (runTime)
    return finding(
      'system.kill-broad',
      50,
      `${name} ${runTime} kills the processes a pattern known only at run time matches: any process, the editor's included`,
      runTime,
      'name the process in full on the line, or kill it by pid',
    );
  for (const n of names) {
    if (BROAD_PATTERN_RE.test(n) || (hasFlag(argv, ['-r', '--regexp']) && /^\.?\*?$/.test(n))) {
      return finding(
        'system.kill-broad',
        80,
        `${name} ${n} matches (nearly) every process`,
        n,
        'kill the specific process by pid or exact name',
      );
    }
  }
  // A bare runtime name (`pkill -f node`, `killall node`, `pkill electron`) matches every program on that runtime:
  // the editor's extension host, language servers and the agents themselves go down with the one meant.
  const runtime = names.find((n) => RUNTIME_NAMES.has(n.trim()));
  if (runtime) {
    return finding(
      'system.kill-runtime',
      60,
      `${name} ${runtime} kills every ${runtime} process, the editor's extension host and the agents included`,
      runtime,
      'kill the one process by pid (pgrep -af first), or by a pattern naming its script',
    );
  }
  // With -f the pattern is a whole command line: its program is the first word (`node scripts/init.js` is node).
  const critical = names
    .map((n) => n.trim().split(/\s+/)[0])
    .find((n) => CRITICAL_PROCESS_RE.test(n.slice(n.lastIndexOf('/') + 1)));
  if (critical) {
    return finding(
      'system.kill-service',
      60,
      `${name} kills ${critical}, a database, system or editor process: unsaved work or connections are lost`,
      critical,
      'stop it through its service manager, or ask the user',
    );
  }
  return undefined;
}

const RUNTIME_NAMES = new Set([
  'node',
  'nodejs',
  'electron',
  'Electron',
  'python',
  'python3',
  'bun',
  'deno',
  'java',
  'ruby',
  'dotnet',
  'ssh',
  'bash',
  'zsh',
  'sh',
]);

export const POWER_TOOLS = new Set(['shutdown', 'reboot', 'halt', 'poweroff']);

export function powerFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (name === 'shutdown' && hasFlag(argv, ['-c'])) return undefined; // cancels a pending shutdown
  // Windows' shutdown.exe: /a aborts a pending shutdown, /? prints help.
  if (name === 'shutdown' && argv.slice(1).some((a) => /^[/-](?:a|\?)$/i.test(a))) return undefined;
  return finding(
    'system.shutdown',
    85,
    `${name} powers off or restarts the machine`,
    undefined,
    'ask the user to restart the machine',
  );
}

export function initFindings(argv: readonly string[]): Finding | undefined {
  const level = argv[1];
  if (level !== undefined && /^[0156sS]$/.test(level)) {
    return finding(
      'system.shutdown',
      85,
      `init ${level} halts, reboots or drops the machine to single-user mode`,
      undefined,
      'ask the user to restart the machine',
    );
  }
  return undefined;
}

export const SYSTEMCTL_VALUE_OPTS = [
  '-H',
  '--host',
  '-M',
  '--machine',
  '-t',
  '--type',
  '-p',
  '--property',
  '-s',
  '--signal',
  '-n',
  '--lines',
  '-o',
  '--output',
  '--root',
  '--state',
  '--job-mode',
  '--kill-whom',
  '--kill-who',
  '--what',
  '--timestamp',
];
const SERVICE_STOP_RE =
  /^(?:stop|kill|disable|mask|restart|try-restart|reload-or-restart|try-reload-or-restart|condrestart|force-reload|freeze|clean)$/;
const POWER_VERBS_RE = /^(?:reboot|poweroff|halt|kexec|soft-reboot|rescue|emergency|isolate|default)$/;
const SLEEP_VERBS_RE = /^(?:suspend|hibernate|hybrid-sleep|suspend-then-hibernate)$/;

function serviceSeverity(verb: string, userScope: boolean): number {
  const restart =
    /^(?:restart|try-restart|reload-or-restart|try-reload-or-restart|condrestart|force-reload|reload)$/.test(verb);
  // A user unit (the desktop's own audio, sync, remote-desktop services) restarted comes back by itself: routine.
  if (userScope && restart) return 30;
  return userScope ? 45 : restart ? 50 : 60;
}

export function systemctlFindings(argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const pos = positionals(argv, SYSTEMCTL_VALUE_OPTS);
  const verb = pos[0];
  if (!verb) return undefined;
  if (POWER_VERBS_RE.test(verb))
    return finding(
      'system.shutdown',
      85,
      `systemctl ${verb} halts, reboots or changes the machine's run state`,
      undefined,
      'ask the user to restart the machine',
    );
  if (SLEEP_VERBS_RE.test(verb)) return finding('system.shutdown', 60, `systemctl ${verb} puts the machine to sleep`);
  if (!SERVICE_STOP_RE.test(verb)) return undefined;
  const units = pos.slice(1).join(' ') || 'a service';
  return finding(
    'system.service-stop',
    serviceSeverity(verb, hasFlag(argv, ['--user'])),
    `systemctl ${verb} ${units}: the service goes down${verb.includes('restart') ? ' while it restarts' : ''}`,
    units,
    'ask the user before stopping or restarting services',
  );
}

export function serviceFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  // service NAME ACTION, rc-service NAME ACTION, brew services ACTION NAME, launchctl ACTION …
  let unit: string | undefined;
  let verb: string | undefined;
  if (name === 'brew') {
    if (argv[1] !== 'services') return undefined;
    verb = argv[2];
    unit = argv[3];
  } else if (name === 'launchctl') {
    verb = argv[1];
    unit = argv[argv.length - 1];
    if (verb && /^(?:unload|bootout|remove|stop|kill|disable)$/.test(verb)) {
      return finding(
        'system.service-stop',
        60,
        `launchctl ${verb} ${unit}: the service goes down`,
        unit,
        'ask the user before stopping services',
      );
    }
    return undefined;
  } else {
    const pos = positionals(argv);
    unit = pos[0];
    verb = pos[1];
  }
  if (!verb || !unit || !SERVICE_STOP_RE.test(verb)) return undefined;
  return finding(
    'system.service-stop',
    serviceSeverity(verb, false),
    `${name === 'brew' ? 'brew services' : name} ${verb} ${unit}: the service goes down`,
    unit,
    'ask the user before stopping or restarting services',
  );
}
