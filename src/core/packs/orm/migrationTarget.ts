// Whether a migration runner applies its folder to a database on this machine.
// No file says which migrations a database has already applied, so a runner
// reaching a remote or unknown database has all its recent migrations judged;
// one proven to reach this machine's (the connection it reads names only
// loopback hosts) is bringing a development copy up to the project's schema,
// as `prisma migrate dev` or `supabase db push --local` do, and only the
// migrations the agent wrote itself are judged there. The connection is read
// where the tool reads it: its flag, else the variable it names (from the
// command's environment, else the `.env` beside it); one that cannot be read
// leaves the target unproven.
import * as path from 'node:path';
import { optionValue, positionals } from '../../command/args';
import { isLocalHost, parseDotenv, parseUrlHosts } from '../../environment';
import type { AnalysisContext, SimpleCommand } from '../../types';

/** A connection string whose every host is this machine: a URL's, or libpq's `host=` words. */
export function isLocalConnection(conn: string): boolean {
  const url = conn.replace(/^jdbc:/i, '');
  // libpq and MySQL take the host from the query too (`?host=db.acme.io`): not read here, so not proven.
  if (url.includes('://')) {
    if (/[?&](?:host|hostaddr|socket)=/i.test(url)) return false;
    const hosts = parseUrlHosts(url).hosts;
    return hosts.length > 0 && hosts.every(isLocalHost);
  }
  const hosts = [...conn.matchAll(/(?:^|\s)(?:host|hostaddr)\s*=\s*'?([^\s']+)/g)].flatMap((m) => m[1].split(','));
  return hosts.length > 0 && hosts.every(isLocalHost);
}

/** What an embedded database's connection stands for: a file of this machine. */
const EMBEDDED_FILE = 'host=localhost';

/** A variable the tool reads: the command's environment first (it wins over `.env`), then the `.env` files named. */
function variable(
  name: string,
  envFiles: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): string | undefined {
  if (cmd.env[name] !== undefined) return cmd.env[name];
  for (const file of envFiles) {
    const text = ctx.readFile(file, cmd.cwd);
    const value = text === undefined ? undefined : parseDotenv(text)[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The connections `prisma migrate deploy` uses: the datasource's `directUrl` when set, else its `url`. */
function prismaConnections(schema: string, cmd: SimpleCommand, ctx: AnalysisContext): string[] | undefined {
  // prisma.config.ts can name another datasource URL: not read here.
  if (ctx.readFile('prisma.config.ts', cmd.cwd) !== undefined) return undefined;
  const text = ctx.readFile(schema, cmd.cwd);
  const block = text === undefined ? undefined : /\bdatasource\s+\w+\s*\{([^}]{0,4096})\}/.exec(text)?.[1];
  if (block === undefined) return undefined;
  const field = (key: string) => new RegExp(`^\\s*${key}\\s*=\\s*(.+?)\\s*$`, 'm').exec(block)?.[1];
  const spelled = field('directUrl') ?? field('url');
  if (spelled === undefined) return undefined;
  const literal = /^"([^"]*)"$/.exec(spelled)?.[1];
  if (literal !== undefined) return [literal];
  const name = /^env\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)$/.exec(spelled)?.[1];
  const value = name && variable(name, ['.env', path.join(path.dirname(schema), '.env')], cmd, ctx);
  return value ? [value] : undefined;
}

/** The connection strings a migration runner applies its folder to, or undefined when one of them is not known. */
function connections(argv: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): string[] | undefined {
  const one = (v: string | undefined) => (v ? [v] : undefined);
  switch (argv[0]) {
    case 'prisma':
      return prismaConnections(optionValue(argv, ['--schema']) ?? 'prisma/schema.prisma', cmd, ctx);
    case 'dbmate': {
      const url = optionValue(argv, ['-u', '--url']);
      if (url) return [url];
      const name = optionValue(argv, ['-e', '--env']) ?? 'DATABASE_URL';
      return one(variable(name, [optionValue(argv, ['--env-file']) ?? '.env'], cmd, ctx));
    }
    case 'goose': {
      const pos = positionals(argv, ['-dir', '--dir', '-table', '--table', '-certfile', '-ssl-cert', '-ssl-key']);
      // `goose DRIVER DBSTRING up`; sqlite's database is a file of this machine.
      if (pos.length >= 3) return /^sqlite3?$/.test(pos[0]) ? [EMBEDDED_FILE] : [pos[1]];
      if (/^sqlite3?$/.test(variable('GOOSE_DRIVER', ['.env'], cmd, ctx) ?? '')) return [EMBEDDED_FILE];
      return one(variable('GOOSE_DBSTRING', ['.env'], cmd, ctx));
    }
    case 'migrate':
      return one(optionValue(argv, ['-database', '--database']));
    case 'supabase':
      return one(optionValue(argv, ['--db-url']));
    case 'flyway':
      return one(argv.find((a) => a.startsWith('-url='))?.slice('-url='.length));
    default:
      return undefined;
  }
}

/** Why the runner's database is on this machine (its connection names only loopback hosts), or undefined when that is not proven. */
export function localMigrationTarget(
  argv: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): string | undefined {
  // Run through ssh, kubectl or docker, its localhost is that machine's.
  if (cmd.remote || ctx.portForwarded) return undefined;
  const conns = connections(argv, cmd, ctx);
  if (!conns?.length || !conns.every(isLocalConnection)) return undefined;
  return `${argv[0]} applies them to a database on this machine`;
}
