// A shell opened to the network: a web terminal (`ttyd bash`, `gotty -w
// bash`), the Docker API on TCP without client certificates (`dockerd -H
// tcp://0.0.0.0:2375`), a notebook server past the loopback with an empty
// token (`jupyter lab --ip=0.0.0.0 --ServerApp.token=''`), or a public tunnel
// pointed at such a port (`ngrok tcp 22`, `cloudflared tunnel --url
// localhost:2375`). Whoever reaches the port types commands on this machine,
// or, through Docker, runs a root container with `/` mounted: the machine is
// theirs. Unix sockets, the loopback behind a password, Docker with
// `--tlsverify`, and Jupyter with its token stay quiet; a read-only `gotty`
// shows the terminal without taking input and is left to the tunnel rule.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import { readOptions, type GetoptStyle, type GoFlagStyle, type OptionsRead } from '../../command/options';
import { readSshLine, reverseForwards } from '../../command/ssh';
import { own } from '../../text/own';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { destinationHost } from './tunnels';
import { BROWSER_SHELL_PROGRAMS, browserTerminal, type WebTerminal } from './browserShells';

const ID = 'outgoing.open-shell';
const SCORE = 70;
const PUBLIC_SCORE = 75;

/** Ports that are a shell by what listens there by default; a tunnel to one hands the machine out. */
const SHELL_PORTS: ReadonlyMap<string, string> = new Map([
  ['22', "this machine's SSH login"],
  ['2375', 'the Docker API (root on this machine)'],
  ['2376', 'the Docker API (root on this machine)'],
  ['7681', 'the ttyd web terminal'],
  ['8888', 'Jupyter, which runs any code it is sent'],
]);

/** Hosts that publish an `ssh -R` port on the internet for anyone (a plain host keeps it on its own loopback). */
const PUBLIC_SSH_TUNNELS = /(?:^|\.)(?:serveo\.net|localhost\.run|pinggy\.io|pinggy\.link)$/i;

