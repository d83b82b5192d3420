// What every ORM judgment shares: the kinds of damage and how they read, the
// environment the framework will pick, and code run inside the application.
import { optionValue } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { analyzeSql, parseConnection } from '../sql';

export type Kind = 'drop-database' | 'drop-schema' | 'reset' | 'flush' | 'rollback-all' | 'schema-load' | 'data-loss' | 'mass-delete';

export interface Hit {
  kind: Kind;
  /** What the tool does, in the tool's words: `prisma migrate reset`. */
  what: string;
  severity: number;
  alternative?: string;
}

const SUMMARY: Record<Kind, string> = {
  'drop-database': 'deletes the whole database',
  'drop-schema': 'drops every table, view and sequence in the database',
  reset: 'drops the database, recreates it and reapplies migrations: every row is lost',
  flush: 'deletes every row of every table',
  'rollback-all': 'rolls back every migration, dropping the tables they created',
  'schema-load': 'recreates every table from the schema file, discarding their rows',
  'data-loss': 'applies schema changes even when they drop columns or tables with data',
  'mass-delete': 'deletes or rewrites every row of a model',
};

const BACKUP = 'back the database up first (pg_dump / mysqldump), or run it against a throwaway database';

// ---------------------------------------------------------------------------
// Environment the framework will pick.

export const ENV_VARS = ['RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'MIX_ENV', 'NODE_ENV', 'FLASK_ENV', 'DJANGO_ENV', 'ENVIRONMENT', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT', 'SPRING_PROFILES_ACTIVE'];
export const PROD_ENV = /^(?:prod|production|live|prd)$/i;
const TEST_ENV = /^(?:test|testing|ci)$/i;
const TEST_DB = /(?:^|[_-])test(?:s|ing)?(?:$|[_-])/i;

type Env = 'production' | 'test' | undefined;

export function environmentOf(cmd: SimpleCommand, args: readonly string[]): { env: Env; name?: string } {
  // Flags first (`rails -e production`, `artisan --env=production`, `knex --env production`).
  const flag = optionValue(args, ['-e', '--environment', '--env']) ?? args.find((a) => /^(?:RAILS|RACK)_ENV=/.test(a))?.split('=')[1];
  const values = flag !== undefined ? [flag] : ENV_VARS.map((v) => cmd.env[v]).filter((v): v is string => v !== undefined);
  if (values.some((v) => PROD_ENV.test(v))) return { env: 'production', name: values.find((v) => PROD_ENV.test(v)) };
  const settings = optionValue(args, ['--settings']) ?? cmd.env.DJANGO_SETTINGS_MODULE;
  if (settings && /(?:^|[._])prod(?:uction)?(?:$|[._])/i.test(settings)) return { env: 'production', name: settings };
  const db = parseConnection(cmd.env.DATABASE_URL).db;
  if (values.some((v) => TEST_ENV.test(v)) || (settings && /(?:^|[._])test(?:s|ing)?(?:$|[._])/i.test(settings)) || (db && TEST_DB.test(db))) {
    return { env: 'test', name: values.find((v) => TEST_ENV.test(v)) ?? db };
  }
  return { env: undefined, name: db };
}

export function toFinding(hit: Hit, cmd: SimpleCommand, args: readonly string[]): Finding {
  const { env, name } = environmentOf(cmd, args);
  let severity = hit.severity;
  let where = '';
  if (env === 'production') {
    severity = Math.max(severity, 95);
    where = ` in the ${name ?? 'production'} environment`;
  } else if (env === 'test') {
    severity = Math.min(severity, 30);
    where = ` (${name ?? 'test'} database)`;
  }
  const db = parseConnection(cmd.env.DATABASE_URL).db;
  return {
    id: `orm.${hit.kind}`,
    summary: `${hit.what} ${SUMMARY[hit.kind]}${where}`,
    target: db ?? name ?? 'the application database',
    alternative: hit.alternative ?? BACKUP,
    severity,
  };
}

// ---------------------------------------------------------------------------
// Code run inside the application (rails runner, manage.py shell -c, tinker).

const CODE_PATTERNS: { re: RegExp; what: string; severity: number }[] = [
  { re: /\.objects\s*\.\s*all\s*\(\s*\)\s*\.\s*delete\s*\(/, what: 'Model.objects.all().delete()', severity: 60 },
  { re: /\.objects\s*(?:\.\s*all\s*\(\s*\)\s*)?\.\s*update\s*\(/, what: 'Model.objects.update()', severity: 50 },
  { re: /\b[A-Z]\w*\s*\.\s*(?:delete_all|destroy_all)\b/, what: 'Model.delete_all / destroy_all', severity: 60 },
  { re: /\b[A-Z]\w*\s*\.\s*update_all\b/, what: 'Model.update_all', severity: 50 },
  { re: /::\s*truncate\s*\(\s*\)/, what: 'Model::truncate()', severity: 70 },
  { re: /::\s*query\s*\(\s*\)\s*->\s*delete\s*\(/, what: 'Model::query()->delete()', severity: 60 },
  { re: /DB\s*::\s*table\s*\([^)]{0,200}\)\s*->\s*(?:delete|truncate)\s*\(/, what: "DB::table(…)->delete()", severity: 60 },
  { re: /Schema\s*::\s*(?:drop|dropIfExists|dropAllTables)\s*\(/, what: 'Schema::drop()', severity: 70 },
  { re: /\.\s*deleteMany\s*\(\s*(?:\{\s*\}\s*)?\)/, what: 'deleteMany() without a filter', severity: 60 },
];
/** SQL handed to the database from application code: `connection.execute("…")`, `DB::statement('…')`. */
const RAW_SQL = /(?:execute|exec_query|statement|unprepared|raw|\$executeRawUnsafe|\$executeRaw)\s*\(\s*(?:"([^"]{1,4000})"|'([^']{1,4000})'|`([^`]{1,4000})`)/g;

export function judgeCode(code: string, label: string): { hits: Hit[]; sql: Finding[] } {
  const hits: Hit[] = [];
  const text = code.slice(0, 64 * 1024);
  for (const p of CODE_PATTERNS) {
    if (p.re.test(text)) hits.push({ kind: 'mass-delete', what: `${label} runs ${p.what}, which`, severity: p.severity, alternative: 'filter the rows you mean (where / filter) and count them first' });
  }
  const sql: Finding[] = [];
  for (const m of text.matchAll(RAW_SQL)) sql.push(...analyzeSql(m[1] ?? m[2] ?? m[3] ?? ''));
  return { hits, sql };
}
