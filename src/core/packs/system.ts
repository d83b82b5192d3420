// The machine itself: killing every process, stopping databases and
// services, powering off, wiping the crontab or the firewall, deleting users.
// Looking (ps, lsof, systemctl status, crontab -l, iptables -L) stays quiet.
// Fork bombs are caught by the normalizer, which sees function definitions.
import { hasFlag, optionValue, positionals } from '../args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';

function finding(id: string, severity: number, summary: string, target?: string, alternative?: string): Finding {
  const f: Finding = { id, severity, summary };
  if (target) f.target = target;
  if (alternative) f.alternative = alternative;
  return f;
}

const isHelp = (argv: readonly string[]) => argv.includes('--help') || argv.includes('--version') || (argv.length === 2 && argv[1] === '-h');

// Long-lived processes that hold data or keep the machine reachable: killing them loses writes or access.
const CRITICAL_PROCESS_RE = /(?:^|[^a-z0-9])(?:postgres(?:ql)?|postmaster|pg_ctl|mysqld?|mariadbd?|mongod|mongos|redis(?:-server)?|valkey|elasticsearch|opensearch|clickhouse(?:-server)?|cockroach|cassandra|etcd|rabbitmq(?:-server)?|beam\.smp|kafka|zookeeper|memcached|influxd|neo4j|couchdb|minio|dockerd|containerd|kubelet|sshd|systemd|launchd|init|xorg|gnome-shell|windowserver|loginwindow|code|cursor|code-server)(?:$|[^a-z0-9])/i;
// Patterns that match (nearly) every process.
const BROAD_PATTERN_RE = /^(?:\.?\*?|\.\+|\^|\$|\^\.\*|\.\*\$|[a-z0-9]|-)$/i;

function killFindings(argv: readonly string[]): Finding | undefined {
  if (argv.length < 2 || argv[1] === '-l' || argv[1] === '-L' || argv[1] === '--list' || isHelp(argv)) return undefined;
  let i = 1;
  if (argv[1] === '-s' || argv[1] === '-n' || argv[1] === '--signal') i = 3;
  else if (argv.length > 2 && /^-(?:\d+|[A-Za-z][A-Za-z0-9+-]*)$/.test(argv[1])) i = 2;
  if (argv[i] === '--') i++;
  // A lone `kill -1` is ambiguous (signal or pid); read it the dangerous way.
  const pids = argv.length === 2 ? [argv[1]] : argv.slice(i);
  if (pids.includes('-1')) {
    return finding('system.kill-all', 95, 'kills every process the user can signal (pid -1): the session, editor and servers all die', '-1', 'kill the specific process id');
  }
  if (pids.includes('1')) return finding('system.kill-init', 80, 'signals pid 1 (init): the system or container goes down', '1', 'kill the specific process id');
  if (pids.includes('0')) return finding('system.kill-group', 50, 'kills every process in the current process group, the agent\'s own shell included', '0', 'kill the specific process id');
  // `kill -9 $(pgrep postgres)`, `kill $(pidof mysqld)`: the pids of named processes, as pkill NAME.
  for (const w of pids) {
    const m = PID_LOOKUP_RE.exec(w);
    if (m) return pkillFindings('kill', [m[1], ...m[2].trim().split(/\s+/)]);
  }
  return undefined;
}

