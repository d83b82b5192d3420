// What every ORM judgment shares: the kinds of damage and how they read, the
// environment the framework will pick, and code run inside the application.
import { frameworkEnvironment } from '../../environment/framework';
import type { Finding, SimpleCommand } from '../../types';
import { analyzeSql, parseConnection } from '../common/sql';

export type Kind =
  'drop-database' | 'drop-schema' | 'reset' | 'flush' | 'rollback-all' | 'schema-load' | 'data-loss' | 'mass-delete';

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
// Environment the framework will pick (environment/framework.ts). Production
// makes a reset never an agent's call; a test or development database is
// weighed with every other disposable target (policy/weigh.ts).

export {
  FRAMEWORK_ENV_VARS as ENV_VARS,
  PRODUCTION_ENV_NAME as PROD_ENV,
  frameworkEnvironment as environmentOf,
} from '../../environment/framework';

export function toFinding(hit: Hit, cmd: SimpleCommand, args: readonly string[]): Finding {
  const { env, name } = frameworkEnvironment(cmd, args);
  let severity = hit.severity;
  let where = '';
  if (env === 'production') {
    severity = Math.max(severity, 95);
    where = ` in the ${name ?? 'production'} environment`;
  } else if (env) {
    where = ` (${name ?? env} database)`;
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
  {
    re: /DB\s*::\s*table\s*\([^)]{0,200}\)\s*->\s*(?:delete|truncate)\s*\(/,
    what: 'DB::table(…)->delete()',
    severity: 60,
  },
  { re: /Schema\s*::\s*(?:drop|dropIfExists|dropAllTables)\s*\(/, what: 'Schema::drop()', severity: 70 },
  { re: /\.\s*deleteMany\s*\(\s*(?:\{\s*\}\s*)?\)/, what: 'deleteMany() without a filter', severity: 60 },
];
/** SQL handed to the database from application code: `connection.execute("…")`, `DB::statement('…')`. */
const RAW_SQL =
  /(?:execute|exec_query|statement|unprepared|raw|\$executeRawUnsafe|\$executeRaw)\s*\(\s*(?:"([^"]{1,4000})"|'([^']{1,4000})'|`([^`]{1,4000})`)/g;

export function judgeCode(code: string, label: string): { hits: Hit[]; sql: Finding[] } {
  const hits: Hit[] = [];
  const text = code.slice(0, 64 * 1024);
  for (const p of CODE_PATTERNS) {
    if (p.re.test(text))
      hits.push({
        kind: 'mass-delete',
        what: `${label} runs ${p.what}, which`,
        severity: p.severity,
        alternative: 'filter the rows you mean (where / filter) and count them first',
      });
  }
  const sql: Finding[] = [];
  for (const m of text.matchAll(RAW_SQL)) sql.push(...analyzeSql(m[1] ?? m[2] ?? m[3] ?? ''));
  return { hits, sql };
}
