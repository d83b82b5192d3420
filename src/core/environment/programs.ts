// Which programs reach which environments, and the words and variables that name one:
// the tables the clue readers and the environment match look up.
import * as path from 'node:path';

// ---- what counts as production without a config ----------------------------

/** `prod`, `production`, `live` as a word: delimited by . - _ / : , or the ends; `prod2` counts, `productivity`, `olive` do not. */
export const PRODUCTION_WORD = /(?:^|[.\-_/:,])(prod|production|live)\d*(?=$|[.\-_/:,])/i;

/** Variables that name the application's environment. */
export const ENV_NAME_VARS = new Set([
  'NODE_ENV',
  'RAILS_ENV',
  'RACK_ENV',
  'APP_ENV',
  'APP_ENVIRONMENT',
  'FLASK_ENV',
  'DJANGO_ENV',
  'MIX_ENV',
  'ASPNETCORE_ENVIRONMENT',
  'DOTNET_ENVIRONMENT',
  'ENVIRONMENT',
  'ENV',
  'STAGE',
  'DEPLOY_ENV',
  'SPRING_PROFILES_ACTIVE',
]);

const LOCAL_NAMES = new Set(['localhost', '::1', '0.0.0.0', 'host.docker.internal']);

/** This machine: loopback, `*.localhost`, mDNS `*.local`, the Docker host alias, unix sockets; the one rule (packs: common/urls). */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    LOCAL_NAMES.has(h) ||
    h.endsWith('.localhost') ||
    h.endsWith('.local') ||
    h.startsWith('/') ||
    /^127(\.\d{1,3}){3}$/.test(h)
  );
}

// ---- which programs use which evidence ---------------------------------------

/** libpq clients: with no host named they connect to this machine. */
export const POSTGRES_CLIENTS = [
  'psql',
  'pg_dump',
  'pg_dumpall',
  'pg_restore',
  'pg_basebackup',
  'dropdb',
  'createdb',
  'dropuser',
  'createuser',
  'vacuumdb',
  'reindexdb',
  'clusterdb',
  'pgbench',
  'pgcli',
];
/** MySQL and MariaDB clients that connect to this machine when no host is named (mysqlsh does not connect by default). */
export const MYSQL_CLIENTS = [
  'mysql',
  'mariadb',
  'mysqldump',
  'mariadb-dump',
  'mysqladmin',
  'mariadb-admin',
  'mysqlimport',
  'mycli',
];

export const DB_CLIS = new Set([
  ...POSTGRES_CLIENTS,
  ...MYSQL_CLIENTS,
  'mysqlsh',
  'mongosh',
  'mongo',
  'mongodump',
  'mongorestore',
  'mongoimport',
  'mongoexport',
  'redis-cli',
  'valkey-cli',
  'keydb-cli',
  'sqlcmd',
  'clickhouse-client',
  'clickhouse',
  'cqlsh',
  'cockroach',
  'usql',
  // Oracle's clients name their database as `user/password@connect` (`@host:port/service` or a TNS alias).
  'sqlplus',
  'sql',
  'rman',
  'expdp',
  'impdp',
]);

export const ORM_TOOLS = new Set([
  'prisma',
  'drizzle-kit',
  'knex',
  'sequelize',
  'sequelize-cli',
  'typeorm',
  'mikro-orm',
  'rails',
  'rake',
  'alembic',
  'django-admin',
  'manage.py',
  'artisan',
  'flask',
  'flyway',
  'liquibase',
  'dbmate',
  'goose',
  'migrate',
  'atlas',
  'sqlx',
  'diesel',
  'sqitch',
  'hasura',
  'graphile-migrate',
  'node-pg-migrate',
  'db-migrate',
  'mix',
  'ecto',
  'supabase',
]);

export const KUBE_TOOLS = new Set(['kubectl', 'kubecolor', 'oc', 'helm', 'helmfile', 'skaffold', 'k9s', 'stern']);

export const AWS_TOOLS = new Set([
  'aws',
  'sam',
  'cdk',
  'cdktf',
  'serverless',
  'sls',
  'copilot',
  'eb',
  'eksctl',
  'terraform',
  'tofu',
  'terragrunt',
  'pulumi',
]);

export const GCLOUD_TOOLS = new Set([
  'gcloud',
  'gsutil',
  'bq',
  'firebase',
  'terraform',
  'tofu',
  'terragrunt',
  'pulumi',
]);

export const CLOUD_TOOLS = new Set([
  ...AWS_TOOLS,
  ...GCLOUD_TOOLS,
  ...KUBE_TOOLS,
  'az',
  'doctl',
  'heroku',
  'railway',
  'fly',
  'flyctl',
  'vercel',
  'netlify',
  'wrangler',
  'neonctl',
  'neon',
  'render',
  'pscale',
  'turso',
  'ansible',
  'ansible-playbook',
  's3cmd',
  'convex',
]);