// `$(pgrep [-f] NAME)`, `` `pidof NAME` ``: a pid list looked up by process name.
const PID_LOOKUP_RE = /^(?:\$\(|`)\s*(pgrep|pidof)\s+([^)`]*?)\s*(?:\)|`)$/;

const PKILL_VALUE_OPTS = ['-s', '--signal', '-u', '--euid', '-U', '--uid', '-G', '--group', '-g', '--pgroup', '-P', '--parent', '-t', '--terminal', '-F', '--pidfile', '--session', '--ns', '--nslist', '-o', '--older-than', '-y', '--younger-than', '-O', '--older', '-c', '-n'];

/** Also judges `kill $(pgrep …)` and `pgrep … | xargs kill`, where pgrep or pidof picks the processes. */
function pkillFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv) || hasFlag(argv, ['-l', '--list']) && name === 'killall' && argv.length === 2) return undefined;
  if (name === 'killall5') return finding('system.kill-all', 95, 'killall5 signals every process on the machine', undefined, 'kill the specific process');
  // Signal spellings like `-9` or `-KILL` are options; only names remain.
  const names = positionals(argv, PKILL_VALUE_OPTS).filter((w) => w.length > 0);
  const user = optionValue(argv, ['-u', '--euid', '-U', '--uid', '--user']);
  if (names.length === 0) {
    if (user) return finding('system.kill-broad', 80, `kills every process of user ${user}`, user, 'kill the specific process');
    return undefined;
  }
  for (const n of names) {
    if (BROAD_PATTERN_RE.test(n) || (hasFlag(argv, ['-r', '--regexp']) && /^\.?\*?$/.test(n))) {
      return finding('system.kill-broad', 80, `${name} ${n} matches (nearly) every process`, n, 'kill the specific process by pid or exact name');
    }
  }
  // A bare runtime name (`pkill -f node`, `killall node`, `pkill electron`) matches every program on that runtime:
  // the editor's extension host, language servers and the agents themselves go down with the one meant.
  const runtime = names.find((n) => RUNTIME_NAMES.has(n.trim()));
  if (runtime) {
    return finding('system.kill-runtime', 60, `${name} ${runtime} kills every ${runtime} process, the editor's extension host and the agents included`, runtime, 'kill the one process by pid (pgrep -af first), or by a pattern naming its script');
  }
  // With -f the pattern is a whole command line: its program is the first word (`node scripts/init.js` is node).
  const critical = names.map((n) => n.trim().split(/\s+/)[0]).find((n) => CRITICAL_PROCESS_RE.test(n.slice(n.lastIndexOf('/') + 1)));
  if (critical) {
    return finding('system.kill-service', 60, `${name} kills ${critical}, a database, system or editor process: unsaved work or connections are lost`, critical, 'stop it through its service manager, or ask the user');
  }
  return undefined;
}

const RUNTIME_NAMES = new Set(['node', 'nodejs', 'electron', 'Electron', 'python', 'python3', 'bun', 'deno', 'java', 'ruby', 'dotnet', 'ssh', 'bash', 'zsh', 'sh']);

const POWER_TOOLS = new Set(['shutdown', 'reboot', 'halt', 'poweroff']);

function powerFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (name === 'shutdown' && hasFlag(argv, ['-c'])) return undefined; // cancels a pending shutdown
  return finding('system.shutdown', 85, `${name} powers off or restarts the machine`, undefined, 'ask the user to restart the machine');
}

function initFindings(argv: readonly string[]): Finding | undefined {
  const level = argv[1];
  if (level !== undefined && /^[0156sS]$/.test(level)) {
    return finding('system.shutdown', 85, `init ${level} halts, reboots or drops the machine to single-user mode`, undefined, 'ask the user to restart the machine');
  }
  return undefined;
}

