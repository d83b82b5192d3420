// Tools, one function each: which subcommands drop, reset, wipe or roll back
// a database, and which only read.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { analyzeSql, collectSql, inputsEffect, judgeSqlInputs, sqlEffect } from '../common/sql';
import { type Hit, judgeCode, type Kind } from './common';

export interface Judged {
  hits: Hit[];
  findings?: Finding[];
  effect: 'read' | 'write';
}

export const none = (effect: 'read' | 'write' = 'write'): Judged => ({ hits: [], effect });
const one = (kind: Kind, what: string, severity: number, alternative?: string): Judged => ({ hits: [{ kind, what, severity, alternative }], effect: 'write' });

export function prisma(args: string[], cmd: SimpleCommand, ctx: AnalysisContext): Judged {
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

export function django(args: string[], cmd: SimpleCommand, ctx: AnalysisContext, label: string): Judged {
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

export function rails(args: string[], cmd: SimpleCommand, ctx: AnalysisContext, label: string): Judged {
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
    // `--sandbox` rolls every change back when the console exits.
    if (args.includes('--sandbox') || args.includes('-s')) reads = true;
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

export function artisan(args: string[], cmd: SimpleCommand, ctx: AnalysisContext): Judged {
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

export function symfony(args: string[]): Judged {
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

export function alembic(args: string[], label = 'alembic'): Judged {
  const pos = positionals(args, ['-c', '--config', '-n', '--name', '-x']);
  const [sub, rev] = pos;
  if (sub === 'downgrade' && rev === 'base' && !hasFlag(args, ['--sql'])) return one('rollback-all', `${label} downgrade base`, 65, `${label} downgrade -1 (one step at a time)`);
  return none(['current', 'history', 'heads', 'branches', 'show', 'check', 'revision', 'init', 'list_templates'].includes(sub ?? '') || hasFlag(args, ['--sql']) ? 'read' : 'write');
}

export function knex(args: string[]): Judged {
  const sub = positionals(args, ['--env', '--knexfile', '--cwd', '--migrations-directory', '--specific', '--name', '-x'])[0];
  if (sub === 'migrate:rollback' && hasFlag(args, ['--all'])) return one('rollback-all', 'knex migrate:rollback --all', 65, 'knex migrate:rollback (last batch only)');
  return none(sub === 'migrate:status' || sub === 'migrate:list' || sub === 'migrate:make' || sub === 'seed:make' || sub === 'init' ? 'read' : 'write');
}

export function sequelize(args: string[]): Judged {
  const sub = positionals(args, ['--env', '--config', '--url', '--to', '--seed', '--name', '--migrations-path', '--seeders-path', '--models-path', '--options-path'])[0];
  const partial = optionValue(args, ['--to']) !== undefined;
  if (sub === 'db:drop') return one('drop-database', 'sequelize db:drop', 75);
  if (sub === 'db:migrate:undo:all') return one('rollback-all', 'sequelize db:migrate:undo:all', partial ? 45 : 65, 'sequelize db:migrate:undo (one migration)');
  if (sub === 'db:seed:undo:all') return one('flush', 'sequelize db:seed:undo:all', 50);
  return none(sub === 'db:migrate:status' || sub === 'init' || (sub ?? '').startsWith('migration:') || (sub ?? '').startsWith('model:') || (sub ?? '').startsWith('seed:generate') ? 'read' : 'write');
}

export function typeorm(args: string[]): Judged {
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

export function drizzle(args: string[]): Judged {
  const sub = positionals(args, ['--config', '--dialect', '--schema', '--out', '--url'])[0];
  if (sub === 'push' && hasFlag(args, ['--force'])) return one('data-loss', 'drizzle-kit push --force', 60, 'drizzle-kit push without --force (asks before dropping), or drizzle-kit generate and review');
  return none(sub === 'generate' || sub === 'check' || sub === 'studio' || sub === 'introspect' || sub === 'pull' || sub === 'up' || sub === 'drop' ? 'read' : 'write');
}

export function mix(args: string[]): Judged {
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

export function supabase(args: string[]): Judged {
  const [group, action] = positionals(args, ['--db-url', '--project-ref', '--workdir', '--version', '-s', '--schema']);
  if (group === 'db' && action === 'reset') {
    const remote = hasFlag(args, ['--linked', '--db-url']);
    return one('reset', `supabase db reset${remote ? (hasFlag(args, ['--linked']) ? ' --linked' : ' --db-url') : ''}`, remote ? 80 : 55, remote ? 'supabase db reset on the local stack, or supabase db push for pending migrations' : 'supabase migration up applies pending migrations without wiping');
  }
  if (group === 'db' && (action === 'diff' || action === 'dump' || action === 'lint')) return none('read');
  return none();
}

/** flyway, liquibase, goose, golang-migrate, dbmate, sqlx, diesel, atlas, mikro-orm, sqitch, dotnet ef, flask db. */
export function migrationTools(tool: string, args: string[]): Judged | undefined {
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
