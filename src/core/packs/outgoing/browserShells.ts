// More programs that serve a shell to a browser, beside ttyd and gotty (openShells.ts): code-server with its
// password switched off, websocketd running a shell or an interpreter's prompt for every connection, and WeTTY.
// Each is read into the same description of a web terminal, so one rule judges them all.
import { optionValue } from '../../command/args';
import { interpreterOf } from '../../parse/interpreterNames';
import type { SimpleCommand } from '../../types';

export interface WebTerminal {
  server: string;
  /** The command it runs for each visitor, as written. */
  command: string;
  port: string;
  /** The interface or address it listens on; undefined for every interface. */
  bind?: string;
  /** A UNIX socket path: only programs of this machine with the file's permissions connect. */
  socket: boolean;
  /** Visitors must log in (basic auth, a password, client certificates). */
  credential: boolean;
  /** Visitors can type; false only when the command line says read-only. */
  writable: boolean;
}

export const BROWSER_SHELL_PROGRAMS: readonly string[] = ['code-server', 'websocketd', 'wetty'];

/** `HOST:PORT` (code-server's `--bind-addr`): the address and the port, either left out. */
function hostPort(value: string | undefined): { host?: string; port?: string } {
  if (!value) return {};
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(value);
  return m ? { host: m[1] || undefined, port: m[2] } : {};
}

/** A shell, or an interpreter with no program given, run for each connection: what is sent is typed into it. */
function promptCommand(argv: readonly string[]): boolean {
  const name = (argv[0] ?? '').replace(/^.*\//, '');
  if (/^(?:ba|da|z|k|fi|c|tc|a)?sh$|^pwsh$|^nu$|^login$/.test(name)) return !argv.includes('-c');
  return interpreterOf(argv[0] ?? '') !== undefined && argv.length === 1;
}

/** websocketd's options that take the next word (`--port 80` as well as `--port=80`). */
const WEBSOCKETD_VALUES = new Set([
  '--port',
  '--address',
  '--sslcert',
  '--sslkey',
  '--staticdir',
  '--cgidir',
  '--dir',
  '--maxforks',
  '--origin',
  '--loglevel',
  '--header',
  '--header-ws',
  '--header-http',
  '--passenv',
  '--closems',
  '--reverselookup',
]);

/** code-server, websocketd or WeTTY as a web terminal; undefined for any other program, or one that serves none. */
export function browserTerminal(cmd: SimpleCommand): WebTerminal | undefined {
  const a = cmd.argv;
  if (a[0] === 'code-server') {
    // Its terminal types commands on this machine; a password (the default) or the proxy in front of it guards it.
    const auth = optionValue(a, ['--auth']) ?? cmd.env.AUTH;
    if (auth !== 'none') return undefined;
    const bind = hostPort(optionValue(a, ['--bind-addr']) ?? cmd.env.CODE_SERVER_BIND_ADDR);
    const socket = optionValue(a, ['--socket']);
    return {
      server: 'code-server',
      command: 'an editor with a terminal',
      port: bind.port ?? optionValue(a, ['--port']) ?? cmd.env.PORT ?? '8080',
      bind: bind.host ?? '127.0.0.1',
      socket: socket !== undefined,
      credential: false,
      writable: true,
    };
  }
  if (a[0] === 'websocketd') {
    let i = 1;
    const o = new Map<string, string>();
    for (; i < a.length && a[i].startsWith('--'); i++) {
      const eq = a[i].indexOf('=');
      if (eq > 0) o.set(a[i].slice(0, eq), a[i].slice(eq + 1));
      else if (WEBSOCKETD_VALUES.has(a[i])) o.set(a[i], a[++i] ?? '');
      else o.set(a[i], '');
    }
    if (!promptCommand(a.slice(i))) return undefined;
    return {
      server: 'websocketd',
      command: a.slice(i).join(' '),
      port: o.get('--port') ?? '80',
      bind: o.get('--address') || undefined,
      socket: false,
      credential: false,
      writable: true,
    };
  }
  if (a[0] === 'wetty') {
    // WeTTY logs visitors in (ssh or login) unless a command it runs is named outright.
    const command = optionValue(a, ['--command', '-c']);
    return {
      server: 'wetty',
      command: command ?? 'a login shell',
      port: optionValue(a, ['--port', '-p']) ?? '3000',
      bind: optionValue(a, ['--host']) ?? '0.0.0.0',
      socket: false,
      credential: command === undefined || command === 'login',
      writable: true,
    };
  }
  return undefined;
}
