// Platforms' database shells: `railway connect postgres`, `heroku pg:psql`, `heroku redis:cli`, `gcloud sql
// connect`, `fly postgres connect`, `fly redis connect`, `az postgres|mysql flexible-server execute|connect`. Each
// starts psql, mysql, redis-cli or mongosh against the platform's database, so SQL or Redis commands fed to it (a
// `<` file, a heredoc, a here-string, a pipe, `--querytext`) run there as they would through that client. The
// shell is read as that client aimed at the platform's host, and the client's judgment reads what it is fed; the
// platform's own command is judged too. An interactive session (nothing fed) is left as it was: a human types.
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';

type Client = 'psql' | 'mysql' | 'redis-cli' | 'mongosh';

interface Shell {
  /** The client the platform starts; undefined when the command does not say (a Railway service named `db`). */
  client?: Client;
  product: string;
  /** The database, app or instance named, for the host the client is aimed at. */
  name?: string;
  /** SQL given as an option (`az … execute --querytext`), and a file of SQL (`--file-path`, `heroku pg:psql -f`). */
  query?: string;
  file?: string;
}

/** Bound on the words looked at for options and operands. */
const MAX_WORDS = 64;

/** The value of the first of `names` present (`-n x`, `--name=x`). */
function valueOf(argv: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length && i < MAX_WORDS; i++) {
    const a = argv[i];
    for (const n of names) {
      if (a === n) return argv[i + 1];
      if (n.startsWith('--') && a.startsWith(n + '=')) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

/** The operands from `from` on, skipping options and the values of `values`. */
function operands(argv: readonly string[], from: number, values: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = from; i < argv.length && i < MAX_WORDS; i++) {
    const a = argv[i];
    if (a === '--') continue;
    if (a.startsWith('-')) {
      if (values.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The client a database's name says it is (`postgres`, `Redis`, `mongodb-7`); undefined when it says none. */
function clientNamed(name: string | undefined): Client | undefined {
  const n = name?.toLowerCase() ?? '';
  if (/postgres|^pg\b|psql|timescale/.test(n)) return 'psql';
  if (/mysql|maria/.test(n)) return 'mysql';
  if (/redis|valkey|keydb|dragonfly/.test(n)) return 'redis-cli';
  if (/mongo/.test(n)) return 'mongosh';
  return undefined;
}

const RAILWAY_VALUES = ['-e', '--environment', '-s', '--service'];
const HEROKU_VALUES = ['-a', '--app', '-r', '--remote', '-c', '--command', '-f', '--file', '--confirm'];
const FLY_VALUES = [
  '-a',
  '--app',
  '-d',
  '--database',
  '-u',
  '--user',
  '-c',
  '--config',
  '-r',
  '--region',
  '-o',
  '--org',
];
const GCLOUD_VALUES = ['-u', '--user', '-d', '--database', '--port', '--project', '--account', '--configuration'];

function shellOf(argv: readonly string[]): Shell | undefined {
  const prog = argv[0];
  if (prog === 'railway' && argv[1] === 'connect') {
    const name = operands(argv, 2, RAILWAY_VALUES)[0] ?? valueOf(argv, ['-s', '--service']);
    return { client: clientNamed(name), product: 'Railway', name };
  }
  if (prog === 'heroku' && (argv[1] === 'pg:psql' || argv[1] === 'redis:cli')) {
    const name = valueOf(argv, ['-a', '--app']) ?? operands(argv, 2, HEROKU_VALUES)[0];
    const file = argv[1] === 'pg:psql' ? valueOf(argv, ['-f', '--file']) : undefined;
    return { client: argv[1] === 'pg:psql' ? 'psql' : 'redis-cli', product: 'Heroku', name, file };
  }
  if ((prog === 'fly' || prog === 'flyctl') && argv[2] === 'connect') {
    const client = /^(?:postgres|pg|mpg)$/.test(argv[1] ?? '') ? 'psql' : argv[1] === 'redis' ? 'redis-cli' : undefined;
    if (!client) return undefined;
    return { client, product: 'Fly.io', name: valueOf(argv, ['-a', '--app']) ?? operands(argv, 3, FLY_VALUES)[0] };
  }
  if (prog === 'gcloud') {
    // `gcloud [alpha|beta] sql connect INSTANCE`: psql or mysql, as the instance's engine is; both read SQL.
    const words = operands(argv, 1, GCLOUD_VALUES);
    const at = words.indexOf('sql');
    if (at < 0 || at > 1 || words[at + 1] !== 'connect') return undefined;
    return { client: 'psql', product: 'Cloud SQL', name: words[at + 2] };
  }
  if (
    prog === 'az' &&
    (argv[1] === 'postgres' || argv[1] === 'mysql') &&
    /^(?:flexible-)?server$/.test(argv[2] ?? '')
  ) {
    if (argv[3] !== 'execute' && argv[3] !== 'connect') return undefined;
    return {
      client: argv[1] === 'postgres' ? 'psql' : 'mysql',
      product: 'Azure Database',
      name: valueOf(argv, ['-n', '--name']),
      // `--query` is the CLI's JMESPath filter of its output; the SQL is `--querytext` (`-q`).
      query: valueOf(argv, ['-q', '--querytext']),
      file: valueOf(argv, ['-f', '--file-path']),
    };
  }
  return undefined;
}

/** The client's words: aimed at the platform's host, with the SQL option or file the platform's command was given. */
function clientArgv(client: Client, host: string, shell: Shell): string[] {
  const argv = [client, '-h', host];
  if (shell.query !== undefined)
    argv.push(client === 'mysql' ? '-e' : client === 'psql' ? '-c' : '--eval', shell.query);
  if (shell.file !== undefined && client === 'psql') argv.push('-f', shell.file);
  return argv;
}

/** Whether the shell is fed: a `<` file, a heredoc or here-string, a pipe, or a query or file option. */
function fed(p: Pending, shell: Shell): boolean {
  return (
    p.stdin !== undefined ||
    p.stdinFrom !== undefined ||
    p.redirects.some((r) => r.op === '<' && r.fd === 0) ||
    shell.query !== undefined ||
    shell.file !== undefined
  );
}

export function unwrapPlatformShell(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  if (p.dynamic[1] || p.dynamic[2]) return undefined;
  const shell = shellOf(p.argv);
  if (!shell || !fed(p, shell)) return undefined;
  const host = `${shell.name ?? 'its database'} (${shell.product})`;
  // mysql reads a file given to `az mysql … --file-path` as it reads one on stdin.
  const redirects =
    shell.file !== undefined && shell.client === 'mysql'
      ? [...p.redirects, { op: '<' as const, fd: 0, target: shell.file }]
      : p.redirects;
  const at = (client: Client): Pending => {
    const argv = clientArgv(client, host, shell);
    return { ...p, argv, dynamic: argv.map(() => false), redirects };
  };
  // A service that does not say what it is: what it is fed is read both as SQL and as Redis commands.
  if (!shell.client) w.emit(at('redis-cli'), scope);
  const via = p.argv.slice(0, 3).join(' ');
  return { kind: 'command', next: at(shell.client ?? 'psql'), via, recordOuter: true };
}