const SYSTEMCTL_VALUE_OPTS = ['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '-s', '--signal', '-n', '--lines', '-o', '--output', '--root', '--state', '--job-mode', '--kill-whom', '--kill-who', '--what', '--timestamp'];
const SERVICE_STOP_RE = /^(?:stop|kill|disable|mask|restart|try-restart|reload-or-restart|try-reload-or-restart|condrestart|force-reload|freeze|clean)$/;
const POWER_VERBS_RE = /^(?:reboot|poweroff|halt|kexec|soft-reboot|rescue|emergency|isolate|default)$/;
const SLEEP_VERBS_RE = /^(?:suspend|hibernate|hybrid-sleep|suspend-then-hibernate)$/;

function serviceSeverity(verb: string, userScope: boolean): number {
  const base = /^(?:restart|try-restart|reload-or-restart|try-reload-or-restart|condrestart|force-reload)$/.test(verb) ? 50 : 60;
  return userScope ? 45 : base;
}

function systemctlFindings(argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const pos = positionals(argv, SYSTEMCTL_VALUE_OPTS);
  const verb = pos[0];
  if (!verb) return undefined;
  if (POWER_VERBS_RE.test(verb)) return finding('system.shutdown', 85, `systemctl ${verb} halts, reboots or changes the machine's run state`, undefined, 'ask the user to restart the machine');
  if (SLEEP_VERBS_RE.test(verb)) return finding('system.shutdown', 60, `systemctl ${verb} puts the machine to sleep`);
  if (!SERVICE_STOP_RE.test(verb)) return undefined;
  const units = pos.slice(1).join(' ') || 'a service';
  return finding('system.service-stop', serviceSeverity(verb, hasFlag(argv, ['--user'])), `systemctl ${verb} ${units}: the service goes down${verb.includes('restart') ? ' while it restarts' : ''}`, units, 'ask the user before stopping or restarting services');
}

function serviceFindings(name: string, argv: readonly string[]): Finding | undefined {
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
      return finding('system.service-stop', 60, `launchctl ${verb} ${unit}: the service goes down`, unit, 'ask the user before stopping services');
    }
    return undefined;
  } else {
    const pos = positionals(argv);
    unit = pos[0];
    verb = pos[1];
  }
  if (!verb || !unit || !SERVICE_STOP_RE.test(verb)) return undefined;
  return finding('system.service-stop', serviceSeverity(verb, false), `${name === 'brew' ? 'brew services' : name} ${verb} ${unit}: the service goes down`, unit, 'ask the user before stopping or restarting services');
}

function crontabFindings(argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (hasFlag(argv, ['-r', '--remove'])) {
    return finding('system.crontab-remove', 70, 'crontab -r deletes every scheduled job of the user, with no undo', 'crontab', 'crontab -l > crontab.bak first, then edit with crontab -e');
  }
  if (hasFlag(argv, ['-l', '-e', '--list', '--edit'])) return undefined;
  const file = positionals(argv, ['-u'])[0];
  // With a file, `-`, or nothing at all (stdin), crontab installs a new table over the old one.
  if (file !== undefined || argv.includes('-') || argv.length === 1) {
    return finding('system.crontab-replace', 45, `crontab ${file ?? '-'} replaces the user's whole crontab`, 'crontab', 'crontab -l > crontab.bak first');
  }
  return undefined;
}

const IPTABLES = new Set(['iptables', 'ip6tables', 'iptables-legacy', 'ip6tables-legacy', 'iptables-nft', 'ip6tables-nft', 'ebtables', 'arptables']);

function firewallFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const alt = 'ask the user to change the firewall';
  if (IPTABLES.has(name)) {
    if (hasFlag(argv, ['-F', '--flush', '-X', '--delete-chain'])) return finding('system.firewall-flush', 70, `${name} flushes firewall rules: the machine is left open (or cut off)`, name, alt);
    const policy = optionValue(argv, ['-P', '--policy']);
    if (policy !== undefined) {
      const target = argv[argv.indexOf(policy) + 1] ?? '';
      if (/^(?:DROP|REJECT)$/i.test(target)) return finding('system.firewall-policy', 70, `${name} sets the ${policy} policy to ${target}: remote access can be cut off`, policy, alt);
      return finding('system.firewall-policy', 60, `${name} changes the default ${policy} policy`, policy, alt);
    }
    return undefined;
  }
  if (name === 'iptables-restore' || name === 'ip6tables-restore') return finding('system.firewall-flush', 50, `${name} replaces every firewall rule`, name, alt);
  if (name === 'nft') {
    const verb = positionals(argv, ['-f', '--file', '-I', '--includepath'])[0];
    if (verb === 'flush' || verb === 'delete' || verb === 'destroy') return finding('system.firewall-flush', 70, `nft ${argv.slice(1).join(' ')} removes firewall rules`, 'nft', alt);
    return undefined;
  }
  if (name === 'ufw') {
    const verb = positionals(argv)[0];
    if (verb === 'disable' || verb === 'reset') return finding('system.firewall-flush', 70, `ufw ${verb} turns the firewall off`, 'ufw', alt);
    return undefined;
  }
  if (name === 'firewall-cmd') {
    if (argv.includes('--panic-on')) return finding('system.firewall-policy', 80, 'firewall-cmd --panic-on drops all network traffic', 'firewall-cmd', alt);
    return undefined;
  }
  if (name === 'pfctl') {
    if (hasFlag(argv, ['-d']) || hasFlag(argv, ['-F'])) return finding('system.firewall-flush', 70, 'pfctl disables or flushes the packet filter', 'pfctl', alt);
  }
  return undefined;
}

function userFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const who = positionals(argv, ['-R', '--root', '-P', '--prefix'])[0] ?? '?';
  switch (name) {
    case 'userdel':
    case 'deluser': {
      const withHome = hasFlag(argv, ['-r', '--remove', '--remove-home', '--remove-all-files']);
      return finding('system.user-delete', withHome ? 80 : 70, `${name} deletes the account ${who}${withHome ? ' and its home directory' : ''}`, who, 'ask the user to manage accounts');
    }
    case 'groupdel':
    case 'delgroup':
      return finding('system.user-delete', 60, `${name} deletes the group ${who}`, who, 'ask the user to manage accounts');
    case 'passwd':
      if (hasFlag(argv, ['-d', '--delete'])) return finding('system.user-lockout', 70, `passwd -d removes the password of ${who}: anyone can log in as it`, who);
      if (hasFlag(argv, ['-l', '--lock', '-e', '--expire'])) return finding('system.user-lockout', 60, `passwd locks or expires the account ${who}`, who);
      return undefined;
    case 'usermod':
      if (hasFlag(argv, ['-L', '--lock', '-e', '--expiredate'])) return finding('system.user-lockout', 60, `usermod locks or expires the account ${who}`, who);
      if (hasFlag(argv, ['-G', '--groups']) && !hasFlag(argv, ['-a', '--append'])) return finding('system.user-lockout', 45, `usermod -G without -a replaces every group of ${who} (sudo included)`, who, 'usermod -aG GROUP USER');
      return undefined;
    case 'chpasswd':
      return finding('system.user-lockout', 50, 'chpasswd changes account passwords', undefined);
  }
  return undefined;
}

function kernelFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  switch (name) {
    case 'sysctl': {
      const writes = hasFlag(argv, ['-w', '--write', '-p', '--load', '--system']) || positionals(argv).some((w) => w.includes('='));
      return writes ? finding('system.sysctl-write', 50, 'sysctl changes live kernel parameters', 'sysctl', 'ask the user to tune the kernel') : undefined;
    }
    case 'swapoff':
      return argv.length > 1 ? finding('system.swapoff', 50, 'swapoff disables swap: memory-hungry processes get killed', 'swap') : undefined;
    case 'rmmod':
      return finding('system.kernel-module', 50, `rmmod unloads the kernel module ${argv[argv.length - 1]}`, argv[argv.length - 1]);
    case 'modprobe':
      return hasFlag(argv, ['-r', '--remove']) ? finding('system.kernel-module', 50, 'modprobe -r unloads kernel modules', argv[argv.length - 1]) : undefined;
    case 'umount': {
      if (hasFlag(argv, ['-a', '--all'])) return finding('system.unmount', 70, 'umount -a unmounts every filesystem', 'all');
      const target = positionals(argv, ['-t', '--types', '-O', '--test-opts', '-N', '--namespace'])[0];
      if (target && /^\/(?:$|boot|home|usr|var|etc|opt|srv|nix|System|Volumes\/Macintosh)/.test(target)) {
        return finding('system.unmount', 60, `umount ${target} detaches a system filesystem`, target);
      }
      return undefined;
    }
    case 'mount': {
      const opts = optionValue(argv, ['-o', '--options']);
      if (opts && /(?:^|,)remount(?:,|$)/.test(opts)) return finding('system.mount', 50, `mount -o ${opts} remounts a filesystem with new options`, positionals(argv, ['-o', '--options', '-t', '--types'])[0]);
      return undefined;
    }
    case 'setenforce':
      return argv[1] === '0' || /^permissive$/i.test(argv[1] ?? '') ? finding('system.security-disable', 60, 'setenforce 0 turns SELinux enforcement off', 'selinux') : undefined;
    case 'csrutil':
      return argv[1] === 'disable' ? finding('system.security-disable', 70, 'csrutil disable turns off System Integrity Protection', 'SIP') : undefined;
    case 'spctl':
      return argv.includes('--master-disable') || argv.includes('--global-disable') ? finding('system.security-disable', 60, 'spctl disables Gatekeeper', 'gatekeeper') : undefined;
    case 'history':
      // Not destructive to data, but it hides what was run: worth a note, not a prompt.
      return hasFlag(argv, ['-c']) ? finding('system.history-clear', 30, 'clears the shell history', 'history') : undefined;
  }
  return undefined;
}

