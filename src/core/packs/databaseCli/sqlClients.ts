// SQL clients (psql, mysql, sqlite3, clickhouse, cqlsh, influx 1.x, mongosh):
// where each takes its SQL or code, and which database it targets.
import { optionValue, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import {
  analyzeMongo,
  collectSql,
  judgeSqlInputs,
  mongoEffect,
  parseConnection,
  type Connection,
  type SqlInputSpec,
  type SqlInputs,
} from '../common/sql';
import { describe, isHelp } from './common';
import { own } from '../../text/own';
import { opensDatabaseFile } from '../../parse/wrappers/sqliteShell';
import { withWords } from '../../parse/normalize';
import { psqlOutputPipes } from '../../effects/databaseOutputs';
import { MYSQL_OPTIONS, PSQL_OPTIONS, spelledOut } from '../../command/databaseClients';
import type { GetoptStyle } from '../../command/options';

interface SqlClient {
  label: string;
  /**
   * The client's whole option table, when it is known: its words are spelled out from it before they are read
   * (`-tAc SQL` as `-t -A -c SQL`, `--comm SQL` as `--command SQL`).
   */
  options?: GetoptStyle;
  /** Where the client's SQL comes from. */
  spec(cmd: SimpleCommand): SqlInputSpec;
  connection(cmd: SimpleCommand): Connection;
  /** Analyzer for the client's language (analyzeSql unless said otherwise). */
  analyze?: (text: string, origin: string | undefined, c: Connection) => Finding[];
  effect?: (text: string) => 'read' | 'write';
}

/** The words of a client's line that take the next word as their value, for a client read by its table. */
function valueTakers(style: GetoptStyle): string[] {
  return [...[...style.short].map((c) => `-${c}`), ...style.long];
}
const PSQL_VALUES = valueTakers(PSQL_OPTIONS);
const MYSQL_VALUES = valueTakers(MYSQL_OPTIONS);
const SQLITE_VALUES = [
  '-cmd',
  '--cmd',
  '-init',
  '--init',
  '-separator',
  '--separator',
  '-newline',
  '--newline',
  '-nullvalue',
  '--nullvalue',
  '-vfs',
  '--vfs',
  '-maxsize',
  '--maxsize',
  '-pagecache',
  '-lookaside',
  '-mmap',
  '--mmap',
];
const MONGO_VALUES = [
  '--eval',
  '-f',
  '--file',
  '--host',
  '--port',
  '-u',
  '--username',
  '-p',
  '--password',
  '--authenticationDatabase',
  '--authenticationMechanism',
  '--tlsCAFile',
  '--tlsCertificateKeyFile',
  '--apiVersion',
];
const CQLSH_VALUES = [
  '-e',
  '--execute',
  '-f',
  '--file',
  '-k',
  '--keyspace',
  '-u',
  '--username',
  '-p',
  '--password',
  '--cqlversion',
  '--request-timeout',
  '--connect-timeout',
  '--encoding',
];

export const SQL_CLIENTS: Record<string, SqlClient> = {
  psql: {
    label: 'psql',
    options: PSQL_OPTIONS,
    // `-o '|CMD'` hands the query output to a shell line, as `\\o |CMD` in the SQL does: judged as that.
    spec: (cmd) => ({
      inline: ['-c', '--command'],
      files: ['-f', '--file'],
      positionalSql: psqlOutputPipes(cmd.argv).map((v) => `\\o ${v}`),
    }),
    connection: (cmd) => {
      const named =
        optionValue(cmd.argv, ['-d', '--dbname']) ?? positionals(cmd.argv, PSQL_VALUES)[0] ?? cmd.env.PGDATABASE;
      const c = parseConnection(named);
      return { host: c.host ?? optionValue(cmd.argv, ['-h', '--host']) ?? cmd.env.PGHOST, db: c.db };
    },
  },
  mysql: {
    label: 'mysql',
    options: MYSQL_OPTIONS,
    spec: () => ({ inline: ['-e', '--execute'] }),
    connection: (cmd) => {
      const named = optionValue(cmd.argv, ['-D', '--database']) ?? positionals(cmd.argv, MYSQL_VALUES)[0];
      const c = parseConnection(named);
      return { host: c.host ?? optionValue(cmd.argv, ['-h', '--host']) ?? cmd.env.MYSQL_HOST, db: c.db };
    },
  },
  sqlite3: {
    label: 'sqlite3',
    spec: (cmd) => ({
      inline: ['-cmd', '--cmd'],
      files: ['-init', '--init'],
      positionalSql: positionals(cmd.argv, SQLITE_VALUES).slice(1),
    }),
    connection: (cmd) => ({ db: positionals(cmd.argv, SQLITE_VALUES)[0] }),
  },
  mongosh: {
    label: 'mongosh',
    spec: (cmd) => {
      const pos = positionals(cmd.argv, MONGO_VALUES);
      return { inline: ['--eval'], files: ['-f', '--file'], positionalFiles: pos.filter((p) => /\.[cm]?js$/.test(p)) };
    },
    connection: (cmd) => {
      const first = positionals(cmd.argv, MONGO_VALUES).find((p) => !/\.[cm]?js$/.test(p));
      // `host:27017/app` and `mongodb://host/app`: the path is the database.
      const bare = first && !first.includes('://') && first.includes('/') ? `mongodb://${first}` : first;
      const c = parseConnection(bare);
      return { host: c.host ?? optionValue(cmd.argv, ['--host']), db: c.db };
    },
    analyze: (text, origin, c) => {
      const out = analyzeMongo(text, c.db);
      if (origin) for (const f of out) f.summary += ` (${origin})`;
      return out;
    },
    effect: mongoEffect,
  },
  'clickhouse-client': {
    label: 'clickhouse-client',
    spec: () => ({ inline: ['-q', '--query'], files: ['--queries-file'] }),
    connection: (cmd) => ({
      host: optionValue(cmd.argv, ['-h', '--host']),
      db: optionValue(cmd.argv, ['-d', '--database']),
    }),
  },
  cqlsh: {
    label: 'cqlsh',
    spec: () => ({ inline: ['-e', '--execute'], files: ['-f', '--file'] }),
    connection: (cmd) => ({
      host: positionals(cmd.argv, CQLSH_VALUES)[0],
      db: optionValue(cmd.argv, ['-k', '--keyspace']),
    }),
  },
  influx: {
    // InfluxDB 1.x shell: InfluxQL is close enough to SQL (DROP DATABASE/MEASUREMENT/SERIES, DELETE).
    label: 'influx',
    spec: () => ({ inline: ['-execute', '--execute'], readsStdin: false }),
    connection: (cmd) => ({
      host: optionValue(cmd.argv, ['-host', '--host']),
      db: optionValue(cmd.argv, ['-database', '--database']),
    }),
  },
};
SQL_CLIENTS.mariadb = { ...SQL_CLIENTS.mysql, label: 'mariadb' };
SQL_CLIENTS.mongo = { ...SQL_CLIENTS.mongosh, label: 'mongo' };
SQL_CLIENTS.sqlite = SQL_CLIENTS.sqlite3;

const IN_MEMORY = new Set([':memory:', '']);

/** `clickhouse client …` is `clickhouse-client …`. */
export function sqlClientOf(cmd: SimpleCommand): { client: SqlClient; cmd: SimpleCommand } | undefined {
  if (cmd.argv[0] === 'clickhouse') {
    if (cmd.argv[1] !== 'client') return undefined;
    const argv = ['clickhouse-client', ...cmd.argv.slice(2)];
    return {
      client: SQL_CLIENTS['clickhouse-client'],
      cmd: withWords(cmd, argv, [false, ...cmd.dynamic.slice(2)]),
    };
  }
  const client = own(SQL_CLIENTS, cmd.argv[0]);
  if (!client) return undefined;
  // influx 2.x subcommands (`influx delete`, `influx bucket delete`) are admin commands, not a shell.
  if (cmd.argv[0] === 'influx' && cmd.argv[1] && !cmd.argv[1].startsWith('-')) return undefined;
  // `sqlite3 :memory:` (or `sqlite3 ''`): a database that exists only while the command runs — unless the
  // SQL opens a database file from there (`ATTACH 'app.db'`, `.open app.db`, `.restore app.db`).
  if (
    (cmd.argv[0] === 'sqlite3' || cmd.argv[0] === 'sqlite') &&
    IN_MEMORY.has(positionals(cmd.argv, SQLITE_VALUES)[0] ?? ':memory:') &&
    !opensDatabaseFile([...cmd.argv.slice(1), cmd.stdin ?? ''])
  )
    return undefined;
  if (!client.options) return { client, cmd };
  const spelled = spelledOut(cmd.argv, cmd.dynamic, client.options);
  const same = spelled.argv.length === cmd.argv.length && spelled.argv.every((w, i) => w === cmd.argv[i]);
  return { client, cmd: same ? cmd : withWords(cmd, spelled.argv, spelled.dynamic) };
}

export function sqlClientInputs(client: SqlClient, cmd: SimpleCommand, ctx: AnalysisContext): SqlInputs {
  return collectSql(cmd, ctx, client.spec(cmd));
}

export function judgeSqlClient(client: SqlClient, cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (isHelp(cmd.argv)) return [];
  const conn = client.connection(cmd);
  const where = describe(conn);
  const inputs = sqlClientInputs(client, cmd, ctx);
  const analyze = client.analyze ? (t: string, o?: string) => client.analyze!(t, o, conn) : undefined;
  const out = judgeSqlInputs(inputs, client.label, analyze);
  // SQL findings name the table; say which database it lives in.
  if (where) {
    for (const f of out)
      if (f.id.startsWith('sql.') && !f.summary.includes(where) && !f.id.startsWith('sql.mongo'))
        f.summary += ` in ${where}`;
  }
  return out;
}
