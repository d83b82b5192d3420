// The JavaScript ORMs and migration tools, one function each.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { analyzeSql, collectSql, inputsEffect, judgeSqlInputs, sqlEffect } from '../common/sql';
import { type Judged, none, one } from './tools';

export function prisma(args: string[], cmd: SimpleCommand, ctx: AnalysisContext): Judged {
  const [group, action] = positionals(args, [
    '--schema',
    '--name',
    '-n',
    '--file',
    '--url',
    '--from-url',
    '--to-url',
    '--shadow-database-url',
  ]);
  if (group === 'migrate' && action === 'reset')
    return one(
      'reset',
      'prisma migrate reset',
      70,
      'prisma migrate dev applies pending migrations without wiping; reset only a throwaway database',
    );
  if (group === 'db' && action === 'push') {
    if (hasFlag(args, ['--force-reset']))
      return one(
        'reset',
        'prisma db push --force-reset',
        70,
        'prisma db push without --force-reset, or a reviewed migration (prisma migrate dev --create-only)',
      );
    if (hasFlag(args, ['--accept-data-loss']))
      return one(
        'data-loss',
        'prisma db push --accept-data-loss',
        60,
        'create a migration (prisma migrate dev --create-only) and review what it drops',
      );
    return none();
  }
  if (group === 'db' && action === 'execute') {
    const inputs = collectSql(cmd, ctx, { files: ['--file'], readsStdin: hasFlag(args, ['--stdin']) });
    return { hits: [], findings: judgeSqlInputs(inputs, 'prisma db execute'), effect: inputsEffect(inputs) };
  }
  const reads = ['generate', 'studio', 'validate', 'format', 'version', 'init', 'debug', 'help'];
  if (
    reads.includes(group ?? '') ||
    (group === 'migrate' && (action === 'status' || action === 'diff')) ||
    (group === 'db' && action === 'pull') ||
    hasFlag(args, ['--version', '-v', '--help', '-h'])
  )
    return none('read');
  return none();
}

export function knex(args: string[]): Judged {
  const sub = positionals(args, [
    '--env',
    '--knexfile',
    '--cwd',
    '--migrations-directory',
    '--specific',
    '--name',
    '-x',
  ])[0];
  if (sub === 'migrate:rollback' && hasFlag(args, ['--all']))
    return one('rollback-all', 'knex migrate:rollback --all', 65, 'knex migrate:rollback (last batch only)');
  return none(
    sub === 'migrate:status' ||
      sub === 'migrate:list' ||
      sub === 'migrate:make' ||
      sub === 'seed:make' ||
      sub === 'init'
      ? 'read'
      : 'write',
  );
}

export function sequelize(args: string[]): Judged {
  const sub = positionals(args, [
    '--env',
    '--config',
    '--url',
    '--to',
    '--seed',
    '--name',
    '--migrations-path',
    '--seeders-path',
    '--models-path',
    '--options-path',
  ])[0];
  const partial = optionValue(args, ['--to']) !== undefined;
  if (sub === 'db:drop') return one('drop-database', 'sequelize db:drop', 75);
  if (sub === 'db:migrate:undo:all')
    return one(
      'rollback-all',
      'sequelize db:migrate:undo:all',
      partial ? 45 : 65,
      'sequelize db:migrate:undo (one migration)',
    );
  if (sub === 'db:seed:undo:all') return one('flush', 'sequelize db:seed:undo:all', 50);
  return none(
    sub === 'db:migrate:status' ||
      sub === 'init' ||
      (sub ?? '').startsWith('migration:') ||
      (sub ?? '').startsWith('model:') ||
      (sub ?? '').startsWith('seed:generate')
      ? 'read'
      : 'write',
  );
}

export function typeorm(args: string[]): Judged {
  const pos = positionals(args, ['-d', '--dataSource', '-n', '--name', '-o', '--outputPath']);
  const sub = pos[0];
  if (sub === 'schema:drop') return one('drop-schema', 'typeorm schema:drop', 75);
  if (sub === 'schema:sync')
    return one('data-loss', 'typeorm schema:sync', 45, 'typeorm migration:generate, then review the migration');
  if (sub === 'query') {
    const sql = pos[1] ?? '';
    return { hits: [], findings: analyzeSql(sql), effect: sqlEffect(sql) };
  }
  return none(
    sub === 'schema:log' ||
      sub === 'migration:show' ||
      sub === 'migration:create' ||
      sub === 'migration:generate' ||
      sub === 'version' ||
      sub === 'init'
      ? 'read'
      : 'write',
  );
}

export function drizzle(args: string[]): Judged {
  const sub = positionals(args, ['--config', '--dialect', '--schema', '--out', '--url'])[0];
  if (sub === 'push' && hasFlag(args, ['--force']))
    return one(
      'data-loss',
      'drizzle-kit push --force',
      60,
      'drizzle-kit push without --force (asks before dropping), or drizzle-kit generate and review',
    );
  return none(
    sub === 'generate' ||
      sub === 'check' ||
      sub === 'studio' ||
      sub === 'introspect' ||
      sub === 'pull' ||
      sub === 'up' ||
      sub === 'drop'
      ? 'read'
      : 'write',
  );
}

export function supabase(args: string[]): Judged {
  const [group, action] = positionals(args, ['--db-url', '--project-ref', '--workdir', '--version', '-s', '--schema']);
  if (group === 'db' && action === 'reset') {
    const remote = hasFlag(args, ['--linked', '--db-url']);
    return one(
      'reset',
      `supabase db reset${remote ? (hasFlag(args, ['--linked']) ? ' --linked' : ' --db-url') : ''}`,
      remote ? 80 : 55,
      remote
        ? 'supabase db reset on the local stack, or supabase db push for pending migrations'
        : 'supabase migration up applies pending migrations without wiping',
    );
  }
  if (group === 'db' && (action === 'diff' || action === 'dump' || action === 'lint')) return none('read');
  return none();
}
