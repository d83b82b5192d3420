// What a psql command would destroy in PostgreSQL, and how to reach it: the
// plan for a pg_dump before it runs. Pure (no processes): the hook makes the
// plan for every psql call, and only a destructive one loads the dumper.
import { analyzeSql, collectSql } from '../packs/common/sql';
import type { AnalysisContext, SimpleCommand } from '../types';
import type { DatabaseDump } from './store';
import { own } from '../text/own';
import { PSQL_OPTIONS, spelledOut } from '../command/databaseClients';
import { readPlacedOptions } from '../command/options';

export interface PgPlan {
  scope: DatabaseDump['scope'];
  /** Tables or the schema to dump; the database name for scope `database`. */
  targets: string[];
  /** Connection options as the command gave them. */
  args: string[];
  env: Record<string, string>;
}

/** psql's connection options, by the letter the dump is given. */
const CONN: Record<string, 'h' | 'p' | 'U' | 'd'> = {
  '-h': 'h',
  '--host': 'h',
  '-p': 'p',
  '--port': 'p',
  '-U': 'U',
  '--username': 'U',
  '-d': 'd',
  '--dbname': 'd',
};

interface PsqlArgs {
  /** Spelled-out argv (`-tAc X` → `-t -A -c X`) for the SQL readers. */
  argv: string[];
  conn: { h?: string; p?: string; U?: string; d?: string };
}

/** psql's words as its getopt reads them (command/databaseClients.ts): the connection, and the words spelled out. */
function readPsql(argv: readonly string[]): PsqlArgs {
  const read = readPlacedOptions(argv, 1, PSQL_OPTIONS);
  const conn: PsqlArgs['conn'] = {};
  for (const o of read.options) {
    const key = own(CONN, o.name);
    if (key && o.value !== undefined) conn[key] = o.value;
  }
  if (conn.d === undefined && read.operands[0] !== undefined) conn.d = read.operands[0];
  if (conn.U === undefined && read.operands[1] !== undefined) conn.U = read.operands[1];
  return { argv: spelledOut(argv, [], PSQL_OPTIONS).argv, conn };
}

const SPLIT_TARGETS = /,\s*/;

/** What a psql command would destroy, and how to reach it; undefined when it destroys no data. */
export function planPostgres(cmd: SimpleCommand, ctx: AnalysisContext): PgPlan | undefined {
  if (cmd.argv[0] !== 'psql' || cmd.remote) return undefined;
  const psql = readPsql(cmd.argv);
  const inputs = collectSql({ ...cmd, argv: psql.argv, dynamic: psql.argv.map(() => false) }, ctx, {
    inline: ['-c', '--command'],
    files: ['-f', '--file'],
  });
  const args: string[] = [];
  for (const k of ['h', 'p', 'U'] as const) if (psql.conn[k] !== undefined) args.push(`-${k}`, psql.conn[k]!);
  if (psql.conn.d !== undefined) args.push('-d', psql.conn.d);
  return planFromSql(
    inputs.sources.map((s) => s.text),
    args,
    cmd.env,
  );
}

const PG_URL = /postgres(?:ql)?:\/\/[^\s'"]+/;

/** The connection URL an MCP server was started with (Cursor names the server by its command line), if any. */
export function mcpConnection(server: string | undefined): string | undefined {
  return server ? PG_URL.exec(server)?.[0] : undefined;
}

/** The plan for SQL sent over a known connection (connection words as pg_dump takes them). */
export function planFromSql(texts: readonly string[], args: string[], env: Record<string, string>): PgPlan | undefined {
  const tables = new Set<string>();
  const schemas = new Set<string>();
  let database: string | undefined;
  let whole = false;
  for (const text of texts) {
    for (const f of analyzeSql(text)) {
      const names = (f.target ?? '').split(SPLIT_TARGETS).filter(Boolean);
      if (f.target?.includes('more)')) whole = true;
      switch (f.id) {
        case 'sql.drop': {
          const type = /^DROP ([A-Z ]+?) deletes/.exec(f.summary)?.[1] ?? '';
          if (type === 'DATABASE') database = names[0];
          else if (type === 'SCHEMA') names.forEach((n) => schemas.add(n));
          else if (type === 'TABLE' || type === 'FOREIGN TABLE' || type === 'MATERIALIZED VIEW')
            names.forEach((n) => tables.add(n));
          break;
        }
        case 'sql.truncate':
        case 'sql.delete-without-where':
        case 'sql.update-without-where':
        case 'sql.alter-drop':
          names.forEach((n) => tables.add(n));
          break;
        case 'sql.drop-owned':
        case 'sql.dynamic-destructive':
          whole = true;
          break;
      }
    }
  }
  if (database) return { scope: 'database', targets: [database], args: withDatabase(args, database), env };
  if (whole || schemas.size > 1 || (schemas.size && tables.size))
    return { scope: 'database', targets: [currentDatabase(args, env) ?? '(default database)'], args, env };
  if (schemas.size) return { scope: 'schema', targets: [...schemas], args, env };
  if (tables.size) return { scope: 'tables', targets: [...tables], args, env };
  return undefined;
}

function currentDatabase(args: readonly string[], env: Record<string, string>): string | undefined {
  const i = args.indexOf('-d');
  const d = i === -1 ? env.PGDATABASE : args[i + 1];
  if (!d) return undefined;
  const uri = /^postgres(?:ql)?:\/\/[^/]*\/([^?#]*)/.exec(d);
  if (uri) return decodeURIComponent(uri[1]) || undefined;
  const named = /\bdbname=(\S+)/.exec(d);
  return named ? named[1] : d.includes('=') ? undefined : d;
}

/** The same connection, aimed at another database. */
export function withDatabase(args: readonly string[], db: string): string[] {
  const out = [...args];
  const i = out.indexOf('-d');
  const current = i === -1 ? undefined : out[i + 1];
  let next = db;
  if (current && /^postgres(?:ql)?:\/\//.test(current))
    next = current.replace(/^(postgres(?:ql)?:\/\/[^/?#]*)(?:\/[^?#]*)?/, `$1/${encodeURIComponent(db)}`);
  else if (current && /\bdbname=/.test(current)) next = current.replace(/\bdbname=\S+/, `dbname=${db}`);
  else if (current && current.includes('=')) next = `${current} dbname=${db}`;
  if (i === -1) out.push('-d', next);
  else out[i + 1] = next;
  return out;
}
