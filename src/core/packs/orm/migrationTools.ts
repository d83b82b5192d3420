// Migration runners that are no ORM's own (Flyway, Liquibase, golang-migrate…): which subcommands undo or wipe.
import { hasFlag, optionValue, positionals } from '../../command/args';
import { type Judged, none, one } from './tools';

/** flyway, liquibase, goose, golang-migrate, dbmate, sqlx, diesel, atlas, mikro-orm, sqitch, dotnet ef, flask db. */
export function migrationTools(tool: string, args: string[]): Judged | undefined {
  const pos = positionals(args, [
    '-dir',
    '--dir',
    '-path',
    '-database',
    '-source',
    '--database-url',
    '-d',
    '--migrations-dir',
    '--url',
    '--env',
    '-c',
    '--config',
    '--context',
    '-p',
    '--project',
    '-s',
    '--startup-project',
    '--to',
    '-t',
    '--target',
  ]).map((p) => p.toLowerCase());
  const has = (w: string): boolean => pos.includes(w);
  switch (tool) {
    case 'flyway':
      if (has('clean'))
        return one(
          'drop-schema',
          'flyway clean',
          80,
          'flyway migrate (applies pending migrations); clean only throwaway databases',
        );
      return none(has('info') || has('validate') ? 'read' : 'write');
    case 'liquibase':
      if (has('dropall') || has('drop-all')) return one('drop-schema', 'liquibase dropAll', 80);
      return none(
        has('status') || has('history') || has('validate') || has('diff') || has('update-sql') ? 'read' : 'write',
      );
    case 'goose':
      if (has('reset') || (pos[pos.indexOf('down-to') + 1] === '0' && has('down-to')))
        return one('rollback-all', `goose ${has('reset') ? 'reset' : 'down-to 0'}`, 65, 'goose down (one migration)');
      return none(has('status') || has('version') || has('create') ? 'read' : 'write');
    case 'migrate':
      if (has('drop')) return one('drop-schema', 'migrate drop', 75);
      if (has('down') && (hasFlag(args, ['-all']) || pos[pos.indexOf('down') + 1] === undefined))
        return one('rollback-all', 'migrate down (all)', 65, 'migrate down 1');
      return none(has('version') || has('create') ? 'read' : 'write');
    case 'dbmate':
      if (has('drop')) return one('drop-database', 'dbmate drop', 75);
      return none(has('status') || has('new') || has('dump') ? 'read' : 'write');
    case 'sqlx':
      if (pos[0] === 'database' && pos[1] === 'drop') return one('drop-database', 'sqlx database drop', 75);
      if (pos[0] === 'database' && pos[1] === 'reset') return one('reset', 'sqlx database reset', 70);
      return none(
        pos[0] === 'prepare' || (pos[0] === 'migrate' && (pos[1] === 'info' || pos[1] === 'add')) ? 'read' : 'write',
      );
    case 'diesel':
      if (pos[0] === 'database' && pos[1] === 'reset') return one('reset', 'diesel database reset', 70);
      if (pos[0] === 'database' && pos[1] === 'drop') return one('drop-database', 'diesel database drop', 75);
      if (pos[0] === 'migration' && (pos[1] === 'revert' || pos[1] === 'redo') && hasFlag(args, ['--all', '-a']))
        return one('rollback-all', `diesel migration ${pos[1]} --all`, 65);
      return none(
        pos[0] === 'print-schema' ||
          (pos[0] === 'migration' && (pos[1] === 'list' || pos[1] === 'generate' || pos[1] === 'pending'))
          ? 'read'
          : 'write',
      );
    case 'atlas':
      if (pos[0] === 'schema' && pos[1] === 'clean') return one('drop-schema', 'atlas schema clean', 75);
      // Without the plan shown and approved: what the desired schema lacks (a table, a column) is dropped with its data.
      if (pos[0] === 'schema' && pos[1] === 'apply' && autoApproved(args))
        return one(
          'data-loss',
          'atlas schema apply --auto-approve',
          60,
          'atlas schema apply without --auto-approve (shows the plan first), or atlas migrate diff and review',
        );
      return none(pos[0] === 'schema' && (pos[1] === 'inspect' || pos[1] === 'diff') ? 'read' : 'write');
    case 'mikro-orm':
      if (has('schema:drop')) return one('drop-schema', 'mikro-orm schema:drop', 75);
      if (has('schema:fresh') || has('migration:fresh'))
        return one('reset', `mikro-orm ${has('schema:fresh') ? 'schema:fresh' : 'migration:fresh'}`, 70);
      return none(
        has('debug') || has('migration:list') || has('migration:pending') || has('migration:create') ? 'read' : 'write',
      );
    case 'sqitch':
      // `sqitch revert [target]` reverts every change unless told where to stop.
      if (
        pos[0] === 'revert' &&
        pos.slice(1).every((p) => p.includes(':')) &&
        optionValue(args, ['--to', '-t', '--to-change']) === undefined
      )
        return one('rollback-all', 'sqitch revert', 65, 'sqitch revert --to <change>');
      return none(pos[0] === 'status' || pos[0] === 'log' || pos[0] === 'plan' || pos[0] === 'add' ? 'read' : 'write');
    case 'dotnet-ef': {
      const [group, action, arg] = pos;
      if (group === 'database' && action === 'drop') return one('drop-database', 'dotnet ef database drop', 75);
      if (group === 'database' && action === 'update' && arg === '0')
        return one('rollback-all', 'dotnet ef database update 0', 65);
      return none(
        (group === 'migrations' && (action === 'list' || action === 'add' || action === 'script')) ||
          group === 'dbcontext'
          ? 'read'
          : 'write',
      );
    }
    case 'hasura':
      if (pos[0] === 'migrate' && pos[1] === 'apply' && optionValue(args, ['--down']) === 'all')
        return one('rollback-all', 'hasura migrate apply --down all', 65);
      return none(pos[0] === 'migrate' && pos[1] === 'status' ? 'read' : 'write');
    case 'payload':
      if (has('migrate:fresh')) return one('reset', 'payload migrate:fresh', 70, 'payload migrate');
      if (has('migrate:reset') || has('migrate:refresh'))
        return one(
          'rollback-all',
          `payload ${has('migrate:reset') ? 'migrate:reset' : 'migrate:refresh'}`,
          65,
          'payload migrate:down (last batch)',
        );
      return none(has('migrate:status') || has('migrate:create') ? 'read' : 'write');
    case 'flask':
      if (pos[0] !== 'db') return undefined;
      if (pos[1] === 'downgrade' && pos[2] === 'base')
        return one('rollback-all', 'flask db downgrade base', 65, 'flask db downgrade (one step)');
      return none(
        pos[1] === 'current' || pos[1] === 'history' || pos[1] === 'heads' || pos[1] === 'migrate' || pos[1] === 'show'
          ? 'read'
          : 'write',
      );
    default:
      return undefined;
  }
}

/** `--auto-approve` (or `--auto-approve=true`): atlas applies its plan without asking. */
function autoApproved(args: readonly string[]): boolean {
  return args.some((a) => a === '--auto-approve' || a === '--auto-approve=true' || a === '--auto-approve=1');
}