// ---- system packages -------------------------------------------------------------

// Packages the machine cannot run (or be reached) without.
const CRITICAL_PACKAGE_RE = /^(?:openssh(?:-server|-client)?|ssh|sudo|systemd(?:-.+)?|libc6|glibc|libc-bin|coreutils|bash|dash|util-linux|login|passwd|apt|dpkg|rpm|dnf|yum|pacman|python3?(?:\.\d+)?|python3?-minimal|perl-base|linux(?:-image.*|-generic|-lts|-zen|-hardened|-firmware)?|kernel(?:-.+)?|grub.*|shim.*|network-manager|netplan\.io|iproute2|ifupdown|init|base-files|e2fsprogs|docker-ce|containerd(?:\.io)?|postgresql(?:-\d+)?|mysql-server|mariadb-server)$/i;
const APT_REMOVE_RE = /^(?:remove|purge|autopurge)$/;

/** The packages a package manager is told to remove, or undefined when it is not a removal. */
function removedPackages(name: string, argv: readonly string[]): string[] | undefined {
  const pos = positionals(argv, ['-o', '-c', '-t', '--target-release', '--root', '-r', '--installroot', '--releasever']);
  switch (name) {
    case 'apt':
    case 'apt-get':
    case 'aptitude':
      return APT_REMOVE_RE.test(pos[0] ?? '') || (name !== 'aptitude' && pos[0] === 'install' && pos.slice(1).some((p) => p.endsWith('-') && p.length > 1)) ? pos.slice(1) : undefined;
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

function packageFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const pkgs = removedPackages(name, argv);
  if (!pkgs || pkgs.length === 0) return undefined;
  const list = pkgs.slice(0, 4).join(' ');
  const critical = pkgs.some((p) => /[*?]/.test(p) || CRITICAL_PACKAGE_RE.test(p.replace(/[-+]$/, '').replace(/:[a-z0-9]+$/, '')));
  return finding('system.package-remove', critical ? 70 : 45,
    critical ? `${name} removes ${list}, which the machine needs to boot, log in or be reached` : `${name} removes the system package ${list}`,
    list, 'ask the user to remove system packages');
}

// ---- remote shells --------------------------------------------------------------------

const SHELL_FOR_REMOTE = 'never hand a shell to another host; ask the user';

/** `nc -e /bin/sh HOST PORT`, `ncat --sh-exec …`, `socat EXEC:bash TCP:HOST:PORT`: a shell for whoever is on the other end. */
function netcatFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (name === 'socat') {
    const exec = argv.some((a) => /^(?:exec|system):/i.test(a));
    const net = argv.some((a) => /^(?:tcp|tcp4|tcp6|udp|openssl|ssl|tcp-listen|tcp4-listen|openssl-listen):/i.test(a));
    return exec && net ? finding('system.remote-shell', 90, 'socat connects a shell to a network socket: whoever is on the other end controls this machine', undefined, SHELL_FOR_REMOTE) : undefined;
  }
  const program = optionValue(argv, ['-e', '-c', '--exec', '--sh-exec', '--lua-exec']);
  if (program === undefined) return undefined;
  return finding('system.remote-shell', 90, `${name} runs ${program} for a network peer: whoever is on the other end controls this machine`, program, SHELL_FOR_REMOTE);
}

