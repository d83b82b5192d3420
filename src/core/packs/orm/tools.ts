// Tools, one function each: which subcommands drop, reset, wipe or roll back
// a database, and which only read.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { analyzeSql, collectSql, inputsEffect, judgeSqlInputs, sqlEffect } from '../common/sql';
import { type Hit, judgeCode, type Kind } from './common';
import { own } from '../../text/own';

export interface Judged {
  hits: Hit[];
  findings?: Finding[];
  effect: 'read' | 'write';
}

export const none = (effect: 'read' | 'write' = 'write'): Judged => ({ hits: [], effect });
export const one = (kind: Kind, what: string, severity: number, alternative?: string): Judged => ({
  hits: [{ kind, what, severity, alternative }],
  effect: 'write',
});

export function django(args: string[], cmd: SimpleCommand, ctx: AnalysisContext, label: string): Judged {
  const pos = positionals(args, ['--database', '--settings', '--pythonpath', '-c', '--command', '-v', '--verbosity']);
  const sub = pos[0];
  const db = optionValue(args, ['--database']);
  const what = `${label} ${sub}${db ? ` --database ${db}` : ''}`;
  switch (sub) {
    case 'flush':
      return one(
        'flush',
        what,
        70,
        'python manage.py dumpdata > backup.json first, then delete the rows you mean in a shell',
      );
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
      const reads = [
        'makemigrations',
        'check',
        'showmigrations',
        'sqlmigrate',
        'sqlflush',
        'sqlsequencereset',
        'inspectdb',
        'diffsettings',
        'help',
        'version',
        'dumpdata',
        'collectstatic',
        'startapp',
        'startproject',
        'runserver',
        'test',
        'compilemessages',
        'makemessages',
        'show_urls',
        'validate_templates',
      ];
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
  'db:reset': {
    kind: 'reset',
    severity: 70,
    alternative: 'rails db:migrate applies pending migrations without wiping',
  },
  'db:migrate:reset': {
    kind: 'reset',
    severity: 70,
    alternative: 'rails db:migrate applies pending migrations without wiping',
  },
  'db:setup': {
    kind: 'schema-load',
    severity: 60,
    alternative: 'rails db:prepare (creates the database only when it is missing)',
  },
  'db:schema:load': { kind: 'schema-load', severity: 65, alternative: 'rails db:migrate' },
  'db:structure:load': { kind: 'schema-load', severity: 65, alternative: 'rails db:migrate' },
  'db:truncate_all': { kind: 'flush', severity: 70 },
  'db:seed:replant': { kind: 'flush', severity: 65 },
};
const RAILS_READS =
  /^(?:routes|about|stats|notes|version|-v|--version|help|-h|--help|db:version|db:migrate:status|db:schema:dump|db:structure:dump|assets:precompile|test|spec|credentials:show|middleware|initializers|secret|generate|g|new|zeitwerk:check|time:zones(?::all)?)$/;

export function rails(args: string[], cmd: SimpleCommand, ctx: AnalysisContext, label: string): Judged {
  const pos = positionals(args, ['-e', '--environment', '-b', '-p', '-c']);
  const hits: Hit[] = [];
  const findings: Finding[] = [];
  const vars = new Map(
    pos
      .filter((p) => /^[A-Z_]+=/.test(p))
      .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const),
  );
  const version = vars.get('VERSION') ?? cmd.env.VERSION;
  let reads = pos.length > 0;
  for (const task of pos) {
    if (/^[A-Z_]+=/.test(task)) continue;
    const known = own(RAILS_TASKS, task);
    if (known)
      hits.push({
        kind: known.kind,
        what: `${label} ${task}`,
        severity: known.severity,
        alternative: known.alternative,
      });
    else if (task === 'db:migrate' && version === '0')
      hits.push({ kind: 'rollback-all', what: `${label} db:migrate VERSION=0`, severity: 65 });
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
  'migrate:fresh': {
    kind: 'reset',
    severity: 70,
    alternative: 'php artisan migrate applies pending migrations without wiping',
  },
  'migrate:refresh': { kind: 'rollback-all', severity: 65, alternative: 'php artisan migrate' },
  'migrate:reset': {
    kind: 'rollback-all',
    severity: 65,
    alternative: 'php artisan migrate:rollback (last batch only)',
  },
  'db:wipe': { kind: 'drop-schema', severity: 75 },
};

export function artisan(args: string[], cmd: SimpleCommand, ctx: AnalysisContext): Judged {
  const sub = positionals(args, ['--env', '--database', '--path', '--step', '--execute'])[0] ?? '';
  const known = own(ARTISAN, sub);
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
  const reads =
    /^(?:list|help|about|route:list|migrate:status|schema:dump|db:show|db:table|model:show|env|--version|-V|make:.*|test|serve|config:show|(?:config|route|view|event):(?:cache|clear)|optimize(?::clear)?|package:discover|storage:link)$/;
  return none(reads.test(sub) || sub === '' ? 'read' : 'write');
}

export function symfony(args: string[]): Judged {
  const sub = positionals(args, ['--env', '-e', '--connection', '--em'])[0] ?? '';
  const force = hasFlag(args, ['--force', '-f']);
  if (sub === 'doctrine:database:drop' && force)
    return one('drop-database', 'bin/console doctrine:database:drop --force', 75);
  if (sub === 'doctrine:schema:drop' && force)
    return one('drop-schema', 'bin/console doctrine:schema:drop --force', 75);
  if (sub === 'doctrine:fixtures:load' && !hasFlag(args, ['--append']))
    return one('flush', 'bin/console doctrine:fixtures:load (without --append)', 60, 'doctrine:fixtures:load --append');
  if (
    sub === 'doctrine:migrations:migrate' &&
    positionals(args, ['--env', '-e', '--connection', '--em', '--configuration'])[1] === 'first'
  )
    return one('rollback-all', 'bin/console doctrine:migrations:migrate first', 65);
  if (sub === 'dbal:run-sql' || sub === 'doctrine:query:sql') {
    const sql = positionals(args, ['--env', '-e', '--connection', '--depth'])[1] ?? '';
    return { hits: [], findings: analyzeSql(sql), effect: sqlEffect(sql) };
  }
  return none(
    /^(?:list|help|about|debug:.*|doctrine:migrations:status|doctrine:schema:validate|doctrine:mapping:info|lint:.*|make:.*)$/.test(
      sub,
    )
      ? 'read'
      : 'write',
  );
}

export function alembic(args: string[], label = 'alembic'): Judged {
  const pos = positionals(args, ['-c', '--config', '-n', '--name', '-x']);
  const [sub, rev] = pos;
  if (sub === 'downgrade' && rev === 'base' && !hasFlag(args, ['--sql']))
    return one('rollback-all', `${label} downgrade base`, 65, `${label} downgrade -1 (one step at a time)`);
  return none(
    ['current', 'history', 'heads', 'branches', 'show', 'check', 'revision', 'init', 'list_templates'].includes(
      sub ?? '',
    ) || hasFlag(args, ['--sql'])
      ? 'read'
      : 'write',
  );
}

export function mix(args: string[]): Judged {
  const hits: Hit[] = [];
  let writes = false;
  for (const raw of args.slice(1)) {
    const task = raw.replace(/,$/, '');
    if (task === 'ecto.drop') hits.push({ kind: 'drop-database', what: 'mix ecto.drop', severity: 75 });
    else if (task === 'ecto.reset')
      hits.push({
        kind: 'reset',
        what: 'mix ecto.reset',
        severity: 70,
        alternative: 'mix ecto.migrate applies pending migrations without wiping',
      });
    else if (task === 'ecto.rollback' && hasFlag(args, ['--all']))
      hits.push({ kind: 'rollback-all', what: 'mix ecto.rollback --all', severity: 65 });
    if (
      task.startsWith('ecto.') &&
      !['ecto.migrations', 'ecto.gen.migration', 'ecto.gen.repo', 'ecto.dump'].includes(task)
    )
      writes = true;
  }
  return { hits, effect: writes ? 'write' : 'read' };
}
