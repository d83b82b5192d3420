// ORMs, migration tools and framework database tasks: the commands that drop,
// reset, wipe or roll back a whole database in one word (`prisma migrate
// reset`, `manage.py flush`, `rails db:drop`, `artisan migrate:fresh`,
// `flyway clean`). Everyday migrate / generate / studio stays silent. The
// framework's own environment matters: a reset of the test database is
// routine, a reset of production is never an agent's call.
import { hasFlag, optionValue, optionValues, positionals } from '../args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { analyzeSql, collectSql, inputsEffect, judgeSqlInputs, parseConnection, sqlEffect } from './sql';

type Kind = 'drop-database' | 'drop-schema' | 'reset' | 'flush' | 'rollback-all' | 'schema-load' | 'data-loss' | 'mass-delete';

interface Hit {
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

const ENV_VARS = ['RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'MIX_ENV', 'NODE_ENV', 'FLASK_ENV', 'DJANGO_ENV', 'ENVIRONMENT', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT', 'SPRING_PROFILES_ACTIVE'];
const PROD_ENV = /^(?:prod|production|live|prd)$/i;
const TEST_ENV = /^(?:test|testing|ci)$/i;
const TEST_DB = /(?:^|[_-])test(?:s|ing)?(?:$|[_-])/i;

type Env = 'production' | 'test' | undefined;

function environmentOf(cmd: SimpleCommand, args: readonly string[]): { env: Env; name?: string } {
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

function toFinding(hit: Hit, cmd: SimpleCommand, args: readonly string[]): Finding {
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

function judgeCode(code: string, label: string): { hits: Hit[]; sql: Finding[] } {
  const hits: Hit[] = [];
  const text = code.slice(0, 64 * 1024);
  for (const p of CODE_PATTERNS) {
    if (p.re.test(text)) hits.push({ kind: 'mass-delete', what: `${label} runs ${p.what}, which`, severity: p.severity, alternative: 'filter the rows you mean (where / filter) and count them first' });
  }
  const sql: Finding[] = [];
  for (const m of text.matchAll(RAW_SQL)) sql.push(...analyzeSql(m[1] ?? m[2] ?? m[3] ?? ''));
  return { hits, sql };
}

// ---------------------------------------------------------------------------
// Tools.

interface Judged {
  hits: Hit[];
  findings?: Finding[];
  effect: 'read' | 'write';
}

const none = (effect: 'read' | 'write' = 'write'): Judged => ({ hits: [], effect });
const one = (kind: Kind, what: string, severity: number, alternative?: string): Judged => ({ hits: [{ kind, what, severity, alternative }], effect: 'write' });

function prisma(args: string[], cmd: SimpleCommand, ctx: AnalysisContext): Judged {
  const [group, action] = positionals(args, ['--schema', '--name', '-n', '--file', '--url', '--from-url', '--to-url', '--shadow-database-url']);
  if (group === 'migrate' && action === 'reset') return one('reset', 'prisma migrate reset', 70, 'prisma migrate dev applies pending migrations without wiping; reset only a throwaway database');
  if (group === 'db' && action === 'push') {
    if (hasFlag(args, ['--force-reset'])) return one('reset', 'prisma db push --force-reset', 70, 'prisma db push without --force-reset, or a reviewed migration (prisma migrate dev --create-only)');
    if (hasFlag(args, ['--accept-data-loss'])) return one('data-loss', 'prisma db push --accept-data-loss', 60, 'create a migration (prisma migrate dev --create-only) and review what it drops');
    return none();
  }
  if (group === 'db' && action === 'execute') {
    const inputs = collectSql(cmd, ctx, { files: ['--file'], readsStdin: hasFlag(args, ['--stdin']) });
    return { hits: [], findings: judgeSqlInputs(inputs, 'prisma db execute'), effect: inputsEffect(inputs) };
  }
  const reads = ['generate', 'studio', 'validate', 'format', 'version', 'init', 'debug', 'help'];
  if (reads.includes(group ?? '') || (group === 'migrate' && (action === 'status' || action === 'diff')) || (group === 'db' && action === 'pull') || hasFlag(args, ['--version', '-v', '--help', '-h'])) return none('read');
  return none();
}

function django(args: string[], cmd: SimpleCommand, ctx: AnalysisContext, label: string): Judged {
  const pos = positionals(args, ['--database', '--settings', '--pythonpath', '-c', '--command', '-v', '--verbosity']);
  const sub = pos[0];
  const db = optionValue(args, ['--database']);
  const what = `${label} ${sub}${db ? ` --database ${db}` : ''}`;
  switch (sub) {
    case 'flush':
      return one('flush', what, 70, 'python manage.py dumpdata > backup.json first, then delete the rows you mean in a shell');
    case 'reset_db':
    case 'reset_schema':
      return one('reset', what, 75);
    case 'migrate':
      if (pos[2] === 'zero') return one('rollback-all', `${label} migrate ${pos[1]} zero`, 65);
      return none();
    case 'shell':
    case 'shell_plus': {
      const code = optionValue(args, ['-c', '--command']) ?? cmd.stdin ?? '';
      const judged = judgeCode(code, label + ' shell');
      return { hits: judged.hits, findings: judged.sql, effect: 'write' };
    }
    case 'dbshell': {
      // `manage.py dbshell -- -c "…"` passes the words after `--` to the database client.
      const dash = args.indexOf('--');
      const inner = dash === -1 ? [] : args.slice(dash + 1);
      const inline = [...optionValues(['x', ...inner], ['-c', '--command', '-e', '--execute'])];
      const inputs = collectSql({ ...cmd, argv: ['dbshell'] }, ctx, { positionalSql: inline });
      return { hits: [], findings: judgeSqlInputs(inputs, `${label} dbshell`), effect: inputsEffect(inputs) };
    }
    case undefined:
      return none('read');
    default: {
      const reads = ['makemigrations', 'check', 'showmigrations', 'sqlmigrate', 'sqlflush', 'sqlsequencereset', 'inspectdb', 'diffsettings', 'help', 'version', 'dumpdata', 'collectstatic', 'startapp', 'startproject', 'runserver', 'test', 'compilemessages', 'makemessages', 'show_urls', 'validate_templates'];
      return none(reads.includes(sub) ? 'read' : 'write');
    }
  }
}

const RAILS_TASKS: Record<string, { kind: Kind; severity: number; alternative?: string }> = {
  'db:drop': { kind: 'drop-database', severity: 75 },
  'db:drop:all': { kind: 'drop-database', severity: 80 },
  'db:drop:_unsafe': { kind: 'drop-database', severity: 80 },
  'db:purge': { kind: 'flush', severity: 75 },
  'db:purge:all': { kind: 'flush', severity: 80 },
  'db:reset': { kind: 'reset', severity: 70, alternative: 'rails db:migrate applies pending migrations without wiping' },
  'db:migrate:reset': { kind: 'reset', severity: 70, alternative: 'rails db:migrate applies pending migrations without wiping' },
  'db:setup': { kind: 'schema-load', severity: 60, alternative: 'rails db:prepare (creates the database only when it is missing)' },
  'db:schema:load': { kind: 'schema-load', severity: 65, alternative: 'rails db:migrate' },
  'db:structure:load': { kind: 'schema-load', severity: 65, alternative: 'rails db:migrate' },
  'db:truncate_all': { kind: 'flush', severity: 70 },
  'db:seed:replant': { kind: 'flush', severity: 65 },
};
const RAILS_READS = /^(?:routes|about|stats|notes|version|-v|--version|help|-h|--help|db:version|db:migrate:status|db:schema:dump|db:structure:dump|assets:precompile|test|spec|credentials:show|middleware|initializers|secret|generate|g|new|zeitwerk:check|time:zones(?::all)?)$/;

function rails(args: string[], cmd: SimpleCommand, ctx: AnalysisContext, label: string): Judged {
  const pos = positionals(args, ['-e', '--environment', '-b', '-p', '-c']);
  const hits: Hit[] = [];
  const findings: Finding[] = [];
  const vars = new Map(pos.filter((p) => /^[A-Z_]+=/.test(p)).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
  const version = vars.get('VERSION') ?? cmd.env.VERSION;
  let reads = pos.length > 0;
  for (const task of pos) {
    if (/^[A-Z_]+=/.test(task)) continue;
    const known = RAILS_TASKS[task];
    if (known) hits.push({ kind: known.kind, what: `${label} ${task}`, severity: known.severity, alternative: known.alternative });
    else if (task === 'db:migrate' && version === '0') hits.push({ kind: 'rollback-all', what: `${label} db:migrate VERSION=0`, severity: 65 });
    if (!RAILS_READS.test(task)) reads = false;
  }
  const sub = pos[0];
  if (sub === 'runner' || sub === 'r') {
    const judged = judgeCode(pos[1] ?? '', `${label} runner`);
    hits.push(...judged.hits);
    findings.push(...judged.sql);
  } else if (sub === 'console' || sub === 'c') {
    const judged = judgeCode(cmd.stdin ?? '', `${label} console`);
    hits.push(...judged.hits);
    findings.push(...judged.sql);
  } else if (sub === 'dbconsole' || sub === 'db') {
    const inputs = collectSql(cmd, ctx, {});
    findings.push(...judgeSqlInputs(inputs, `${label} dbconsole`));
  }
  return { hits, findings, effect: reads ? 'read' : 'write' };
}

const ARTISAN: Record<string, { kind: Kind; severity: number; alternative?: string }> = {
  'migrate:fresh': { kind: 'reset', severity: 70, alternative: 'php artisan migrate applies pending migrations without wiping' },
  'migrate:refresh': { kind: 'rollback-all', severity: 65, alternative: 'php artisan migrate' },
  'migrate:reset': { kind: 'rollback-all', severity: 65, alternative: 'php artisan migrate:rollback (last batch only)' },
  'db:wipe': { kind: 'drop-schema', severity: 75 },
};

function artisan(args: string[], cmd: SimpleCommand, ctx: AnalysisContext): Judged {
  const sub = positionals(args, ['--env', '--database', '--path', '--step', '--execute'])[0] ?? '';
  const known = ARTISAN[sub];
  if (known) return one(known.kind, `php artisan ${sub}`, known.severity, known.alternative);
  if (sub === 'tinker') {
    const judged = judgeCode(optionValue(args, ['--execute']) ?? cmd.stdin ?? '', 'php artisan tinker');
    return { hits: judged.hits, findings: judged.sql, effect: 'write' };
  }
  if (sub === 'db') {
    const inputs = collectSql(cmd, ctx, {});
    return { hits: [], findings: judgeSqlInputs(inputs, 'php artisan db'), effect: 'write' };
  }
  // `config:cache`, `route:cache`, `optimize`: compiled files in bootstrap/cache of this checkout, no database.
  const reads = /^(?:list|help|about|route:list|migrate:status|schema:dump|db:show|db:table|model:show|env|--version|-V|make:.*|test|serve|config:show|(?:config|route|view|event):(?:cache|clear)|optimize(?::clear)?|package:discover|storage:link)$/;
  return none(reads.test(sub) || sub === '' ? 'read' : 'write');
}

function symfony(args: string[]): Judged {
  const sub = positionals(args, ['--env', '-e', '--connection', '--em'])[0] ?? '';
  const force = hasFlag(args, ['--force', '-f']);
  if (sub === 'doctrine:database:drop' && force) return one('drop-database', 'bin/console doctrine:database:drop --force', 75);
  if (sub === 'doctrine:schema:drop' && force) return one('drop-schema', 'bin/console doctrine:schema:drop --force', 75);
  if (sub === 'doctrine:fixtures:load' && !hasFlag(args, ['--append'])) return one('flush', 'bin/console doctrine:fixtures:load (without --append)', 60, 'doctrine:fixtures:load --append');
  if (sub === 'doctrine:migrations:migrate' && positionals(args, ['--env', '-e', '--connection', '--em', '--configuration'])[1] === 'first') return one('rollback-all', 'bin/console doctrine:migrations:migrate first', 65);
  if (sub === 'dbal:run-sql' || sub === 'doctrine:query:sql') {
    const sql = positionals(args, ['--env', '-e', '--connection', '--depth'])[1] ?? '';
    return { hits: [], findings: analyzeSql(sql), effect: sqlEffect(sql) };
  }
  return none(/^(?:list|help|about|debug:.*|doctrine:migrations:status|doctrine:schema:validate|doctrine:mapping:info|lint:.*|make:.*)$/.test(sub) ? 'read' : 'write');
}

function alembic(args: string[], label = 'alembic'): Judged {
  const pos = positionals(args, ['-c', '--config', '-n', '--name', '-x']);
  const [sub, rev] = pos;
  if (sub === 'downgrade' && rev === 'base' && !hasFlag(args, ['--sql'])) return one('rollback-all', `${label} downgrade base`, 65, `${label} downgrade -1 (one step at a time)`);
  return none(['current', 'history', 'heads', 'branches', 'show', 'check', 'revision', 'init', 'list_templates'].includes(sub ?? '') || hasFlag(args, ['--sql']) ? 'read' : 'write');
}

function knex(args: string[]): Judged {
  const sub = positionals(args, ['--env', '--knexfile', '--cwd', '--migrations-directory', '--specific', '--name', '-x'])[0];
  if (sub === 'migrate:rollback' && hasFlag(args, ['--all'])) return one('rollback-all', 'knex migrate:rollback --all', 65, 'knex migrate:rollback (last batch only)');
  return none(sub === 'migrate:status' || sub === 'migrate:list' || sub === 'migrate:make' || sub === 'seed:make' || sub === 'init' ? 'read' : 'write');
}

function sequelize(args: string[]): Judged {
  const sub = positionals(args, ['--env', '--config', '--url', '--to', '--seed', '--name', '--migrations-path', '--seeders-path', '--models-path', '--options-path'])[0];
  const partial = optionValue(args, ['--to']) !== undefined;
  if (sub === 'db:drop') return one('drop-database', 'sequelize db:drop', 75);
  if (sub === 'db:migrate:undo:all') return one('rollback-all', 'sequelize db:migrate:undo:all', partial ? 45 : 65, 'sequelize db:migrate:undo (one migration)');
  if (sub === 'db:seed:undo:all') return one('flush', 'sequelize db:seed:undo:all', 50);
  return none(sub === 'db:migrate:status' || sub === 'init' || (sub ?? '').startsWith('migration:') || (sub ?? '').startsWith('model:') || (sub ?? '').startsWith('seed:generate') ? 'read' : 'write');
}

function typeorm(args: string[]): Judged {
  const pos = positionals(args, ['-d', '--dataSource', '-n', '--name', '-o', '--outputPath']);
  const sub = pos[0];
  if (sub === 'schema:drop') return one('drop-schema', 'typeorm schema:drop', 75);
  if (sub === 'schema:sync') return one('data-loss', 'typeorm schema:sync', 45, 'typeorm migration:generate, then review the migration');
  if (sub === 'query') {
    const sql = pos[1] ?? '';
    return { hits: [], findings: analyzeSql(sql), effect: sqlEffect(sql) };
  }
  return none(sub === 'schema:log' || sub === 'migration:show' || sub === 'migration:create' || sub === 'migration:generate' || sub === 'version' || sub === 'init' ? 'read' : 'write');
}

function drizzle(args: string[]): Judged {
  const sub = positionals(args, ['--config', '--dialect', '--schema', '--out', '--url'])[0];
  if (sub === 'push' && hasFlag(args, ['--force'])) return one('data-loss', 'drizzle-kit push --force', 60, 'drizzle-kit push without --force (asks before dropping), or drizzle-kit generate and review');
  return none(sub === 'generate' || sub === 'check' || sub === 'studio' || sub === 'introspect' || sub === 'pull' || sub === 'up' || sub === 'drop' ? 'read' : 'write');
}

function mix(args: string[]): Judged {
  const hits: Hit[] = [];
  let writes = false;
  for (const raw of args.slice(1)) {
    const task = raw.replace(/,$/, '');
    if (task === 'ecto.drop') hits.push({ kind: 'drop-database', what: 'mix ecto.drop', severity: 75 });
    else if (task === 'ecto.reset') hits.push({ kind: 'reset', what: 'mix ecto.reset', severity: 70, alternative: 'mix ecto.migrate applies pending migrations without wiping' });
    else if (task === 'ecto.rollback' && hasFlag(args, ['--all'])) hits.push({ kind: 'rollback-all', what: 'mix ecto.rollback --all', severity: 65 });
    if (task.startsWith('ecto.') && !['ecto.migrations', 'ecto.gen.migration', 'ecto.gen.repo', 'ecto.dump'].includes(task)) writes = true;
  }
  return { hits, effect: writes ? 'write' : 'read' };
}

function supabase(args: string[]): Judged {
  const [group, action] = positionals(args, ['--db-url', '--project-ref', '--workdir', '--version', '-s', '--schema']);
  if (group === 'db' && action === 'reset') {
    const remote = hasFlag(args, ['--linked', '--db-url']);
    return one('reset', `supabase db reset${remote ? (hasFlag(args, ['--linked']) ? ' --linked' : ' --db-url') : ''}`, remote ? 80 : 55, remote ? 'supabase db reset on the local stack, or supabase db push for pending migrations' : 'supabase migration up applies pending migrations without wiping');
  }
  if (group === 'db' && (action === 'diff' || action === 'dump' || action === 'lint')) return none('read');
  return none();
}

/** flyway, liquibase, goose, golang-migrate, dbmate, sqlx, diesel, atlas, mikro-orm, sqitch, dotnet ef, flask db. */
function migrationTools(tool: string, args: string[]): Judged | undefined {
  const pos = positionals(args, ['-dir', '--dir', '-path', '-database', '-source', '--database-url', '-d', '--migrations-dir', '--url', '--env', '-c', '--config', '--context', '-p', '--project', '-s', '--startup-project', '--to', '-t', '--target']).map((p) => p.toLowerCase());
  const has = (w: string): boolean => pos.includes(w);
  switch (tool) {
    case 'flyway':
      if (has('clean')) return one('drop-schema', 'flyway clean', 80, 'flyway migrate (applies pending migrations); clean only throwaway databases');
      return none(has('info') || has('validate') ? 'read' : 'write');
    case 'liquibase':
      if (has('dropall') || has('drop-all')) return one('drop-schema', 'liquibase dropAll', 80);
      return none(has('status') || has('history') || has('validate') || has('diff') || has('update-sql') ? 'read' : 'write');
    case 'goose':
      if (has('reset') || (pos[pos.indexOf('down-to') + 1] === '0' && has('down-to'))) return one('rollback-all', `goose ${has('reset') ? 'reset' : 'down-to 0'}`, 65, 'goose down (one migration)');
      return none(has('status') || has('version') || has('create') ? 'read' : 'write');
    case 'migrate':
      if (has('drop')) return one('drop-schema', 'migrate drop', 75);
      if (has('down') && (hasFlag(args, ['-all']) || pos[pos.indexOf('down') + 1] === undefined)) return one('rollback-all', 'migrate down (all)', 65, 'migrate down 1');
      return none(has('version') || has('create') ? 'read' : 'write');
    case 'dbmate':
      if (has('drop')) return one('drop-database', 'dbmate drop', 75);
      return none(has('status') || has('new') || has('dump') ? 'read' : 'write');
    case 'sqlx':
      if (pos[0] === 'database' && pos[1] === 'drop') return one('drop-database', 'sqlx database drop', 75);
      if (pos[0] === 'database' && pos[1] === 'reset') return one('reset', 'sqlx database reset', 70);
      return none(pos[0] === 'prepare' || (pos[0] === 'migrate' && (pos[1] === 'info' || pos[1] === 'add')) ? 'read' : 'write');
    case 'diesel':
      if (pos[0] === 'database' && pos[1] === 'reset') return one('reset', 'diesel database reset', 70);
      if (pos[0] === 'database' && pos[1] === 'drop') return one('drop-database', 'diesel database drop', 75);
      if (pos[0] === 'migration' && (pos[1] === 'revert' || pos[1] === 'redo') && hasFlag(args, ['--all', '-a'])) return one('rollback-all', `diesel migration ${pos[1]} --all`, 65);
      return none(pos[0] === 'print-schema' || (pos[0] === 'migration' && (pos[1] === 'list' || pos[1] === 'generate' || pos[1] === 'pending')) ? 'read' : 'write');
    case 'atlas':
      if (pos[0] === 'schema' && pos[1] === 'clean') return one('drop-schema', 'atlas schema clean', 75);
      return none(pos[0] === 'schema' && (pos[1] === 'inspect' || pos[1] === 'diff') ? 'read' : 'write');
    case 'mikro-orm':
      if (has('schema:drop')) return one('drop-schema', 'mikro-orm schema:drop', 75);
      if (has('schema:fresh') || has('migration:fresh')) return one('reset', `mikro-orm ${has('schema:fresh') ? 'schema:fresh' : 'migration:fresh'}`, 70);
      return none(has('debug') || has('migration:list') || has('migration:pending') || has('migration:create') ? 'read' : 'write');
    case 'sqitch':
      // `sqitch revert [target]` reverts every change unless told where to stop.
      if (pos[0] === 'revert' && pos.slice(1).every((p) => p.includes(':')) && optionValue(args, ['--to', '-t', '--to-change']) === undefined) return one('rollback-all', 'sqitch revert', 65, 'sqitch revert --to <change>');
      return none(pos[0] === 'status' || pos[0] === 'log' || pos[0] === 'plan' || pos[0] === 'add' ? 'read' : 'write');
    case 'dotnet-ef': {
      const [group, action, arg] = pos;
      if (group === 'database' && action === 'drop') return one('drop-database', 'dotnet ef database drop', 75);
      if (group === 'database' && action === 'update' && arg === '0') return one('rollback-all', 'dotnet ef database update 0', 65);
      return none(group === 'migrations' && (action === 'list' || action === 'add' || action === 'script') || group === 'dbcontext' ? 'read' : 'write');
    }
    case 'hasura':
      if (pos[0] === 'migrate' && pos[1] === 'apply' && optionValue(args, ['--down']) === 'all') return one('rollback-all', 'hasura migrate apply --down all', 65);
      return none(pos[0] === 'migrate' && pos[1] === 'status' ? 'read' : 'write');
    case 'payload':
      if (has('migrate:fresh')) return one('reset', 'payload migrate:fresh', 70, 'payload migrate');
      if (has('migrate:reset') || has('migrate:refresh')) return one('rollback-all', `payload ${has('migrate:reset') ? 'migrate:reset' : 'migrate:refresh'}`, 65, 'payload migrate:down (last batch)');
      return none(has('migrate:status') || has('migrate:create') ? 'read' : 'write');
    case 'flask':
      if (pos[0] !== 'db') return undefined;
      if (pos[1] === 'downgrade' && pos[2] === 'base') return one('rollback-all', 'flask db downgrade base', 65, 'flask db downgrade (one step)');
      return none(pos[1] === 'current' || pos[1] === 'history' || pos[1] === 'heads' || pos[1] === 'migrate' || pos[1] === 'show' ? 'read' : 'write');
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Dispatch, through the launchers the normalizer leaves in place.

/** `bundle exec`, `poetry run`, `uv run`, `pnpm exec`, `yarn`: the tool is after them. */
function unwrap(argv: readonly string[]): string[] {
  let a = [...argv];
  for (let depth = 0; depth < 4; depth++) {
    const [p, q] = a;
    if ((p === 'bundle' && q === 'exec') || ((p === 'poetry' || p === 'pipenv' || p === 'pdm' || p === 'hatch' || p === 'rye') && q === 'run')) a = a.slice(2);
    else if (p === 'uv' && q === 'run') a = a.slice(2).filter((_, i, arr) => !(i === 0 && arr[0].startsWith('-')));
    else if ((p === 'pnpm' || p === 'yarn' || p === 'npm' || p === 'bun') && (q === 'exec' || q === 'x')) a = a.slice(2).filter((w, i) => !(i === 0 && w === '--'));
    else if ((p === 'yarn' || p === 'pnpm' || p === 'bun' || p === 'npm') && q === 'run' && TOOLS.has(a[2] ?? '')) a = a.slice(2);
    else if ((p === 'yarn' || p === 'pnpm' || p === 'bun') && q !== undefined && TOOLS.has(q)) a = a.slice(1);
    else break;
  }
  return a;
}

const PYTHON = /^python(?:[23](?:\.\d+)?)?$|^py$/;

function judge(cmd: SimpleCommand, ctx: AnalysisContext): { judged: Judged; args: string[] } | undefined {
  const argv = unwrap(cmd.argv);
  let tool = argv[0] ?? '';
  let args = argv;
  if (PYTHON.test(tool)) {
    if (argv[1] === '-m' && argv[2]) {
      tool = argv[2];
      args = argv.slice(2);
    } else if (argv[1]?.endsWith('manage.py')) {
      tool = 'manage.py';
      args = argv.slice(1);
    } else return undefined;
  } else if (tool === 'php' || tool === 'php8' || tool === 'sail') {
    const script = argv[1] ?? '';
    if (script.endsWith('artisan')) tool = 'artisan';
    else if (script.endsWith('console')) tool = 'console';
    else return undefined;
    args = argv.slice(1);
  } else if (tool === 'dotnet') {
    if (argv[1] !== 'ef') return undefined;
    tool = 'dotnet-ef';
    args = argv.slice(1);
  } else if (tool.endsWith('manage.py')) tool = 'manage.py';
  // Exact words: Go-style tools spell long flags with one dash (`-path`), which is no `-h` cluster.
  if (args.includes('--help') || (args.includes('-h') && tool !== 'rails')) return { judged: none('read'), args };
  let judged: Judged | undefined;
  switch (tool) {
    case 'prisma': judged = prisma(args, cmd, ctx); break;
    case 'manage.py': judged = django(args, cmd, ctx, 'manage.py'); break;
    case 'django-admin':
    case 'django': judged = django(args, cmd, ctx, 'django-admin'); break;
    case 'rails':
    case 'rake': judged = rails(args, cmd, ctx, tool); break;
    case 'artisan': judged = artisan(args, cmd, ctx); break;
    case 'console': judged = symfony(args); break;
    case 'alembic': judged = alembic(args); break;
    case 'knex': judged = knex(args); break;
    case 'sequelize':
    case 'sequelize-cli': judged = sequelize(args); break;
    case 'typeorm':
    case 'typeorm-ts-node-commonjs':
    case 'typeorm-ts-node-esm': judged = typeorm(args); break;
    case 'drizzle-kit': judged = drizzle(args); break;
    case 'mix': judged = mix(args); break;
    case 'supabase': judged = supabase(args); break;
    default: judged = migrationTools(tool, args);
  }
  return judged ? { judged, args } : undefined;
}

// ---------------------------------------------------------------------------
// The application's own data scripts, pointed at production by the framework environment.

const SCRIPT_RUNNERS = new Set(['node', 'tsx', 'ts-node', 'bun', 'deno', 'ruby', 'php', 'python', 'python3']);
/** Runners that never launch a migration tool themselves (python -m, php artisan and bun x do). */
const PLAIN_RUNNERS = new Set(['node', 'tsx', 'ts-node', 'deno', 'ruby']);
/** A script whose name says it changes data: `migrate.js`, `run-migrations.ts`, `seed_users.py`, `backfill-orders.rb`. */
const DATA_SCRIPT_RE = /(?:^|[-_.])(?:migrat(?:e|es|ion|ions)|seed(?:s|er|ers)?|reset(?:-?db)?|drop|wipe|purge|truncate|backfill|rollback)(?:[-_.]|$)/i;

function dataScript(cmd: SimpleCommand): string | undefined {
  const argv = cmd.argv;
  const runner = argv[0];
  if (!SCRIPT_RUNNERS.has(runner)) return undefined;
  let i = 1;
  if (runner === 'deno' || runner === 'bun') {
    if (argv[1] === 'run') i = 2;
  }
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-c' || a === '-e' || a === '-m' || a === '--eval' || (a === '-r' && runner === 'php')) return undefined;
    if (a.startsWith('-')) continue;
    const base = a.slice(a.lastIndexOf('/') + 1);
    return /\.[A-Za-z]{1,4}$/.test(base) && DATA_SCRIPT_RE.test(base.replace(/\.[^.]+$/, '')) ? a : undefined;
  }
  return undefined;
}

/** Cheap first test: some framework environment variable says production at all. */
function namesProduction(env: Record<string, string>): boolean {
  for (const v of ENV_VARS) {
    const value = env[v];
    if (value !== undefined && PROD_ENV.test(value)) return true;
  }
  const settings = env.DJANGO_SETTINGS_MODULE;
  return settings !== undefined && /prod/i.test(settings);
}

function productionScriptFinding(cmd: SimpleCommand): Finding | undefined {
  if (!SCRIPT_RUNNERS.has(cmd.argv[0]) || !namesProduction(cmd.env)) return undefined;
  const script = dataScript(cmd);
  if (!script) return undefined;
  const { env, name } = environmentOf(cmd, []);
  if (env !== 'production') return undefined;
  return {
    id: 'orm.production-script',
    summary: `${script} changes data and runs with the ${name ?? 'production'} environment: it writes the production database`,
    target: script,
    alternative: 'run it against staging first, and let the user run it in production',
    severity: 70,
  };
}

const TOOLS = new Set([
  'prisma', 'django-admin', 'rails', 'rake', 'alembic', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'typeorm-ts-node-commonjs',
  'typeorm-ts-node-esm', 'drizzle-kit', 'mix', 'supabase', 'flyway', 'liquibase', 'goose', 'migrate', 'dbmate', 'sqlx', 'diesel',
  'atlas', 'mikro-orm', 'sqitch', 'dotnet-ef', 'flask', 'artisan', 'console', 'manage.py', 'hasura', 'payload',
]);

export const ormPack: Pack = {
  id: 'orm',
  commands: [...TOOLS, 'python', 'python3', 'py', 'php', 'sail', 'dotnet', 'bundle', 'poetry', 'pipenv', 'uv', 'pdm', 'hatch', 'rye', 'pnpm', 'yarn', 'npm', 'bun', 'node', 'tsx', 'ts-node', 'deno', 'ruby'],
  analyze(cmd, ctx) {
    const r = PLAIN_RUNNERS.has(cmd.argv[0]) ? undefined : judge(cmd, ctx);
    if (!r) {
      const f = productionScriptFinding(cmd);
      return f ? [f] : undefined;
    }
    const out = [...r.judged.hits.map((h) => toFinding(h, cmd, r.args)), ...(r.judged.findings ?? [])];
    return out.length ? out : undefined;
  },
  effect(cmd, ctx) {
    return PLAIN_RUNNERS.has(cmd.argv[0]) ? undefined : judge(cmd, ctx)?.judged.effect;
  },
};