const CODE_FLAGS = ['-c', '-e', '-E', '-r', '--eval'];
// A socket connected out, with the process's stdio or a pty handed to it (or a shell spawned on it).
const SOCKET_RE = /socket|TCPSocket|fsockopen|net\.connect|net\.Socket|createConnection|\/dev\/tcp\//;
const SHELL_HANDOFF_RE = /dup2|pty\.spawn|\/bin\/(?:ba|z|da)?sh\b|["'](?:ba|z|da)?sh["']|spawn\s*\(|exec\s*\(|system\s*\(|popen|proc_open|IO\.popen/;

function interpreterShellFindings(name: string, argv: readonly string[]): Finding | undefined {
  let code: string | undefined;
  for (let i = 1; i < argv.length - 1 && code === undefined; i++) if (CODE_FLAGS.includes(argv[i])) code = argv[i + 1];
  if (!code || code.length > 8192 || !SOCKET_RE.test(code) || !/connect|fsockopen|TCPSocket\.(?:new|open)|\/dev\/tcp\//.test(code) || !SHELL_HANDOFF_RE.test(code)) return undefined;
  return finding('system.remote-shell', 90, `${name} code connects a socket to another host and hands it a shell`, undefined, SHELL_FOR_REMOTE);
}

// ---- the clock -------------------------------------------------------------------------

function clockFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (name === 'date') {
    return hasFlag(argv, ['-s', '--set']) ? finding('system.clock', 50, 'date --set changes the system clock: TLS, tokens, builds and cron all depend on it', 'clock', 'leave the clock to NTP') : undefined;
  }
  const [verb, value] = positionals(argv);
  if (verb === 'set-time' || (verb === 'set-ntp' && /^(?:false|0|no|off)$/i.test(value ?? ''))) {
    return finding('system.clock', 50, `timedatectl ${verb} ${value ?? ''} changes how the system keeps time`.trim(), 'clock', 'leave the clock to NTP');
  }
  return undefined;
}

// ---- scripts nobody can read first ---------------------------------------------------------

const SCRIPT_RUNNERS = new Set(['source', '.', 'bash', 'sh', 'zsh', 'dash', 'ksh', 'python', 'python3', 'node', 'ruby', 'perl', 'php']);
const FETCH_SUBST_RE = /^<\(\s*(?:curl|wget|http|https|xh|fetch)\b/;

/**
 * `source <(curl …)`, `python3 <(curl …)`: a download run as a program. And
 * `bash /tmp/x.sh` where the script cannot be read: in a temp folder it is
 * almost always written (or downloaded) earlier in the same line.
 */
function unreadScriptFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  const name = argv[0];
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '-') {
    // An inline program (`-c`, `-e`) is judged by the normalizer; a module (`-m`) is not a file.
    if (/^-(?:[a-z]*c|e|E|r|m|p)$/.test(argv[i]) || argv[i] === '--eval') return undefined;
    i++;
  }
  const file = argv[i];
  if (!file) return undefined;
  if (cmd.dynamic[i] && FETCH_SUBST_RE.test(file)) {
    return finding('system.remote-code', 70, `${name} runs code downloaded by ${file.slice(2, 60).trim()} without anyone reading it`, file, 'download the script to a file, read it, then run it');
  }
  if (cmd.dynamic[i] || file[0] !== '/' || !ctx.tempDirs.some((t) => file.length > t.length && file.startsWith(t) && file[t.length] === '/')) return undefined;
  if (ctx.readFile(file, cmd.cwd) !== undefined) return undefined;
  return finding('system.unread-script', 45, `${name} runs ${file}, a script in a temp folder that cannot be read before it runs`, file, 'write the script where it can be read, read it, then run it');
}