/** Run application code, which reads connection strings from its environment. */
const APP_RUNNERS = new Set([
  'node',
  'nodejs',
  'deno',
  'bun',
  'tsx',
  'ts-node',
  'python',
  'python3',
  'ruby',
  'php',
  'perl',
  'java',
  'go',
  'cargo',
  'dotnet',
  'npm',
  'yarn',
  'pnpm',
  'make',
  'just',
  'sh',
  'bash',
  'zsh',
]);

/** Only print or test data: they reach no environment, whatever their words say. */
export const INERT = new Set([
  'echo',
  'printf',
  'true',
  'false',
  'test',
  '[',
  '[[',
  ':',
  'printenv',
  'export',
  'unset',
  'read',
  'type',
  'which',
  'whereis',
  'basename',
  'dirname',
  'cd',
  'pwd',
]);

export const SSH_LIKE = new Set(['ssh', 'mosh', 'autossh']);

export const COPY_OVER_SSH = new Set(['scp', 'sftp', 'rsync']);

export const DB_SCHEMES = [
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'sqlserver',
  'mssql',
  'clickhouse',
  'cockroachdb',
];

export const URL_IN_WORD = new RegExp(
  `(?:^|[=:@"'(,])((?:${[...DB_SCHEMES, 'https?', 'wss?', 'ssh', 'ssh+git'].map((s) => s.replace('+', '\\+')).join('|')})://[^\\s"'<>]+)`,
  'gi',
);

const DB_URL = new RegExp(`(?:^|[^a-z+])(?:${DB_SCHEMES.map((s) => s.replace('+', '\\+')).join('|')})://`, 'i');

export const HOST_VARS = new Set([
  'PGHOST',
  'MYSQL_HOST',
  'DB_HOST',
  'DATABASE_HOST',
  'POSTGRES_HOST',
  'REDIS_HOST',
  'MONGO_HOST',
  'MONGODB_HOST',
]);

export const DATABASE_VARS = new Set(['PGDATABASE', 'MYSQL_DATABASE', 'DB_NAME', 'DATABASE_NAME', 'POSTGRES_DB']);

export const AWS_PROFILE_VARS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];

export const GCLOUD_PROJECT_VARS = ['CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'GCP_PROJECT'];

/** Variables that say something without holding a URL: hosts and database names, for any command that reads connections. */
export const CONNECTION_VAR_NAMES: ReadonlySet<string> = new Set([...HOST_VARS, ...DATABASE_VARS]);

/** …and for tools that read their whole environment, also the app's environment name and cloud profiles. */
export const READ_BY_TOOLS: ReadonlySet<string> = new Set([
  ...CONNECTION_VAR_NAMES,
  ...ENV_NAME_VARS,
  ...AWS_PROFILE_VARS,
  ...GCLOUD_PROJECT_VARS,
]);

const PYTHON = /^python[\d.]*$/;
const PYTHON_RUNNERS: ReadonlySet<string> = new Set(['poetry', 'pipenv', 'uv']);

/** The program as far as evidence goes: `python manage.py` → `manage.py`, `bundle exec rails` → `rails`. */
export function programOf(argv: readonly string[]): { name: string; args: readonly string[] } {
  let i = 0;
  let name = argv[0] ?? '';
  if (name.includes('/')) name = path.basename(name);
  // Run for every command judged: the python test once, and only for a name that can pass it.
  const python = name.startsWith('python') && PYTHON.test(name);
  if (name === 'bundle' && argv[1] === 'exec' && argv[2]) {
    i = 2;
    name = path.basename(argv[2]);
  } else if (python && argv[1] === '-m' && argv[2]) {
    i = 2;
    name = argv[2];
  } else if (python && argv[1]?.endsWith('manage.py')) {
    i = 1;
    name = 'manage.py';
  } else if (
    name === 'php' &&
    argv[1] &&
    (path.basename(argv[1]) === 'artisan' || path.basename(argv[1]) === 'console')
  ) {
    i = 1;
    name = path.basename(argv[1]);
  } else if (PYTHON_RUNNERS.has(name) && argv[1] === 'run' && argv[2]) {
    i = 2;
    name = path.basename(argv[2]);
  }
  // Read only (the type says so): the command's own words when nothing is skipped.
  return { name, args: i === 0 ? argv : argv.slice(i) };
}

/**
 * Which variables of its environment a command reads:
 * - `all`: database CLIs, ORMs and migration tools, cloud and kube CLIs —
 *   they are configured through their environment;
 * - `connection`: application runners (node, python, make, npm…) — only
 *   connection strings and database hosts, not NODE_ENV and friends, or every
 *   production build would count;
 * - `named`: anything else — only the variables its source names (`$VAR`).
 */
export function envReach(name: string, argv0: string): 'all' | 'connection' | 'named' {
  if (DB_CLIS.has(name) || ORM_TOOLS.has(name) || CLOUD_TOOLS.has(name)) return 'all';
  if (APP_RUNNERS.has(name) || argv0.includes('/') || /\.(sh|py|js|mjs|cjs|ts|rb|pl)$/.test(argv0)) return 'connection';
  return 'named';
}

export function isConnectionVar(name: string, value: string): boolean {
  return HOST_VARS.has(name) || DATABASE_VARS.has(name) || (value.includes('://') && DB_URL.test(value));
}
