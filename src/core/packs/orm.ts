// ORMs, migration tools and framework database tasks: the commands that drop,
// reset, wipe or roll back a whole database in one word (`prisma migrate
// reset`, `manage.py flush`, `rails db:drop`, `artisan migrate:fresh`,
// `flyway clean`). Everyday migrate / generate / studio stays silent. The
// framework's own environment matters: a reset of the test database is
// routine, a reset of production is never an agent's call.
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { alembic, artisan, django, type Judged, mix, none, rails, symfony } from './orm/tools';
import { drizzle, knex, prisma, sequelize, supabase, typeorm } from './orm/nodeTools';
import { migrationTools } from './orm/migrationTools';
import { pendingMigrationFindings } from './orm/pendingMigrations';
import { ENV_VARS, environmentOf, PROD_ENV, toFinding } from './orm/common';
import { own } from '../text/own';

// ---------------------------------------------------------------------------
// Dispatch, through the launchers the normalizer leaves in place.

/** `bundle exec`, `poetry run`, `uv run`, `pnpm exec`, `yarn`: the tool is after them. */
function unwrap(argv: readonly string[]): string[] {
  let a = [...argv];
  for (let depth = 0; depth < 4; depth++) {
    const [p, q] = a;
    if (
      (p === 'bundle' && q === 'exec') ||
      ((p === 'poetry' || p === 'pipenv' || p === 'pdm' || p === 'hatch' || p === 'rye') && q === 'run')
    )
      a = a.slice(2);
    else if (p === 'uv' && q === 'run') a = a.slice(2).filter((_, i, arr) => !(i === 0 && arr[0].startsWith('-')));
    else if ((p === 'pnpm' || p === 'yarn' || p === 'npm' || p === 'bun') && (q === 'exec' || q === 'x'))
      a = a.slice(2).filter((w, i) => !(i === 0 && w === '--'));
    else if ((p === 'yarn' || p === 'pnpm' || p === 'bun' || p === 'npm') && q === 'run' && TOOLS.has(a[2] ?? ''))
      a = a.slice(2);
    else if ((p === 'yarn' || p === 'pnpm' || p === 'bun') && q !== undefined && TOOLS.has(q)) a = a.slice(1);
    else break;
  }
  return a;
}

const BUILD_TOOLS = new Set(['mvn', 'mvnw', 'gradle', 'gradlew']);
const BUILD_GOALS: Record<string, [string, string]> = {
  'flyway:clean': ['flyway', 'clean'],
  flywayclean: ['flyway', 'clean'],
  'liquibase:dropall': ['liquibase', 'dropall'],
  dropall: ['liquibase', 'dropall'],
};

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
  else if (BUILD_TOOLS.has(tool)) {
    // Maven and Gradle run Flyway and Liquibase as goals and tasks: `mvn flyway:clean`, `gradle flywayClean`, `mvn liquibase:dropAll`.
    const goal = argv
      .slice(1)
      .map((a) => own(BUILD_GOALS, a.toLowerCase()))
      .find(Boolean);
    if (!goal) return undefined;
    tool = goal[0];
    args = [goal[0], goal[1], ...argv.slice(1).filter((a) => a.startsWith('-'))];
  }
  // Exact words: Go-style tools spell long flags with one dash (`-path`), which is no `-h` cluster.
  if (args.includes('--help') || (args.includes('-h') && tool !== 'rails')) return { judged: none('read'), args };
  let judged: Judged | undefined;
  switch (tool) {
    case 'prisma':
      judged = prisma(args, cmd, ctx);
      break;
    case 'manage.py':
      judged = django(args, cmd, ctx, 'manage.py');
      break;
    case 'django-admin':
    case 'django':
      judged = django(args, cmd, ctx, 'django-admin');
      break;
    case 'rails':
    case 'rake':
      judged = rails(args, cmd, ctx, tool);
      break;
    case 'artisan':
      judged = artisan(args, cmd, ctx);
      break;
    case 'console':
      judged = symfony(args);
      break;
    case 'alembic':
      judged = alembic(args);
      break;
    case 'knex':
      judged = knex(args);
      break;
    case 'sequelize':
    case 'sequelize-cli':
      judged = sequelize(args);
      break;
    case 'typeorm':
    case 'typeorm-ts-node-commonjs':
    case 'typeorm-ts-node-esm':
      judged = typeorm(args);
      break;
    case 'drizzle-kit':
      judged = drizzle(args);
      break;
    case 'mix':
      judged = mix(args);
      break;
    case 'supabase':
      judged = supabase(args);
      break;
    default:
      judged = migrationTools(tool, args);
  }
  return judged ? { judged, args } : undefined;
}

// ---------------------------------------------------------------------------
// The application's own data scripts, pointed at production by the framework environment.

const SCRIPT_RUNNERS = new Set(['node', 'tsx', 'ts-node', 'bun', 'deno', 'ruby', 'php', 'python', 'python3']);
/** Runners that never launch a migration tool themselves (python -m, php artisan and bun x do). */
const PLAIN_RUNNERS = new Set(['node', 'tsx', 'ts-node', 'deno', 'ruby']);
/** A script whose name says it changes data: `migrate.js`, `run-migrations.ts`, `seed_users.py`, `backfill-orders.rb`. */
const DATA_SCRIPT_RE =
  /(?:^|[-_.])(?:migrat(?:e|es|ion|ions)|seed(?:s|er|ers)?|reset(?:-?db)?|drop|wipe|purge|truncate|backfill|rollback)(?:[-_.]|$)/i;

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
  'prisma',
  'django-admin',
  'rails',
  'rake',
  'alembic',
  'knex',
  'sequelize',
  'sequelize-cli',
  'typeorm',
  'typeorm-ts-node-commonjs',
  'typeorm-ts-node-esm',
  'drizzle-kit',
  'mix',
  'supabase',
  'flyway',
  'liquibase',
  'goose',
  'migrate',
  'dbmate',
  'sqlx',
  'diesel',
  'atlas',
  'mikro-orm',
  'sqitch',
  'dotnet-ef',
  'flask',
  'artisan',
  'console',
  'manage.py',
  'hasura',
  'payload',
  'wrangler',
]);

export const ormPack: Pack = {
  id: 'orm',
  commands: [
    ...TOOLS,
    ...BUILD_TOOLS,
    'python',
    'python3',
    'py',
    'php',
    'sail',
    'dotnet',
    'bundle',
    'poetry',
    'pipenv',
    'uv',
    'pdm',
    'hatch',
    'rye',
    'pnpm',
    'yarn',
    'npm',
    'bun',
    'node',
    'tsx',
    'ts-node',
    'deno',
    'ruby',
  ],
  analyze(cmd, ctx) {
    const r = PLAIN_RUNNERS.has(cmd.argv[0]) ? undefined : judge(cmd, ctx);
    // The SQL a migration runner applies from its folder, which the command line does not show.
    const pending = PLAIN_RUNNERS.has(cmd.argv[0]) ? undefined : pendingMigrationFindings(unwrap(cmd.argv), cmd, ctx);
    if (!r) {
      const f = productionScriptFinding(cmd);
      const out = [...(f ? [f] : []), ...(pending ?? [])];
      return out.length ? out : undefined;
    }
    const out = [
      ...r.judged.hits.map((h) => toFinding(h, cmd, r.args)),
      ...(r.judged.findings ?? []),
      ...(pending ?? []),
    ];
    return out.length ? out : undefined;
  },
  effect(cmd, ctx) {
    return PLAIN_RUNNERS.has(cmd.argv[0]) ? undefined : judge(cmd, ctx)?.judged.effect;
  },
};