type Handler = (name: string, argv: readonly string[]) => Finding | undefined;
const HANDLERS = new Map<string, Handler>();
const on = (names: readonly string[], h: Handler) => { for (const n of names) HANDLERS.set(n, h); };
on(['kill'], (_n, a) => killFindings(a));
on(['pkill', 'killall', 'killall5'], pkillFindings);
on([...POWER_TOOLS], powerFindings);
on(['init', 'telinit'], (_n, a) => initFindings(a));
on(['systemctl'], (_n, a) => systemctlFindings(a));
on(['service', 'rc-service', 'launchctl', 'brew'], serviceFindings);
on(['crontab'], (_n, a) => crontabFindings(a));
on(['userdel', 'deluser', 'groupdel', 'delgroup', 'passwd', 'usermod', 'chpasswd'], userFindings);
on(['sysctl', 'swapoff', 'rmmod', 'modprobe', 'umount', 'mount', 'setenforce', 'csrutil', 'spctl', 'history'], kernelFindings);
on([...IPTABLES, 'iptables-restore', 'ip6tables-restore', 'nft', 'ufw', 'firewall-cmd', 'pfctl'], firewallFindings);
on(['apt', 'apt-get', 'aptitude', 'dnf', 'yum', 'microdnf', 'zypper', 'apk', 'snap', 'pacman', 'dpkg', 'rpm'], packageFindings);
on(['nc', 'ncat', 'netcat', 'socat'], netcatFindings);
on(['python', 'python3', 'perl', 'ruby', 'php', 'node'], interpreterShellFindings);
on(['date', 'timedatectl'], clockFindings);

// Commands that only look at the machine; through ssh to a production host they are still reads.
const READ_ONLY = new Set(['ps', 'top', 'htop', 'uptime', 'free', 'vmstat', 'iostat', 'lsof', 'netstat', 'ss', 'whoami', 'id', 'uname', 'journalctl', 'pgrep', 'pidof', 'w', 'who', 'last', 'df']);
const SYSTEMCTL_READ_RE = /^(?:status|show|cat|list-.+|is-.+|help)$/;

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const name = cmd.argv[0] ?? '';
  const h = HANDLERS.get(name);
  let f = h ? h(name, cmd.argv) : undefined;
  // `pgrep -f postgres | xargs kill -9`: the pids come from a lookup by name.
  const from = cmd.stdinFrom;
  if (!f && name === 'kill' && from && (from[0] === 'pgrep' || from[0] === 'pidof') && cmd.argv.includes('$XARGS_INPUT')) f = pkillFindings('kill', from);
  if (!f && SCRIPT_RUNNERS.has(name) && cmd.argv.length > 1) f = unreadScriptFindings(cmd, ctx);
  // A restart (not a stop) on a remote host whose name says development or staging is routine,
  // like `kubectl rollout restart` in dev; production hosts are judged by the environment.
  if (f?.id === 'system.service-stop' && /restart|reload/.test(f.summary) && cmd.remote?.kind === 'ssh' && NON_PRODUCTION_HOST.test(cmd.remote.target)) return undefined;
  return f ? [f] : undefined;
}

const NON_PRODUCTION_HOST = /(?:^|[.\-_@])(?:dev|develop|development|staging|stage|stg|test|testing|qa|sandbox|preview|local)\d*(?=$|[.\-_])/i;

function effect(cmd: SimpleCommand): 'read' | 'write' | undefined {
  const name = cmd.argv[0] ?? '';
  if (READ_ONLY.has(name)) return name === 'journalctl' && cmd.argv.some((a) => a.startsWith('--vacuum') || a === '--rotate') ? 'write' : 'read';
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
  commands: [...new Set([...HANDLERS.keys(), ...READ_ONLY, ...SCRIPT_RUNNERS])],
  analyze,
  effect,
};
