// The SQL pack: generic SQL runners (duckdb, sqlcmd, bq query, …), judged by
// the SQL they run. Reading SQL itself (common/sql/) reads it the way a
// database client does, so a string literal or comment never looks like code
// (`SELECT 'DROP TABLE x'`) and code never hides in one (`/* note */ DROP
// TABLE x`); the classic clients (psql, mysql, sqlite3, …) live in
// databaseCli and read SQL through the same module.
import { positionals } from '../command/args';
import type { AnalysisContext, Pack, SimpleCommand } from '../types';
import { collectSql, inputsEffect, judgeSqlInputs, type SqlInputs, type SqlInputSpec } from './common/sql/inputs';
import { own } from '../text/own';

// ---------------------------------------------------------------------------
// The pack: generic SQL runners that are not classic database clients.

interface Runner {
  /** Subcommand that runs SQL (`cockroach sql`, `bq query`, `wrangler d1 execute`). */
  sub?: readonly string[];
  spec: (cmd: SimpleCommand, args: string[]) => SqlInputSpec;
}

const VALUE_OPTIONS = [
  '-c',
  '-e',
  '-f',
  '-q',
  '-Q',
  '-i',
  '-d',
  '-S',
  '-U',
  '-P',
  '-u',
  '-h',
  '-p',
  '--execute',
  '--file',
  '--query',
  '--command',
  '--database',
  '--server',
  '--host',
  '--port',
  '--user',
  '--format',
  '--output',
  '--filename',
  '--config',
  '--catalog',
  '--schema',
  '--queries-file',
];

const RUNNERS: Record<string, Runner> = {
  duckdb: { spec: (_c, a) => ({ inline: ['-c', '-s'], positionalSql: positionals(a, VALUE_OPTIONS).slice(1) }) },
  sqlcmd: { spec: () => ({ inline: ['-Q', '-q'], files: ['-i'] }) },
  usql: { spec: () => ({ inline: ['-c', '--command'], files: ['-f', '--file'] }) },
  cockroach: { sub: ['sql'], spec: () => ({ inline: ['-e', '--execute'], files: ['-f', '--file'] }) },
  snowsql: { spec: () => ({ inline: ['-q', '--query'], files: ['-f', '--filename'] }) },
  bq: {
    sub: ['query'],
    spec: (_c, a) => ({
      positionalSql: positionals(a, [
        '--format',
        '--project_id',
        '--location',
        '--destination_table',
        '--parameter',
        '--max_rows',
        '-n',
      ]).slice(1),
    }),
  },
  trino: { spec: () => ({ inline: ['--execute'], files: ['-f', '--file'] }) },
  presto: { spec: () => ({ inline: ['--execute'], files: ['-f', '--file'] }) },
  'spark-sql': { spec: () => ({ inline: ['-e'], files: ['-f'] }) },
  beeline: { spec: () => ({ inline: ['-e'], files: ['-f'] }) },
  hive: { spec: () => ({ inline: ['-e'], files: ['-f'] }) },
  mycli: { spec: () => ({ inline: ['-e', '--execute'] }) },
  litecli: { spec: () => ({ inline: ['-e', '--execute'] }) },
  'sqlite-utils': {
    sub: ['query'],
    spec: (_c, a) => ({
      positionalSql: positionals(a, ['-p', '--param', '--attach', '--load-extension']).slice(2),
      readsStdin: false,
    }),
  },
  // Oracle: `@script.sql` runs a file; SQL also comes on stdin (a heredoc).
  sqlplus: {
    spec: (_c, a) => ({
      positionalFiles: positionals(a, ['-M', '-R', '-L'])
        .filter((w) => w.startsWith('@'))
        .map((w) => w.slice(1)),
    }),
  },
  // Sybase and SQL Server's older clients; unixODBC's isql reads stdin.
  isql: { spec: () => ({ inline: ['-Q', '-q'], files: ['-i'] }) },
  osql: { spec: () => ({ inline: ['-Q', '-q'], files: ['-i'] }) },
  // Teradata: a script on stdin only.
  bteq: { spec: () => ({}) },
  // IBM Db2's command line: the statement is its operand; `-tvf FILE` runs a file.
  db2: {
    spec: (_c, a) => {
      const cluster = a.findIndex((w) => /^-[a-z]*f$/.test(w));
      return {
        positionalSql: cluster === -1 ? [positionals(a, ['-z', '-r', '-l']).join(' ')].filter(Boolean) : [],
        positionalFiles: cluster === -1 || !a[cluster + 1] ? [] : [a[cluster + 1]],
      };
    },
  },
  // Neo4j: Cypher as the operand, from --file, or on stdin.
  'cypher-shell': {
    spec: (_c, a) => ({
      files: ['-f', '--file'],
      positionalSql: positionals(a, [
        '-a',
        '--address',
        '-u',
        '--username',
        '-p',
        '--password',
        '-d',
        '--database',
        '--format',
        '-P',
        '--param',
        '--encryption',
        '--access-mode',
        '-f',
        '--file',
      ]),
    }),
  },
  wrangler: { sub: ['d1'], spec: () => ({ inline: ['--command'], files: ['--file'], readsStdin: false }) },
  // PlanetScale: `pscale sql DATABASE BRANCH --query SQL` runs one statement (`--force` only lifts pscale's own
  // refusal of DELETE, DROP and TRUNCATE); `pscale shell DATABASE BRANCH` runs what comes on stdin.
  pscale: {
    sub: ['sql', 'shell'],
    spec: (_c, a) => (a[1] === 'sql' ? { inline: ['--query'], readsStdin: false } : {}),
  },
  // `turso db shell DATABASE [SQL]`: SQL after the database name runs and exits.
  turso: {
    sub: ['db'],
    spec: (_c, a) => ({ positionalSql: positionals(a, ['--location', '--instance', '-l']).slice(3) }),
  },
};

function runnerInputs(cmd: SimpleCommand, ctx: AnalysisContext): SqlInputs | undefined {
  const runner = own(RUNNERS, cmd.argv[0]);
  if (!runner) return undefined;
  const args = cmd.argv;
  if (runner.sub && !runner.sub.includes(args[1] ?? '')) return undefined;
  if (cmd.argv[0] === 'wrangler' && args[2] !== 'execute') return undefined;
  if (cmd.argv[0] === 'turso' && args[2] !== 'shell') return undefined;
  // wrangler 3+ runs against the local development copy unless --remote (judged by the cloud pack).
  if (cmd.argv[0] === 'wrangler' && (args.includes('--local') || !args.includes('--remote'))) return undefined;
  if (args.includes('--help') || args.includes('--version')) return undefined;
  return collectSql(cmd, ctx, runner.spec(cmd, args));
}

export const sqlPack: Pack = {
  id: 'sql',
  commands: Object.keys(RUNNERS),
  analyze(cmd, ctx) {
    const inputs = runnerInputs(cmd, ctx);
    if (!inputs) return undefined;
    const label = cmd.argv[0] + (own(RUNNERS, cmd.argv[0])?.sub ? ' ' + cmd.argv[1] : '');
    const out = judgeSqlInputs(inputs, label);
    return out.length ? out : undefined;
  },
  effect(cmd, ctx) {
    const inputs = runnerInputs(cmd, ctx);
    return inputs ? inputsEffect(inputs) : undefined;
  },
};