/** The loopback as a bind address or interface (`isLocalHost` also counts 0.0.0.0, which is every interface). */
function loopback(addr: string): boolean {
  const h = addr.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'lo' || h === 'lo0' || h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** `22`, `localhost:22`, `tcp://127.0.0.1:2375`, `ssh://localhost` → the port it names. */
function portOf(word: string): string | undefined {
  if (/^\d{1,5}$/.test(word)) return word;
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(word);
  const authority = (url ? url[2] : word).replace(/^[^@]*@/, '');
  const port = /^[\w.-]*(?:\[[0-9a-f:.]*\])?:(\d{1,5})$/i.exec(authority);
  if (port) return port[1];
  return url && url[1].toLowerCase() === 'ssh' ? '22' : undefined;
}

// ---- web terminals ------------------------------------------------------------

/** ttyd's options (getopt: `-p 80`, `-p80`, `-Wp80`, `--port=80`), letter → long name and whether it takes a value. */
const TTYD_OPTIONS: Readonly<Record<string, readonly [string, boolean]>> = {
  p: ['port', true],
  i: ['interface', true],
  U: ['socket-owner', true],
  c: ['credential', true],
  H: ['auth-header', true],
  u: ['uid', true],
  g: ['gid', true],
  s: ['signal', true],
  w: ['cwd', true],
  I: ['index', true],
  e: ['Bell', true],
  b: ['base-path', true],
  P: ['ping-interval', true],
  f: ['srv-buf-size', true],
  C: ['ssl-cert', true],
  K: ['ssl-key', true],
  A: ['ssl-ca', true],
  t: ['client-option', true],
  T: ['terminal-type', true],
  m: ['max-clients', true],
  d: ['debug', true],
  r: ['reconnect', true],
  R: ['readonly', false],
  S: ['ssl', false],
  W: ['writable', false],
};
/** ttyd's reading of its options: the letters and long names of TTYD_OPTIONS that take a value. */
const TTYD_STYLE: GetoptStyle = {
  short: Object.entries(TTYD_OPTIONS)
    .flatMap(([letter, [, value]]) => (value ? [letter] : []))
    .join(''),
  long: Object.values(TTYD_OPTIONS).flatMap(([long, value]) => (value ? [`--${long}`] : [])),
};

/** The options read, by the long name `longName` gives each (the last given wins); a flag holds `flag`. */
function byLongName(line: OptionsRead, longName: (name: string) => string, flag: string): Map<string, string> {
  return new Map(line.options.map(({ name, value }) => [longName(name), value ?? flag]));
}

/** ttyd's options before its command (later words are the command's), by long name; a flag holds ''. */
function ttydOptions(argv: readonly string[]): { options: Map<string, string>; command: string[] } {
  const line = readOptions(argv, 1, TTYD_STYLE);
  const long = (name: string): string =>
    name.startsWith('--') ? name.slice(2) : (own(TTYD_OPTIONS, name.slice(1))?.[0] ?? name.slice(1));
  return { options: byLongName(line, long, ''), command: line.operands };
}

/** gotty's options that take no value; the others (`-port 80`, `--address=…`) do. */
const GOTTY_STYLE: GoFlagStyle = {
  go: true,
  booleans: ['-w', '-permit-write', '-r', '-random-url', '-t', '-tls', '-once', '-permit-arguments', '-reconnect'],
};
const GOTTY_LETTERS: Readonly<Record<string, string>> = { a: 'address', p: 'port', c: 'credential', w: 'permit-write' };

/** gotty's options (Go's flag package: `-w`, `--permit-write`, `-port 80`, `--address=…`) before its command. */
function gottyOptions(argv: readonly string[]): { options: Map<string, string>; command: string[] } {
  const line = readOptions(argv, 1, GOTTY_STYLE);
  const long = (name: string): string => own(GOTTY_LETTERS, name.slice(1)) ?? name.slice(1);
  return { options: byLongName(line, long, 'true'), command: line.operands };
}

function webTerminal(cmd: SimpleCommand): WebTerminal | undefined {
  const a = cmd.argv;
  if (a[0] === 'ttyd') {
    const { options: o, command } = ttydOptions(a);
    const iface = o.get('interface');
    return {
      server: 'ttyd',
      command: command.join(' '),
      port: o.get('port') ?? '7681',
      bind: iface || undefined,
      socket: iface !== undefined && /\.sock(?:et)?$/.test(iface),
      credential: !!o.get('credential') || (o.has('ssl') && !!o.get('ssl-ca')),
      // ttyd before 1.7 lets visitors type unless `-R`; later ones only with `-W`. The version is unknown here, so
      // only `-R` (which later versions refuse to start with) proves read-only.
      writable: !o.has('readonly'),
    };
  }
  if (a[0] === 'gotty') {
    const { options: o, command } = gottyOptions(a);
    const write = o.get('permit-write') ?? cmd.env.GOTTY_PERMIT_WRITE;
    return {
      server: 'gotty',
      command: command.join(' '),
      port: o.get('port') ?? cmd.env.GOTTY_PORT ?? '8080',
      bind: (o.get('address') ?? cmd.env.GOTTY_ADDRESS) || undefined,
      socket: false,
      credential: !!(o.get('credential') ?? cmd.env.GOTTY_CREDENTIAL),
      writable: write !== undefined && !/^(?:false|0|f)$/i.test(write),
    };
  }
  return browserTerminal(cmd);
}

function terminalFinding(t: WebTerminal): Finding | undefined {
  if (t.socket || !t.writable) return undefined;
  const local = t.bind !== undefined && loopback(t.bind);
  // On the loopback behind a password only this machine's users who hold it get in: the usual way to put a
  // terminal behind an ssh -L forward or a reverse proxy. Without one, every program and user of this machine
  // (and, as ttyd checks no origin unless `-O`, any web page open in a browser) can type into it.
  if (local && t.credential) return undefined;
  const where = t.bind ? `on ${t.bind}` : 'on every interface';
  const who = local ? 'every program, user and web page of this machine' : `anyone who reaches port ${t.port}`;
  const gate = t.credential ? 'behind a password sent in the clear' : 'with no password';
  return finding(
    ID,
    SCORE,
    `${t.server} serves ${t.command || 'a shell'} as a web terminal ${where} ${gate}: ${who} can type commands on this machine`,
    `${t.server} port ${t.port}`,
    'reach this machine over ssh; if a browser terminal is needed, bind it to the loopback with a credential (ttyd -i lo -c user:pass) and forward it with ssh -L',
  );
}

/** The context the line's next commands are judged in: this one's, plus the port of a web terminal it starts. */
export function terminalPortsAfter(cmd: SimpleCommand, ctx: AnalysisContext): AnalysisContext {
  const t = cmd.remote ? undefined : webTerminal(cmd);
  if (!t || t.socket || ctx.webTerminalPorts?.has(t.port)) return ctx;
  return { ...ctx, webTerminalPorts: new Map([...(ctx.webTerminalPorts ?? []), [t.port, t.server]]) };
}

// ---- the Docker API -------------------------------------------------------------

function dockerFinding(cmd: SimpleCommand): Finding | undefined {
  const hosts = optionValues(cmd.argv, ['-H', '--host']).map((h) => h.replace(/^=/, ''));
  // dockerd reads an address with no scheme as TCP; unix://, fd:// and npipe:// stay on this machine. The loopback
  // lets this machine's users in, which the docker group does too: no door to the network. An empty host
  // (`tcp://:2375`) is read as every interface, whatever the daemon's default.
  const tcp = hosts.find((h) => {
    if (/^(?:unix|fd|npipe):\/\//i.test(h)) return false;
    const host = h
      .replace(/^tcp:\/\//i, '')
      .replace(/:\d*$/, '')
      .replace(/\/.*$/, '');
    return !host || !loopback(host);
  });
  if (tcp === undefined) return undefined;
  // `--tlsverify` (or DOCKER_TLS_VERIFY, which dockerd reads) admits only clients with a certificate of the CA.
  const verify = cmd.argv.filter((a) => a === '--tlsverify' || a.startsWith('--tlsverify=')).pop();
  const verified = verify
    ? verify === '--tlsverify' || /^=(?:true|1|t)$/i.test(verify.slice(11))
    : !!cmd.env.DOCKER_TLS_VERIFY;
  if (verified) return undefined;
  return finding(
    ID,
    SCORE,
    `dockerd -H ${tcp} serves the Docker API to the network without client certificates: anyone who reaches it runs a root container with / mounted, and owns this machine`,
    tcp,
    'keep dockerd on its unix socket and reach it over ssh (DOCKER_HOST=ssh://user@host), or require client certificates with --tlsverify',
  );
}

// ---- notebooks ------------------------------------------------------------------

const NOTEBOOK_SERVERS = new Set(['notebook', 'lab', 'server', 'nbclassic']);
const NOTEBOOK_MODULES = new Set(['notebook', 'jupyterlab', 'jupyter_server', 'nbclassic']);

/** The words of a Jupyter server's command line after the program and subcommand, or undefined when none starts. */
function notebookArgs(argv: readonly string[]): string[] | undefined {
  const name = argv[0] ?? '';
  if (name === 'jupyter') return NOTEBOOK_SERVERS.has(argv[1] ?? '') ? argv.slice(2) : undefined;
  const dashed = /^jupyter-(notebook|lab|server|nbclassic)$/.exec(name);
  if (dashed) return argv.slice(1);
  if (!/^python[\d.]*$/.test(name)) return undefined;
  const m = argv.indexOf('-m');
  if (m === -1) return undefined;
  const mod = argv[m + 1] ?? '';
  if (NOTEBOOK_MODULES.has(mod)) return argv.slice(m + 2);
  return mod === 'jupyter' && NOTEBOOK_SERVERS.has(argv[m + 2] ?? '') ? argv.slice(m + 3) : undefined;
}

/** The last value of a traitlets option whose name matches (`--ip=x`, `--ip x`, `--ServerApp.ip=x`). */
function traitValue(args: readonly string[], name: RegExp): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const m = /^--([\w.-]+)(?:=([\s\S]*))?$/.exec(args[i]);
    if (!m || !name.test(m[1])) continue;
    found = m[2] ?? (args[i + 1]?.startsWith('--') ? undefined : args[i + 1]);
  }
  // traitlets strips one pair of quotes from a string value: `--ServerApp.token="''"` is empty too.
  return found?.replace(/^(['"])(.*)\1$/, '$2');
}

function notebookFinding(cmd: SimpleCommand): Finding | undefined {
  const args = notebookArgs(cmd.argv);
  if (!args) return undefined;
  // Jupyter listens on localhost unless told; '' and '*' are every interface.
  const ip = traitValue(args, /^(?:\w+App\.)?ip$/);
  if (ip === undefined || loopback(ip)) return undefined;
  const token = traitValue(args, /^(?:\w+App|\w*IdentityProvider)\.token$/);
  const password = traitValue(args, /^(?:\w+App\.password|\w*IdentityProvider\.hashed_password)$/);
  if (token !== '' || password) return undefined;
  return finding(
    ID,
    SCORE,
    `${cmd.argv.slice(0, 2).join(' ')} listens on ${ip || 'every interface'} with an empty token: anyone who reaches the port runs any code on this machine as this user`,
    `jupyter on ${ip || '*'}`,
    'keep Jupyter on 127.0.0.1 with its generated token and reach it through ssh -L, or set a password',
  );
}

// ---- public tunnels to a shell ------------------------------------------------------

const NGROK_VALUE_OPTIONS = [
  '--region',
  '--domain',
  '--url',
  '--hostname',
  '--subdomain',
  '--authtoken',
  '--config',
  '--log',
  '--log-level',
  '--log-format',
  '--remote-addr',
  '--host-header',
  '--scheme',
  '--label',
  '--metadata',
  '--description',
  '--binding',
  '--upstream-protocol',
  '--traffic-policy-file',
  '--cidr-allow',
  '--cidr-deny',
];

interface Tunnel {
  /** Where the port is published, for the message. */
  to: string;
  /** The local addresses it forwards, as written. */
  targets: string[];
}

/** A tunnel that publishes a local port on the internet, with what it forwards. */
function publicTunnel(cmd: SimpleCommand): Tunnel | undefined {
  const a = cmd.argv;
  const name = a[0] ?? '';
  if (name === 'ngrok' && /^(?:http|tcp|tls)$/.test(a[1] ?? '')) {
    // An HTTP tunnel behind ngrok's login (`--basic-auth`, `--oauth`, `--oidc`) lets only those named in.
    if (hasFlag(a, ['--basic-auth', '--oauth', '--oidc', '--auth', '-auth'])) return undefined;
    return { to: 'a public ngrok address', targets: positionals(a, NGROK_VALUE_OPTIONS, 2) };
  }
  if (name === 'cloudflared' && positionals(a, ['--url'])[0] !== 'access') {
    // `cloudflared tunnel --url` (or bare `cloudflared --url`) opens a quick tunnel on trycloudflare.com.
    const url = optionValue(a, ['--url']);
    return url === undefined ? undefined : { to: 'a public trycloudflare.com address', targets: [url] };
  }
  if (name === 'lt' || name === 'localtunnel') {
    const port = optionValue(a, ['--port', '-p']);
    return port === undefined ? undefined : { to: 'a public localtunnel address', targets: [port] };
  }
  if (name === 'bore' && a[1] === 'local') {
    const to = optionValue(a, ['--to', '-t']) ?? 'the bore server';
    const port = positionals(a, ['--to', '-t', '--port', '-p', '--secret', '-s', '--local-host', '-l'], 2)[0];
    return port === undefined ? undefined : { to: `${to}, open to the internet`, targets: [port] };
  }
  if (name === 'tailscale' && a[1] === 'funnel') {
    const values = ['--set-path', '--https', '--http', '--tcp', '--tls-terminated-tcp'];
    return { to: 'the internet (Tailscale Funnel)', targets: positionals(a, values, 2) };
  }
  if (name === 'ssh' || name === 'autossh') {
    const line = readSshLine(a);
    const dest = a[line.destination];
    if (dest === undefined || !PUBLIC_SSH_TUNNELS.test(destinationHost(dest))) return undefined;
    // `-R 80:localhost:22` forwards local port 22; a bare `-R PORT` is a SOCKS proxy, not one service.
    const targets = reverseForwards(line).flatMap((spec) => {
      const local = spec.split(':').length >= 3 ? /(?:\[[^\]]*\]|[^:]*):\d+$/.exec(spec) : null;
      return local ? [local[0]] : [];
    });
    return { to: `${destinationHost(dest)}, open to the internet`, targets };
  }
  return undefined;
}

function tunnelFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const tunnel = publicTunnel(cmd);
  if (!tunnel) return undefined;
  for (const target of tunnel.targets) {
    const port = portOf(target);
    if (port === undefined) continue;
    const started = ctx.webTerminalPorts?.get(port);
    const what = started ? `the ${started} web terminal started earlier on this line` : SHELL_PORTS.get(port);
    if (!what) continue;
    return finding(
      ID,
      PUBLIC_SCORE,
      `${cmd.argv.slice(0, 2).join(' ')} puts port ${port}, ${what}, on ${tunnel.to}: anyone who finds the address reaches a shell on this machine`,
      target,
      'reach this machine over ssh (or a VPN such as a tailnet) instead of publishing a shell port; ask the user before opening one',
    );
  }
  return undefined;
}

/** Every program whose opening of a shell is read here. */
export const OPEN_SHELL_PROGRAMS = new Set([
  ...BROWSER_SHELL_PROGRAMS,
  'ttyd',
  'gotty',
  'dockerd',
  'jupyter',
  'jupyter-notebook',
  'jupyter-lab',
  'jupyter-server',
  'jupyter-nbclassic',
  'python',
  'python3',
  'ngrok',
  'cloudflared',
  'lt',
  'localtunnel',
  'bore',
  'tailscale',
  'ssh',
  'autossh',
]);

export function openShellFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  if (hasFlag(cmd.argv, ['--help', '--version'])) return undefined;
  const name = cmd.argv[0];
  if (name === 'dockerd') return dockerFinding(cmd);
  const terminal = webTerminal(cmd);
  if (terminal) return terminalFinding(terminal);
  return notebookFinding(cmd) ?? tunnelFinding(cmd, ctx);
}
